using System.Text.Json;
using ElizaGen.Testing;
using ElizaGen.Tests.SamplePlugin;
using static ElizaGen.Cli.Tests.ElizaGenTool;

namespace ElizaGen.Cli.Tests;

/// <summary>status, check and migrate, run as a process against a fresh test database each.</summary>
public sealed class DatabaseCommandTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private const string Plugin = "@elizagen/sample-notes";

    [Fact]
    public async Task Status_of_a_new_database_shows_the_plugin_never_migrated_with_its_pending_plan()
    {
        await using var database = await postgres.CreateDatabaseAsync();

        var run = await RunAsync("status", "--assembly", SamplePluginPath, "--no-core", "--connection", database.ConnectionString);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains(Plugin, run.Stdout);
        Assert.Contains("elizagen_sample_notes", run.Stdout);
        Assert.Contains(SampleNotesSchema.Plugin.Hash[..12], run.Stdout);
        Assert.Contains("never", run.Stdout);
        Assert.Contains($"Pending for {Plugin}", run.Stdout);
        Assert.Contains("CREATE TABLE \"elizagen_sample_notes\".\"notes\"", run.Stdout);
        Assert.Equal("", run.Stderr);
        Assert.DoesNotContain('\u001b', run.Stdout);
    }

    [Fact]
    public async Task Status_json_after_migrate_shows_the_last_migration_and_then_drift_made_by_hand()
    {
        await using var database = await postgres.CreateDatabaseAsync();
        var migrate = await RunAsync("migrate", "-a", SamplePluginPath, "--no-core", "-c", database.ConnectionString);
        Assert.True(migrate.ExitCode == 0, migrate.ToString());

        var upToDate = Plugins(await RunAsync("status", "-a", SamplePluginPath, "--no-core", "-c", database.ConnectionString, "--json"))[0];
        Assert.True(upToDate.GetProperty("upToDate").GetBoolean());
        Assert.Equal(SampleNotesSchema.Plugin.Hash, upToDate.GetProperty("lastMigration").GetProperty("hash").GetString());
        Assert.Empty(upToDate.GetProperty("pending").EnumerateArray());
        Assert.Empty(upToDate.GetProperty("drift").EnumerateArray());

        await ScalarAsync<object>(database.ConnectionString, "ALTER TABLE elizagen_sample_notes.notes ADD COLUMN added_by_hand text");
        var drifted = Plugins(await RunAsync("status", "-a", SamplePluginPath, "--no-core", "-c", database.ConnectionString, "--json"))[0];
        var drift = Assert.Single(drifted.GetProperty("drift").EnumerateArray());
        Assert.Contains("added_by_hand", drift.GetProperty("sql").GetString());
        Assert.True(drifted.GetProperty("upToDate").GetBoolean());
    }

    [Fact]
    public async Task Check_of_a_safe_plan_exits_0()
    {
        await using var database = await postgres.CreateDatabaseAsync();

        var run = await RunAsync("check", "-a", SamplePluginPath, "--no-core", "-c", database.ConnectionString);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("No destructive step.", run.Stdout);
        Assert.DoesNotContain("DESTRUCTIVE", run.Stdout);
        Assert.False(await ExistsAsync(database.ConnectionString, "migrations._migrations"));
    }

    [Fact]
    public async Task Check_of_a_destructive_change_marks_the_step_and_exits_2()
    {
        await using var database = await postgres.CreateDatabaseAsync();
        await MigrateAsync(database.ConnectionString, SampleWithLegacyColumn());

        var run = await RunAsync("check", "-a", SamplePluginPath, "--no-core", "-c", database.ConnectionString);

        Assert.True(run.ExitCode == 2, run.ToString());
        var marked = run.Stdout.Split('\n').SkipWhile(l => !l.Contains("DESTRUCTIVE")).Take(2).ToArray();
        Assert.Contains("DROP COLUMN \"legacy\"", marked[1]);
        var error = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"elizagen: destructive steps in {Plugin}", error);
        Assert.Equal(1L, await LegacyColumnsAsync(database.ConnectionString));

        var json = await RunAsync("check", "-a", SamplePluginPath, "--no-core", "-c", database.ConnectionString, "--json");
        Assert.Equal(2, json.ExitCode);
        using var document = JsonDocument.Parse(json.Stdout);
        Assert.True(document.RootElement.GetProperty("destructive").GetBoolean());
        var step = Assert.Single(document.RootElement.GetProperty("plugins")[0].GetProperty("steps").EnumerateArray());
        Assert.Equal("destructive", step.GetProperty("class").GetString());
        Assert.Equal("legacy", step.GetProperty("column").GetString());
    }

    [Fact]
    public async Task Migrate_refuses_a_destructive_change_with_exit_2_and_applies_it_with_force()
    {
        await using var database = await postgres.CreateDatabaseAsync();
        await MigrateAsync(database.ConnectionString, SampleWithLegacyColumn());

        var blocked = await RunAsync("migrate", "-a", SamplePluginPath, "--no-core", "-c", database.ConnectionString);

        Assert.True(blocked.ExitCode == 2, blocked.ToString());
        Assert.Contains("blocked", blocked.Stdout);
        Assert.Contains("DROP COLUMN \"legacy\"", blocked.Stdout);
        Assert.StartsWith("elizagen: migration blocked: 1 destructive step in " + Plugin, blocked.Stderr);
        Assert.Equal(1L, await LegacyColumnsAsync(database.ConnectionString));

        var forced = await RunAsync("migrate", "-a", SamplePluginPath, "--no-core", "-c", database.ConnectionString, "--force", "--json");

        Assert.True(forced.ExitCode == 0, forced.ToString());
        using var document = JsonDocument.Parse(forced.Stdout);
        Assert.True(document.RootElement.GetProperty("succeeded").GetBoolean());
        Assert.Equal("Applied", document.RootElement.GetProperty("plugins")[0].GetProperty("outcome").GetString());
        Assert.Equal(0L, await LegacyColumnsAsync(database.ConnectionString));
    }

    [Fact]
    public async Task Migrate_that_fails_on_existing_rows_exits_1_with_one_line_and_changes_nothing()
    {
        await using var database = await postgres.CreateDatabaseAsync();
        await MigrateAsync(database.ConnectionString, SampleWithOptionalTitle());
        await ScalarAsync<object>(database.ConnectionString, """
            INSERT INTO elizagen_sample_notes.notebooks (id, title) VALUES ('00000000-0000-0000-0000-000000000001', 'inbox');
            INSERT INTO elizagen_sample_notes.notes (notebook_id, title) VALUES ('00000000-0000-0000-0000-000000000001', NULL);
            """);

        var run = await RunAsync("migrate", "--force", "-a", SamplePluginPath, "--no-core", "-c", database.ConnectionString);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("failed, rolled back", run.Stdout);
        Assert.Contains("SQLSTATE 23502", run.Stdout);
        var line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"elizagen: migration of {Plugin} failed and was rolled back", line);
        Assert.Equal("YES", await ScalarAsync<string>(database.ConnectionString,
            "SELECT is_nullable FROM information_schema.columns WHERE table_schema = 'elizagen_sample_notes' AND table_name = 'notes' AND column_name = 'title'"));
    }

    [Fact]
    public async Task Migrate_dry_run_shows_the_plan_and_leaves_nothing_behind()
    {
        await using var database = await postgres.CreateDatabaseAsync();

        var run = await RunAsync("migrate", "--dry-run", "-a", SamplePluginPath, "--no-core", "-c", database.ConnectionString);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("dry run", run.Stdout);
        Assert.Contains("would apply", run.Stdout);
        Assert.Contains("CREATE TABLE \"elizagen_sample_notes\".\"notebooks\"", run.Stdout);
        Assert.False(await ExistsAsync(database.ConnectionString, "elizagen_sample_notes.notebooks"));
        Assert.False(await ExistsAsync(database.ConnectionString, "migrations._migrations"));
        Assert.Equal(0L, await ScalarAsync<long>(database.ConnectionString, "SELECT count(*) FROM pg_namespace WHERE nspname IN ('elizagen_sample_notes', 'migrations')"));

        var json = await RunAsync("migrate", "--dry-run", "--json", "-a", SamplePluginPath, "--no-core", "-c", database.ConnectionString);
        using var document = JsonDocument.Parse(json.Stdout);
        Assert.True(document.RootElement.GetProperty("dryRun").GetBoolean());
        Assert.Equal("Planned", document.RootElement.GetProperty("plugins")[0].GetProperty("outcome").GetString());
        Assert.False(await ExistsAsync(database.ConnectionString, "migrations._migrations"));
    }

    [Fact]
    public async Task Migrate_applies_the_schema_and_verbose_logs_each_statement_on_stderr()
    {
        await using var database = await postgres.CreateDatabaseAsync();

        var run = await RunAsync("migrate", "--verbose", "-a", SamplePluginPath, "--no-core", "-c", database.ConnectionString);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"{Plugin}: applied", run.Stdout);
        Assert.Contains("CREATE TABLE \"elizagen_sample_notes\".\"notes\"", run.Stderr);
        Assert.True(await ExistsAsync(database.ConnectionString, "elizagen_sample_notes.notes"));

        var again = await RunAsync("migrate", "-a", SamplePluginPath, "--no-core", "-c", database.ConnectionString);
        Assert.Contains($"{Plugin}: up to date", again.Stdout);
        Assert.Equal("", again.Stderr);
    }

    [Fact]
    public async Task Without_connection_the_server_comes_from_POSTGRES_URL()
    {
        await using var database = await postgres.CreateDatabaseAsync();

        var run = await RunAsync(new Dictionary<string, string> { ["POSTGRES_URL"] = database.ConnectionString },
            "migrate", "-a", SamplePluginPath, "--no-core", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var document = JsonDocument.Parse(run.Stdout);
        Assert.Equal("POSTGRES_URL", document.RootElement.GetProperty("source").GetString());
        Assert.True(await ExistsAsync(database.ConnectionString, "elizagen_sample_notes.notes"));
    }

    [Fact]
    public async Task Without_any_server_the_embedded_one_is_started_in_ELIZA_DATA_DIR_and_stopped_after()
    {
        // Not CreateTempSubdirectory (mode 700): as root the server runs as 'postgres', which must enter the folder.
        var dataDirectory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "elizagen-cli-embedded-" + Guid.NewGuid().ToString("N")[..12])).FullName;
        try
        {
            var environment = new Dictionary<string, string> { ["ELIZA_DATA_DIR"] = dataDirectory };

            var migrate = await RunAsync(environment, "migrate", "-a", SamplePluginPath, "--no-core");
            var status = await RunAsync(environment, "status", "-a", SamplePluginPath, "--no-core", "--json");

            Assert.True(migrate.ExitCode == 0, migrate.ToString());
            Assert.Contains("(from the embedded server)", migrate.Stdout);
            Assert.True(status.ExitCode == 0, status.ToString());
            using var document = JsonDocument.Parse(status.Stdout);
            Assert.Equal("the embedded server", document.RootElement.GetProperty("source").GetString());
            Assert.True(document.RootElement.GetProperty("plugins")[0].GetProperty("upToDate").GetBoolean());
            Assert.Empty(Directory.GetFiles(dataDirectory, "postmaster.pid", SearchOption.AllDirectories));
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task An_unreachable_server_is_one_line_on_stderr_and_exit_1()
    {
        await using var database = await postgres.CreateDatabaseAsync();
        var missing = new Npgsql.NpgsqlConnectionStringBuilder(database.ConnectionString) { Database = database.Name + "_missing" }.ConnectionString;

        var run = await RunAsync("status", "-a", SamplePluginPath, "--no-core", "-c", missing);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Stdout);
        var line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("elizagen: PostgreSQL at ", line);
        Assert.Contains("did not answer", line);
    }

    private static JsonElement[] Plugins(ToolRun run)
    {
        Assert.True(run.ExitCode == 0, run.ToString());
        using var document = JsonDocument.Parse(run.Stdout);
        return document.RootElement.GetProperty("plugins").EnumerateArray().Select(e => e.Clone()).ToArray();
    }
}
