using System.Text.Json.Nodes;
using ElizaGen.PluginSql.Internal;
using ElizaGen.Runtime.Resilience;

namespace ElizaGen.PluginSql;

public sealed partial class ElizaDatabaseAdapter
{
    /// <summary>
    /// The agent's cached value under a key, or null when there is none or it has expired (<c>expires_at</c> in the
    /// past; the original returns expired entries).
    /// </summary>
    public async Task<JsonNode?> GetCacheAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return await ReadAsync(async (connection, ct) =>
        {
            await using var command = connection.Command("""
                SELECT value FROM cache WHERE agent_id = $1 AND key = $2 AND (expires_at IS NULL OR expires_at > now())
                """).With(AgentId).With(key);
            return await command.FirstOrDefaultAsync(r => r.GetJsonNode(0), ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Caches a JSON value under a key for the agent (replacing an older one), until <paramref name="expiresAt"/> if given.</summary>
    public async Task<bool> SetCacheAsync(string key, JsonNode value, DateTimeOffset? expiresAt = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        await WriteAsync(OperationKind.IdempotentWrite, async (connection, ct) =>
        {
            await using var command = connection.Command("""
                INSERT INTO cache (key, agent_id, value, created_at, expires_at) VALUES ($1, $2, $3, now(), $4)
                ON CONFLICT (key, agent_id) DO UPDATE SET value = EXCLUDED.value, expires_at = EXCLUDED.expires_at
                """).With(key).With(AgentId).WithJsonb(Json.WithoutNul(value)).WithTimestampTz(expiresAt);
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Removes the agent's cached value under a key; true when there was one.</summary>
    public async Task<bool> DeleteCacheAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return await WriteAsync(OperationKind.IdempotentWrite, async (connection, ct) =>
        {
            await using var command = connection.Command("DELETE FROM cache WHERE agent_id = $1 AND key = $2").With(AgentId).With(key);
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false) > 0;
        }, cancellationToken).ConfigureAwait(false);
    }
}
