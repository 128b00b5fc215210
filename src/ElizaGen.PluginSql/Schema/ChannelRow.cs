using System.Text.Json;

namespace ElizaGen.PluginSql.Schema;

/// <summary>A row of <c>channels</c>: a channel of a message server. Its id is <c>text</c> holding a UUID.</summary>
/// <param name="Id">The channel's id.</param>
/// <param name="MessageServerId">The message server.</param>
/// <param name="Name">The channel's name.</param>
/// <param name="Type">The channel type (GROUP, DM, …).</param>
/// <param name="SourceType">Where it comes from, if known.</param>
/// <param name="SourceId">Its id on the source platform, if any.</param>
/// <param name="Topic">The topic, if any.</param>
/// <param name="Metadata">Free-form metadata.</param>
/// <param name="CreatedAt">When it was created (UTC wall-clock time).</param>
/// <param name="UpdatedAt">When it was last changed (UTC wall-clock time).</param>
[Table("channels")]
public sealed partial record ChannelRow(
    [property: PrimaryKey] string Id,
    [property: References(typeof(MessageServerRow), OnDelete = ReferentialAction.Cascade)] Guid MessageServerId,
    string Name,
    string Type,
    string? SourceType,
    string? SourceId,
    string? Topic,
    [property: Jsonb] JsonElement? Metadata,
    [property: Default("CURRENT_TIMESTAMP")] DateTime CreatedAt,
    [property: Default("CURRENT_TIMESTAMP")] DateTime UpdatedAt);
