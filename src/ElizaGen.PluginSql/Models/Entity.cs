using System.Text.Json.Nodes;

namespace ElizaGen.PluginSql.Models;

/// <summary>A person, agent or thing an agent knows, by its names, with its components when asked for.</summary>
public sealed record Entity
{
    /// <summary>The entity's id.</summary>
    public required Guid Id { get; init; }

    /// <summary>The agent that knows the entity; the adapter's agent when null on create.</summary>
    public Guid? AgentId { get; init; }

    /// <summary>The entity's names (null and blank entries are dropped when stored).</summary>
    public IReadOnlyList<string> Names { get; init; } = [];

    /// <summary>Free-form metadata.</summary>
    public JsonObject? Metadata { get; init; }

    /// <summary>The entity's components, when the call includes them; otherwise null.</summary>
    public IReadOnlyList<Component>? Components { get; init; }

    /// <summary>When the entity was created (read only).</summary>
    public DateTimeOffset? CreatedAt { get; init; }
}

/// <summary>Typed data attached to an entity.</summary>
public sealed record Component
{
    /// <summary>The component's id.</summary>
    public required Guid Id { get; init; }

    /// <summary>The entity the component belongs to.</summary>
    public required Guid EntityId { get; init; }

    /// <summary>The agent that owns the component; the adapter's agent when null on create.</summary>
    public Guid? AgentId { get; init; }

    /// <summary>The room the component was recorded in.</summary>
    public required Guid RoomId { get; init; }

    /// <summary>The world, if any.</summary>
    public Guid? WorldId { get; init; }

    /// <summary>The entity that provided the data, if any.</summary>
    public Guid? SourceEntityId { get; init; }

    /// <summary>The component type.</summary>
    public required string Type { get; init; }

    /// <summary>The component's data.</summary>
    public JsonObject? Data { get; init; }

    /// <summary>When the component was created; now when null on create.</summary>
    public DateTimeOffset? CreatedAt { get; init; }
}
