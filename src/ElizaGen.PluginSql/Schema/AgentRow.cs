using System.Text.Json;

namespace ElizaGen.PluginSql.Schema;

/// <summary>A row of <c>agents</c>: an agent's character and settings.</summary>
/// <param name="Id">The agent's id.</param>
/// <param name="Enabled">False when the agent is switched off.</param>
/// <param name="ServerId">The server the agent runs on (row-level security), if any.</param>
/// <param name="CreatedAt">When the agent was created.</param>
/// <param name="UpdatedAt">When the agent was last changed.</param>
/// <param name="Name">The agent's name.</param>
/// <param name="Username">The agent's user name, if any.</param>
/// <param name="System">The system prompt, if any.</param>
/// <param name="Bio">A string or an array of strings.</param>
/// <param name="MessageExamples">Example conversations (an array of arrays).</param>
/// <param name="PostExamples">Example posts.</param>
/// <param name="Topics">Topics.</param>
/// <param name="Adjectives">Adjectives.</param>
/// <param name="Knowledge">Knowledge items (strings or objects).</param>
/// <param name="Plugins">Plugin names.</param>
/// <param name="Settings">Free-form settings (with <c>secrets</c>).</param>
/// <param name="Style">Style rules (<c>all</c>, <c>chat</c>, <c>post</c>).</param>
[Table("agents")]
public sealed partial record AgentRow(
    [property: PrimaryKey, Default("gen_random_uuid()")] Guid Id,
    [property: Default("true")] bool Enabled,
    Guid? ServerId,
    [property: Default("now()")] DateTimeOffset CreatedAt,
    [property: Default("now()")] DateTimeOffset UpdatedAt,
    string Name,
    string? Username,
    [property: Default("''")] string? System,
    [property: Jsonb, Default("'[]'::jsonb")] JsonElement? Bio,
    [property: Jsonb, Default("'[]'::jsonb")] JsonElement MessageExamples,
    [property: Jsonb, Default("'[]'::jsonb")] JsonElement PostExamples,
    [property: Jsonb, Default("'[]'::jsonb")] JsonElement Topics,
    [property: Jsonb, Default("'[]'::jsonb")] JsonElement Adjectives,
    [property: Jsonb, Default("'[]'::jsonb")] JsonElement Knowledge,
    [property: Jsonb, Default("'[]'::jsonb")] JsonElement Plugins,
    [property: Jsonb, Default("'{}'::jsonb")] JsonElement Settings,
    [property: Jsonb, Default("'{}'::jsonb")] JsonElement Style);
