using ElizaGen.PluginSql.Internal;
using ElizaGen.PluginSql.Models;
using ElizaGen.PluginSql.Schema;
using ElizaGen.Runtime.Resilience;
using Npgsql;

namespace ElizaGen.PluginSql;

public sealed partial class ElizaDatabaseAdapter
{
    private const string RoomColumns = "r.id, r.name, r.agent_id, r.source, r.type, r.message_server_id, r.world_id, r.channel_id, r.metadata, r.created_at";
    private const string WorldColumns = "w.id, w.agent_id, w.name, w.metadata, w.message_server_id, w.created_at";

    /// <summary>The agent's rooms with these ids (rooms of other agents are not returned, as in the original).</summary>
    public async Task<IReadOnlyList<Room>> GetRoomsByIdsAsync(IReadOnlyCollection<Guid> roomIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(roomIds);
        if (roomIds.Count == 0) return [];
        return await ReadAsync(async (connection, ct) =>
        {
            await using var command = connection.Command($"SELECT {RoomColumns} FROM rooms r WHERE r.id = ANY($1) AND r.agent_id = $2 ORDER BY r.created_at, r.id")
                .With(roomIds.ToArray()).With(AgentId);
            return await command.ListAsync(ReadRoom, ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The rooms of a world.</summary>
    public async Task<IReadOnlyList<Room>> GetRoomsByWorldAsync(Guid worldId, CancellationToken cancellationToken = default)
        => await ReadAsync(async (connection, ct) =>
        {
            await using var command = connection.Command($"SELECT {RoomColumns} FROM rooms r WHERE r.world_id = $1 ORDER BY r.created_at, r.id").With(worldId);
            return await command.ListAsync(ReadRoom, ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Creates rooms for the agent (their agent is always the adapter's); a room whose id exists already is left as it
    /// is. Returns the ids, in order (made for rooms without one).
    /// </summary>
    public async Task<IReadOnlyList<Guid>> CreateRoomsAsync(IEnumerable<Room> rooms, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rooms);
        var list = rooms.Select(r => r ?? throw new ArgumentNullException(nameof(rooms))).Select(r => r with { Id = r.Id ?? Guid.NewGuid() }).ToList();
        if (list.Count == 0) return [];
        var now = DateTimeOffset.UtcNow;
        await TransactionAsync(OperationKind.IdempotentWrite, async (connection, transaction, ct) =>
        {
            await using var batch = new NpgsqlBatch(connection, transaction);
            foreach (var room in list)
            {
                var command = new NpgsqlBatchCommand("""
                    INSERT INTO rooms (id, agent_id, source, type, message_server_id, world_id, name, metadata, channel_id, created_at)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING
                    """);
                command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = room.Id!.Value });
                command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = AgentId });
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = room.Source ?? "" });
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = room.Type ?? "" });
                command.Parameters.Add(new NpgsqlParameter<Guid?> { TypedValue = room.MessageServerId });
                command.Parameters.Add(new NpgsqlParameter<Guid?> { TypedValue = room.WorldId });
                command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = room.Name });
                command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = Json.WithoutNul(room.Metadata) is { } metadata ? Json.Text(metadata) : null, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Jsonb });
                command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = room.ChannelId });
                command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = Sql.ToUtcWallClock(room.CreatedAt ?? now), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Timestamp });
                batch.BatchCommands.Add(command);
            }
            await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
        return list.Select(r => r.Id!.Value).ToList();
    }

    /// <summary>Replaces a room's fields (its agent becomes the adapter's, as in the original).</summary>
    public async Task UpdateRoomAsync(Room room, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(room);
        if (room.Id is not { } id) throw new ArgumentException("The room has no id: say which room to update.", nameof(room));
        await WriteAsync(OperationKind.IdempotentWrite, async (connection, ct) =>
        {
            await using var command = connection.Command("""
                UPDATE rooms SET agent_id = $2, source = $3, type = $4, message_server_id = $5, world_id = $6, name = $7, metadata = $8, channel_id = $9
                WHERE id = $1
                """).With(id).With(AgentId).With(room.Source).With(room.Type).With(room.MessageServerId).With(room.WorldId)
                .With(room.Name).WithJsonb(Json.WithoutNul(room.Metadata)).With(room.ChannelId);
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes a room and, by cascade, its memories, participants, components and logs.</summary>
    public async Task DeleteRoomAsync(Guid roomId, CancellationToken cancellationToken = default)
        => await WriteAsync(OperationKind.IdempotentWrite, (connection, ct) => new RoomRowRepository(_database.DataSource).DeleteAsync(connection, null, roomId, ct), cancellationToken).ConfigureAwait(false);

    /// <summary>Deletes the agent's rooms of a world, with their logs, participants, memories and embeddings.</summary>
    public async Task DeleteRoomsByWorldIdAsync(Guid worldId, CancellationToken cancellationToken = default)
        => await WriteAsync(OperationKind.IdempotentWrite, async (connection, ct) =>
        {
            await using var command = connection.Command("DELETE FROM rooms WHERE world_id = $1 AND agent_id = $2").With(worldId).With(AgentId);
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);

    /// <summary>Creates a world (its agent is the adapter's when not given); an existing id is left as it is. Returns its id.</summary>
    public async Task<Guid> CreateWorldAsync(World world, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(world);
        var id = world.Id ?? Guid.NewGuid();
        var createdAt = world.CreatedAt ?? DateTimeOffset.UtcNow;
        await WriteAsync(OperationKind.IdempotentWrite, async (connection, ct) =>
        {
            await using var command = connection.Command("""
                INSERT INTO worlds (id, agent_id, name, metadata, message_server_id, created_at) VALUES ($1, $2, $3, $4, $5, $6)
                ON CONFLICT DO NOTHING
                """).With(id).With(world.AgentId ?? AgentId).With(world.Name ?? "").WithJsonb(Json.WithoutNul(world.Metadata))
                .With(world.MessageServerId).WithUtcTimestamp(createdAt);
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return id;
    }

    /// <summary>The world with this id, or null.</summary>
    public async Task<World?> GetWorldAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var row = await ReadAsync((connection, ct) => new WorldRowRepository(_database.DataSource).GetAsync(connection, null, id, ct), cancellationToken).ConfigureAwait(false);
        return row is null ? null : new World
        {
            Id = row.Id, AgentId = row.AgentId, Name = row.Name, Metadata = Json.ToObject(row.Metadata),
            MessageServerId = row.MessageServerId, CreatedAt = new DateTimeOffset(DateTime.SpecifyKind(row.CreatedAt, DateTimeKind.Utc)),
        };
    }

    /// <summary>The agent's worlds.</summary>
    public async Task<IReadOnlyList<World>> GetAllWorldsAsync(CancellationToken cancellationToken = default)
        => await ReadAsync(async (connection, ct) =>
        {
            await using var command = connection.Command($"SELECT {WorldColumns} FROM worlds w WHERE w.agent_id = $1 ORDER BY w.created_at, w.id").With(AgentId);
            return await command.ListAsync(ReadWorld, ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);

    /// <summary>Replaces a world's name, metadata, agent and message server.</summary>
    public async Task UpdateWorldAsync(World world, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(world);
        if (world.Id is not { } id) throw new ArgumentException("The world has no id: say which world to update.", nameof(world));
        await WriteAsync(OperationKind.IdempotentWrite, async (connection, ct) =>
        {
            await using var command = connection.Command("UPDATE worlds SET agent_id = $2, name = $3, metadata = $4, message_server_id = $5 WHERE id = $1")
                .With(id).With(world.AgentId ?? AgentId).With(world.Name ?? "").WithJsonb(Json.WithoutNul(world.Metadata)).With(world.MessageServerId);
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes a world (and, by cascade, its components).</summary>
    public async Task RemoveWorldAsync(Guid id, CancellationToken cancellationToken = default)
        => await WriteAsync(OperationKind.IdempotentWrite, (connection, ct) => new WorldRowRepository(_database.DataSource).DeleteAsync(connection, null, id, ct), cancellationToken).ConfigureAwait(false);

    private static Room ReadRoom(NpgsqlDataReader r) => new()
    {
        Id = r.GetGuid(0),
        Name = r.GetStringOrNull(1),
        AgentId = r.GetGuidOrNull(2),
        Source = r.GetString(3),
        Type = r.GetString(4),
        MessageServerId = r.GetGuidOrNull(5),
        WorldId = r.GetGuidOrNull(6),
        ChannelId = r.GetStringOrNull(7),
        Metadata = r.GetJsonObjectOrNull(8),
        CreatedAt = r.GetUtcTimestamp(9),
    };

    private static World ReadWorld(NpgsqlDataReader r) => new()
    {
        Id = r.GetGuid(0),
        AgentId = r.GetGuid(1),
        Name = r.GetString(2),
        Metadata = r.GetJsonObjectOrNull(3),
        MessageServerId = r.GetGuidOrNull(4),
        CreatedAt = r.GetUtcTimestamp(5),
    };
}
