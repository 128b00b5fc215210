using ElizaGen.PluginSql.Compatibility;
using ElizaGen.PluginSql.Models;
using ElizaGen.Runtime.Migrations;
using ElizaGen.Schema.Diff;
using ElizaGen.Schema.Snapshots;
using ElizaGen.Testing;
using Npgsql;

namespace ElizaGen.PluginSql.Tests.Schema;

/// <summary>
/// ElizaGen's core schema against the reference: the catalog of a database migrated by <c>@elizaos/plugin-sql</c>
/// 1.7.2 (its <c>pg_dump</c>), compared as catalog descriptions, not text.
/// </summary>
public sealed class SchemaCompatibilityTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task A_database_migrated_by_ElizaGen_describes_the_reference_ddl_apart_from_the_listed_additions()
    {
        await using var reference = await postgres.CreateDatabaseAsync();
        await using var ours = await postgres.CreateDatabaseAsync();
        SchemaSnapshot expected;
        await using (var connection = new NpgsqlConnection(reference.ConnectionString))
        {
            await connection.OpenAsync();
            await ReferenceSchema.LoadAsync(connection);
        }
        await using (var connection = new NpgsqlConnection(reference.ConnectionString))
        {
            await connection.OpenAsync();
            expected = await ReferenceSchema.ReadCatalogAsync(connection);
        }
        var actual = await MigrateAndReadAsync(ours.ConnectionString);

        Assert.Equal(18, expected.Tables.Count);
        Assert.Equal(expected.Tables.Select(t => t.Key), actual.Tables.Select(t => t.Key));
        var withoutAdditions = ReferenceSchema.WithoutAdditions(actual);
        foreach (var table in expected.Tables)
        {
            Assert.Equal(ReferenceSchema.Describe(table), ReferenceSchema.Describe(withoutAdditions.FindTable(table.Schema, table.Name)!));
        }

        // The additions are there.
        Assert.Equal(["id"], actual.FindTable("public", "logs")!.PrimaryKeyColumns);
        var hnsw = actual.FindTable("public", "embeddings")!.Indexes.Where(i => i.Method == "hnsw").ToList();
        Assert.Equal(6, hnsw.Count);
        Assert.Contains(hnsw, i => i.Columns[0].IsExpression && i.Columns[0].Opclass == "halfvec_cosine_ops");
    }

    [Fact]
    public async Task A_database_migrated_by_the_plugin_is_opened_with_only_the_additions_and_stays_openable_by_the_plugin()
    {
        await using var theirs = await postgres.CreateDatabaseAsync();
        await using var fresh = await postgres.CreateDatabaseAsync();
        await using (var connection = new NpgsqlConnection(theirs.ConnectionString))
        {
            await connection.OpenAsync();
            await ReferenceSchema.LoadAsync(connection);
        }
        await using (var connection = new NpgsqlConnection(theirs.ConnectionString))
        {
            await connection.OpenAsync();
            await ReferenceSchema.WritePluginJournalAsync(connection);
            await using var rows = new NpgsqlCommand("""
                INSERT INTO agents (id, name) VALUES ('11111111-1111-1111-1111-111111111111', 'kept');
                INSERT INTO entities (id, agent_id, names) VALUES ('22222222-2222-2222-2222-222222222222', '11111111-1111-1111-1111-111111111111', '{Someone}');
                INSERT INTO rooms (id, agent_id, source, type) VALUES ('33333333-3333-3333-3333-333333333333', '11111111-1111-1111-1111-111111111111', 's', 'GROUP');
                INSERT INTO logs (entity_id, room_id, body, type) VALUES ('22222222-2222-2222-2222-222222222222', '33333333-3333-3333-3333-333333333333', '{}', 'action');
                """, connection);
            await rows.ExecuteNonQueryAsync();
        }

        await using var database = await AdapterDatabase.OpenAsync(theirs.ConnectionString);
        await using var adapter = new ElizaDatabaseAdapter(database, Guid.Parse("11111111-1111-1111-1111-111111111111"));
        var report = await adapter.InitAsync();

        var core = report[PluginSqlJournal.PluginName];
        Assert.Equal(MigrationOutcome.Applied, core.Outcome);
        Assert.DoesNotContain(core.Steps, s => s.Class == StepClass.Destructive);
        Assert.Equal(7, core.Steps.Count); // the primary key of logs and six HNSW indexes
        Assert.Contains(core.Steps, s => s.Sql.Contains("PRIMARY KEY", StringComparison.Ordinal) && s.Sql.Contains("\"logs\"", StringComparison.Ordinal));
        Assert.Equal(6, core.Steps.Count(s => s.Sql.Contains("hnsw", StringComparison.Ordinal)));

        // The data is there and readable; the catalog is now what ElizaGen creates from nothing.
        Assert.Equal("kept", (await adapter.GetAgentAsync(adapter.AgentId))!.Name);
        Assert.Single(await adapter.GetLogsAsync(new LogQuery { EntityId = Guid.Parse("22222222-2222-2222-2222-222222222222") }));
        SchemaSnapshot adopted;
        await using (var connection = new NpgsqlConnection(theirs.ConnectionString))
        {
            await connection.OpenAsync();
            adopted = await ReferenceSchema.ReadCatalogAsync(connection);
        }
        var created = await MigrateAndReadAsync(fresh.ConnectionString);
        foreach (var table in created.Tables)
        {
            Assert.Equal(ReferenceSchema.Describe(table), ReferenceSchema.Describe(adopted.FindTable(table.Schema, table.Name)!));
        }

        // The journal ends with ElizaGen's hash, then the plugin's own record, so that the plugin's fast path answers.
        Assert.Equal([PluginSqlJournal.PluginSql172Hash, PluginSqlSchema.Plugin.Hash], (await LastHashesAsync(theirs.ConnectionString)).Take(2));

        // The next start changes nothing and writes nothing.
        var rowsBefore = await CountAsync(theirs.ConnectionString, "SELECT count(*) FROM migrations._migrations");
        Assert.Equal(MigrationOutcome.NoChanges, (await adapter.InitAsync())[PluginSqlJournal.PluginName].Outcome);
        Assert.Equal(rowsBefore, await CountAsync(theirs.ConnectionString, "SELECT count(*) FROM migrations._migrations"));
    }

    [Fact]
    public async Task A_fresh_database_carries_the_plugins_record_after_ElizaGens_and_a_restart_writes_nothing()
    {
        await using var fresh = await postgres.CreateDatabaseAsync();
        await using var database = await AdapterDatabase.OpenAsync(fresh.ConnectionString);
        await using var adapter = new ElizaDatabaseAdapter(database, Guid.NewGuid());

        Assert.Equal(MigrationOutcome.Applied, (await adapter.InitAsync())[PluginSqlJournal.PluginName].Outcome);
        Assert.Equal(MigrationOutcome.NoChanges, (await adapter.InitAsync())[PluginSqlJournal.PluginName].Outcome);

        Assert.Equal([PluginSqlJournal.PluginSql172Hash, PluginSqlSchema.Plugin.Hash], await LastHashesAsync(fresh.ConnectionString));
        await using var connection = new NpgsqlConnection(fresh.ConnectionString);
        await connection.OpenAsync();
        await using var snapshot = new NpgsqlCommand(
            "SELECT snapshot::text FROM migrations._snapshots WHERE plugin_name = $1 ORDER BY idx DESC LIMIT 1", connection);
        snapshot.Parameters.Add(new NpgsqlParameter<string> { TypedValue = PluginSqlJournal.PluginName });
        var stored = (string)(await snapshot.ExecuteScalarAsync())!;
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(
            System.Text.Json.Nodes.JsonNode.Parse(PluginSqlJournal.PluginSql172SnapshotJson), System.Text.Json.Nodes.JsonNode.Parse(stored)));
        Assert.Equal(2, await CountAsync(fresh.ConnectionString, "SELECT jsonb_array_length(entries)::bigint FROM migrations._journal"));
    }

    [Fact]
    public async Task Without_compatibility_only_ElizaGens_record_is_written()
    {
        await using var fresh = await postgres.CreateDatabaseAsync();
        await using var database = await AdapterDatabase.OpenAsync(fresh.ConnectionString);
        await using var adapter = new ElizaDatabaseAdapter(database, Guid.NewGuid(), new ElizaDatabaseAdapterOptions { KeepPluginSqlCompatible = false });

        await adapter.InitAsync();

        Assert.Equal([PluginSqlSchema.Plugin.Hash], await LastHashesAsync(fresh.ConnectionString));
    }

    private static async Task<SchemaSnapshot> MigrateAndReadAsync(string connectionString)
    {
        await using (var database = await AdapterDatabase.OpenAsync(connectionString))
        await using (var adapter = new ElizaDatabaseAdapter(database, Guid.NewGuid()))
        {
            await adapter.InitAsync();
        }
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return await ReferenceSchema.ReadCatalogAsync(connection);
    }

    private static async Task<List<string>> LastHashesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT hash FROM migrations._migrations WHERE plugin_name = $1 ORDER BY id DESC", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = PluginSqlJournal.PluginName });
        var hashes = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) hashes.Add(reader.GetString(0));
        return hashes;
    }

    private static async Task<long> CountAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
