using System.Text.Json;

namespace ElizaGen.PluginSql.Schema;

/// <summary>A row of <c>entities</c>: a person, agent or thing an agent knows, by its names.</summary>
/// <param name="Id">The entity's id.</param>
/// <param name="AgentId">The agent that knows the entity.</param>
/// <param name="CreatedAt">When the entity was created (UTC wall-clock time).</param>
/// <param name="Names">The entity's names.</param>
/// <param name="Metadata">Free-form metadata.</param>
[Table("entities")]
[Unique(nameof(Id), nameof(AgentId), Name = "id_agent_id_unique")]
public sealed partial record EntityRow(
    [property: PrimaryKey] Guid Id,
    [property: References(typeof(AgentRow), OnDelete = ReferentialAction.Cascade)] Guid AgentId,
    [property: Default("now()")] DateTime CreatedAt,
    [property: Default("'{}'::text[]")] string[] Names,
    [property: Jsonb, Default("'{}'::jsonb")] JsonElement Metadata);
