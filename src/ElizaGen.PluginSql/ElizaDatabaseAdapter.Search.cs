using System.Globalization;
using System.Text;
using ElizaGen.PluginSql.Embeddings;
using ElizaGen.PluginSql.Internal;
using ElizaGen.PluginSql.Models;
using ElizaGen.Runtime.Resilience;
using Npgsql;
using Pgvector;

namespace ElizaGen.PluginSql;

public sealed partial class ElizaDatabaseAdapter
{
    private const int HalfPrecisionIndexDimension = 3072;

    /// <summary>
    /// A room filter that leaves at most this many memories is searched exactly (distance to each of them) instead of
    /// through the index: faster than an HNSW walk that rejects most of what it finds, and exact.
    /// </summary>
    internal const int ExactScanLimit = 2000;
    private int _iterativeScan = -1; // -1 unknown, 0 no (pgvector before 0.8.0), 1 yes

    /// <summary>
    /// The agent's memories of a table most similar to <paramref name="embedding"/>, most similar first, at most
    /// <paramref name="count"/>, each with <see cref="Memory.Similarity"/> = 1 − cosine distance. Only memories with an
    /// embedding in the agent's dimension take part. Served by the HNSW index of the dimension's column (through
    /// <c>halfvec</c> for 3072), with pgvector's iterative scan so that filters do not starve the result: the ranking
    /// is approximate, as HNSW's is; the similarities are exact. A room filter that leaves at most 2,000 memories is
    /// searched exactly instead.
    /// </summary>
    /// <param name="tableName">The table name.</param>
    /// <param name="embedding">The query vector, in the agent's dimension.</param>
    /// <param name="matchThreshold">Only memories at least this similar.</param>
    /// <param name="count">At most this many.</param>
    /// <param name="unique">True: only unique memories.</param>
    /// <param name="roomId">Only in this room.</param>
    /// <param name="worldId">Only in this world.</param>
    /// <param name="entityId">Only of this entity.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <exception cref="ArgumentException">No table name; a vector of another size than the agent's dimension, or with NaN or infinity.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count below 1, or a threshold that is NaN or infinite.</exception>
    public async Task<IReadOnlyList<Memory>> SearchMemoriesAsync(
        string tableName, float[] embedding, double? matchThreshold = null, int count = 10, bool? unique = null,
        Guid? roomId = null, Guid? worldId = null, Guid? entityId = null, CancellationToken cancellationToken = default)
    {
        RequireTableName(tableName, nameof(tableName));
        ArgumentNullException.ThrowIfNull(embedding);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        if (matchThreshold is { } given && !double.IsFinite(given))
        {
            throw new ArgumentOutOfRangeException(nameof(matchThreshold), given, "matchThreshold must be a finite similarity (such as 0.8), or null for no threshold.");
        }
        var dimension = EmbeddingDimension;
        EmbeddingDimensions.Validate(embedding, dimension, AgentId, nameof(embedding));
        var column = "e." + EmbeddingDimensions.Column(dimension);
        var query = new Vector(embedding);

        return await TransactionAsync(OperationKind.Read, async (connection, transaction, ct) =>
        {
            var exact = roomId is { } filteredRoom && await FewInRoomAsync(connection, transaction, tableName, filteredRoom, ct).ConfigureAwait(false);
            if (!exact) await PrepareVectorScanAsync(connection, transaction, count, ct).ConfigureAwait(false);

            await using var command = connection.Command("", transaction).With(query).With(tableName).With(AgentId).With(count);
            var filters = new StringBuilder();
            void Filter(string condition, Action add)
            {
                add();
                filters.Append(" AND ").Append(condition.Replace("@", "$" + command.Parameters.Count.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
            }
            if (unique == true) filters.Append(" AND m.\"unique\"");
            if (roomId is { } room) Filter("m.room_id = @", () => command.With(room));
            if (worldId is { } world) Filter("m.world_id = @", () => command.With(world));
            if (entityId is { } entity) Filter("m.entity_id = @", () => command.With(entity));
            var threshold = "";
            if (matchThreshold is { } minimum)
            {
                command.With(minimum);
                threshold = "WHERE 1 - (n.embedding <=> $1) >= $" + command.Parameters.Count.ToString(CultureInfo.InvariantCulture);
            }

            // The inner query walks the HNSW index in distance order (the ORDER BY is the index's expression), joining
            // memories to apply the filters; the outer one computes exact similarities and re-sorts the few rows.
            // On the exact path "+ 0" keeps the planner from the HNSW index: it filters by the room's b-tree and sorts.
            var distance = exact ? $"({column} <=> $1) + 0"
                : dimension == HalfPrecisionIndexDimension
                    ? $"({column}::halfvec({HalfPrecisionIndexDimension})) <=> ($1::halfvec({HalfPrecisionIndexDimension}))"
                    : $"{column} <=> $1";
            command.CommandText = $"""
                WITH nearest AS MATERIALIZED (
                    SELECT e.memory_id, {column} AS embedding
                    FROM embeddings e JOIN memories m ON m.id = e.memory_id
                    WHERE {column} IS NOT NULL AND m.type = $2 AND m.agent_id = $3{filters}
                    ORDER BY {distance}
                    LIMIT $4
                )
                SELECT {MemoryColumns}, n.embedding, 1 - (n.embedding <=> $1)
                FROM nearest n JOIN memories m ON m.id = n.memory_id
                {threshold}
                ORDER BY n.embedding <=> $1, m.id
                """;
            return await command.ListAsync(r => ReadMemory(r, withEmbedding: true, similarityOrdinal: MemoryColumnCount + 1), ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Embeddings of memories of a table whose content field is within <paramref name="threshold"/> edits
    /// (levenshtein, from <c>fuzzystrmatch</c>) of <paramref name="queryInput"/>, closest first: the original's cache of
    /// embeddings for texts already embedded. A text over 255 characters (levenshtein's limit) finds nothing.
    /// </summary>
    /// <param name="queryTableName">The table name (memory type).</param>
    /// <param name="threshold">The largest edit distance.</param>
    /// <param name="queryInput">The text to look for.</param>
    /// <param name="fieldName">The content field (kept for the original's signature; the sub-field is what is read).</param>
    /// <param name="fieldSubName">The key of <c>content</c> that holds the text.</param>
    /// <param name="matchCount">At most this many.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <exception cref="ArgumentOutOfRangeException">A negative threshold, or a match count below 1.</exception>
    public async Task<IReadOnlyList<CachedEmbedding>> GetCachedEmbeddingsAsync(
        string queryTableName, int threshold, string queryInput, string fieldName, string fieldSubName, int matchCount,
        CancellationToken cancellationToken = default)
    {
        RequireTableName(queryTableName, nameof(queryTableName));
        ArgumentNullException.ThrowIfNull(queryInput);
        ArgumentNullException.ThrowIfNull(fieldSubName);
        ArgumentOutOfRangeException.ThrowIfNegative(threshold);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(matchCount);
        _ = fieldName;
        try
        {
            return await ReadAsync(async (connection, ct) =>
            {
                await using var command = connection.Command("""
                    WITH content_text AS (
                        SELECT m.id, coalesce(m.content->>$1, '') AS content_text
                        FROM memories m
                        WHERE m.type = $2 AND m.content->>$1 IS NOT NULL
                    ),
                    embedded_text AS (
                        SELECT ct.content_text, coalesce(e.dim_384, e.dim_512, e.dim_768, e.dim_1024, e.dim_1536, e.dim_3072) AS embedding
                        FROM content_text ct JOIN embeddings e ON e.memory_id = ct.id
                    )
                    SELECT embedding, levenshtein($3, content_text) AS levenshtein_score
                    FROM embedded_text
                    WHERE embedding IS NOT NULL AND levenshtein($3, content_text) <= $4
                    ORDER BY levenshtein_score
                    LIMIT $5
                    """).With(fieldSubName).With(queryTableName).With(queryInput).With(threshold).With(matchCount);
                return await command.ListAsync(r => new CachedEmbedding(r.GetFieldValue<Vector>(0).ToArray(), r.GetInt32(1)), ct).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.MessageText.Contains("levenshtein argument exceeds maximum length", StringComparison.Ordinal))
        {
            return [];
        }
    }

    /// <summary>True when the agent has at most <see cref="ExactScanLimit"/> memories of the table in the room (one index probe).</summary>
    private async Task<bool> FewInRoomAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string tableName, Guid roomId, CancellationToken ct)
    {
        await using var command = connection.Command("""
            SELECT count(*) FROM (SELECT 1 FROM memories WHERE type = $1 AND room_id = $2 AND agent_id = $3 LIMIT $4) few
            """, transaction).With(tableName).With(roomId).With(AgentId).With(ExactScanLimit + 1);
        return (long)(await command.ExecuteScalarAsync(ct).ConfigureAwait(false))! <= ExactScanLimit;
    }

    /// <summary>
    /// Lets the HNSW scan look further than <c>ef_search</c> when filters reject candidates (pgvector 0.8.0+), and
    /// widens <c>ef_search</c> to ten times the number of rows asked for (100 to 1000).
    /// </summary>
    private async Task PrepareVectorScanAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, int count, CancellationToken ct)
    {
        if (Volatile.Read(ref _iterativeScan) < 0)
        {
            await using var version = connection.Command("SELECT extversion FROM pg_extension WHERE extname = 'vector'", transaction);
            var text = await version.ExecuteScalarAsync(ct).ConfigureAwait(false) as string;
            var supported = text is not null && Version.TryParse(text, out var v) && v >= new Version(0, 8, 0);
            Volatile.Write(ref _iterativeScan, supported ? 1 : 0);
        }
        // pgvector's default ef_search (40) loses recall on tightly clustered embeddings; 100 for a top 10 keeps it
        // high at a small cost (see tests/ElizaGen.Benchmarks/MemoryReadBenchmarks.cs).
        var settings = $"SET LOCAL hnsw.ef_search = {Math.Clamp(count * 10, 100, 1000).ToString(CultureInfo.InvariantCulture)}";
        if (_iterativeScan == 1) settings += "; SET LOCAL hnsw.iterative_scan = relaxed_order";
        await using var command = connection.Command(settings, transaction);
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }
}
