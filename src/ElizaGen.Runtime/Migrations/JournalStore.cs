using System.Globalization;
using System.Text;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace ElizaGen.Runtime.Migrations;

/// <summary>
/// The migration journal: the same three tables in schema <c>migrations</c> as <c>@elizaos/plugin-sql</c>
/// (<c>_migrations</c>, <c>_journal</c>, <c>_snapshots</c>), so that a database either tool migrated can be
/// opened by the other. Every method runs on the caller's connection and transaction.
/// </summary>
internal static class JournalStore
{
    public const string Schema = "migrations";

    private const string CreateTablesSql = """
        CREATE SCHEMA IF NOT EXISTS migrations;
        CREATE TABLE IF NOT EXISTS migrations._migrations (
            id SERIAL PRIMARY KEY,
            plugin_name TEXT NOT NULL,
            hash TEXT NOT NULL,
            created_at BIGINT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS migrations._journal (
            plugin_name TEXT PRIMARY KEY,
            version TEXT NOT NULL,
            dialect TEXT NOT NULL DEFAULT 'postgresql',
            entries JSONB NOT NULL DEFAULT '[]'
        );
        CREATE TABLE IF NOT EXISTS migrations._snapshots (
            id SERIAL PRIMARY KEY,
            plugin_name TEXT NOT NULL,
            idx INTEGER NOT NULL,
            snapshot JSONB NOT NULL,
            created_at TIMESTAMP DEFAULT NOW(),
            UNIQUE(plugin_name, idx)
        );
        """;

    /// <summary>True when all three journal tables exist.</summary>
    public static async Task<bool> ExistsAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            "SELECT to_regclass('migrations._migrations') IS NOT NULL AND to_regclass('migrations._journal') IS NOT NULL AND to_regclass('migrations._snapshots') IS NOT NULL",
            connection, transaction);
        return (bool)(await command.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
    }

    /// <summary>
    /// Creates the journal tables when they are missing. Concurrent creators are serialised by a transaction
    /// advisory lock (two concurrent <c>CREATE TABLE IF NOT EXISTS</c> can otherwise collide in pg_type).
    /// </summary>
    public static async Task EnsureCreatedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        if (await ExistsAsync(connection, transaction, ct).ConfigureAwait(false)) return;
        await AdvisoryLocks.AcquireTransactionLockAsync(connection, transaction, "migrations._journal bootstrap", ct).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(CreateTablesSql, connection, transaction);
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The last recorded hash per plugin, in one query; plugins never migrated are absent. A database without the
    /// journal gives an empty result (no error, nothing created).
    /// </summary>
    public static async Task<Dictionary<string, string>> LastHashesAsync(
        NpgsqlConnection connection, IReadOnlyCollection<string> pluginNames, CancellationToken ct)
    {
        const string sql = """
            SELECT DISTINCT ON (plugin_name) plugin_name, hash
            FROM migrations._migrations
            WHERE plugin_name = ANY($1)
            ORDER BY plugin_name, id DESC
            """;
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = pluginNames.ToArray() });
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                result[reader.GetString(0)] = reader.GetString(1);
            }
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidSchemaName)
        {
            // No journal yet: nothing was ever migrated here.
        }
        return result;
    }

    /// <summary>The last migration row of a plugin, or null.</summary>
    public static async Task<MigrationRecord?> LastMigrationAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string pluginName, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            "SELECT id, hash, created_at FROM migrations._migrations WHERE plugin_name = $1 ORDER BY id DESC LIMIT 1",
            connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = pluginName });
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        if (!await reader.ReadAsync(ct).ConfigureAwait(false)) return null;
        return new MigrationRecord(reader.GetInt32(0), reader.GetString(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)));
    }

    /// <summary>The last snapshot of a plugin (its index and JSON text), or null.</summary>
    public static async Task<(int Index, string Json)?> LastSnapshotAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string pluginName, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            "SELECT idx, snapshot::text FROM migrations._snapshots WHERE plugin_name = $1 ORDER BY idx DESC LIMIT 1",
            connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = pluginName });
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        if (!await reader.ReadAsync(ct).ConfigureAwait(false)) return null;
        return (reader.GetInt32(0), reader.GetString(1));
    }

    /// <summary>
    /// The newest snapshot ElizaGen itself recorded for a plugin (its journal entry carries
    /// <see cref="TagMarker"/>), else the newest of any tool; null when there is none.
    /// </summary>
    public static async Task<(int Index, string Json)?> LastTrustedSnapshotAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string pluginName, JournalInfo? journal, CancellationToken ct)
    {
        var own = journal?.Entries.Where(e => e.Tag.Contains(TagMarker, StringComparison.Ordinal)).Select(e => (int?)e.Index).Max();
        if (own is null) return await LastSnapshotAsync(connection, transaction, pluginName, ct).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            "SELECT idx, snapshot::text FROM migrations._snapshots WHERE plugin_name = $1 AND idx = $2", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = pluginName });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = own.Value });
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        if (!await reader.ReadAsync(ct).ConfigureAwait(false)) return await LastSnapshotAsync(connection, transaction, pluginName, ct).ConfigureAwait(false);
        return (reader.GetInt32(0), reader.GetString(1));
    }

    /// <summary>The number of snapshots recorded for a plugin.</summary>
    public static async Task<int> SnapshotCountAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string pluginName, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            "SELECT count(*)::int FROM migrations._snapshots WHERE plugin_name = $1", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = pluginName });
        return (int)(await command.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
    }

    /// <summary>The journal row of a plugin, or null.</summary>
    public static async Task<JournalInfo?> JournalAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string pluginName, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            "SELECT version, dialect, entries::text FROM migrations._journal WHERE plugin_name = $1", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = pluginName });
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        if (!await reader.ReadAsync(ct).ConfigureAwait(false)) return null;
        return new JournalInfo(reader.GetString(0), reader.GetString(1), ParseEntries(reader.GetString(2)));
    }

    /// <summary>
    /// Records one migration: a <c>_migrations</c> row, an entry appended to the plugin's <c>_journal</c> row and
    /// the snapshot under the next index — the same rows <c>@elizaos/plugin-sql</c> writes.
    /// </summary>
    public static async Task<int> RecordAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string pluginName, string hash, string snapshotJson, CancellationToken ct)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var journal = await JournalAsync(connection, transaction, pluginName, ct).ConfigureAwait(false);
        var last = await LastSnapshotAsync(connection, transaction, pluginName, ct).ConfigureAwait(false);
        var entries = journal?.Entries.ToList() ?? [];
        var index = Math.Max(last is { } l ? l.Index + 1 : 0, entries.Count == 0 ? 0 : entries.Max(e => e.Index) + 1);
        entries.Add(new JournalEntry(index, "7", now, Tag(index, pluginName), true));

        await using var batch = new NpgsqlBatch(connection, transaction);
        var migration = new NpgsqlBatchCommand("INSERT INTO migrations._migrations (plugin_name, hash, created_at) VALUES ($1, $2, $3)");
        migration.Parameters.Add(new NpgsqlParameter<string> { TypedValue = pluginName });
        migration.Parameters.Add(new NpgsqlParameter<string> { TypedValue = hash });
        migration.Parameters.Add(new NpgsqlParameter<long> { TypedValue = now });
        var journalRow = new NpgsqlBatchCommand("""
            INSERT INTO migrations._journal (plugin_name, version, dialect, entries) VALUES ($1, '7', 'postgresql', $2)
            ON CONFLICT (plugin_name) DO UPDATE SET version = EXCLUDED.version, dialect = EXCLUDED.dialect, entries = EXCLUDED.entries
            """);
        journalRow.Parameters.Add(new NpgsqlParameter<string> { TypedValue = pluginName });
        journalRow.Parameters.Add(new NpgsqlParameter<string> { TypedValue = WriteEntries(entries), NpgsqlDbType = NpgsqlDbType.Jsonb });
        var snapshot = new NpgsqlBatchCommand("""
            INSERT INTO migrations._snapshots (plugin_name, idx, snapshot) VALUES ($1, $2, $3)
            ON CONFLICT (plugin_name, idx) DO UPDATE SET snapshot = EXCLUDED.snapshot, created_at = NOW()
            """);
        snapshot.Parameters.Add(new NpgsqlParameter<string> { TypedValue = pluginName });
        snapshot.Parameters.Add(new NpgsqlParameter<int> { TypedValue = index });
        snapshot.Parameters.Add(new NpgsqlParameter<string> { TypedValue = snapshotJson, NpgsqlDbType = NpgsqlDbType.Jsonb });
        batch.BatchCommands.Add(migration);
        batch.BatchCommands.Add(journalRow);
        batch.BatchCommands.Add(snapshot);
        await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        return index;
    }

    /// <summary>What ElizaGen's journal tags carry after the plugin name: <c>0003_@acme/notes_elizagen-1a2b3c4d</c>.</summary>
    public const string TagMarker = "_elizagen-";

    private static string Tag(int index, string pluginName)
    {
        // drizzle-kit's tag shape, as @elizaos/plugin-sql writes it (0000_<plugin>_<word>), with a word that says
        // ElizaGen recorded the entry: its snapshot can be trusted to describe what ElizaGen applied.
        var suffix = Convert.ToHexString(Guid.NewGuid().ToByteArray(), 0, 4).ToLowerInvariant();
        return index.ToString("0000", CultureInfo.InvariantCulture) + "_" + pluginName + TagMarker + suffix;
    }

    /// <summary>True when the journal entry of snapshot <paramref name="index"/> was recorded by ElizaGen.</summary>
    public static bool RecordedByElizaGen(JournalInfo? journal, int index)
        => journal?.Entries.LastOrDefault(e => e.Index == index) is { } entry && entry.Tag.Contains(TagMarker, StringComparison.Ordinal);

    private static IReadOnlyList<JournalEntry> ParseEntries(string json)
    {
        using var document = JsonDocument.Parse(json);
        var result = new List<JournalEntry>();
        if (document.RootElement.ValueKind != JsonValueKind.Array) return result;
        foreach (var element in document.RootElement.EnumerateArray())
        {
            if (element.ValueKind != JsonValueKind.Object) continue;
            result.Add(new JournalEntry(
                element.TryGetProperty("idx", out var idx) && idx.TryGetInt32(out var i) ? i : result.Count,
                element.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "7",
                element.TryGetProperty("when", out var w) && w.TryGetInt64(out var when) ? when : 0,
                element.TryGetProperty("tag", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "",
                !element.TryGetProperty("breakpoints", out var b) || b.ValueKind != JsonValueKind.False));
        }
        return result;
    }

    private static string WriteEntries(IEnumerable<JournalEntry> entries)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartArray();
            foreach (var e in entries)
            {
                writer.WriteStartObject();
                writer.WriteNumber("idx", e.Index);
                writer.WriteString("version", e.Version);
                writer.WriteNumber("when", e.When);
                writer.WriteString("tag", e.Tag);
                writer.WriteBoolean("breakpoints", e.Breakpoints);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}

/// <summary>A row of <c>migrations._migrations</c>.</summary>
/// <param name="Id">The row id.</param>
/// <param name="Hash">The schema hash that was migrated to.</param>
/// <param name="CreatedAt">When.</param>
public sealed record MigrationRecord(int Id, string Hash, DateTimeOffset CreatedAt);

/// <summary>A plugin's row of <c>migrations._journal</c>.</summary>
/// <param name="Version">The snapshot format version.</param>
/// <param name="Dialect">Always <c>postgresql</c>.</param>
/// <param name="Entries">One entry per migration.</param>
public sealed record JournalInfo(string Version, string Dialect, IReadOnlyList<JournalEntry> Entries);

/// <summary>One journal entry (drizzle-kit's shape).</summary>
/// <param name="Index">The migration's index (<c>idx</c>), matching <c>_snapshots.idx</c>.</param>
/// <param name="Version">The snapshot format version.</param>
/// <param name="When">Unix time in milliseconds.</param>
/// <param name="Tag">drizzle-kit's tag, <c>0000_name_suffix</c>.</param>
/// <param name="Breakpoints">drizzle-kit's flag, always true.</param>
public sealed record JournalEntry(int Index, string Version, long When, string Tag, bool Breakpoints);
