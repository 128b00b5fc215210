using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ElizaGen.PluginSql.Internal;
using ElizaGen.Schema.Naming;
using Npgsql;
using NpgsqlTypes;

namespace ElizaGen.PluginSql.Compatibility;

/// <summary>
/// Keeps a database that ElizaGen migrated openable by the TypeScript <c>@elizaos/plugin-sql</c> 1.7.2.
/// </summary>
/// <remarks>
/// <para>The plugin's migrator trusts only the last <c>migrations._migrations</c> hash of <c>@elizaos/plugin-sql</c>:
/// equal to the SHA-256 of the JSON text of its own snapshot (<see cref="PluginSql172Hash"/>), it does nothing;
/// different, it diffs from the last stored snapshot, and on ElizaGen's snapshot it would drop the additions
/// (the primary key of <c>logs</c>, the HNSW indexes) and add the foreign keys its snapshot lists but never creates.
/// ElizaGen's hash cannot be the same: it hashes its own canonical form, which orders and spells keys differently,
/// and the schema has the additions.</para>
/// <para>So after ElizaGen has migrated the core schema (its hash last), this appends the plugin's own record — the
/// plugin's hash, a journal entry and the plugin's 1.7.2 snapshot, as the plugin writes them after migrating an empty
/// database. The database then holds everything the plugin's schema declares (and the additions), and the plugin's
/// fast path sees its own hash. ElizaGen recognises the pair (its hash followed by the plugin's) as up to date; on any
/// other journal ElizaGen's migrator reads the catalog rather than the plugin's snapshot.</para>
/// </remarks>
public static class PluginSqlJournal
{
    /// <summary>The plugin's name in the journal.</summary>
    public const string PluginName = "@elizaos/plugin-sql";

    /// <summary>The hash <c>@elizaos/plugin-sql</c> 1.7.2 records: SHA-256 of the JSON text of its snapshot.</summary>
    public const string PluginSql172Hash = "0837c648ac972285253e7d5d2812a7a987cfb92abef8f365d07cb610985c7299";

    private const string SnapshotResource = "ElizaGen.PluginSql.Compatibility.plugin-sql-1.7.2-snapshot.json";

    /// <summary>The JSON text of the snapshot the plugin stores (byte for byte the text it hashes).</summary>
    public static string PluginSql172SnapshotJson { get; } = LoadSnapshot();

    /// <summary>
    /// True when the last two rows of the journal for the plugin are <paramref name="elizaGenHash"/> then the plugin's
    /// own hash: ElizaGen migrated to this schema and marked it for the plugin. False without a journal.
    /// </summary>
    public static async Task<bool> IsMarkedAsync(NpgsqlConnection connection, string elizaGenHash, CancellationToken cancellationToken)
    {
        var hashes = await LastHashesAsync(connection, null, 2, cancellationToken).ConfigureAwait(false);
        return hashes.Count == 2 && hashes[0] == PluginSql172Hash && hashes[1] == elizaGenHash;
    }

    /// <summary>
    /// Appends the plugin's record when the last journal row is <paramref name="elizaGenHash"/> (ElizaGen just
    /// migrated the core schema); does nothing otherwise. Serialised with both migrators by the plugin's advisory
    /// lock key. Returns true when it wrote.
    /// </summary>
    public static async Task<bool> MarkAsync(NpgsqlConnection connection, string elizaGenHash, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var lockCommand = connection.Command("SELECT pg_advisory_xact_lock($1)", transaction).With(PluginNaming.AdvisoryLockKey(PluginName)))
        {
            await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var hashes = await LastHashesAsync(connection, transaction, 1, cancellationToken).ConfigureAwait(false);
        if (hashes.Count == 0 || hashes[0] != elizaGenHash)
        {
            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            return false;
        }

        var index = await NextIndexAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var tag = index.ToString("0000", CultureInfo.InvariantCulture) + "_" + PluginName + "_" + now.ToString("x", CultureInfo.InvariantCulture);
        var entry = new JsonObject { ["idx"] = index, ["version"] = "7", ["when"] = now, ["tag"] = tag, ["breakpoints"] = true };

        await using var batch = new NpgsqlBatch(connection, transaction);
        // The plugin finds its last migration by created_at: this row must sort after ElizaGen's, even in the same millisecond.
        var migration = new NpgsqlBatchCommand("""
            INSERT INTO migrations._migrations (plugin_name, hash, created_at)
            VALUES ($1, $2, greatest($3, (SELECT max(created_at) + 1 FROM migrations._migrations WHERE plugin_name = $1)))
            """);
        migration.Parameters.Add(new NpgsqlParameter<string> { TypedValue = PluginName });
        migration.Parameters.Add(new NpgsqlParameter<string> { TypedValue = PluginSql172Hash });
        migration.Parameters.Add(new NpgsqlParameter<long> { TypedValue = now });
        var journal = new NpgsqlBatchCommand("""
            INSERT INTO migrations._journal (plugin_name, version, dialect, entries) VALUES ($1, '7', 'postgresql', jsonb_build_array($2::jsonb))
            ON CONFLICT (plugin_name) DO UPDATE SET entries = migrations._journal.entries || jsonb_build_array($2::jsonb)
            """);
        journal.Parameters.Add(new NpgsqlParameter<string> { TypedValue = PluginName });
        journal.Parameters.Add(new NpgsqlParameter<string> { TypedValue = entry.ToJsonString(), NpgsqlDbType = NpgsqlDbType.Jsonb });
        var snapshot = new NpgsqlBatchCommand("""
            INSERT INTO migrations._snapshots (plugin_name, idx, snapshot) VALUES ($1, $2, $3)
            ON CONFLICT (plugin_name, idx) DO UPDATE SET snapshot = EXCLUDED.snapshot, created_at = NOW()
            """);
        snapshot.Parameters.Add(new NpgsqlParameter<string> { TypedValue = PluginName });
        snapshot.Parameters.Add(new NpgsqlParameter<int> { TypedValue = index });
        snapshot.Parameters.Add(new NpgsqlParameter<string> { TypedValue = PluginSql172SnapshotJson, NpgsqlDbType = NpgsqlDbType.Jsonb });
        batch.BatchCommands.Add(migration);
        batch.BatchCommands.Add(journal);
        batch.BatchCommands.Add(snapshot);
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    private static async Task<List<string>> LastHashesAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, int count, CancellationToken ct)
    {
        await using (var exists = connection.Command("SELECT to_regclass('migrations._migrations') IS NOT NULL", transaction))
        {
            if (!(bool)(await exists.ExecuteScalarAsync(ct).ConfigureAwait(false))!) return [];
        }
        await using var command = connection.Command(
            "SELECT hash FROM migrations._migrations WHERE plugin_name = $1 ORDER BY id DESC LIMIT $2", transaction)
            .With(PluginName).With(count);
        return await command.ListAsync(r => r.GetString(0), ct).ConfigureAwait(false);
    }

    private static async Task<int> NextIndexAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        await using var command = connection.Command("""
            SELECT greatest(
                (SELECT coalesce(max(idx) + 1, 0) FROM migrations._snapshots WHERE plugin_name = $1),
                (SELECT coalesce(max((e->>'idx')::int) + 1, 0) FROM migrations._journal j, jsonb_array_elements(j.entries) e WHERE j.plugin_name = $1))
            """, transaction).With(PluginName);
        return (int)(await command.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
    }

    private static string LoadSnapshot()
    {
        using var stream = typeof(PluginSqlJournal).Assembly.GetManifestResourceStream(SnapshotResource)
            ?? throw new InvalidOperationException($"The embedded resource {SnapshotResource} is missing from ElizaGen.PluginSql; the build is broken.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var text = reader.ReadToEnd();
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text))).ToLowerInvariant();
        if (hash != PluginSql172Hash)
        {
            throw new InvalidOperationException($"The embedded plugin-sql 1.7.2 snapshot hashes to {hash}, not {PluginSql172Hash}; the resource was altered.");
        }
        return text;
    }
}
