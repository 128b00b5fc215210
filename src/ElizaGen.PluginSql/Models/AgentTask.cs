using System.Text.Json.Nodes;

namespace ElizaGen.PluginSql.Models;

/// <summary>Work an agent has scheduled (the ElizaOS <c>Task</c>), found by name or tags.</summary>
public sealed record AgentTask
{
    /// <summary>The task's id; a new one is made when null on create.</summary>
    public Guid? Id { get; init; }

    /// <summary>The task's name (its worker's name).</summary>
    public required string Name { get; init; }

    /// <summary>A description, if any.</summary>
    public string? Description { get; init; }

    /// <summary>The room, if any.</summary>
    public Guid? RoomId { get; init; }

    /// <summary>The world, if any.</summary>
    public Guid? WorldId { get; init; }

    /// <summary>The entity, if any.</summary>
    public Guid? EntityId { get; init; }

    /// <summary>Tags (queue, repeat, …).</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Free-form metadata (update interval, options).</summary>
    public JsonObject? Metadata { get; init; }

    /// <summary>When the task was created (read only).</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>When the task was last changed (read only).</summary>
    public DateTimeOffset? UpdatedAt { get; init; }
}

/// <summary>The changes <see cref="ElizaDatabaseAdapter.UpdateTaskAsync"/> applies: a null property is left as it is.</summary>
public sealed record AgentTaskUpdate
{
    /// <summary>A new name.</summary>
    public string? Name { get; init; }

    /// <summary>A new description.</summary>
    public string? Description { get; init; }

    /// <summary>A new room.</summary>
    public Guid? RoomId { get; init; }

    /// <summary>A new world.</summary>
    public Guid? WorldId { get; init; }

    /// <summary>New tags (replacing the old ones).</summary>
    public IReadOnlyList<string>? Tags { get; init; }

    /// <summary>New metadata (replacing the old one).</summary>
    public JsonObject? Metadata { get; init; }
}
