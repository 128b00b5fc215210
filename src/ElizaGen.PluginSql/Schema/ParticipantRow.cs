namespace ElizaGen.PluginSql.Schema;

/// <summary>A row of <c>participants</c>: an entity taking part in a room, with its follow state.</summary>
/// <param name="Id">The row's id.</param>
/// <param name="CreatedAt">When the entity joined.</param>
/// <param name="EntityId">The entity.</param>
/// <param name="RoomId">The room.</param>
/// <param name="AgentId">The agent whose view this is.</param>
/// <param name="RoomState"><c>FOLLOWED</c>, <c>MUTED</c> or null.</param>
[Table("participants")]
[Index(nameof(EntityId), Name = "idx_participants_user")]
[Index(nameof(RoomId), Name = "idx_participants_room")]
public sealed partial record ParticipantRow(
    [property: PrimaryKey, Default("gen_random_uuid()")] Guid Id,
    [property: Default("now()")] DateTimeOffset CreatedAt,
    [property: References(typeof(EntityRow), OnDelete = ReferentialAction.Cascade)]
    [property: References(typeof(EntityRow), OnDelete = ReferentialAction.Cascade, Name = "fk_user")] Guid? EntityId,
    [property: References(typeof(RoomRow), OnDelete = ReferentialAction.Cascade)]
    [property: References(typeof(RoomRow), OnDelete = ReferentialAction.Cascade, Name = "fk_room")] Guid? RoomId,
    [property: References(typeof(AgentRow), OnDelete = ReferentialAction.Cascade)] Guid? AgentId,
    string? RoomState);
