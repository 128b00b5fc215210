using System.Globalization;
using System.Runtime.InteropServices;
using ElizaGen.Runtime.Embedded;
using Npgsql;

namespace ElizaGen.Reliability.Tests.Faults;

/// <summary>
/// A private PostgreSQL cluster the test can crash: <see cref="CrashAsync"/> kills the postmaster and every server
/// process with SIGKILL at once (a power cut, as far as the database can tell), <see cref="RestartAsync"/> starts it
/// again on the same data folder, which runs crash recovery. The folder follows the test clusters' naming
/// (<c>elizagen-test-&lt;pid&gt;-…</c>), so a later run removes it if this one is killed.
/// </summary>
internal sealed class CrashableServer : IAsyncDisposable
{
    private const int SigKill = 9;
    private const int SigStop = 19;
    private static readonly TimeSpan ProcessExitTimeout = TimeSpan.FromSeconds(30);

    private readonly string _folder;
    private EmbeddedPostgres _server;

    private CrashableServer(string folder, EmbeddedPostgres server)
    {
        _folder = folder;
        _server = server;
    }

    public string ConnectionString => _server.ConnectionString;

    public static async Task<CrashableServer> StartAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(),
            string.Create(CultureInfo.InvariantCulture, $"elizagen-test-{Environment.ProcessId}-{Guid.NewGuid():N}")[..34]);
        Directory.CreateDirectory(folder);
        return new CrashableServer(folder, await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions { DataDirectory = folder }));
    }

    /// <summary>
    /// Kills the server: the postmaster is stopped first (so it forks nothing more and restarts nothing), then every
    /// one of its processes and the postmaster itself get SIGKILL. Returns once all of them are gone.
    /// </summary>
    public async Task CrashAsync()
    {
        var postmaster = PostmasterPid();
        Signal(postmaster, SigStop);
        var processes = ChildrenOf(postmaster).Append(postmaster).ToArray();
        foreach (var pid in processes) Signal(pid, SigKill);
        await Wait.UntilAsync(() => Task.FromResult(processes.All(IsGone)), ProcessExitTimeout, "the killed server processes to exit");
        NpgsqlConnection.ClearAllPools();
        // The old handle finds its postmaster gone and only forgets it.
        await _server.StopAsync();
    }

    /// <summary>Starts the server again on the same data folder (PostgreSQL runs crash recovery).</summary>
    public async Task RestartAsync() =>
        _server = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions { DataDirectory = _folder });

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await _server.StopAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A process still writes into it; the next run's clean-up removes it.
        }
    }

    private int PostmasterPid()
    {
        var line = File.ReadLines(Path.Combine(_folder, "pgdata", "postmaster.pid")).First();
        return int.Parse(line.Trim(), CultureInfo.InvariantCulture);
    }

    private static IEnumerable<int> ChildrenOf(int parent)
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            if (Stat(pid) is { } stat && stat.ParentPid == parent) yield return pid;
        }
    }

    /// <summary>
    /// Gone means reaped, not just dead: PostgreSQL refuses to start while the pid in its socket lock file answers
    /// kill(pid, 0), which a zombie does.
    /// </summary>
    private static bool IsGone(int pid) => Stat(pid) is null;

    /// <summary>State and parent pid from /proc/pid/stat ("pid (comm) S ppid …"; comm may hold spaces and parentheses).</summary>
    private static (char State, int ParentPid)? Stat(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return (fields[0][0], int.Parse(fields[1], CultureInfo.InvariantCulture));
    }

    private static void Signal(int pid, int signal)
    {
        if (Kill(pid, signal) != 0 && Marshal.GetLastPInvokeError() != 3 /* ESRCH: already gone */)
        {
            throw new InvalidOperationException($"kill({pid}, {signal}) failed with errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}

/// <summary>Waiting on a condition (never on the clock alone).</summary>
internal static class Wait
{
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Gave up after {timeout.TotalSeconds:0} s waiting for {what}.");
            await Task.Delay(20);
        }
    }
}
