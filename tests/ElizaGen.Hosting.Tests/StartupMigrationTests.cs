using ElizaGen.Runtime.Connections;
using ElizaGen.Runtime.Migrations;
using ElizaGen.Schema.Diff;
using ElizaGen.Testing;
using ElizaGen.Tests.SamplePlugin;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ElizaGen.Hosting.Tests;

public sealed class StartupMigrationTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task The_host_migrates_registered_plugins_before_other_hosted_services_start()
    {
        await using var database = await postgres.CreateDatabaseAsync();
        var builder = TestHost.Builder(database.ConnectionString);
        // Registered before AddElizaGen on purpose: the migration must still come first.
        builder.Services.AddWritesAtStart();
        builder.Services.AddElizaGen().AddPlugin(SampleNotesSchema.Plugin).AddRepository<NotebookRepository>();

        using var host = builder.Build();
        await host.StartAsync();

        Assert.True(host.Services.GetRequiredService<WritesAtStart>().Started);
        Assert.Equal("written at start", await TestHost.ScalarAsync<string>(database.ConnectionString,
            $"SELECT title FROM elizagen_sample_notes.notebooks WHERE id = '{WritesAtStart.NotebookId}'"));
        Assert.Equal(SampleNotesSchema.Plugin.Hash, await TestHost.ScalarAsync<string>(database.ConnectionString,
            "SELECT hash FROM migrations._migrations WHERE plugin_name = '@elizagen/sample-notes' ORDER BY id DESC LIMIT 1"));
        await host.StopAsync();
    }

    [Fact]
    public async Task The_host_refuses_to_start_on_a_destructive_change_without_force_and_changes_nothing()
    {
        await using var database = await postgres.CreateDatabaseAsync();
        await MigrateOlderReleaseAsync(database.ConnectionString);

        var builder = TestHost.Builder(database.ConnectionString);
        builder.Services.AddElizaGen().AddPlugin(SampleNotesSchema.Plugin).AddRepository<NotebookRepository>();
        builder.Services.AddWritesAtStart();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<MigrationFailedException>(() => host.StartAsync());

        var result = error.Report["@elizagen/sample-notes"];
        Assert.Equal(MigrationOutcome.Blocked, result.Outcome);
        var drop = Assert.Single(result.Steps, s => s.Class == StepClass.Destructive);
        Assert.Contains("\"legacy\"", drop.Sql);
        Assert.Contains("Destructive migration blocked", error.Message);
        Assert.False(host.Services.GetRequiredService<WritesAtStart>().Started);
        Assert.Equal(1L, await TestHost.ScalarAsync<long>(database.ConnectionString,
            "SELECT count(*) FROM information_schema.columns WHERE table_schema = 'elizagen_sample_notes' AND table_name = 'notes' AND column_name = 'legacy'"));
    }

    [Fact]
    public async Task Force_from_configuration_lets_the_destructive_change_through()
    {
        await using var database = await postgres.CreateDatabaseAsync();
        await MigrateOlderReleaseAsync(database.ConnectionString);

        var builder = TestHost.Builder(database.ConnectionString, ("ElizaGen:Force", "true"));
        builder.Services.AddElizaGen().AddPlugin(SampleNotesSchema.Plugin);
        using var host = builder.Build();
        await host.StartAsync();

        Assert.Equal(0L, await TestHost.ScalarAsync<long>(database.ConnectionString,
            "SELECT count(*) FROM information_schema.columns WHERE table_schema = 'elizagen_sample_notes' AND column_name = 'legacy'"));
        await host.StopAsync();
    }

    [Fact]
    public async Task A_statement_that_fails_on_existing_rows_fails_start_up_and_is_rolled_back()
    {
        await using var database = await postgres.CreateDatabaseAsync();
        await MigrateAsync(database.ConnectionString, TestHost.SampleWithOptionalTitle());
        await TestHost.ScalarAsync<object>(database.ConnectionString, """
            INSERT INTO elizagen_sample_notes.notebooks (id, title) VALUES ('00000000-0000-0000-0000-000000000001', 'inbox');
            INSERT INTO elizagen_sample_notes.notes (notebook_id, title) VALUES ('00000000-0000-0000-0000-000000000001', NULL);
            """);

        var builder = TestHost.Builder(database.ConnectionString, ("ElizaGen:Force", "true"));
        builder.Services.AddElizaGen().AddPlugin(SampleNotesSchema.Plugin);
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<MigrationFailedException>(() => host.StartAsync());

        Assert.Equal(MigrationOutcome.Failed, error.Report["@elizagen/sample-notes"].Outcome);
        Assert.Contains("rolled back", error.Message);
        Assert.Contains("23502", error.Message);
        Assert.Equal("YES", await TestHost.ScalarAsync<string>(database.ConnectionString,
            "SELECT is_nullable FROM information_schema.columns WHERE table_schema = 'elizagen_sample_notes' AND table_name = 'notes' AND column_name = 'title'"));
    }

    [Fact]
    public async Task A_dry_run_start_up_changes_nothing_and_the_host_still_starts()
    {
        await using var database = await postgres.CreateDatabaseAsync();
        var builder = TestHost.Builder(database.ConnectionString, ("ElizaGen:DryRun", "true"));
        builder.Services.AddElizaGen().AddPlugin(SampleNotesSchema.Plugin);
        using var host = builder.Build();

        await host.StartAsync();

        Assert.False(await TestHost.ExistsAsync(database.ConnectionString, "elizagen_sample_notes.notes"));
        Assert.False(await TestHost.ExistsAsync(database.ConnectionString, "migrations._migrations"));
        await host.StopAsync();
    }

    [Fact]
    public async Task Migration_can_be_left_to_the_cli()
    {
        await using var database = await postgres.CreateDatabaseAsync();
        var builder = TestHost.Builder(database.ConnectionString, ("ElizaGen:MigrateOnStartup", "false"));
        builder.Services.AddElizaGen().AddPlugin(SampleNotesSchema.Plugin);
        using var host = builder.Build();

        await host.StartAsync();

        Assert.False(await TestHost.ExistsAsync(database.ConnectionString, "elizagen_sample_notes.notes"));
        await host.StopAsync();
    }

    [Fact]
    public async Task The_database_is_opened_once_and_closed_when_the_host_stops()
    {
        await using var database = await postgres.CreateDatabaseAsync();
        var builder = TestHost.Builder(database.ConnectionString);
        builder.Services.AddElizaGen().AddPlugin(SampleNotesSchema.Plugin).AddRepository<NoteRepository>();
        using var host = builder.Build();
        await host.StartAsync();

        var elizaDatabase = host.Services.GetRequiredService<ElizaDatabase>();
        Assert.Same(elizaDatabase, host.Services.GetRequiredService<ElizaDatabase>());
        Assert.Same(elizaDatabase, await host.Services.GetRequiredService<ElizaDatabaseLifetime>().GetDatabaseAsync());
        Assert.Same(elizaDatabase.Migrator, host.Services.GetRequiredService<Migrator>());
        Assert.Equal(ShutdownSignalBehavior.Ignore, elizaDatabase.ShutdownSignals);
        Assert.Equal(0L, await host.Services.GetRequiredService<NoteRepository>().CountAsync());

        await host.StopAsync();

        Assert.True(elizaDatabase.IsClosed);
    }

    [Fact]
    public async Task Without_a_configured_connection_string_the_server_comes_from_POSTGRES_URL()
    {
        await using var database = await postgres.CreateDatabaseAsync();
        var previous = Environment.GetEnvironmentVariable("POSTGRES_URL");
        Environment.SetEnvironmentVariable("POSTGRES_URL", database.ConnectionString);
        try
        {
            var builder = TestHost.Builder(new Dictionary<string, string?>());
            builder.Services.AddElizaGen().AddPlugin(SampleNotesSchema.Plugin);
            using var host = builder.Build();
            await host.StartAsync();

            Assert.Equal(ConnectionSource.PostgresUrlVariable, host.Services.GetRequiredService<ElizaDatabase>().Source);
            Assert.True(await TestHost.ExistsAsync(database.ConnectionString, "elizagen_sample_notes.notes"));
            await host.StopAsync();
        }
        finally
        {
            Environment.SetEnvironmentVariable("POSTGRES_URL", previous);
        }
    }

    [Fact]
    public async Task An_unreachable_server_fails_start_up_with_a_message_that_names_the_setting()
    {
        await using var database = await postgres.CreateDatabaseAsync();
        var missing = new Npgsql.NpgsqlConnectionStringBuilder(database.ConnectionString) { Database = database.Name + "_missing" }.ConnectionString;
        var builder = TestHost.Builder(missing);
        builder.Services.AddElizaGen().AddPlugin(SampleNotesSchema.Plugin);
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.Contains("did not answer", error.Message);
        Assert.Contains("ElizaGen:ConnectionString", error.Message);
    }

    private static Task MigrateOlderReleaseAsync(string connectionString) => MigrateAsync(connectionString, TestHost.SampleWithLegacyColumn());

    private static async Task MigrateAsync(string connectionString, ElizaGen.Schema.PluginSchema plugin)
    {
        await using var older = await ElizaDatabase.OpenAsync(new ElizaDatabaseOptions { ConnectionString = connectionString, ShutdownSignals = ShutdownSignalBehavior.Ignore });
        await older.Migrator.MigrateAsync(plugin);
    }
}
