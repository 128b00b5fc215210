using System.Text.Json.Nodes;
using ElizaGen.PluginSql.Internal;
using ElizaGen.PluginSql.Models;
using ElizaGen.Runtime.Resilience;
using Npgsql;

namespace ElizaGen.PluginSql;

public sealed partial class ElizaDatabaseAdapter
{
    private const string RelationshipColumns = "id, source_entity_id, target_entity_id, agent_id, tags, metadata, created_at";

    /// <summary>
    /// Creates the agent's relationship from one entity to another (a new id); false when the agent already has one
    /// between them (<c>unique_relationship</c>), which is then left as it is.
    /// </summary>
    public async Task<bool> CreateRelationshipAsync(Guid sourceEntityId, Guid targetEntityId, IReadOnlyList<string>? tags = null, JsonObject? metadata = null, CancellationToken cancellationToken = default)
    {
        var id = Guid.NewGuid();
        var inserted = await WriteAsync(OperationKind.IdempotentWrite, async (connection, ct) =>
        {
            await using var command = connection.Command($"""
                INSERT INTO relationships (id, source_entity_id, target_entity_id, agent_id, tags, metadata, created_at)
                VALUES ($1, $2, $3, $4, $5, $6, now())
                ON CONFLICT DO NOTHING
                """).With(id).With(sourceEntityId).With(targetEntityId).With(AgentId).With((tags ?? []).ToArray())
                .WithJsonbText(Json.TextOr(Json.WithoutNul(metadata), "{}"));
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return inserted == 1;
    }

    /// <summary>Replaces a relationship's tags and metadata (found by its id).</summary>
    public async Task UpdateRelationshipAsync(Relationship relationship, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(relationship);
        await WriteAsync(OperationKind.IdempotentWrite, async (connection, ct) =>
        {
            await using var command = connection.Command("UPDATE relationships SET tags = $2, metadata = $3 WHERE id = $1")
                .With(relationship.Id).With(relationship.Tags.ToArray()).WithJsonbText(Json.TextOr(Json.WithoutNul(relationship.Metadata), "{}"));
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The relationship from one entity to another (the agent's first, then any agent's, as in the original), or null.</summary>
    public async Task<Relationship?> GetRelationshipAsync(Guid sourceEntityId, Guid targetEntityId, CancellationToken cancellationToken = default)
        => await ReadAsync(async (connection, ct) =>
        {
            await using var command = connection.Command($"""
                SELECT {RelationshipColumns} FROM relationships
                WHERE source_entity_id = $1 AND target_entity_id = $2
                ORDER BY (agent_id = $3) DESC, created_at, id LIMIT 1
                """).With(sourceEntityId).With(targetEntityId).With(AgentId);
            return await command.FirstOrDefaultAsync(ReadRelationship, ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);

    /// <summary>The relationships an entity is on either end of; with tags, only those sharing at least one of them.</summary>
    public async Task<IReadOnlyList<Relationship>> GetRelationshipsAsync(Guid entityId, IReadOnlyCollection<string>? tags = null, CancellationToken cancellationToken = default)
        => await ReadAsync(async (connection, ct) =>
        {
            var withTags = tags is { Count: > 0 };
            await using var command = connection.Command($"""
                SELECT {RelationshipColumns} FROM relationships
                WHERE (source_entity_id = $1 OR target_entity_id = $1){(withTags ? " AND tags && $2" : "")}
                ORDER BY created_at, id
                """).With(entityId);
            if (withTags) command.With(tags!.ToArray());
            return await command.ListAsync(ReadRelationship, ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);

    private static Relationship ReadRelationship(NpgsqlDataReader r) => new()
    {
        Id = r.GetGuid(0),
        SourceEntityId = r.GetGuid(1),
        TargetEntityId = r.GetGuid(2),
        AgentId = r.GetGuid(3),
        Tags = r.GetTextArray(4),
        Metadata = r.GetJsonObjectOrNull(5) ?? [],
        CreatedAt = r.GetTimestampTz(6),
    };
}
