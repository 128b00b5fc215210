using System.Text.Json.Nodes;

namespace ElizaGen.PluginSql.Models;

/// <summary>A messaging server (a discord guild, the central server, …).</summary>
/// <param name="Id">The server's id.</param>
/// <param name="Name">The server's name.</param>
/// <param name="SourceType">Where it comes from.</param>
/// <param name="SourceId">Its id on the source platform, if any.</param>
/// <param name="Metadata">Free-form metadata.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="UpdatedAt">When it was last changed.</param>
public sealed record MessageServer(
    Guid Id, string Name, string SourceType, string? SourceId, JsonObject? Metadata, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>A channel of a message server.</summary>
/// <param name="Id">The channel's id.</param>
/// <param name="MessageServerId">The message server.</param>
/// <param name="Name">The channel's name.</param>
/// <param name="Type">The channel type (<c>GROUP</c>, <c>DM</c>, …).</param>
/// <param name="SourceType">Where it comes from, if known.</param>
/// <param name="SourceId">Its id on the source platform, if any.</param>
/// <param name="Topic">The topic, if any.</param>
/// <param name="Metadata">Free-form metadata.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="UpdatedAt">When it was last changed.</param>
public sealed record Channel(
    Guid Id, Guid MessageServerId, string Name, string Type, string? SourceType, string? SourceId, string? Topic,
    JsonObject? Metadata, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>What <see cref="ElizaDatabaseAdapter.CreateChannelAsync"/> creates.</summary>
/// <param name="MessageServerId">The message server.</param>
/// <param name="Name">The channel's name.</param>
/// <param name="Type">The channel type (<c>GROUP</c>, <c>DM</c>, …).</param>
public sealed record NewChannel(Guid MessageServerId, string Name, string Type)
{
    /// <summary>The channel's id; a new one is made when null.</summary>
    public Guid? Id { get; init; }

    /// <summary>Where it comes from, if known.</summary>
    public string? SourceType { get; init; }

    /// <summary>Its id on the source platform, if any.</summary>
    public string? SourceId { get; init; }

    /// <summary>The topic, if any.</summary>
    public string? Topic { get; init; }

    /// <summary>Free-form metadata.</summary>
    public JsonObject? Metadata { get; init; }
}

/// <summary>A message in a channel.</summary>
/// <param name="Id">The message's id.</param>
/// <param name="ChannelId">The channel.</param>
/// <param name="AuthorId">The author.</param>
/// <param name="Content">The message text.</param>
/// <param name="RawMessage">The message as the source platform gave it, if kept.</param>
/// <param name="SourceType">Where it comes from, if known.</param>
/// <param name="SourceId">Its id on the source platform, if any.</param>
/// <param name="Metadata">Free-form metadata.</param>
/// <param name="InReplyToRootMessageId">The thread's first message, if this is a reply.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="UpdatedAt">When it was last changed.</param>
public sealed record CentralMessage(
    Guid Id, Guid ChannelId, Guid AuthorId, string Content, JsonObject? RawMessage, string? SourceType, string? SourceId,
    JsonObject? Metadata, Guid? InReplyToRootMessageId, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>What <see cref="ElizaDatabaseAdapter.CreateMessageAsync"/> creates.</summary>
/// <param name="ChannelId">The channel.</param>
/// <param name="AuthorId">The author.</param>
/// <param name="Content">The message text.</param>
public sealed record NewMessage(Guid ChannelId, Guid AuthorId, string Content)
{
    /// <summary>The message's id; a new one is made when null.</summary>
    public Guid? MessageId { get; init; }

    /// <summary>The message as the source platform gave it.</summary>
    public JsonObject? RawMessage { get; init; }

    /// <summary>Where it comes from.</summary>
    public string? SourceType { get; init; }

    /// <summary>Its id on the source platform.</summary>
    public string? SourceId { get; init; }

    /// <summary>Free-form metadata.</summary>
    public JsonObject? Metadata { get; init; }

    /// <summary>The thread's first message, for a reply.</summary>
    public Guid? InReplyToRootMessageId { get; init; }
}

/// <summary>The changes <see cref="ElizaDatabaseAdapter.UpdateMessageAsync"/> applies: a null property is left as it is.</summary>
public sealed record MessageUpdate
{
    /// <summary>New text.</summary>
    public string? Content { get; init; }

    /// <summary>A new raw message.</summary>
    public JsonObject? RawMessage { get; init; }

    /// <summary>A new source type.</summary>
    public string? SourceType { get; init; }

    /// <summary>A new source id.</summary>
    public string? SourceId { get; init; }

    /// <summary>New metadata.</summary>
    public JsonObject? Metadata { get; init; }

    /// <summary>A new thread root.</summary>
    public Guid? InReplyToRootMessageId { get; init; }
}

/// <summary>The changes <see cref="ElizaDatabaseAdapter.UpdateChannelAsync"/> applies: a null property is left as it is.</summary>
public sealed record ChannelUpdate
{
    /// <summary>A new name.</summary>
    public string? Name { get; init; }

    /// <summary>New metadata.</summary>
    public JsonObject? Metadata { get; init; }

    /// <summary>The channel's participants, replacing the current ones.</summary>
    public IReadOnlyList<Guid>? ParticipantIds { get; init; }
}
