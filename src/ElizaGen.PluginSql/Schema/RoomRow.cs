using System.Text.Json;

namespace ElizaGen.PluginSql.Schema;

/// <summary>A row of <c>rooms</c>: a conversation place (a channel, a DM, a thread).</summary>
/// <param name="Id">The room's id.</param>
/// <param name="AgentId">The agent the room belongs to.</param>
/// <param name="Source">Where the room comes from (discord, telegram, …).</param>
/// <param name="Type">The channel type (GROUP, DM, …).</param>
/// <param name="MessageServerId">The message server, if any.</param>
/// <param name="WorldId">The world the room is in, if any (not a foreign key in the original schema).</param>
/// <param name="Name">The room's name, if any.</param>
/// <param name="Metadata">Free-form metadata.</param>
/// <param name="ChannelId">The channel id on the source platform, if any.</param>
/// <param name="CreatedAt">When the room was created (UTC wall-clock time).</param>
[Table("rooms")]
public sealed partial record RoomRow(
    [property: PrimaryKey, Default("gen_random_uuid()")] Guid Id,
    [property: References(typeof(AgentRow), OnDelete = ReferentialAction.Cascade)] Guid? AgentId,
    string Source,
    string Type,
    Guid? MessageServerId,
    Guid? WorldId,
    string? Name,
    [property: Jsonb] JsonElement? Metadata,
    string? ChannelId,
    [property: Default("now()")] DateTime CreatedAt);
