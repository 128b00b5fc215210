using ElizaGen.Testing;
using static ElizaGen.Runtime.Tests.Migrations.Plugins;

namespace ElizaGen.Runtime.Tests.Migrations;

public sealed class StatusDriftTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private const string Plugin = "@test/drift";

    [Fact]
    public async Task Drift_is_measured_against_the_last_snapshot_ElizaGen_recorded_not_a_later_one_another_tool_appended()
    {
        await using var database = await postgres.CreateDatabaseAsync();
        await using var db = new Db(database.ConnectionString);
        var plugin = Create(Plugin, "test_drift", Table("test_drift", "items", Id(), Col("title", "text", notNull: true)));
        await db.Migrator.MigrateAsync(plugin);

        // Another tool (say @elizaos/plugin-sql marking the core schema) appends its own record, whose snapshot lists a
        // table that does not exist.
        var foreign = Create(Plugin, "test_drift",
            Table("test_drift", "items", Id(), Col("title", "text", notNull: true)), Table("test_drift", "phantom", Id()));
        await db.ExecuteAsync($$"""
            INSERT INTO migrations._migrations (plugin_name, hash, created_at) VALUES ('{{Plugin}}', 'foreign-hash', 1795639021471);
            UPDATE migrations._journal SET entries = entries || '[{"idx":1,"version":"7","when":1795639021472,"tag":"0001_other_tool","breakpoints":true}]'::jsonb
                WHERE plugin_name = '{{Plugin}}';
            INSERT INTO migrations._snapshots (plugin_name, idx, snapshot) VALUES ('{{Plugin}}', 1, '{{foreign.CanonicalJson}}');
            """);

        var status = await db.Migrator.GetStatusAsync(Plugin);

        Assert.Equal("foreign-hash", status.LastMigration!.Hash);
        Assert.Empty(status.Drift);

        // A change made by hand still shows.
        await db.ExecuteAsync("ALTER TABLE test_drift.items ADD COLUMN by_hand integer");
        var drift = Assert.Single((await db.Migrator.GetStatusAsync(Plugin)).Drift);
        Assert.Contains("by_hand", drift.Sql);
    }
}
