using System.Globalization;
using System.Runtime.Versioning;
using ElizaGen.Runtime.Embedded;

namespace ElizaGen.Runtime.Tests.Embedded;

/// <summary>
/// A temporary folder for embedded clusters. Disposing it stops any server still running in it (a safety net
/// for failed tests) and deletes it. The name follows ElizaGen.Testing's pattern (elizagen-test-&lt;pid&gt;-…), so
/// a later test run removes it if this one is killed.
/// </summary>
[UnsupportedOSPlatform("windows")]
internal sealed class TestFolder : IAsyncDisposable
{
    public TestFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), string.Create(
            CultureInfo.InvariantCulture, $"elizagen-test-{Environment.ProcessId}-{Guid.NewGuid():N}")[..34]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public async ValueTask DisposeAsync()
    {
        foreach (var pidFile in Directory.EnumerateFiles(Path, PostmasterPidFile.FileName, SearchOption.AllDirectories))
        {
            var cluster = System.IO.Path.GetDirectoryName(pidFile)!;
            if (PostmasterPidFile.TryRead(cluster) is { } running && RunningServer.IsServerOf(running.Pid, cluster))
                await StopImmediatelyAsync(cluster);
        }
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A server that would not stop still writes into it; the next run's clean-up removes it.
        }
    }

    private static async Task StopImmediatelyAsync(string cluster)
    {
        var binaries = await PostgresBinaries.LocateAsync(
            null, name => name == "ELIZA_PG_BIN" ? null : Environment.GetEnvironmentVariable(name), CancellationToken.None);
        var stop = ServerAccount.ForCurrentProcess().Command(binaries.PgCtl, "stop", "-D", cluster, "-m", "immediate", "-w");
        await CommandRunner.RunAsync(stop, "/", TimeSpan.FromSeconds(60), CancellationToken.None);
    }
}
