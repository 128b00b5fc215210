using System.Runtime.CompilerServices;
using ElizaGen.Runtime.Migrations;
using ElizaGen.Runtime.Snapshots;
using ElizaGen.Schema;
using ElizaGen.Schema.Ddl;
using ElizaGen.Schema.Snapshots;
using ElizaGen.Testing;
using static ElizaGen.Runtime.Tests.Migrations.Plugins;

namespace ElizaGen.Runtime.Tests.Migrations;

/// <summary>A database whose journal @elizaos/plugin-sql 1.7.2 wrote, opened by the migrator.</summary>
public sealed class PluginSqlJournalTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private const string CorePlugin = "@elizaos/plugin-sql";
    private const string PluginSqlHash = "0837c648ac972285253e7d5d2812a7a987cfb92abef8f365d07cb610985c7299";

    private static string FixtureJson([CallerFilePath] string sourceFile = "") =>
        File.ReadAllText(Path.Combine(Path.GetDirectoryName(sourceFile)!, "..", "Snapshots", "Fixtures", "plugin-sql-1.7.2-snapshot.json"));

    [Fact]
    public async Task A_structurally_equal_schema_records_a_journal_entry_and_changes_nothing()
    {
        await using var database = await postgres.CreateDatabaseAsync();
        await using var db = new Db(database.ConnectionString);
        var theirJson = FixtureJson();
        var theirs = SnapshotJsonReader.Read(theirJson);

        // What plugin-sql leaves behind: its tables, and its three journal rows with its own hash and snapshot text.
        await db.ExecuteAsync(DdlWriter.CreateSql(theirs));
        await db.ExecuteAsync("INSERT INTO public.agents (name) VALUES ('kept')");
        await db.ExecuteAsync($$"""
            CREATE SCHEMA migrations;
            CREATE TABLE migrations._migrations (id SERIAL PRIMARY KEY, plugin_name TEXT NOT NULL, hash TEXT NOT NULL, created_at BIGINT NOT NULL);
            CREATE TABLE migrations._journal (plugin_name TEXT PRIMARY KEY, version TEXT NOT NULL, dialect TEXT NOT NULL DEFAULT 'postgresql', entries JSONB NOT NULL DEFAULT '[]');
            CREATE TABLE migrations._snapshots (id SERIAL PRIMARY KEY, plugin_name TEXT NOT NULL, idx INTEGER NOT NULL, snapshot JSONB NOT NULL, created_at TIMESTAMP DEFAULT NOW(), UNIQUE(plugin_name, idx));
            INSERT INTO migrations._migrations (plugin_name, hash, created_at) VALUES ('{{CorePlugin}}', '{{PluginSqlHash}}', 1795639021471);
            INSERT INTO migrations._journal (plugin_name, version, dialect, entries) VALUES ('{{CorePlugin}}', '7', 'postgresql',
                '[{"idx":0,"version":"7","when":1795639021472,"tag":"0000_@elizaos/plugin-sql_mwwl40bk","breakpoints":true}]');
            INSERT INTO migrations._snapshots (plugin_name, idx, snapshot) VALUES ('{{CorePlugin}}', 0, '{{theirJson.Replace("'", "''")}}');
            """);

        // The same schema, compiled by us: a different hash (our canonical text), the same structure.
        var ours = Create(CorePlugin, theirs);
        Assert.NotEqual(PluginSqlHash, ours.Hash);
        var report = await db.Migrator.MigrateAsync(ours);

        Assert.Equal(MigrationOutcome.NoChanges, report[CorePlugin].Outcome);
        Assert.Empty(report[CorePlugin].Steps);
        var status = await db.Migrator.GetStatusAsync(CorePlugin);
        Assert.Equal([0, 1], status.Journal!.Entries.Select(e => e.Index));
        Assert.Equal(ours.Hash, status.LastMigration!.Hash);
        Assert.Equal(1, await db.CountAsync("public.agents"));

        // Next start: the fast path answers.
        Assert.Equal(MigrationOutcome.NoChanges, (await db.Migrator.MigrateAsync(ours))[CorePlugin].Outcome);
        Assert.Equal(2, await db.MigrationRowsAsync(CorePlugin));
    }
    [Fact]
    public async Task A_snapshot_another_tool_recorded_is_not_trusted_where_it_lists_objects_the_catalog_lacks()
    {
        await using var database = await postgres.CreateDatabaseAsync();
        await using var db = new Db(database.ConnectionString);
        var theirJson = FixtureJson();
        var theirs = SnapshotJsonReader.Read(theirJson);
        // plugin-sql 1.7.2 records fk_room and fk_user on memories and logs but never creates them there.
        static bool Phantom(TableSnapshot t, ForeignKeySnapshot f) => t.Name is "memories" or "logs" && f.Name is "fk_room" or "fk_user";
        var actual = SchemaSnapshot.Create(theirs.Tables.Select(t => t with { ForeignKeys = t.ForeignKeys.Where(f => !Phantom(t, f)).ToEquatableArray() }));
        Assert.NotEqual(theirs, actual);

        await db.ExecuteAsync(DdlWriter.CreateSql(actual));
        await db.ExecuteAsync($$"""
            CREATE SCHEMA migrations;
            CREATE TABLE migrations._migrations (id SERIAL PRIMARY KEY, plugin_name TEXT NOT NULL, hash TEXT NOT NULL, created_at BIGINT NOT NULL);
            CREATE TABLE migrations._journal (plugin_name TEXT PRIMARY KEY, version TEXT NOT NULL, dialect TEXT NOT NULL DEFAULT 'postgresql', entries JSONB NOT NULL DEFAULT '[]');
            CREATE TABLE migrations._snapshots (id SERIAL PRIMARY KEY, plugin_name TEXT NOT NULL, idx INTEGER NOT NULL, snapshot JSONB NOT NULL, created_at TIMESTAMP DEFAULT NOW(), UNIQUE(plugin_name, idx));
            INSERT INTO migrations._migrations (plugin_name, hash, created_at) VALUES ('{{CorePlugin}}', '{{PluginSqlHash}}', 1795639021471);
            INSERT INTO migrations._journal (plugin_name, version, dialect, entries) VALUES ('{{CorePlugin}}', '7', 'postgresql',
                '[{"idx":0,"version":"7","when":1795639021472,"tag":"0000_@elizaos/plugin-sql_mwwl40bk","breakpoints":true}]');
            INSERT INTO migrations._snapshots (plugin_name, idx, snapshot) VALUES ('{{CorePlugin}}', 0, '{{theirJson.Replace("'", "''")}}');
            """);

        // A schema that, like the database, lacks the phantom keys: diffing from their snapshot would drop keys that
        // do not exist (and fail); the catalog says there is nothing to do.
        var report = await db.Migrator.MigrateAsync(Create(CorePlugin, actual));

        Assert.Equal(MigrationOutcome.NoChanges, report[CorePlugin].Outcome);
        Assert.Empty(report[CorePlugin].Steps);
        // ElizaGen's own entry is trusted from then on: the next start plans from it.
        Assert.Equal(MigrationOutcome.NoChanges, (await db.Migrator.MigrateAsync(Create(CorePlugin, actual)))[CorePlugin].Outcome);
    }
}
