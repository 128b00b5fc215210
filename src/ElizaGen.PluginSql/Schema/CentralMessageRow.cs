using System.Text.Json;

namespace ElizaGen.PluginSql.Schema;

/// <summary>A row of <c>central_messages</c>: a message in a channel. Ids are <c>text</c> holding UUIDs.</summary>
/// <param name="Id">The message's id.</param>
/// <param name="ChannelId">The channel.</param>
/// <param name="AuthorId">The author.</param>
/// <param name="Content">The message text.</param>
/// <param name="RawMessage">The message as the source platform gave it, if kept.</param>
/// <param name="InReplyToRootMessageId">The thread's first message, if this is a reply.</param>
/// <param name="SourceType">Where it comes from, if known.</param>
/// <param name="SourceId">Its id on the source platform, if any.</param>
/// <param name="Metadata">Free-form metadata.</param>
/// <param name="CreatedAt">When it was created (UTC wall-clock time).</param>
/// <param name="UpdatedAt">When it was last changed (UTC wall-clock time).</param>
[Table("central_messages")]
public sealed partial record CentralMessageRow(
    [property: PrimaryKey] string Id,
    [property: References(typeof(ChannelRow), OnDelete = ReferentialAction.Cascade)] string ChannelId,
    string AuthorId,
    string Content,
    [property: Jsonb] JsonElement? RawMessage,
    [property: References(typeof(CentralMessageRow), OnDelete = ReferentialAction.SetNull)] string? InReplyToRootMessageId,
    string? SourceType,
    string? SourceId,
    [property: Jsonb] JsonElement? Metadata,
    [property: Default("CURRENT_TIMESTAMP")] DateTime CreatedAt,
    [property: Default("CURRENT_TIMESTAMP")] DateTime UpdatedAt);
