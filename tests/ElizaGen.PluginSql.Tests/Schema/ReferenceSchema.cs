using System.Text;
using ElizaGen.PluginSql.Compatibility;
using ElizaGen.Runtime.Migrations;
using ElizaGen.Schema;
using ElizaGen.Schema.Snapshots;
using Npgsql;

namespace ElizaGen.PluginSql.Tests.Schema;

/// <summary>
/// The reference: <c>pg_dump --schema-only</c> of a database <c>@elizaos/plugin-sql</c> 1.7.2 migrated
/// (<c>Reference/plugin-sql-1.7.2-schema.sql</c>, a copy of <c>/work/shared/reference</c>), loaded into a database.
/// </summary>
public static class ReferenceSchema
{
    /// <summary>Runs the dump without its psql meta-commands, ownership and extension comments (the test role may differ).</summary>
    public static async Task LoadAsync(NpgsqlConnection connection)
    {
        var script = new StringBuilder();
        foreach (var line in File.ReadAllLines(CommittedSchema.ReferenceDdlPath()))
        {
            if (line.StartsWith('\\')) continue;
            if (line.StartsWith("ALTER ", StringComparison.Ordinal) && line.Contains(" OWNER TO ", StringComparison.Ordinal)) continue;
            if (line.StartsWith("COMMENT ON EXTENSION", StringComparison.Ordinal)) continue;
            script.AppendLine(line);
        }
        await using (var command = new NpgsqlCommand(script.ToString(), connection))
        {
            await command.ExecuteNonQueryAsync();
        }
        await connection.ReloadTypesAsync();
    }

    /// <summary>
    /// Writes the journal rows <c>@elizaos/plugin-sql</c> 1.7.2 leaves after migrating an empty database: its hash,
    /// one journal entry and its snapshot (statements [136]–[139] of the reference statement trace).
    /// </summary>
    public static async Task WritePluginJournalAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO migrations._migrations (plugin_name, hash, created_at) VALUES ($1, $2, 1795639021471);
            """, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = PluginSqlJournal.PluginName });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = PluginSqlJournal.PluginSql172Hash });
        await command.ExecuteNonQueryAsync();
        await using var journal = new NpgsqlCommand("""
            INSERT INTO migrations._journal (plugin_name, version, dialect, entries) VALUES ($1, '7', 'postgresql',
                '[{"idx":0,"version":"7","when":1795639021472,"tag":"0000_@elizaos/plugin-sql_mwwl40bk","breakpoints":true}]')
            """, connection);
        journal.Parameters.Add(new NpgsqlParameter<string> { TypedValue = PluginSqlJournal.PluginName });
        await journal.ExecuteNonQueryAsync();
        await using var snapshot = new NpgsqlCommand("INSERT INTO migrations._snapshots (plugin_name, idx, snapshot) VALUES ($1, 0, $2::jsonb)", connection);
        snapshot.Parameters.Add(new NpgsqlParameter<string> { TypedValue = PluginSqlJournal.PluginName });
        snapshot.Parameters.Add(new NpgsqlParameter<string> { TypedValue = PluginSqlJournal.PluginSql172SnapshotJson });
        await snapshot.ExecuteNonQueryAsync();
    }

    /// <summary>The catalog's description of the core tables.</summary>
    public static async Task<SchemaSnapshot> ReadCatalogAsync(NpgsqlConnection connection)
        => await CatalogIntrospector.ReadAsync(connection, null,
            PluginSqlSchema.Plugin.Snapshot.Tables.Select(t => new CatalogIntrospector.TableName(t.Schema, t.Name)).ToArray(), CancellationToken.None);

    /// <summary>The listed additions of ElizaGen's core schema: the primary key of <c>logs</c> and the HNSW indexes.</summary>
    public static SchemaSnapshot WithoutAdditions(SchemaSnapshot snapshot) => SchemaSnapshot.Create(snapshot.Tables.Select(t => t.Name switch
    {
        "logs" => t with
        {
            Columns = t.Columns.Select(c => c.Name == "id" ? c with { PrimaryKey = false } : c).ToEquatableArray(),
            CompositePrimaryKeys = default,
        },
        "embeddings" => t with { Indexes = t.Indexes.Where(i => i.Method != "hnsw").ToEquatableArray() },
        _ => t,
    }), snapshot.Enums, snapshot.Schemas);

    /// <summary>One table's canonical JSON, for readable assertion failures.</summary>
    public static string Describe(TableSnapshot table) => SnapshotJsonWriter.WriteCanonical(SchemaSnapshot.Create([table]));
}
