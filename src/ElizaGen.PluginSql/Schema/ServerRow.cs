namespace ElizaGen.PluginSql.Schema;

/// <summary>A row of <c>servers</c>: a server id used by the ElizaOS plugin's row-level security.</summary>
/// <param name="Id">The server id.</param>
/// <param name="CreatedAt">When the row was created.</param>
/// <param name="UpdatedAt">When the row was last changed.</param>
[Table("servers")]
public sealed partial record ServerRow(
    [property: PrimaryKey] Guid Id,
    [property: Default("now()")] DateTimeOffset CreatedAt,
    [property: Default("now()")] DateTimeOffset UpdatedAt);
