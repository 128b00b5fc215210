using System.Text.Json;

namespace ElizaGen.PluginSql.Schema;

/// <summary>A row of <c>tasks</c>: work an agent has scheduled, found by name or tags.</summary>
/// <param name="Id">The task's id.</param>
/// <param name="Name">The task's name (its worker's name).</param>
/// <param name="Description">A description, if any.</param>
/// <param name="RoomId">The room, if any.</param>
/// <param name="WorldId">The world, if any.</param>
/// <param name="EntityId">The entity, if any.</param>
/// <param name="AgentId">The agent that owns the task.</param>
/// <param name="Tags">Tags (queue, repeat, …).</param>
/// <param name="Metadata">Free-form metadata (intervals, options).</param>
/// <param name="CreatedAt">When the task was created.</param>
/// <param name="UpdatedAt">When the task was last changed.</param>
[Table("tasks")]
public sealed partial record TaskRow(
    [property: PrimaryKey, Default("gen_random_uuid()")] Guid Id,
    string Name,
    string? Description,
    Guid? RoomId,
    Guid? WorldId,
    Guid? EntityId,
    [property: References(typeof(AgentRow), OnDelete = ReferentialAction.Cascade)] Guid AgentId,
    [property: Default("'{}'::text[]")] string[]? Tags,
    [property: Jsonb, Default("'{}'::jsonb")] JsonElement? Metadata,
    [property: Default("now()")] DateTimeOffset? CreatedAt,
    [property: Default("now()")] DateTimeOffset? UpdatedAt);
