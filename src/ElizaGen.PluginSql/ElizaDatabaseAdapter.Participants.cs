using ElizaGen.PluginSql.Internal;
using ElizaGen.PluginSql.Models;
using ElizaGen.Runtime.Resilience;

namespace ElizaGen.PluginSql;

public sealed partial class ElizaDatabaseAdapter
{
    /// <summary>The agent's rooms an entity takes part in.</summary>
    public async Task<IReadOnlyList<Guid>> GetRoomsForParticipantAsync(Guid entityId, CancellationToken cancellationToken = default)
        => await GetRoomsForParticipantsAsync([entityId], cancellationToken).ConfigureAwait(false);

    /// <summary>The agent's rooms any of these entities take part in (each room once).</summary>
    public async Task<IReadOnlyList<Guid>> GetRoomsForParticipantsAsync(IReadOnlyCollection<Guid> entityIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entityIds);
        if (entityIds.Count == 0) return [];
        return await ReadAsync(async (connection, ct) =>
        {
            await using var command = connection.Command("""
                SELECT DISTINCT p.room_id FROM participants p JOIN rooms r ON r.id = p.room_id
                WHERE p.entity_id = ANY($1) AND r.agent_id = $2
                """).With(entityIds.ToArray()).With(AgentId);
            return await command.ListAsync(r => r.GetGuid(0), ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds an entity to a room (for the agent); nothing changes when it is there already.</summary>
    public Task<bool> AddParticipantAsync(Guid entityId, Guid roomId, CancellationToken cancellationToken = default)
        => AddParticipantsRoomAsync([entityId], roomId, cancellationToken);

    /// <summary>
    /// Adds entities to a room (for the agent). Unlike the original, which inserts duplicates (the table has no unique
    /// key on entity and room), an entity already in the room is not added again.
    /// </summary>
    public async Task<bool> AddParticipantsRoomAsync(IReadOnlyCollection<Guid> entityIds, Guid roomId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entityIds);
        if (entityIds.Count == 0) return true;
        await TransactionAsync(OperationKind.IdempotentWrite, async (connection, transaction, ct) =>
        {
            // Serialise concurrent adds to the same room, so that the NOT EXISTS check holds.
            await using (var gate = connection.Command("SELECT pg_advisory_xact_lock(hashtextextended($1::text, 0))", transaction).With(roomId))
            {
                await gate.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }
            await using var command = connection.Command("""
                INSERT INTO participants (id, entity_id, room_id, agent_id)
                SELECT gen_random_uuid(), ids.entity_id, $2, $3 FROM (SELECT DISTINCT unnest($1::uuid[]) AS entity_id) ids
                WHERE NOT EXISTS (SELECT 1 FROM participants p WHERE p.entity_id = ids.entity_id AND p.room_id = $2 AND p.agent_id = $3)
                """, transaction).With(entityIds.ToArray()).With(roomId).With(AgentId);
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Removes an entity from a room; false when it was not there.</summary>
    public async Task<bool> RemoveParticipantAsync(Guid entityId, Guid roomId, CancellationToken cancellationToken = default)
        => await WriteAsync(OperationKind.IdempotentWrite, async (connection, ct) =>
        {
            await using var command = connection.Command("DELETE FROM participants WHERE entity_id = $1 AND room_id = $2").With(entityId).With(roomId);
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false) > 0;
        }, cancellationToken).ConfigureAwait(false);

    /// <summary>An entity's participations, each with the entity; empty when the entity does not exist.</summary>
    public async Task<IReadOnlyList<Participant>> GetParticipantsForEntityAsync(Guid entityId, CancellationToken cancellationToken = default)
    {
        var entities = await GetEntitiesByIdsAsync([entityId], cancellationToken).ConfigureAwait(false);
        if (entities.Count == 0) return [];
        var rows = await ReadAsync(async (connection, ct) =>
        {
            await using var command = connection.Command("SELECT id, room_id FROM participants WHERE entity_id = $1 ORDER BY created_at, id").With(entityId);
            return await command.ListAsync(r => (Id: r.GetGuid(0), RoomId: r.GetGuidOrNull(1)), ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return rows.Select(r => new Participant(r.Id, entities[0], r.RoomId)).ToList();
    }

    /// <summary>The entities taking part in a room.</summary>
    public async Task<IReadOnlyList<Guid>> GetParticipantsForRoomAsync(Guid roomId, CancellationToken cancellationToken = default)
        => await ReadAsync(async (connection, ct) =>
        {
            await using var command = connection.Command("SELECT DISTINCT entity_id FROM participants WHERE room_id = $1 AND entity_id IS NOT NULL").With(roomId);
            return await command.ListAsync(r => r.GetGuid(0), ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);

    /// <summary>True when the entity takes part in the room.</summary>
    public async Task<bool> IsRoomParticipantAsync(Guid roomId, Guid entityId, CancellationToken cancellationToken = default)
        => await ReadAsync(async (connection, ct) =>
        {
            await using var command = connection.Command("SELECT EXISTS (SELECT 1 FROM participants WHERE room_id = $1 AND entity_id = $2)").With(roomId).With(entityId);
            return (bool)(await command.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
        }, cancellationToken).ConfigureAwait(false);

    /// <summary>How the agent follows an entity's participation in a room: followed, muted, or null for neither (or not a participant).</summary>
    public async Task<ParticipantUserState?> GetParticipantUserStateAsync(Guid roomId, Guid entityId, CancellationToken cancellationToken = default)
    {
        var state = await ReadAsync(async (connection, ct) =>
        {
            await using var command = connection.Command("""
                SELECT room_state FROM participants WHERE room_id = $1 AND entity_id = $2 AND agent_id = $3 ORDER BY created_at, id LIMIT 1
                """).With(roomId).With(entityId).With(AgentId);
            return await command.FirstOrDefaultAsync(r => r.GetStringOrNull(0), ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return state switch
        {
            "FOLLOWED" => ParticipantUserState.Followed,
            "MUTED" => ParticipantUserState.Muted,
            _ => null,
        };
    }

    /// <summary>Sets how the agent follows an entity's participation in a room (null clears it).</summary>
    public async Task SetParticipantUserStateAsync(Guid roomId, Guid entityId, ParticipantUserState? state, CancellationToken cancellationToken = default)
    {
        var text = state switch
        {
            null => null,
            ParticipantUserState.Followed => "FOLLOWED",
            ParticipantUserState.Muted => "MUTED",
            _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Use Followed, Muted or null."),
        };
        await WriteAsync(OperationKind.IdempotentWrite, async (connection, ct) =>
        {
            await using var command = connection.Command("UPDATE participants SET room_state = $4 WHERE room_id = $1 AND entity_id = $2 AND agent_id = $3")
                .With(roomId).With(entityId).With(AgentId).With(text);
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }
}
