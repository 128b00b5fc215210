using System.Text.Json.Nodes;

namespace ElizaGen.PluginSql.Models;

/// <summary>
/// A memory: a message, fact, document or fragment. Stored under a table name (its <c>type</c>: <c>messages</c>,
/// <c>facts</c>, <c>documents</c>, <c>knowledge</c>, …) given to the call.
/// </summary>
public sealed record Memory
{
    /// <summary>The memory's id; a new one is made when null on create.</summary>
    public Guid? Id { get; init; }

    /// <summary>The entity that said or wrote it, if any.</summary>
    public Guid? EntityId { get; init; }

    /// <summary>The agent that remembers it; the adapter's agent when null on create.</summary>
    public Guid? AgentId { get; init; }

    /// <summary>The room, if any.</summary>
    public Guid? RoomId { get; init; }

    /// <summary>The world, if any.</summary>
    public Guid? WorldId { get; init; }

    /// <summary>The content (<c>text</c>, <c>actions</c>, <c>source</c>, …).</summary>
    public JsonObject Content { get; init; } = [];

    /// <summary>Metadata; a <c>document</c> needs <c>timestamp</c>, a <c>fragment</c> needs <c>documentId</c> and <c>position</c>.</summary>
    public JsonObject? Metadata { get; init; }

    /// <summary>The embedding, in the agent's dimension; null when the memory has none (in that dimension).</summary>
    public float[]? Embedding { get; init; }

    /// <summary>
    /// False when a near-identical memory (similarity ≥ 0.95 in the same room, world and entity) already existed;
    /// computed on create when null and an embedding is given, otherwise true.
    /// </summary>
    public bool? Unique { get; init; }

    /// <summary>When it was created; now when null on create. Stored at microsecond precision.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>The table name it is stored under (read only).</summary>
    public string? TableName { get; init; }

    /// <summary>For a search result: 1 − the cosine distance to the query; otherwise null.</summary>
    public double? Similarity { get; init; }
}

/// <summary>The filters of <see cref="ElizaDatabaseAdapter.GetMemoriesAsync"/>.</summary>
/// <param name="TableName">The table name (required).</param>
public sealed record MemoryQuery(string TableName)
{
    /// <summary>Only memories of this entity.</summary>
    public Guid? EntityId { get; init; }

    /// <summary>Only memories of this agent.</summary>
    public Guid? AgentId { get; init; }

    /// <summary>Only memories in this room.</summary>
    public Guid? RoomId { get; init; }

    /// <summary>Only memories in this world.</summary>
    public Guid? WorldId { get; init; }

    /// <summary>True: only unique memories.</summary>
    public bool Unique { get; init; }

    /// <summary>Only memories created at or after this time.</summary>
    public DateTimeOffset? Start { get; init; }

    /// <summary>Only memories created at or before this time.</summary>
    public DateTimeOffset? End { get; init; }

    /// <summary>At most this many (newest first).</summary>
    public int? Count { get; init; }

    /// <summary>Skip this many first (0 or more).</summary>
    public int? Offset { get; init; }
}

/// <summary>An embedding found by <see cref="ElizaDatabaseAdapter.GetCachedEmbeddingsAsync"/> with its edit distance.</summary>
/// <param name="Embedding">The embedding.</param>
/// <param name="LevenshteinScore">The edit distance between the query text and the memory's text.</param>
public sealed record CachedEmbedding(float[] Embedding, int LevenshteinScore);

/// <summary>The changes <see cref="ElizaDatabaseAdapter.UpdateMemoryAsync"/> applies: a null property is left as it is.</summary>
/// <param name="Id">The memory to change.</param>
public sealed record MemoryUpdate(Guid Id)
{
    /// <summary>New content (replacing the old one).</summary>
    public JsonObject? Content { get; init; }

    /// <summary>New metadata (replacing the old one).</summary>
    public JsonObject? Metadata { get; init; }

    /// <summary>A new embedding in the agent's dimension (written to its column; other dimensions are kept).</summary>
    public float[]? Embedding { get; init; }
}
