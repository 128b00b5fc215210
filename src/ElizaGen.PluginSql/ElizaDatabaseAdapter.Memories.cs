using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ElizaGen.PluginSql.Embeddings;
using ElizaGen.PluginSql.Internal;
using ElizaGen.PluginSql.Models;
using ElizaGen.PluginSql.Schema;
using ElizaGen.Runtime.Resilience;
using Npgsql;
using Pgvector;

namespace ElizaGen.PluginSql;

public sealed partial class ElizaDatabaseAdapter
{
    private const string MemoryColumns = """m.id, m.type, m.created_at, m.content, m.entity_id, m.agent_id, m.room_id, m.world_id, m."unique", m.metadata""";
    private const int MemoryColumnCount = 10;
    private const int DeleteBatchSize = 1000;

    /// <summary>
    /// Memories of a table, newest first (then by id), filtered as <paramref name="query"/> says, with their
    /// embeddings in the agent's dimension.
    /// </summary>
    /// <exception cref="ArgumentException">No table name.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A negative offset, or a count below 1.</exception>
    public async Task<IReadOnlyList<Memory>> GetMemoriesAsync(MemoryQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        RequireTableName(query.TableName, nameof(query) + "." + nameof(query.TableName));
        if (query.Offset is < 0) throw new ArgumentOutOfRangeException(nameof(query), query.Offset, "offset must be a non-negative number.");
        if (query.Count is < 1) throw new ArgumentOutOfRangeException(nameof(query), query.Count, "count must be at least 1 when given; leave it null for no limit.");
        var column = EmbeddingColumn;
        return await ReadAsync(async (connection, ct) =>
        {
            await using var command = connection.Command("");
            // The page is chosen from memories alone, then joined to its embeddings: PostgreSQL does not push a LIMIT
            // through a join, and looking up every candidate's embedding before sorting costs the most.
            var sql = new StringBuilder("SELECT * FROM memories m WHERE m.type = $1");
            command.With(query.TableName);
            void Filter(string condition, Action add)
            {
                add();
                sql.Append(" AND ").Append(condition.Replace("@", "$" + command.Parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
            }
            if (query.EntityId is { } entityId) Filter("m.entity_id = @", () => command.With(entityId));
            if (query.AgentId is { } agentId) Filter("m.agent_id = @", () => command.With(agentId));
            if (query.RoomId is { } roomId) Filter("m.room_id = @", () => command.With(roomId));
            if (query.WorldId is { } worldId) Filter("m.world_id = @", () => command.With(worldId));
            if (query.Start is { } start) Filter("m.created_at >= @", () => command.WithUtcTimestamp(start));
            if (query.End is { } end) Filter("m.created_at <= @", () => command.WithUtcTimestamp(end));
            if (query.Unique) sql.Append(" AND m.\"unique\"");
            sql.Append(" ORDER BY m.created_at DESC, m.id DESC");
            if (query.Count is { } count) { command.With(count); sql.Append(" LIMIT $").Append(command.Parameters.Count); }
            if (query.Offset is > 0) { command.With(query.Offset.Value); sql.Append(" OFFSET $").Append(command.Parameters.Count); }
            command.CommandText = $"""
                SELECT {MemoryColumns}, e.{column}
                FROM ({sql}) m
                LEFT JOIN LATERAL (SELECT {column} FROM embeddings WHERE memory_id = m.id AND {column} IS NOT NULL LIMIT 1) e ON true
                ORDER BY m.created_at DESC, m.id DESC
                """;
            return await command.ListAsync(r => ReadMemory(r, withEmbedding: true), ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The agent's memories of a table in these rooms, newest first, at most <paramref name="limit"/> (without embeddings).</summary>
    public async Task<IReadOnlyList<Memory>> GetMemoriesByRoomIdsAsync(IReadOnlyCollection<Guid> roomIds, string tableName, int? limit = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(roomIds);
        RequireTableName(tableName, nameof(tableName));
        if (limit is < 1) throw new ArgumentOutOfRangeException(nameof(limit), limit, "limit must be at least 1 when given.");
        if (roomIds.Count == 0) return [];
        return await ReadAsync(async (connection, ct) =>
        {
            await using var command = connection.Command($"""
                SELECT {MemoryColumns} FROM memories m
                WHERE m.type = $1 AND m.room_id = ANY($2) AND m.agent_id = $3
                ORDER BY m.created_at DESC, m.id DESC
                LIMIT $4
                """).With(tableName).With(roomIds.ToArray()).With(AgentId).With(limit);
            return await command.ListAsync(r => ReadMemory(r, withEmbedding: false), ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The memory with this id (with its embedding in the agent's dimension), or null.</summary>
    public async Task<Memory?> GetMemoryByIdAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var column = EmbeddingColumn;
        return await ReadAsync(async (connection, ct) =>
        {
            await using var command = connection.Command($"""
                SELECT {MemoryColumns}, e.{column} FROM memories m
                LEFT JOIN LATERAL (SELECT {column} FROM embeddings WHERE memory_id = m.id AND {column} IS NOT NULL LIMIT 1) e ON true
                WHERE m.id = $1
                """).With(id);
            return await command.FirstOrDefaultAsync(r => ReadMemory(r, withEmbedding: true), ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The memories with these ids (of one table, when given), newest first, with their embeddings.</summary>
    public async Task<IReadOnlyList<Memory>> GetMemoriesByIdsAsync(IReadOnlyCollection<Guid> memoryIds, string? tableName = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(memoryIds);
        if (memoryIds.Count == 0) return [];
        var column = EmbeddingColumn;
        return await ReadAsync(async (connection, ct) =>
        {
            await using var command = connection.Command($"""
                SELECT {MemoryColumns}, e.{column} FROM memories m LEFT JOIN embeddings e ON e.memory_id = m.id
                WHERE m.id = ANY($1) AND ($2::text IS NULL OR m.type = $2)
                ORDER BY m.created_at DESC, m.id DESC
                """).With(memoryIds.ToArray()).With(string.IsNullOrEmpty(tableName) ? null : tableName);
            return await command.ListAsync(r => ReadMemory(r, withEmbedding: true), ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The agent's memories of a table (default <c>messages</c>) in the agent's rooms of a world, newest first.</summary>
    public async Task<IReadOnlyList<Memory>> GetMemoriesByWorldIdAsync(Guid worldId, int? count = null, string tableName = "messages", CancellationToken cancellationToken = default)
    {
        RequireTableName(tableName, nameof(tableName));
        if (count is < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "count must be at least 1 when given.");
        return await ReadAsync(async (connection, ct) =>
        {
            await using var command = connection.Command($"""
                SELECT {MemoryColumns} FROM memories m
                WHERE m.type = $1 AND m.agent_id = $2
                  AND m.room_id IN (SELECT r.id FROM rooms r WHERE r.world_id = $3 AND r.agent_id = $2)
                ORDER BY m.created_at DESC, m.id DESC
                LIMIT $4
                """).With(tableName).With(AgentId).With(worldId).With(count);
            return await command.ListAsync(r => ReadMemory(r, withEmbedding: false), ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Stores a memory under a table name and returns its id. Idempotent on the id: when a memory with this id exists,
    /// nothing is changed (its embedding is written only when the row was inserted). When
    /// <see cref="Memory.Unique"/> is null it is computed: false when a memory of the same table, room, world and
    /// entity is at least 0.95 similar to the embedding.
    /// </summary>
    /// <exception cref="ArgumentException">No table name; an embedding of the wrong size or with NaN/infinity; document or fragment metadata without its required keys.</exception>
    public async Task<Guid> CreateMemoryAsync(Memory memory, string tableName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(memory);
        RequireTableName(tableName, nameof(tableName));
        var dimension = EmbeddingDimension;
        var column = EmbeddingDimensions.Column(dimension);
        if (memory.Embedding is { } vector) EmbeddingDimensions.Validate(vector, dimension, AgentId, nameof(memory) + "." + nameof(memory.Embedding));
        ValidateMetadata(memory.Metadata, nameof(memory));

        var id = memory.Id ?? Guid.NewGuid();
        var unique = memory.Unique ?? true;
        if (memory.Unique is null && memory.Embedding is { } probe)
        {
            var similar = await SearchMemoriesAsync(tableName, probe, 0.95, 1, null, memory.RoomId, memory.WorldId, memory.EntityId, cancellationToken).ConfigureAwait(false);
            unique = similar.Count == 0;
        }
        var createdAt = memory.CreatedAt ?? DateTimeOffset.UtcNow;
        var content = Json.TextOr(Json.WithoutNul(memory.Content), "{}");
        var metadata = Json.TextOr(Json.WithoutNul(memory.Metadata), "{}");

        // One statement, so one round trip and atomic without an explicit transaction: the embedding row is written
        // only when the memory row was (a repeated id inserts neither).
        await WriteAsync(OperationKind.IdempotentWrite, async (connection, ct) =>
        {
            const string insertMemory = """
                INSERT INTO memories (id, type, created_at, content, entity_id, agent_id, room_id, world_id, "unique", metadata)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                ON CONFLICT (id) DO NOTHING
                """;
            var sql = memory.Embedding is null
                ? insertMemory
                : $"""
                    WITH inserted AS ({insertMemory} RETURNING id, created_at)
                    INSERT INTO embeddings (id, memory_id, created_at, {column}) SELECT $11, id, created_at, $12 FROM inserted
                    """;
            await using var command = connection.Command(sql)
                .With(id).With(tableName).WithUtcTimestamp(createdAt).WithJsonbText(content)
                .With(memory.EntityId).With(memory.AgentId ?? AgentId).With(memory.RoomId).With(memory.WorldId)
                .With(unique).WithJsonbText(metadata);
            if (memory.Embedding is { } embedding) command.With(Guid.NewGuid()).With(new Vector(embedding));
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return id;
    }

    /// <summary>
    /// Stores many memories under one table name in one transaction through binary COPY (memories, then their
    /// embeddings): much faster than one by one, but not idempotent (an existing id fails the whole call, and nothing is
    /// written) and without the similarity check: <see cref="Memory.Unique"/> defaults to true.
    /// </summary>
    /// <returns>The ids, in the order of <paramref name="memories"/>.</returns>
    public async Task<IReadOnlyList<Guid>> CreateMemoriesAsync(IEnumerable<Memory> memories, string tableName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(memories);
        RequireTableName(tableName, nameof(tableName));
        var dimension = EmbeddingDimension;
        var now = DateTimeOffset.UtcNow;
        var rows = new List<MemoryRow>();
        var embeddings = new List<EmbeddingRow>();
        foreach (var memory in memories)
        {
            ArgumentNullException.ThrowIfNull(memory, nameof(memories));
            if (memory.Embedding is { } vector) EmbeddingDimensions.Validate(vector, dimension, AgentId, nameof(memories));
            ValidateMetadata(memory.Metadata, nameof(memories));
            var id = memory.Id ?? Guid.NewGuid();
            var createdAt = Sql.ToUtcWallClock(memory.CreatedAt ?? now);
            rows.Add(new MemoryRow(
                id, tableName, createdAt, Element(Json.WithoutNul(memory.Content), "{}"), memory.EntityId, memory.AgentId ?? AgentId,
                memory.RoomId, memory.WorldId, memory.Unique ?? true, Element(Json.WithoutNul(memory.Metadata), "{}")));
            if (memory.Embedding is { } embedding) embeddings.Add(EmbeddingRowFor(id, createdAt, dimension, new Vector(embedding)));
        }
        if (rows.Count == 0) return [];

        await TransactionAsync(OperationKind.NonIdempotentWrite, async (connection, transaction, ct) =>
        {
            await new MemoryRowRepository(_database.DataSource).InsertManyAsync(connection, transaction, rows, ct).ConfigureAwait(false);
            if (embeddings.Count > 0) await new EmbeddingRowRepository(_database.DataSource).InsertManyAsync(connection, transaction, embeddings, ct).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
        return rows.Select(r => r.Id).ToList();
    }

    /// <summary>
    /// Changes a memory's content, metadata and embedding (those given); the embedding goes to the agent's dimension
    /// column, the other dimensions are kept. False when no memory has this id.
    /// </summary>
    public async Task<bool> UpdateMemoryAsync(MemoryUpdate update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        var dimension = EmbeddingDimension;
        var column = EmbeddingDimensions.Column(dimension);
        if (update.Embedding is { } vector) EmbeddingDimensions.Validate(vector, dimension, AgentId, nameof(update) + "." + nameof(update.Embedding));
        ValidateMetadata(update.Metadata, nameof(update));
        var content = update.Content is null ? null : Json.Text(Json.WithoutNul(update.Content)!);
        var metadata = update.Metadata is null ? null : Json.Text(Json.WithoutNul(update.Metadata)!);

        return await TransactionAsync(OperationKind.IdempotentWrite, async (connection, transaction, ct) =>
        {
            await using var change = connection.Command("""
                UPDATE memories SET content = coalesce($2, content), metadata = coalesce($3, metadata) WHERE id = $1 RETURNING created_at
                """, transaction).With(update.Id).WithJsonbText(content).WithJsonbText(metadata);
            var createdAt = await change.ExecuteScalarAsync(ct).ConfigureAwait(false);
            if (createdAt is null) return false;
            if (update.Embedding is { } embedding)
            {
                await using var set = connection.Command($"UPDATE embeddings SET {column} = $2 WHERE memory_id = $1", transaction)
                    .With(update.Id).With(new Vector(embedding));
                if (await set.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 0)
                {
                    await using var add = connection.Command($"INSERT INTO embeddings (id, memory_id, created_at, {column}) VALUES ($1, $2, $3, $4)", transaction)
                        .With(Guid.NewGuid()).With(update.Id).WithUtcTimestamp(DateTimeOffset.UtcNow).With(new Vector(embedding));
                    await add.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }
            }
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Deletes a memory with its embedding and, when it is a document, the agent's fragments of it
    /// (<c>metadata.documentId</c>) with theirs.
    /// </summary>
    public Task DeleteMemoryAsync(Guid memoryId, CancellationToken cancellationToken = default)
        => DeleteManyMemoriesAsync([memoryId], cancellationToken);

    /// <summary>Deletes memories as <see cref="DeleteMemoryAsync"/> does, in batches, all in one transaction.</summary>
    public async Task DeleteManyMemoriesAsync(IReadOnlyCollection<Guid> memoryIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(memoryIds);
        if (memoryIds.Count == 0) return;
        await TransactionAsync(OperationKind.IdempotentWrite, async (connection, transaction, ct) =>
        {
            foreach (var batch in memoryIds.Distinct().Chunk(DeleteBatchSize))
            {
                // Embeddings go with their memories (ON DELETE CASCADE).
                await using var command = connection.Command("""
                    DELETE FROM memories
                    WHERE id = ANY($1) OR (agent_id = $3 AND metadata->>'documentId' = ANY($2))
                    """, transaction).With(batch).With(batch.Select(id => id.ToString("D")).ToArray()).With(AgentId);
                await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes every memory of a table in a room (with fragments of deleted documents and all their embeddings).</summary>
    public async Task DeleteAllMemoriesAsync(Guid roomId, string tableName, CancellationToken cancellationToken = default)
    {
        RequireTableName(tableName, nameof(tableName));
        await WriteAsync(OperationKind.IdempotentWrite, async (connection, ct) =>
        {
            await using var command = connection.Command("""
                WITH doomed AS (SELECT id FROM memories WHERE room_id = $1 AND type = $2)
                DELETE FROM memories
                WHERE id IN (SELECT id FROM doomed)
                   OR (agent_id = $3 AND metadata->>'documentId' IN (SELECT id::text FROM doomed))
                """).With(roomId).With(tableName).With(AgentId);
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The number of memories of a table in a room (only unique ones unless <paramref name="unique"/> is false).</summary>
    public async Task<long> CountMemoriesAsync(Guid roomId, bool unique = true, string tableName = "", CancellationToken cancellationToken = default)
    {
        RequireTableName(tableName, nameof(tableName));
        return await ReadAsync(async (connection, ct) =>
        {
            await using var command = connection.Command("""
                SELECT count(*) FROM memories WHERE room_id = $1 AND type = $2 AND (NOT $3 OR "unique")
                """).With(roomId).With(tableName).With(unique);
            return (long)(await command.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
        }, cancellationToken).ConfigureAwait(false);
    }

    private static void RequireTableName(string? tableName, string parameterName)
    {
        if (string.IsNullOrWhiteSpace(tableName))
        {
            throw new ArgumentException("tableName is required: say which memories you mean (messages, facts, documents, knowledge, …).", parameterName);
        }
    }

    /// <summary>The schema's check constraints, said in words before the database refuses the row.</summary>
    private static void ValidateMetadata(JsonObject? metadata, string parameterName)
    {
        if (metadata?["type"] is not JsonValue type || type.GetValueKind() != JsonValueKind.String) return;
        switch (type.GetValue<string>())
        {
            case "document" when !metadata.ContainsKey("timestamp"):
                throw new ArgumentException("A memory whose metadata.type is 'document' needs metadata.timestamp (document_metadata_check).", parameterName);
            case "fragment" when !metadata.ContainsKey("documentId") || !metadata.ContainsKey("position"):
                throw new ArgumentException("A memory whose metadata.type is 'fragment' needs metadata.documentId and metadata.position (fragment_metadata_check).", parameterName);
        }
    }

    private static JsonElement Element(JsonNode? node, string whenNull)
    {
        using var document = JsonDocument.Parse(Json.TextOr(node, whenNull));
        return document.RootElement.Clone();
    }

    private static EmbeddingRow EmbeddingRowFor(Guid memoryId, DateTime createdAt, int dimension, Vector vector) => dimension switch
    {
        384 => new EmbeddingRow(Guid.NewGuid(), memoryId, createdAt, vector, null, null, null, null, null),
        512 => new EmbeddingRow(Guid.NewGuid(), memoryId, createdAt, null, vector, null, null, null, null),
        768 => new EmbeddingRow(Guid.NewGuid(), memoryId, createdAt, null, null, vector, null, null, null),
        1024 => new EmbeddingRow(Guid.NewGuid(), memoryId, createdAt, null, null, null, vector, null, null),
        1536 => new EmbeddingRow(Guid.NewGuid(), memoryId, createdAt, null, null, null, null, vector, null),
        3072 => new EmbeddingRow(Guid.NewGuid(), memoryId, createdAt, null, null, null, null, null, vector),
        _ => throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "No embeddings column for this dimension."),
    };

    private static Memory ReadMemory(NpgsqlDataReader r, bool withEmbedding, int similarityOrdinal = -1) => new()
    {
        Id = r.GetGuid(0),
        TableName = r.GetString(1),
        CreatedAt = r.GetUtcTimestamp(2),
        Content = r.GetJsonObjectOrNull(3) ?? [],
        EntityId = r.GetGuidOrNull(4),
        AgentId = r.GetGuid(5),
        RoomId = r.GetGuidOrNull(6),
        WorldId = r.GetGuidOrNull(7),
        Unique = r.GetBoolean(8),
        Metadata = r.GetJsonObjectOrNull(9) ?? [],
        Embedding = withEmbedding && !r.IsDBNull(MemoryColumnCount) ? r.GetFieldValue<Vector>(MemoryColumnCount).ToArray() : null,
        Similarity = similarityOrdinal >= 0 ? r.GetDouble(similarityOrdinal) : null,
    };
}
