namespace ElizaGen.PluginSql.Schema;

/// <summary>A row of <c>channel_participants</c>: an entity in a channel (both <c>text</c> holding UUIDs).</summary>
/// <param name="ChannelId">The channel.</param>
/// <param name="EntityId">The entity.</param>
[Table("channel_participants")]
public sealed partial record ChannelParticipantRow(
    [property: PrimaryKey(Order = 0), References(typeof(ChannelRow), OnDelete = ReferentialAction.Cascade)] string ChannelId,
    [property: PrimaryKey(Order = 1)] string EntityId);
