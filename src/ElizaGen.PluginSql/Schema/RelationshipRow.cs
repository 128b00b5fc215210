using System.Text.Json;

namespace ElizaGen.PluginSql.Schema;

/// <summary>A row of <c>relationships</c>: a tagged link between two entities, as one agent sees it.</summary>
/// <param name="Id">The row's id.</param>
/// <param name="CreatedAt">When the relationship was created.</param>
/// <param name="SourceEntityId">The entity the link starts from.</param>
/// <param name="TargetEntityId">The entity the link goes to.</param>
/// <param name="AgentId">The agent whose view this is.</param>
/// <param name="Tags">Tags (friend, colleague, …).</param>
/// <param name="Metadata">Free-form metadata.</param>
[Table("relationships")]
[Index(nameof(SourceEntityId), nameof(TargetEntityId), Name = "idx_relationships_users")]
[Unique(nameof(SourceEntityId), nameof(TargetEntityId), nameof(AgentId), Name = "unique_relationship")]
public sealed partial record RelationshipRow(
    [property: PrimaryKey, Default("gen_random_uuid()")] Guid Id,
    [property: Default("now()")] DateTimeOffset CreatedAt,
    [property: References(typeof(EntityRow), OnDelete = ReferentialAction.Cascade)]
    [property: References(typeof(EntityRow), OnDelete = ReferentialAction.Cascade, Name = "fk_user_a")] Guid SourceEntityId,
    [property: References(typeof(EntityRow), OnDelete = ReferentialAction.Cascade)]
    [property: References(typeof(EntityRow), OnDelete = ReferentialAction.Cascade, Name = "fk_user_b")] Guid TargetEntityId,
    [property: References(typeof(AgentRow), OnDelete = ReferentialAction.Cascade)] Guid AgentId,
    string[]? Tags,
    [property: Jsonb] JsonElement? Metadata);
