using System.Text.Json.Nodes;

namespace ElizaGen.PluginSql.Models;

/// <summary>A conversation place: a channel, a DM, a thread, a feed.</summary>
public sealed record Room
{
    /// <summary>The room's id; a new one is made when null on create.</summary>
    public Guid? Id { get; init; }

    /// <summary>The room's name, if any.</summary>
    public string? Name { get; init; }

    /// <summary>The agent the room belongs to (always the adapter's agent when created through it).</summary>
    public Guid? AgentId { get; init; }

    /// <summary>Where the room comes from (discord, telegram, …).</summary>
    public required string Source { get; init; }

    /// <summary>The channel type (<c>GROUP</c>, <c>DM</c>, <c>SELF</c>, …).</summary>
    public required string Type { get; init; }

    /// <summary>The message server, if any.</summary>
    public Guid? MessageServerId { get; init; }

    /// <summary>The world, if any.</summary>
    public Guid? WorldId { get; init; }

    /// <summary>The channel id on the source platform, if any.</summary>
    public string? ChannelId { get; init; }

    /// <summary>Free-form metadata.</summary>
    public JsonObject? Metadata { get; init; }

    /// <summary>When the room was created (read only).</summary>
    public DateTimeOffset? CreatedAt { get; init; }
}

/// <summary>A world: a server or community that holds rooms.</summary>
public sealed record World
{
    /// <summary>The world's id; a new one is made when null on create.</summary>
    public Guid? Id { get; init; }

    /// <summary>The agent that owns the world; the adapter's agent when null on create.</summary>
    public Guid? AgentId { get; init; }

    /// <summary>The world's name.</summary>
    public string Name { get; init; } = "";

    /// <summary>Free-form metadata (ownership, roles, settings).</summary>
    public JsonObject? Metadata { get; init; }

    /// <summary>The message server the world mirrors, if any.</summary>
    public Guid? MessageServerId { get; init; }

    /// <summary>When the world was created (read only).</summary>
    public DateTimeOffset? CreatedAt { get; init; }
}

/// <summary>A room participation of an entity, as <see cref="ElizaDatabaseAdapter.GetParticipantsForEntityAsync"/> returns it.</summary>
/// <param name="Id">The participation's id.</param>
/// <param name="Entity">The entity.</param>
/// <param name="RoomId">The room.</param>
public sealed record Participant(Guid Id, Entity Entity, Guid? RoomId);

/// <summary>How an entity follows a room.</summary>
public enum ParticipantUserState
{
    /// <summary>Stored as <c>FOLLOWED</c>: the agent follows the room.</summary>
    Followed,

    /// <summary>Stored as <c>MUTED</c>: the agent ignores the room.</summary>
    Muted,
}

/// <summary>A tagged link between two entities, as one agent sees it.</summary>
public sealed record Relationship
{
    /// <summary>The relationship's id.</summary>
    public required Guid Id { get; init; }

    /// <summary>The entity the link starts from.</summary>
    public required Guid SourceEntityId { get; init; }

    /// <summary>The entity the link goes to.</summary>
    public required Guid TargetEntityId { get; init; }

    /// <summary>The agent whose view this is.</summary>
    public required Guid AgentId { get; init; }

    /// <summary>Tags (friend, colleague, …).</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Free-form metadata.</summary>
    public JsonObject Metadata { get; init; } = [];

    /// <summary>When the relationship was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }
}
