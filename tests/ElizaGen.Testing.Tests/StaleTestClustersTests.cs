using System.Diagnostics;
using System.Globalization;
using ElizaGen.Runtime.Embedded;
using ElizaGen.Testing;

namespace ElizaGen.Testing.Tests;

/// <summary>
/// These tests plant fake leftovers of killed runs. In the shared temp folder, the start-up clean-up of any other test
/// process on the machine would remove them under their feet (even while initdb writes one): they plant them in a
/// private root and run alone.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class StaleClusterCollection
{
    public const string Name = "stale test clusters";
}

[Collection(StaleClusterCollection.Name)]
public sealed class StaleTestClustersTests : IDisposable
{
    // Readable by others: as root, the planted server runs as the postgres user.
    private readonly string _root = PrivateRoot();

    private static string PrivateRoot()
    {
        var root = Directory.CreateTempSubdirectory("elizagen-stale-tests-").FullName;
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(root, (UnixFileMode)Convert.ToInt32("755", 8));
        return root;
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task The_cluster_of_a_killed_test_run_is_stopped_and_its_folder_removed()
    {
        var deadPid = await DeadPidAsync();
        var folder = Path.Combine(_root,
            string.Create(CultureInfo.InvariantCulture, $"{StaleTestClusters.Prefix}{deadPid}-{Guid.NewGuid():N}")[..34]);
        await using var server = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions { DataDirectory = folder });
        // As if the run that started it had been killed: its pid is in the folder name and in the owner record.
        File.WriteAllText(Path.Combine(folder, "server.owner"), string.Create(CultureInfo.InvariantCulture, $"{deadPid} -\n"));
        var serverPid = int.Parse(File.ReadLines(Path.Combine(folder, "pgdata", "postmaster.pid")).First(), CultureInfo.InvariantCulture);

        await StaleTestClusters.CleanUpAsync(_root);

        Assert.False(Directory.Exists(folder));
        Assert.False(IsRunning(serverPid));
    }

    [Fact]
    public async Task Folders_of_live_test_runs_are_left_alone_and_leftovers_without_a_server_are_removed()
    {
        var mine = Path.Combine(_root, Path.GetFileName(StaleTestClusters.NewFolder()));
        var deadPid = await DeadPidAsync();
        var leftover = Path.Combine(_root,
            string.Create(CultureInfo.InvariantCulture, $"{StaleTestClusters.Prefix}{deadPid}-{Guid.NewGuid():N}")[..34]);
        Directory.CreateDirectory(Path.Combine(mine, "pgdata"));
        Directory.CreateDirectory(Path.Combine(leftover, "pgdata"));
        try
        {
            await StaleTestClusters.CleanUpAsync(_root);

            Assert.True(Directory.Exists(mine));
            Assert.False(Directory.Exists(leftover));
        }
        finally
        {
            Directory.Delete(mine, recursive: true);
            if (Directory.Exists(leftover))
                Directory.Delete(leftover, recursive: true);
        }
    }

    /// <summary>Alive and not a zombie (an exited server not yet reaped by its parent).</summary>
    private static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>The pid of a process that has exited.</summary>
    private static async Task<int> DeadPidAsync()
    {
        using var process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        await process.WaitForExitAsync();
        return process.Id;
    }
}
