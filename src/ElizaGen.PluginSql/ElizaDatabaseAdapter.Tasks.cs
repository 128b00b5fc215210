using ElizaGen.PluginSql.Internal;
using ElizaGen.PluginSql.Models;
using ElizaGen.Runtime.Resilience;
using Npgsql;

namespace ElizaGen.PluginSql;

public sealed partial class ElizaDatabaseAdapter
{
    private const string TaskColumns = "id, name, description, room_id, world_id, entity_id, tags, metadata, created_at, updated_at";

    /// <summary>Creates a task for the agent and returns its id (the original drops <c>entityId</c>; it is kept here).</summary>
    public async Task<Guid> CreateTaskAsync(AgentTask task, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentException.ThrowIfNullOrWhiteSpace(task.Name, nameof(task) + "." + nameof(task.Name));
        var id = task.Id ?? Guid.NewGuid();
        await WriteAsync(OperationKind.IdempotentWrite, async (connection, ct) =>
        {
            await using var command = connection.Command("""
                INSERT INTO tasks (id, name, description, room_id, world_id, entity_id, agent_id, tags, metadata, created_at, updated_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now(), now())
                ON CONFLICT (id) DO NOTHING
                """).With(id).With(task.Name).With(task.Description).With(task.RoomId).With(task.WorldId).With(task.EntityId)
                .With(AgentId).With(task.Tags.ToArray()).WithJsonbText(Json.TextOr(Json.WithoutNul(task.Metadata), "{}"));
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return id;
    }

    /// <summary>The agent's tasks, in a room, of an entity, and carrying all of <paramref name="tags"/>, when given.</summary>
    public async Task<IReadOnlyList<AgentTask>> GetTasksAsync(Guid? roomId = null, IReadOnlyCollection<string>? tags = null, Guid? entityId = null, CancellationToken cancellationToken = default)
        => await ReadAsync(async (connection, ct) =>
        {
            await using var command = connection.Command($"""
                SELECT {TaskColumns} FROM tasks
                WHERE agent_id = $1 AND ($2::uuid IS NULL OR room_id = $2) AND ($3::uuid IS NULL OR entity_id = $3)
                  AND (cardinality($4::text[]) = 0 OR tags @> $4)
                ORDER BY created_at, id
                """).With(AgentId).With(roomId).With(entityId).With((tags ?? []).ToArray());
            return await command.ListAsync(ReadTask, ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);

    /// <summary>The agent's tasks with this name.</summary>
    public async Task<IReadOnlyList<AgentTask>> GetTasksByNameAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        return await ReadAsync(async (connection, ct) =>
        {
            await using var command = connection.Command($"SELECT {TaskColumns} FROM tasks WHERE agent_id = $1 AND name = $2 ORDER BY created_at, id").With(AgentId).With(name);
            return await command.ListAsync(ReadTask, ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The agent's task with this id, or null.</summary>
    public async Task<AgentTask?> GetTaskAsync(Guid id, CancellationToken cancellationToken = default)
        => await ReadAsync(async (connection, ct) =>
        {
            await using var command = connection.Command($"SELECT {TaskColumns} FROM tasks WHERE id = $1 AND agent_id = $2").With(id).With(AgentId);
            return await command.FirstOrDefaultAsync(ReadTask, ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);

    /// <summary>Changes the agent's task (the properties set in <paramref name="update"/>); <c>updated_at</c> becomes now.</summary>
    public async Task UpdateTaskAsync(Guid id, AgentTaskUpdate update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        await WriteAsync(OperationKind.IdempotentWrite, async (connection, ct) =>
        {
            await using var command = connection.Command("""
                UPDATE tasks SET name = coalesce($3, name), description = coalesce($4, description), room_id = coalesce($5, room_id),
                    world_id = coalesce($6, world_id), tags = coalesce($7, tags), metadata = coalesce($8, metadata), updated_at = now()
                WHERE id = $1 AND agent_id = $2
                """).With(id).With(AgentId).With(update.Name).With(update.Description).With(update.RoomId).With(update.WorldId)
                .With(update.Tags?.ToArray()).WithJsonb(Json.WithoutNul(update.Metadata));
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes the agent's task.</summary>
    public async Task DeleteTaskAsync(Guid id, CancellationToken cancellationToken = default)
        => await WriteAsync(OperationKind.IdempotentWrite, async (connection, ct) =>
        {
            await using var command = connection.Command("DELETE FROM tasks WHERE id = $1 AND agent_id = $2").With(id).With(AgentId);
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);

    private static AgentTask ReadTask(NpgsqlDataReader r) => new()
    {
        Id = r.GetGuid(0),
        Name = r.GetString(1),
        Description = r.GetStringOrNull(2),
        RoomId = r.GetGuidOrNull(3),
        WorldId = r.GetGuidOrNull(4),
        EntityId = r.GetGuidOrNull(5),
        Tags = r.GetTextArray(6),
        Metadata = r.GetJsonObjectOrNull(7) ?? [],
        CreatedAt = r.IsDBNull(8) ? null : r.GetTimestampTz(8),
        UpdatedAt = r.IsDBNull(9) ? null : r.GetTimestampTz(9),
    };
}
