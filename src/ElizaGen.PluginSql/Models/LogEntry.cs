using System.Text.Json.Nodes;

namespace ElizaGen.PluginSql.Models;

/// <summary>An event an agent recorded (an action, an evaluator, a model call, a run event).</summary>
/// <param name="Id">The log's id.</param>
/// <param name="EntityId">The entity it concerns.</param>
/// <param name="RoomId">The room it happened in.</param>
/// <param name="Type">The event type.</param>
/// <param name="Body">The event's data.</param>
/// <param name="CreatedAt">When it was recorded.</param>
public sealed record LogEntry(Guid Id, Guid EntityId, Guid RoomId, string Type, JsonObject Body, DateTimeOffset CreatedAt);

/// <summary>The filters of <see cref="ElizaDatabaseAdapter.GetLogsAsync"/>.</summary>
public sealed record LogQuery
{
    /// <summary>Only logs of this entity.</summary>
    public Guid? EntityId { get; init; }

    /// <summary>Only logs of this room.</summary>
    public Guid? RoomId { get; init; }

    /// <summary>Only logs of this type.</summary>
    public string? Type { get; init; }

    /// <summary>At most this many, newest first (default 10).</summary>
    public int Count { get; init; } = 10;

    /// <summary>Skip this many first.</summary>
    public int Offset { get; init; }
}
