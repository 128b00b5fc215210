using ElizaGen.PluginSql.Compatibility;
using ElizaGen.Runtime.Migrations;
using ElizaGen.Testing;

namespace ElizaGen.PluginSql.Tests.Plugins;

public sealed class PluginMigrationTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task Init_migrates_registered_plugins_after_the_core_schema_they_reference()
    {
        await using var testDatabase = await postgres.CreateDatabaseAsync();
        await using var database = await AdapterDatabase.OpenAsync(testDatabase.ConnectionString);
        await using var adapter = new ElizaDatabaseAdapter(database, Guid.NewGuid(), new ElizaDatabaseAdapterOptions { Plugins = [TestPluginNotesSchema.Plugin] });

        var report = await adapter.InitAsync();

        Assert.Equal([PluginSqlJournal.PluginName, "@test/plugin-notes"], report.Plugins.Select(p => p.PluginName));
        Assert.All(report.Plugins, p => Assert.Equal(MigrationOutcome.Applied, p.Outcome));
        await adapter.CreateAgentAsync(new Models.Agent { Id = adapter.AgentId, Name = "With notes" });
        var notes = new NoteRowRepository(database.DataSource);
        await notes.InsertAsync(new NoteRow(Guid.NewGuid(), adapter.AgentId, "remember"));
        Assert.Equal(1, await notes.CountAsync());

        // The note goes with its agent (a foreign key across the two plugins' schemas).
        await adapter.DeleteAgentAsync(adapter.AgentId);
        Assert.Equal(0, await notes.CountAsync());

        var again = await adapter.InitAsync();
        Assert.All(again.Plugins, p => Assert.Equal(MigrationOutcome.NoChanges, p.Outcome));
    }

    [Fact]
    public async Task A_dry_run_changes_nothing_and_writes_no_compatibility_record()
    {
        await using var testDatabase = await postgres.CreateDatabaseAsync();
        await using var database = await AdapterDatabase.OpenAsync(testDatabase.ConnectionString);
        await using var adapter = new ElizaDatabaseAdapter(database, Guid.NewGuid());

        var report = await adapter.RunPluginMigrationsAsync([PluginSqlSchema.Plugin], new MigrationOptions { DryRun = true });

        Assert.Equal(MigrationOutcome.Planned, report[PluginSqlJournal.PluginName].Outcome);
        await using var connection = await database.DataSource.OpenConnectionAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT to_regclass('public.agents') IS NULL AND to_regclass('migrations._migrations') IS NULL", connection);
        Assert.True((bool)(await command.ExecuteScalarAsync())!);
    }
}
