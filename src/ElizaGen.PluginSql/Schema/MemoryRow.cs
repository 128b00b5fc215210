using System.Text.Json;

namespace ElizaGen.PluginSql.Schema;

/// <summary>
/// A row of <c>memories</c>: a message, fact, document or fragment an agent remembers; <see cref="Type"/> is the
/// "table name" of the ElizaOS API (<c>messages</c>, <c>facts</c>, <c>documents</c>, <c>knowledge</c>, …).
/// </summary>
/// <param name="Id">The memory's id.</param>
/// <param name="Type">The memory's table name.</param>
/// <param name="CreatedAt">When the memory was created (UTC wall-clock time).</param>
/// <param name="Content">The content (<c>text</c>, <c>actions</c>, <c>source</c>, …).</param>
/// <param name="EntityId">The entity that said or wrote it, if any.</param>
/// <param name="AgentId">The agent that remembers it.</param>
/// <param name="RoomId">The room, if any.</param>
/// <param name="WorldId">The world, if any (not a foreign key in the original schema).</param>
/// <param name="Unique">False when a near-identical memory already existed when it was created.</param>
/// <param name="Metadata">Metadata; a <c>document</c> needs <c>timestamp</c>, a <c>fragment</c> needs <c>documentId</c> and <c>position</c>.</param>
[Table("memories")]
[Index(nameof(Type), nameof(RoomId), Name = "idx_memories_type_room")]
[Index(nameof(WorldId), Name = "idx_memories_world_id")]
[Index(Expression = "((metadata->>'type'))", Name = "idx_memories_metadata_type")]
[Index(Expression = "((metadata->>'documentId'))", Name = "idx_memories_document_id")]
[Index(Expressions = new[] { "((metadata->>'documentId'))", "((metadata->>'position'))" }, Name = "idx_fragments_order")]
[Check("fragment_metadata_check", FragmentCheck)]
[Check("document_metadata_check", DocumentCheck)]
public sealed partial record MemoryRow(
    [property: PrimaryKey] Guid Id,
    string Type,
    [property: Default("now()")] DateTime CreatedAt,
    [property: Jsonb] JsonElement Content,
    [property: References(typeof(EntityRow), OnDelete = ReferentialAction.Cascade)] Guid? EntityId,
    [property: References(typeof(AgentRow), OnDelete = ReferentialAction.Cascade)]
    [property: References(typeof(AgentRow), OnDelete = ReferentialAction.Cascade, Name = "fk_agent")] Guid AgentId,
    [property: References(typeof(RoomRow), OnDelete = ReferentialAction.Cascade)] Guid? RoomId,
    Guid? WorldId,
    [property: Default("true")] bool Unique,
    [property: Jsonb, Default("'{}'::jsonb")] JsonElement Metadata)
{
    // The check texts are the original's, character for character (its snapshot stores them this way).
    private const string FragmentCheck = "\n            CASE \n                WHEN metadata->>'type' = 'fragment' THEN\n                    metadata ? 'documentId' AND \n                    metadata ? 'position'\n                ELSE true\n            END\n        ";
    private const string DocumentCheck = "\n            CASE \n                WHEN metadata->>'type' = 'document' THEN\n                    metadata ? 'timestamp'\n                ELSE true\n            END\n        ";
}
