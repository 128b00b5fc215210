using System.Text.Json;

namespace ElizaGen.PluginSql.Schema;

/// <summary>A row of <c>cache</c>: a JSON value an agent keeps under a key, optionally until it expires.</summary>
/// <param name="Key">The key.</param>
/// <param name="AgentId">The agent that owns the entry.</param>
/// <param name="Value">The cached value.</param>
/// <param name="CreatedAt">When the entry was written.</param>
/// <param name="ExpiresAt">When the entry stops being returned, if ever.</param>
[Table("cache")]
public sealed partial record CacheRow(
    [property: PrimaryKey(Order = 0)] string Key,
    [property: PrimaryKey(Order = 1), References(typeof(AgentRow), OnDelete = ReferentialAction.Cascade)] Guid AgentId,
    [property: Jsonb] JsonElement Value,
    [property: Default("now()")] DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt);
