using System.Text.Json.Nodes;
using ElizaGen.PluginSql.Internal;
using ElizaGen.PluginSql.Models;
using ElizaGen.Runtime.Resilience;

namespace ElizaGen.PluginSql;

public sealed partial class ElizaDatabaseAdapter
{
    /// <summary>
    /// Records an event. NUL characters are removed from the body's strings and keys (jsonb cannot hold them);
    /// nothing else is changed. Returns the log's id.
    /// </summary>
    public async Task<Guid> LogAsync(JsonObject body, Guid entityId, Guid roomId, string type, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        var id = Guid.NewGuid();
        await WriteAsync(OperationKind.IdempotentWrite, async (connection, ct) =>
        {
            await using var command = connection.Command("""
                INSERT INTO logs (id, created_at, entity_id, body, type, room_id) VALUES ($1, now(), $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING
                """).With(id).With(entityId).WithJsonb(Json.WithoutNul(body)).With(type).With(roomId);
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return id;
    }

    /// <summary>Logs filtered by entity, room and type, newest first, paged.</summary>
    public async Task<IReadOnlyList<LogEntry>> GetLogsAsync(LogQuery? query = null, CancellationToken cancellationToken = default)
    {
        query ??= new LogQuery();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(query.Count, nameof(query) + "." + nameof(query.Count));
        ArgumentOutOfRangeException.ThrowIfNegative(query.Offset, nameof(query) + "." + nameof(query.Offset));
        return await ReadAsync(async (connection, ct) =>
        {
            await using var command = connection.Command("""
                SELECT id, entity_id, room_id, type, body, created_at FROM logs
                WHERE ($1::uuid IS NULL OR entity_id = $1) AND ($2::uuid IS NULL OR room_id = $2) AND ($3::text IS NULL OR type = $3)
                ORDER BY created_at DESC, id DESC
                LIMIT $4 OFFSET $5
                """).With(query.EntityId).With(query.RoomId).With(query.Type).With(query.Count).With(query.Offset);
            return await command.ListAsync(r => new LogEntry(r.GetGuid(0), r.GetGuid(1), r.GetGuid(2), r.GetString(3), r.GetJsonObjectOrNull(4) ?? [], r.GetTimestampTz(5)), ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes a log.</summary>
    public async Task DeleteLogAsync(Guid logId, CancellationToken cancellationToken = default)
        => await WriteAsync(OperationKind.IdempotentWrite, (connection, ct) => new Schema.LogRowRepository(_database.DataSource).DeleteAsync(connection, null, logId, ct), cancellationToken).ConfigureAwait(false);
}
