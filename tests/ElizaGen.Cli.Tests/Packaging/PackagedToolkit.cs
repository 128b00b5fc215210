using System.Runtime.InteropServices;
using System.Text.Json;
using System.Xml.Linq;
using ElizaGen.Tests.Shared;

namespace ElizaGen.Cli.Tests.Packaging;

/// <summary>
/// Packs ElizaGen's packages once, into a temporary folder outside the repository, under a version unique to this
/// run; builds a fresh console app (Packaging/Consumer) that knows them only from that folder; and installs the
/// <c>elizagen</c> tool from its package. Everything lives under one temporary folder, deleted afterwards.
/// </summary>
/// <remarks>
/// Packing uses the projects' existing build output (<c>--no-build</c>, the configuration these tests were built in;
/// the test project references every packed project so that they are built) rather than building them again: the
/// repository's bin and obj folders, which other test processes may be using, stay as they are.
/// Restores never reach a registry: the NuGet.config clears every source but the local folder, and the machine's
/// global packages folder serves the packages' own dependencies as a read-only fallback. Packages get extracted to a
/// private folder (NUGET_PACKAGES), so the machine's cache never holds, nor serves, a package of this run.
/// </remarks>
public sealed class PackagedToolkit : IAsyncLifetime
{
    /// <summary>The projects packed, as ElizaGen.sln names them.</summary>
    public static readonly string[] PackedProjects =
    [
        "src/ElizaGen.Schema/ElizaGen.Schema.csproj",
        "src/ElizaGen.Runtime/ElizaGen.Runtime.csproj",
        "src/ElizaGen.Hosting/ElizaGen.Hosting.csproj",
        "src/ElizaGen.PluginSql/ElizaGen.PluginSql.csproj",
        "src/ElizaGen.Testing/ElizaGen.Testing.csproj",
        "src/ElizaGen.Cli/ElizaGen.Cli.csproj",
    ];

    private readonly string _root = Directory.CreateTempSubdirectory("elizagen-pack-").FullName;

    /// <summary>The package version of this run: a prerelease no other run uses.</summary>
    public string Version { get; } = "0.1.0-test" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>The folder the packages were packed into (the consumer's only package source).</summary>
    public string Feed => Path.Combine(_root, "feed");

    /// <summary>The consumer project's folder.</summary>
    public string ConsumerFolder => Path.Combine(_root, "consumer");

    /// <summary>The built consumer app.</summary>
    public string ConsumerAssembly => Path.Combine(ConsumerFolder, "bin", "Release", "net10.0", "Consumer.dll");

    /// <summary>The <c>elizagen</c> command installed from the tool package.</summary>
    public string Tool => Path.Combine(_root, "tools", "elizagen");

    /// <summary>Environment for the processes that restore, build or run what was packed.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    public PackagedToolkit()
    {
        Environment = new Dictionary<string, string>
        {
            ["NUGET_PACKAGES"] = Path.Combine(_root, "packages"),
            // The tool's apphost finds the runtime that runs these tests.
            ["DOTNET_ROOT"] = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", "..")),
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
        };
    }

    public async Task InitializeAsync()
    {
        try
        {
            await PrepareAsync();
        }
        catch
        {
            // xunit does not dispose a fixture whose initialisation failed.
            Directory.Delete(_root, recursive: true);
            throw;
        }
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>The package file of <paramref name="id"/> in the feed.</summary>
    public string PackageFile(string id) => Path.Combine(Feed, $"{id}.{Version}.nupkg");

    /// <summary>The consumer's restore result (obj/project.assets.json).</summary>
    public JsonDocument ReadAssets() => JsonDocument.Parse(File.ReadAllText(Path.Combine(ConsumerFolder, "obj", "project.assets.json")));

    private async Task PrepareAsync()
    {
        var machinePackages = await MachinePackagesFolderAsync();
        await PackAsync();
        CopyConsumer();
        WriteNuGetConfig(machinePackages);

        await ChildProcess.RunCheckedAsync("dotnet",
            ["build", "-c", "Release", "-nologo", "-v:q", "--disable-build-servers",
             $"-p:ElizaGenVersion={Version}", "-p:EmitCompilerGeneratedFiles=true"],
            ConsumerFolder, Environment);

        await ChildProcess.RunCheckedAsync("dotnet",
            ["tool", "install", "ElizaGen.Cli", "--version", Version, "--tool-path", Path.Combine(_root, "tools"),
             "--configfile", Path.Combine(ConsumerFolder, "NuGet.config")],
            _root, Environment);
    }

    private async Task PackAsync()
    {
        // A solution filter packs the six projects in one MSBuild run.
        var filter = Path.Combine(_root, "packages.slnf");
        await File.WriteAllTextAsync(filter, JsonSerializer.Serialize(new
        {
            solution = new { path = RepositoryPaths.Combine("ElizaGen.sln"), projects = PackedProjects },
        }));
        await ChildProcess.RunCheckedAsync("dotnet",
            ["pack", filter, "-c", TestConfiguration, "--no-build", "-nologo", "-v:q", "--disable-build-servers",
             $"-p:Version={Version}", $"-p:PackageOutputPath={Feed}/", $"-p:NuspecOutputPath={Path.Combine(_root, "nuspec")}/",
             // The tool is published before it is packed: into the temporary folder, not the repository's bin.
             $"-p:PublishDir={Path.Combine(_root, "publish")}/",
             // With NoBuild, a project reference must not be built either (the generator's reference to ElizaGen.Schema would be).
             "-p:BuildProjectReferences=false"],
            RepositoryPaths.Root);
    }

    private void CopyConsumer()
    {
        var template = Path.Combine(AppContext.BaseDirectory, "Packaging", "Consumer");
        Directory.CreateDirectory(ConsumerFolder);
        foreach (var file in Directory.GetFiles(template))
        {
            File.Copy(file, Path.Combine(ConsumerFolder, Path.GetFileName(file)));
        }
    }

    private void WriteNuGetConfig(string machinePackages)
    {
        var config = new XElement("configuration",
            new XElement("packageSources",
                new XElement("clear"),
                new XElement("add", new XAttribute("key", "elizagen-local"), new XAttribute("value", Feed))),
            new XElement("fallbackPackageFolders",
                new XElement("clear"),
                new XElement("add", new XAttribute("key", "machine"), new XAttribute("value", machinePackages))));
        config.Save(Path.Combine(ConsumerFolder, "NuGet.config"));
    }

    private async Task<string> MachinePackagesFolderAsync()
    {
        // "global-packages: /root/.nuget/packages/"
        var run = await ChildProcess.RunCheckedAsync("dotnet", ["nuget", "locals", "global-packages", "--list"], RepositoryPaths.Root);
        var line = run.Stdout.Split('\n').Single(l => l.StartsWith("global-packages:", StringComparison.Ordinal));
        return line["global-packages:".Length..].Trim();
    }

    /// <summary>Debug or Release: the configuration of this test assembly's build (bin/&lt;configuration&gt;/&lt;tfm&gt;).</summary>
    private static string TestConfiguration
        => Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)))!;
}
