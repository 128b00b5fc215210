using System.Globalization;
using ElizaGen.Runtime.Embedded;

namespace ElizaGen.Testing;

/// <summary>
/// The embedded clusters of test runs live in <c>$TMPDIR/elizagen-test-&lt;pid&gt;-&lt;id&gt;</c>. A run that was
/// killed leaves its folder (and maybe its server) behind: a later run stops such servers and removes the folders.
/// </summary>
internal static class StaleTestClusters
{
    public const string Prefix = "elizagen-test-";

    public static string NewFolder() => Path.Combine(
        Path.GetTempPath(),
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}{Environment.ProcessId}-{Guid.NewGuid():N}")[..(Prefix.Length + 20)]);

    /// <summary>Removes the folders of test processes that are gone, stopping their servers first. Best effort.</summary>
    public static Task CleanUpAsync() => CleanUpAsync(Path.GetTempPath());

    /// <summary>Same, for the folders under <paramref name="root"/> (tests plant their fake leftovers in a private root).</summary>
    public static async Task CleanUpAsync(string root)
    {
        IEnumerable<string> folders;
        try
        {
            folders = Directory.EnumerateDirectories(root, Prefix + "*").ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;
        }
        foreach (var folder in folders)
        {
            if (OwnerPid(folder) is not { } pid || pid == Environment.ProcessId || IsRunning(pid))
                continue;
            try
            {
                if (await StopServerAsync(folder).ConfigureAwait(false))
                    Directory.Delete(folder, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or EmbeddedPostgresException)
            {
                // Another run may be cleaning it, or it belongs to another user: leave it.
            }
        }
    }

    /// <summary>Stops the folder's server if one still runs (taking it over from its dead starter); false if it could not.</summary>
    private static async Task<bool> StopServerAsync(string folder)
    {
        var pidFile = Path.Combine(folder, "pgdata", "postmaster.pid");
        if (!File.Exists(pidFile))
            return true;
        var lines = File.ReadLines(pidFile).ToList();
        if (lines.Count == 0 || !int.TryParse(lines[0], NumberStyles.None, CultureInfo.InvariantCulture, out var serverPid) || !IsRunning(serverPid))
            return true;
        // Shutting down: the run that owned it is removing the folder itself.
        if (lines.Count > 7 && lines[7].Trim() == "stopping")
            return false;
        var server = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions { DataDirectory = folder }).ConfigureAwait(false);
        await server.StopAsync().ConfigureAwait(false);
        return server.OwnsServer;
    }

    private static int? OwnerPid(string folder)
    {
        var rest = Path.GetFileName(folder)[Prefix.Length..];
        var dash = rest.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 && int.TryParse(rest[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
    }

    private static bool IsRunning(int pid)
    {
        if (Directory.Exists("/proc/self"))
            return Directory.Exists($"/proc/{pid}");
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
