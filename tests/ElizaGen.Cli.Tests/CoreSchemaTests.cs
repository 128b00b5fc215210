using System.Text.Json;
using ElizaGen.PluginSql;
using ElizaGen.PluginSql.Compatibility;
using ElizaGen.Testing;
using Npgsql;
using static ElizaGen.Cli.Tests.ElizaGenTool;

namespace ElizaGen.Cli.Tests;

/// <summary>The built-in ElizaOS core schema (@elizaos/plugin-sql), which every command includes unless --no-core.</summary>
public sealed class CoreSchemaTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("elizagen-cli-core-").FullName;

    [Fact]
    public async Task Diagram_without_assemblies_draws_the_core_schema()
    {
        var run = await RunAsync("diagram");

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.Stdout.Split('\n').Select(l => l.Trim()).ToArray();
        Assert.Contains("agents {", lines);
        Assert.Contains("memories {", lines);
        Assert.Contains(lines, l => l.StartsWith("agents ||--o{ memories : ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Snapshot_of_the_core_schema_equals_the_committed_schemas_plugin_sql_snapshot()
    {
        var run = await RunAsync("snapshot", "--out", _folder);

        Assert.True(run.ExitCode == 0, run.ToString());
        var written = await File.ReadAllTextAsync(Path.Combine(_folder, "schemas", "plugin-sql", "snapshot.json"));
        var committed = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot, "schemas", "plugin-sql", "snapshot.json"));
        Assert.Equal(committed, written);
    }

    [Fact]
    public async Task Migrate_with_the_core_schema_keeps_the_database_openable_by_plugin_sql_and_status_shows_it_up_to_date()
    {
        await using var database = await postgres.CreateDatabaseAsync();

        var migrate = await RunAsync("migrate", "-a", SamplePluginPath, "-c", database.ConnectionString, "--json");

        Assert.True(migrate.ExitCode == 0, migrate.ToString());
        using (var report = JsonDocument.Parse(migrate.Stdout))
        {
            Assert.Equal(["@elizaos/plugin-sql", "@elizagen/sample-notes"],
                report.RootElement.GetProperty("plugins").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
        }
        Assert.True(await IsMarkedForPluginSqlAsync(database.ConnectionString));

        var status = await RunAsync("status", "-a", SamplePluginPath, "-c", database.ConnectionString, "--json");
        Assert.True(status.ExitCode == 0, status.ToString());
        using (var document = JsonDocument.Parse(status.Stdout))
        {
            foreach (var plugin in document.RootElement.GetProperty("plugins").EnumerateArray())
            {
                Assert.True(plugin.GetProperty("upToDate").GetBoolean(), plugin.ToString());
                Assert.Empty(plugin.GetProperty("pending").EnumerateArray());
                Assert.Empty(plugin.GetProperty("drift").EnumerateArray());
            }
        }

        var rows = await ScalarAsync<long>(database.ConnectionString, "SELECT count(*) FROM migrations._migrations");
        var again = await RunAsync("migrate", "-a", SamplePluginPath, "-c", database.ConnectionString);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("@elizaos/plugin-sql: up to date", again.Stdout);
        Assert.Equal(rows, await ScalarAsync<long>(database.ConnectionString, "SELECT count(*) FROM migrations._migrations"));
        Assert.True(await IsMarkedForPluginSqlAsync(database.ConnectionString));
    }

    [Fact]
    public async Task No_core_leaves_the_core_tables_out()
    {
        await using var database = await postgres.CreateDatabaseAsync();

        var run = await RunAsync("migrate", "-a", SamplePluginPath, "--no-core", "-c", database.ConnectionString);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.False(await ExistsAsync(database.ConnectionString, "public.agents"));
        Assert.True(await ExistsAsync(database.ConnectionString, "elizagen_sample_notes.notes"));
    }

    private static async Task<bool> IsMarkedForPluginSqlAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return await PluginSqlJournal.IsMarkedAsync(connection, PluginSqlSchema.Plugin.Hash, CancellationToken.None);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
