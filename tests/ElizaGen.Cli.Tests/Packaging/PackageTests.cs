using System.IO.Compression;
using System.Text.Json;
using ElizaGen.Testing;
using static ElizaGen.Cli.Tests.ElizaGenTool;

namespace ElizaGen.Cli.Tests.Packaging;

/// <summary>
/// ElizaGen as users meet it: packages in a folder, a fresh project outside the repository that references them,
/// the generator running from the package, the app migrating its table, and the <c>elizagen</c> tool installed from
/// its package. <see cref="PackagedToolkit"/> packs and builds once for the class.
/// </summary>
public sealed class PackageTests(PackagedToolkit toolkit, PostgresFixture postgres)
    : IClassFixture<PackagedToolkit>, IClassFixture<PostgresFixture>
{
    [Fact]
    public void Runtime_package_carries_the_generator_with_the_two_assemblies_it_loads_under_analyzers()
    {
        using var package = ZipFile.OpenRead(toolkit.PackageFile("ElizaGen.Runtime"));
        var analyzers = package.Entries.Select(e => e.FullName).Where(n => n.StartsWith("analyzers/", StringComparison.Ordinal)).Order();

        Assert.Equal(
            ["analyzers/dotnet/cs/ElizaGen.Generators.dll", "analyzers/dotnet/cs/ElizaGen.Schema.dll", "analyzers/dotnet/cs/Scriban.Signed.dll"],
            analyzers);
        Assert.Contains(package.Entries, e => e.FullName == "lib/net10.0/ElizaGen.Runtime.dll");
    }

    [Fact]
    public void Every_package_is_in_the_folder_and_the_tool_is_a_dotnet_tool()
    {
        foreach (var id in PackagedToolkit.PackedProjects.Select(Path.GetFileNameWithoutExtension))
        {
            Assert.True(File.Exists(toolkit.PackageFile(id!)), $"{id} was not packed into {toolkit.Feed}");
        }
        using var tool = ZipFile.OpenRead(toolkit.PackageFile("ElizaGen.Cli"));
        Assert.Contains(tool.Entries, e => e.FullName == "tools/net10.0/any/DotnetToolSettings.xml");
        Assert.Contains(tool.Entries, e => e.FullName == "tools/net10.0/any/elizagen.dll");
    }

    [Fact]
    public void The_fresh_project_restored_every_ElizaGen_assembly_as_a_package_and_compiled_with_the_packaged_generator()
    {
        using var assets = toolkit.ReadAssets();
        var elizaGen = assets.RootElement.GetProperty("libraries").EnumerateObject()
            .Where(l => l.Name.StartsWith("ElizaGen.", StringComparison.Ordinal))
            .ToDictionary(l => l.Name, l => l.Value.GetProperty("type").GetString());
        Assert.Equal(
            ["ElizaGen.Hosting", "ElizaGen.PluginSql", "ElizaGen.Runtime", "ElizaGen.Schema", "ElizaGen.Testing"],
            elizaGen.Keys.Select(k => k.Split('/')[0]).Order());
        Assert.All(elizaGen, l =>
        {
            Assert.Equal(toolkit.Version, l.Key.Split('/')[1]);
            Assert.Equal("package", l.Value);
        });

        // EmitCompilerGeneratedFiles: what each generator added, in a folder named after the generator's assembly.
        var generated = Path.Combine(toolkit.ConsumerFolder, "obj", "Release", "net10.0", "generated", "ElizaGen.Generators");
        var files = Directory.GetFiles(generated, "*.cs", SearchOption.AllDirectories).Select(Path.GetFileName).ToList();
        Assert.True(files.Count >= 2, "generated: " + string.Join(", ", files));
        Assert.Contains(files, f => f!.Contains("NoteRepository", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_app_migrates_its_table_at_start_and_the_installed_tool_shows_it_up_to_date()
    {
        await using var database = await postgres.CreateDatabaseAsync();
        var server = new Dictionary<string, string>(toolkit.Environment) { ["POSTGRES_URL"] = database.ConnectionString };

        var app = await ChildProcess.RunAsync("dotnet", [toolkit.ConsumerAssembly], toolkit.ConsumerFolder, server);

        Assert.True(app.ExitCode == 0, app.ToString());
        var lines = app.Stdout.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("migration Applied", lines);
        Assert.Contains("notes 1", lines);
        var hash = lines.Single(l => l.StartsWith("hash ", StringComparison.Ordinal))["hash ".Length..];
        Assert.Matches("^[0-9a-f]{64}$", hash);
        Assert.True(await ExistsAsync(database.ConnectionString, "pack_test_plugin_notes.notes"));
        Assert.Equal(hash, await ScalarAsync<string>(database.ConnectionString,
            "SELECT hash FROM migrations._migrations WHERE plugin_name = '@pack-test/plugin-notes' ORDER BY id DESC LIMIT 1"));

        var status = await ChildProcess.RunAsync(toolkit.Tool,
            ["status", "--assembly", toolkit.ConsumerAssembly, "--no-core", "--json"], toolkit.ConsumerFolder, server);

        Assert.True(status.ExitCode == 0, status.ToString());
        using var json = JsonDocument.Parse(status.Stdout);
        var plugin = Assert.Single(json.RootElement.GetProperty("plugins").EnumerateArray());
        Assert.Equal("@pack-test/plugin-notes", plugin.GetProperty("name").GetString());
        Assert.Equal(hash, plugin.GetProperty("hash").GetString());
        Assert.True(plugin.GetProperty("upToDate").GetBoolean(), status.Stdout);
        Assert.Equal("POSTGRES_URL", json.RootElement.GetProperty("source").GetString());
    }
}
