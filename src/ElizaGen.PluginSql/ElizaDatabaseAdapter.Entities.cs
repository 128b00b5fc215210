using ElizaGen.PluginSql.Internal;
using ElizaGen.PluginSql.Models;
using ElizaGen.PluginSql.Schema;
using ElizaGen.Runtime.Resilience;
using Npgsql;

namespace ElizaGen.PluginSql;

public sealed partial class ElizaDatabaseAdapter
{
    private const string EntityColumns = "e.id, e.agent_id, e.created_at, e.names, e.metadata";
    private const string ComponentColumns = "c.id, c.entity_id, c.agent_id, c.room_id, c.world_id, c.source_entity_id, c.type, c.data, c.created_at";

    /// <summary>The entities with these ids (any agent's), each with its components; missing ids are skipped.</summary>
    public async Task<IReadOnlyList<Entity>> GetEntitiesByIdsAsync(IReadOnlyCollection<Guid> entityIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entityIds);
        if (entityIds.Count == 0) return [];
        return await ReadAsync(async (connection, ct) =>
        {
            await using var command = connection.Command($"SELECT {EntityColumns} FROM entities e WHERE e.id = ANY($1)").With(entityIds.ToArray());
            var entities = await command.ListAsync(r => ReadEntity(r, 0), ct).ConfigureAwait(false);
            return await WithComponentsAsync(connection, entities, ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The agent's entities that take part in a room, with their components when asked.</summary>
    public async Task<IReadOnlyList<Entity>> GetEntitiesForRoomAsync(Guid roomId, bool includeComponents = false, CancellationToken cancellationToken = default)
        => await ReadAsync(async (connection, ct) =>
        {
            await using var command = connection.Command($"""
                SELECT DISTINCT ON (e.id) {EntityColumns}
                FROM participants p JOIN entities e ON e.id = p.entity_id AND e.agent_id = $2
                WHERE p.room_id = $1
                ORDER BY e.id
                """).With(roomId).With(AgentId);
            var entities = await command.ListAsync(r => ReadEntity(r, 0), ct).ConfigureAwait(false);
            return includeComponents ? await WithComponentsAsync(connection, entities, ct).ConfigureAwait(false) : entities;
        }, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Creates entities (their agent is the adapter's when not given); an entity whose id exists already is left as
    /// it is. Names are normalised: null and blank entries dropped. All or none are written.
    /// </summary>
    public async Task<bool> CreateEntitiesAsync(IEnumerable<Entity> entities, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entities);
        var list = entities.ToList();
        if (list.Count == 0) return true;
        var now = DateTimeOffset.UtcNow;
        await TransactionAsync(OperationKind.IdempotentWrite, async (connection, transaction, ct) =>
        {
            await using var batch = new NpgsqlBatch(connection, transaction);
            foreach (var entity in list)
            {
                ArgumentNullException.ThrowIfNull(entity, nameof(entities));
                var command = new NpgsqlBatchCommand("""
                    INSERT INTO entities (id, agent_id, created_at, names, metadata) VALUES ($1, $2, $3, $4, $5)
                    ON CONFLICT DO NOTHING
                    """);
                command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = entity.Id });
                command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = entity.AgentId ?? AgentId });
                command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = Sql.ToUtcWallClock(entity.CreatedAt ?? now), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Timestamp });
                command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = NormalizeNames(entity.Names) });
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Json.TextOr(Json.WithoutNul(entity.Metadata), "{}"), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Jsonb });
                batch.BatchCommands.Add(command);
            }
            await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Replaces an entity's names and metadata (and agent, when given).</summary>
    public async Task UpdateEntityAsync(Entity entity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entity);
        await WriteAsync(OperationKind.IdempotentWrite, async (connection, ct) =>
        {
            await using var command = connection.Command(
                "UPDATE entities SET names = $2, metadata = $3, agent_id = coalesce($4, agent_id) WHERE id = $1")
                .With(entity.Id).With(NormalizeNames(entity.Names)).WithJsonbText(Json.TextOr(Json.WithoutNul(entity.Metadata), "{}")).With(entity.AgentId);
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes an entity with its components (as owner or as source) and, by cascade, its other rows.</summary>
    public async Task DeleteEntityAsync(Guid entityId, CancellationToken cancellationToken = default)
        => await TransactionAsync(OperationKind.IdempotentWrite, async (connection, transaction, ct) =>
        {
            await using var components = connection.Command("DELETE FROM components WHERE entity_id = $1 OR source_entity_id = $1", transaction).With(entityId);
            await components.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            await using var entity = connection.Command("DELETE FROM entities WHERE id = $1", transaction).With(entityId);
            return await entity.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);

    /// <summary>The entities of an agent that carry any of these names (exact match).</summary>
    public async Task<IReadOnlyList<Entity>> GetEntitiesByNamesAsync(IReadOnlyCollection<string> names, Guid agentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (names.Count == 0) return [];
        return await ReadAsync(async (connection, ct) =>
        {
            await using var command = connection.Command($"SELECT {EntityColumns} FROM entities e WHERE e.agent_id = $1 AND e.names && $2 ORDER BY e.created_at, e.id")
                .With(agentId).With(names.ToArray());
            return await command.ListAsync(r => ReadEntity(r, 0), ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The entities of an agent with a name that contains <paramref name="query"/>, ignoring case, at most
    /// <paramref name="limit"/>; an empty query lists the agent's entities.
    /// </summary>
    public async Task<IReadOnlyList<Entity>> SearchEntitiesByNameAsync(string query, Guid agentId, int limit = 10, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return await ReadAsync(async (connection, ct) =>
        {
            await using var command = connection.Command($"""
                SELECT {EntityColumns} FROM entities e
                WHERE e.agent_id = $1
                  AND ($2 = '' OR EXISTS (SELECT 1 FROM unnest(e.names) AS name WHERE strpos(lower(name), lower($2)) > 0))
                ORDER BY e.created_at, e.id
                LIMIT $3
                """).With(agentId).With(query.Trim()).With(limit);
            return await command.ListAsync(r => ReadEntity(r, 0), ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The component of an entity with this type (and world and source, when given), or null.</summary>
    public async Task<Component?> GetComponentAsync(Guid entityId, string type, Guid? worldId = null, Guid? sourceEntityId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(type);
        return await ReadAsync(async (connection, ct) =>
        {
            await using var command = connection.Command($"""
                SELECT {ComponentColumns} FROM components c
                WHERE c.entity_id = $1 AND c.type = $2 AND ($3::uuid IS NULL OR c.world_id = $3) AND ($4::uuid IS NULL OR c.source_entity_id = $4)
                ORDER BY c.created_at, c.id LIMIT 1
                """).With(entityId).With(type).With(worldId).With(sourceEntityId);
            return await command.FirstOrDefaultAsync(r => ReadComponent(r, 0), ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The components of an entity (in a world, from a source, when given).</summary>
    public async Task<IReadOnlyList<Component>> GetComponentsAsync(Guid entityId, Guid? worldId = null, Guid? sourceEntityId = null, CancellationToken cancellationToken = default)
        => await ReadAsync(async (connection, ct) =>
        {
            await using var command = connection.Command($"""
                SELECT {ComponentColumns} FROM components c
                WHERE c.entity_id = $1 AND ($2::uuid IS NULL OR c.world_id = $2) AND ($3::uuid IS NULL OR c.source_entity_id = $3)
                ORDER BY c.created_at, c.id
                """).With(entityId).With(worldId).With(sourceEntityId);
            return await command.ListAsync(r => ReadComponent(r, 0), ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);

    /// <summary>Creates a component (its agent is the adapter's when not given).</summary>
    public async Task<bool> CreateComponentAsync(Component component, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(component);
        var row = ToRow(component, component.CreatedAt ?? DateTimeOffset.UtcNow);
        await WriteAsync(OperationKind.NonIdempotentWrite, async (connection, ct) =>
        {
            await new ComponentRowRepository(_database.DataSource).InsertAsync(connection, null, row, ct).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Replaces a component's fields (all but its creation time).</summary>
    public async Task UpdateComponentAsync(Component component, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(component);
        await WriteAsync(OperationKind.IdempotentWrite, async (connection, ct) =>
        {
            await using var command = connection.Command("""
                UPDATE components SET entity_id = $2, agent_id = $3, room_id = $4, world_id = $5, source_entity_id = $6, type = $7, data = $8
                WHERE id = $1
                """).With(component.Id).With(component.EntityId).With(component.AgentId ?? AgentId).With(component.RoomId)
                .With(component.WorldId).With(component.SourceEntityId).With(component.Type)
                .WithJsonbText(Json.TextOr(Json.WithoutNul(component.Data), "{}"));
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes a component.</summary>
    public async Task DeleteComponentAsync(Guid componentId, CancellationToken cancellationToken = default)
        => await WriteAsync(OperationKind.IdempotentWrite, (connection, ct) => new ComponentRowRepository(_database.DataSource).DeleteAsync(connection, null, componentId, ct), cancellationToken).ConfigureAwait(false);

    private static async Task<IReadOnlyList<Entity>> WithComponentsAsync(NpgsqlConnection connection, List<Entity> entities, CancellationToken ct)
    {
        if (entities.Count == 0) return entities;
        await using var command = connection.Command($"SELECT {ComponentColumns} FROM components c WHERE c.entity_id = ANY($1) ORDER BY c.created_at, c.id")
            .With(entities.Select(e => e.Id).ToArray());
        var components = (await command.ListAsync(r => ReadComponent(r, 0), ct).ConfigureAwait(false)).ToLookup(c => c.EntityId);
        return entities.Select(e => e with { Components = [.. components[e.Id]] }).ToList();
    }

    private static string[] NormalizeNames(IEnumerable<string?>? names)
        => names is null ? [] : names.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n!.Replace("\0", "", StringComparison.Ordinal)).ToArray();

    private static Entity ReadEntity(NpgsqlDataReader r, int o) => new()
    {
        Id = r.GetGuid(o),
        AgentId = r.GetGuid(o + 1),
        CreatedAt = r.GetUtcTimestamp(o + 2),
        Names = r.GetTextArray(o + 3),
        Metadata = r.GetJsonObjectOrNull(o + 4) ?? [],
    };

    private static Component ReadComponent(NpgsqlDataReader r, int o) => new()
    {
        Id = r.GetGuid(o),
        EntityId = r.GetGuid(o + 1),
        AgentId = r.GetGuid(o + 2),
        RoomId = r.GetGuid(o + 3),
        WorldId = r.GetGuidOrNull(o + 4),
        SourceEntityId = r.GetGuidOrNull(o + 5),
        Type = r.GetString(o + 6),
        Data = r.GetJsonObjectOrNull(o + 7) ?? [],
        CreatedAt = r.GetUtcTimestamp(o + 8),
    };

    private ComponentRow ToRow(Component c, DateTimeOffset createdAt) => new(
        c.Id, c.EntityId, c.AgentId ?? AgentId, c.RoomId, c.WorldId, c.SourceEntityId, c.Type,
        System.Text.Json.JsonDocument.Parse(Json.TextOr(Json.WithoutNul(c.Data), "{}")).RootElement, Sql.ToUtcWallClock(createdAt));
}
