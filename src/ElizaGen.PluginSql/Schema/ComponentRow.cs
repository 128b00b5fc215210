using System.Text.Json;

namespace ElizaGen.PluginSql.Schema;

/// <summary>A row of <c>components</c>: typed data attached to an entity (in a room, optionally a world).</summary>
/// <param name="Id">The component's id.</param>
/// <param name="EntityId">The entity the component belongs to.</param>
/// <param name="AgentId">The agent that owns the component.</param>
/// <param name="RoomId">The room the component was recorded in.</param>
/// <param name="WorldId">The world, if any.</param>
/// <param name="SourceEntityId">The entity that provided the data, if any.</param>
/// <param name="Type">The component type.</param>
/// <param name="Data">The component's data.</param>
/// <param name="CreatedAt">When the component was created (UTC wall-clock time).</param>
[Table("components")]
public sealed partial record ComponentRow(
    [property: PrimaryKey, Default("gen_random_uuid()")] Guid Id,
    [property: References(typeof(EntityRow), OnDelete = ReferentialAction.Cascade)] Guid EntityId,
    [property: References(typeof(AgentRow), OnDelete = ReferentialAction.Cascade)] Guid AgentId,
    [property: References(typeof(RoomRow), OnDelete = ReferentialAction.Cascade)] Guid RoomId,
    [property: References(typeof(WorldRow), OnDelete = ReferentialAction.Cascade)] Guid? WorldId,
    [property: References(typeof(EntityRow), OnDelete = ReferentialAction.Cascade)] Guid? SourceEntityId,
    string Type,
    [property: Jsonb, Default("'{}'::jsonb")] JsonElement? Data,
    [property: Default("now()")] DateTime CreatedAt);
