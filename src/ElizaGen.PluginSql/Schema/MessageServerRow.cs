using System.Text.Json;

namespace ElizaGen.PluginSql.Schema;

/// <summary>A row of <c>message_servers</c>: a messaging server (discord guild, the central server, …).</summary>
/// <param name="Id">The server's id.</param>
/// <param name="Name">The server's name.</param>
/// <param name="SourceType">Where it comes from.</param>
/// <param name="SourceId">Its id on the source platform, if any.</param>
/// <param name="Metadata">Free-form metadata.</param>
/// <param name="CreatedAt">When it was created (UTC wall-clock time).</param>
/// <param name="UpdatedAt">When it was last changed (UTC wall-clock time).</param>
[Table("message_servers")]
public sealed partial record MessageServerRow(
    [property: PrimaryKey] Guid Id,
    string Name,
    string SourceType,
    string? SourceId,
    [property: Jsonb] JsonElement? Metadata,
    [property: Default("CURRENT_TIMESTAMP")] DateTime CreatedAt,
    [property: Default("CURRENT_TIMESTAMP")] DateTime UpdatedAt);
