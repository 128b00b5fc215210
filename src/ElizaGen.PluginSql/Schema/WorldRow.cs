using System.Text.Json;

namespace ElizaGen.PluginSql.Schema;

/// <summary>A row of <c>worlds</c>: a server or community that holds rooms.</summary>
/// <param name="Id">The world's id.</param>
/// <param name="AgentId">The agent that owns the world.</param>
/// <param name="Name">The world's name.</param>
/// <param name="Metadata">Free-form metadata.</param>
/// <param name="MessageServerId">The message server the world mirrors, if any.</param>
/// <param name="CreatedAt">When the world was created (UTC wall-clock time).</param>
[Table("worlds")]
public sealed partial record WorldRow(
    [property: PrimaryKey, Default("gen_random_uuid()")] Guid Id,
    [property: References(typeof(AgentRow), OnDelete = ReferentialAction.Cascade)] Guid AgentId,
    string Name,
    [property: Jsonb] JsonElement? Metadata,
    Guid? MessageServerId,
    [property: Default("now()")] DateTime CreatedAt);
