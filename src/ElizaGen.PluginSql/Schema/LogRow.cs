using System.Text.Json;

namespace ElizaGen.PluginSql.Schema;

/// <summary>
/// A row of <c>logs</c>: an event an agent recorded (actions, evaluators, model calls, run events). The primary key
/// on <c>id</c> is an addition to the original schema, which has none.
/// </summary>
/// <param name="Id">The log's id.</param>
/// <param name="CreatedAt">When it was recorded.</param>
/// <param name="EntityId">The entity it concerns.</param>
/// <param name="Body">The event's data.</param>
/// <param name="Type">The event type.</param>
/// <param name="RoomId">The room it happened in.</param>
[Table("logs")]
public sealed partial record LogRow(
    [property: PrimaryKey, Default("gen_random_uuid()")] Guid Id,
    [property: Default("now()")] DateTimeOffset CreatedAt,
    [property: References(typeof(EntityRow), OnDelete = ReferentialAction.Cascade)] Guid EntityId,
    [property: Jsonb] JsonElement Body,
    string Type,
    [property: References(typeof(RoomRow), OnDelete = ReferentialAction.Cascade)] Guid RoomId);
