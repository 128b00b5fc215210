using System.Text.Json;
using ElizaGen.Runtime.Snapshots;
using ElizaGen.Schema.Snapshots;
using ElizaGen.Testing;
using ElizaGen.Tests.SamplePlugin;
using static ElizaGen.Cli.Tests.ElizaGenTool;

namespace ElizaGen.Cli.Tests;

/// <summary>snapshot, diagram and argument errors: commands that need no database, run as a process (one test runs the written DDL).</summary>
public sealed class OfflineCommandTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>, IDisposable
{
    private PostgresFixture Postgres => postgres;

    private readonly string _folder = Directory.CreateTempSubdirectory("elizagen-cli-").FullName;

    [Fact]
    public async Task Snapshot_writes_the_snapshot_and_the_ddl_under_schemas_plugin_folder()
    {
        var run = await RunAsync("snapshot", "--assembly", SamplePluginPath, "--no-core", "--out", _folder);

        Assert.True(run.ExitCode == 0, run.ToString());
        var folder = Path.Combine(_folder, "schemas", "sample-notes");
        Assert.Equal(["create.sql", "snapshot.json"], Directory.GetFiles(folder).Select(Path.GetFileName).Order());
        Assert.Contains(Path.Combine(folder, "snapshot.json"), run.Stdout);

        // The file describes exactly the compiled snapshot: read back, it has the compiled hash.
        var json = await File.ReadAllTextAsync(Path.Combine(folder, "snapshot.json"));
        Assert.Equal(SampleNotesSchema.Plugin.Hash, SnapshotHash.Compute(SnapshotJsonReader.Read(json)));
        Assert.True(json.Split('\n').Length > 20, "indented, one key per line, for readable diffs");

        var sql = await File.ReadAllTextAsync(Path.Combine(folder, "create.sql"));
        Assert.Contains($"-- Snapshot hash: {SampleNotesSchema.Plugin.Hash}", sql);
        Assert.EndsWith(SampleNotesSchema.Plugin.CreateSql, sql);
    }

    [Fact]
    public async Task The_written_create_sql_builds_the_schema_in_an_empty_database()
    {
        var run = await RunAsync("snapshot", "-a", SamplePluginPath, "--no-core", "-o", _folder);
        Assert.True(run.ExitCode == 0, run.ToString());
        var sql = await File.ReadAllTextAsync(Path.Combine(_folder, "schemas", "sample-notes", "create.sql"));

        await using var database = await Postgres.CreateDatabaseAsync();
        await ScalarAsync<object>(database.ConnectionString, sql);

        Assert.True(await ExistsAsync(database.ConnectionString, "elizagen_sample_notes.notes"));
        Assert.Equal(1L, await ScalarAsync<long>(database.ConnectionString,
            "SELECT count(*) FROM pg_constraint WHERE conname = 'notes_notebook_id_notebooks_id_fk'"));
    }

    [Fact]
    public async Task Snapshot_json_names_the_files_written()
    {
        var run = await RunAsync("snapshot", "-a", SamplePluginPath, "--no-core", "-o", _folder, "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var document = JsonDocument.Parse(run.Stdout);
        var plugin = Assert.Single(document.RootElement.GetProperty("plugins").EnumerateArray());
        Assert.Equal("@elizagen/sample-notes", plugin.GetProperty("name").GetString());
        Assert.Equal(SampleNotesSchema.Plugin.Hash, plugin.GetProperty("hash").GetString());
        Assert.True(File.Exists(plugin.GetProperty("createSql").GetString()));
    }

    [Fact]
    public async Task Diagram_prints_a_mermaid_er_diagram_with_keys_and_the_foreign_key_relationship()
    {
        var run = await RunAsync("diagram", "-a", SamplePluginPath, "--no-core");

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.Stdout.Split('\n').Select(l => l.Trim()).ToArray();
        Assert.Equal("erDiagram", lines[0]);
        Assert.Contains("notebooks {", lines);
        Assert.Contains("uuid id PK", lines);
        Assert.Contains("uuid notebook_id FK \"not null\"", lines);
        Assert.Contains("text body", lines);
        Assert.Contains("notebooks ||--o{ notes : \"notebook_id\"", lines);

        var json = await RunAsync("diagram", "-a", SamplePluginPath, "--no-core", "--json");
        using var document = JsonDocument.Parse(json.Stdout);
        Assert.Equal(run.Stdout, document.RootElement.GetProperty("mermaid").GetString());
    }

    [Fact]
    public async Task The_same_plugin_passed_twice_counts_once()
    {
        var run = await RunAsync("diagram", "-a", SamplePluginPath, "-a", SamplePluginPath, "--no-core", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var document = JsonDocument.Parse(run.Stdout);
        Assert.Single(document.RootElement.GetProperty("plugins").EnumerateArray());
    }

    [Fact]
    public async Task A_missing_assembly_is_one_line_on_stderr_and_exit_1()
    {
        var run = await RunAsync("diagram", "--assembly", Path.Combine(_folder, "Missing.dll"));

        AssertOneLineError(run, "elizagen: --assembly ", "no such file");
    }

    [Fact]
    public async Task A_file_that_is_not_an_assembly_is_refused()
    {
        var path = Path.Combine(_folder, "NotAPlugin.dll");
        await File.WriteAllTextAsync(path, "not a dll");

        var run = await RunAsync("snapshot", "--assembly", path, "--out", _folder);

        AssertOneLineError(run, "elizagen: --assembly ", "not a .NET assembly");
        Assert.False(Directory.Exists(Path.Combine(_folder, "schemas")));
    }

    [Fact]
    public async Task An_assembly_without_a_plugin_schema_is_refused()
    {
        var schemaLibrary = Path.Combine(Path.GetDirectoryName(SamplePluginPath)!, "ElizaGen.Schema.dll");

        var run = await RunAsync("diagram", "--assembly", schemaLibrary);

        AssertOneLineError(run, "elizagen: --assembly ", "no plugin schema found");
    }

    [Fact]
    public async Task No_plugin_at_all_says_how_to_pass_one()
    {
        var run = await RunAsync("diagram", "--no-core");

        AssertOneLineError(run, "elizagen: No plugin to work on", "--assembly");
    }

    [Fact]
    public async Task An_unknown_command_or_option_is_exit_1_with_a_pointer_to_help()
    {
        var run = await RunAsync("migrate", "--frobnicate");

        AssertOneLineError(run, "elizagen: ", "--frobnicate");
        Assert.Contains("elizagen migrate --help", run.Stderr);
    }

    private static void AssertOneLineError(ToolRun run, string prefix, string part)
    {
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal("", run.Stdout);
        var line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith(prefix, line);
        Assert.Contains(part, line);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
