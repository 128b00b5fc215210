using ElizaGen.Schema.Naming;
using Npgsql;

namespace ElizaGen.Runtime.Migrations;

/// <summary>
/// Transaction-scoped advisory locks: released by COMMIT or ROLLBACK, so they stay correct behind PgBouncer's
/// transaction pooling and cannot leak when a process dies. The key rule is the ElizaOS plugin's, so both tools
/// serialise on the same key for the same plugin.
/// </summary>
internal static class AdvisoryLocks
{
    /// <summary>The advisory lock key of a name (see <see cref="PluginNaming.AdvisoryLockKey"/>).</summary>
    public static long KeyFor(string name) => PluginNaming.AdvisoryLockKey(name);

    /// <summary>Waits for the transaction advisory lock of <paramref name="name"/>.</summary>
    public static async Task AcquireTransactionLockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string name, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1)", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = KeyFor(name) });
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }
}
