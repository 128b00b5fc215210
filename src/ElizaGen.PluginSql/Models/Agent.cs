using System.Text.Json.Nodes;

namespace ElizaGen.PluginSql.Models;

/// <summary>An agent: its character (name, bio, examples, style) and settings.</summary>
public sealed record Agent
{
    /// <summary>The agent's id.</summary>
    public required Guid Id { get; init; }

    /// <summary>The agent's name.</summary>
    public required string Name { get; init; }

    /// <summary>The agent's user name, if any.</summary>
    public string? Username { get; init; }

    /// <summary>The system prompt, if any.</summary>
    public string? System { get; init; }

    /// <summary>A string or an array of strings; null stores the column default (an empty array).</summary>
    public JsonNode? Bio { get; init; }

    /// <summary>Example conversations (an array of arrays of messages).</summary>
    public JsonArray? MessageExamples { get; init; }

    /// <summary>Example posts.</summary>
    public JsonArray? PostExamples { get; init; }

    /// <summary>Topics.</summary>
    public JsonArray? Topics { get; init; }

    /// <summary>Adjectives.</summary>
    public JsonArray? Adjectives { get; init; }

    /// <summary>Knowledge items (strings, or objects with <c>path</c> and <c>shared</c>).</summary>
    public JsonArray? Knowledge { get; init; }

    /// <summary>Plugin names.</summary>
    public JsonArray? Plugins { get; init; }

    /// <summary>Free-form settings, with <c>secrets</c>.</summary>
    public JsonObject? Settings { get; init; }

    /// <summary>Style rules (<c>all</c>, <c>chat</c>, <c>post</c>).</summary>
    public JsonObject? Style { get; init; }

    /// <summary>False when the agent is switched off.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>The server the agent runs on (row-level security), if any.</summary>
    public Guid? ServerId { get; init; }

    /// <summary>When the agent was created; now when null on create.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>When the agent was last changed; now when null on create.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }
}

/// <summary>
/// The changes <see cref="ElizaDatabaseAdapter.UpdateAgentAsync"/> applies: a null property is left as it is.
/// <see cref="Settings"/> is deep-merged into the stored settings: a key whose value is JSON null is removed,
/// nested objects are merged key by key, anything else replaces the stored value.
/// </summary>
public sealed record AgentUpdate
{
    /// <summary>A new name.</summary>
    public string? Name { get; init; }

    /// <summary>A new user name.</summary>
    public string? Username { get; init; }

    /// <summary>A new system prompt.</summary>
    public string? System { get; init; }

    /// <summary>A new bio.</summary>
    public JsonNode? Bio { get; init; }

    /// <summary>New example conversations.</summary>
    public JsonArray? MessageExamples { get; init; }

    /// <summary>New example posts.</summary>
    public JsonArray? PostExamples { get; init; }

    /// <summary>New topics.</summary>
    public JsonArray? Topics { get; init; }

    /// <summary>New adjectives.</summary>
    public JsonArray? Adjectives { get; init; }

    /// <summary>New knowledge items.</summary>
    public JsonArray? Knowledge { get; init; }

    /// <summary>New plugin names.</summary>
    public JsonArray? Plugins { get; init; }

    /// <summary>Settings to deep-merge into the stored ones (JSON null deletes a key).</summary>
    public JsonObject? Settings { get; init; }

    /// <summary>New style rules.</summary>
    public JsonObject? Style { get; init; }

    /// <summary>Switches the agent on or off.</summary>
    public bool? Enabled { get; init; }

    /// <summary>A new server id.</summary>
    public Guid? ServerId { get; init; }

    /// <summary>The change time to record; now when null.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }
}

/// <summary>An agent as <see cref="ElizaDatabaseAdapter.GetAgentsAsync"/> lists it: id, name and bio.</summary>
/// <param name="Id">The agent's id.</param>
/// <param name="Name">The agent's name.</param>
/// <param name="Bio">A string or an array of strings.</param>
public sealed record AgentSummary(Guid Id, string Name, JsonNode? Bio);
