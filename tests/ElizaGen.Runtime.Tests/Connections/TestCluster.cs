using System.Diagnostics;
using System.Globalization;

namespace ElizaGen.Runtime.Tests.Connections;

/// <summary>
/// A private PostgreSQL cluster in a temp folder, Unix socket only, that a test starts, stops and restarts
/// itself (initdb and pg_ctl; as root they run as the postgres user, which they require).
/// </summary>
internal sealed class TestCluster : IAsyncDisposable
{
    private readonly string _binDirectory;
    private readonly int _maxConnections;

    private TestCluster(string root, string binDirectory, int maxConnections)
    {
        Root = root;
        _binDirectory = binDirectory;
        _maxConnections = maxConnections;
    }

    public string Root { get; }

    public string DataDirectory => Path.Combine(Root, "data");

    public string SocketDirectory => Path.Combine(Root, "sock");

    private string LogFile => Path.Combine(Root, "log", "pg.log");

    /// <summary>Key=value connection string (trust authentication: any password is accepted).</summary>
    public string ConnectionString => $"Host={SocketDirectory};Username=postgres;Database=postgres";

    public static async Task<TestCluster> StartAsync(int maxConnections = 100)
    {
        var root = Path.Combine("/tmp", "egc-" + Guid.NewGuid().ToString("N")[..10]);
        var cluster = new TestCluster(root, FindBinDirectory(), maxConnections);
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "data"));
            Directory.CreateDirectory(Path.Combine(root, "sock"));
            Directory.CreateDirectory(Path.Combine(root, "log"));
            if (IsRoot)
            {
                await RunAsync("chown", ["-R", "postgres:postgres", root]);
            }

            await RunAsync("chmod", ["700", cluster.DataDirectory]);
            await cluster.RunPostgresToolAsync(
                "initdb", ["-D", cluster.DataDirectory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"]);
            await cluster.StartAgainAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the (stopped) server and waits until it accepts connections.</summary>
    public Task StartAgainAsync() =>
        RunPostgresToolAsync("pg_ctl", [
            "-D", DataDirectory, "-l", LogFile, "-w", "-t", "30",
            "-o", $"-k {SocketDirectory} -c listen_addresses='' -c max_connections={_maxConnections.ToString(CultureInfo.InvariantCulture)} -c fsync=off",
            "start",
        ]);

    /// <summary>Stops the server the way an operator would (fast: running sessions are terminated).</summary>
    public Task StopAsync() => RunPostgresToolAsync("pg_ctl", ["-D", DataDirectory, "-m", "fast", "-w", "-t", "30", "stop"]);

    public bool IsRunning => File.Exists(Path.Combine(DataDirectory, "postmaster.pid"));

    public async ValueTask DisposeAsync()
    {
        if (IsRunning)
        {
            try
            {
                await RunPostgresToolAsync("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "stop"]);
            }
            catch (InvalidOperationException)
            {
                // Already stopped.
            }
        }

        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private Task RunPostgresToolAsync(string tool, IReadOnlyList<string> arguments)
    {
        var executable = Path.Combine(_binDirectory, tool);
        return IsRoot ? RunAsync("runuser", ["-u", "postgres", "--", executable, .. arguments]) : RunAsync(executable, arguments);
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static string FindBinDirectory()
    {
        var configured = Environment.GetEnvironmentVariable("ELIZA_PG_BIN");
        if (!string.IsNullOrEmpty(configured) && File.Exists(Path.Combine(configured, "pg_ctl")))
        {
            return configured;
        }

        var newest = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => (Dir: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), out var v) ? v : -1))
                .Where(c => c.Version > 0 && File.Exists(Path.Combine(c.Dir, "pg_ctl")))
                .OrderByDescending(c => c.Version)
                .Select(c => c.Dir)
                .FirstOrDefault()
            : null;
        return newest ?? throw new InvalidOperationException(
            "No PostgreSQL server binaries found (looked at ELIZA_PG_BIN and /usr/lib/postgresql/*/bin). Run ./eng/setup-postgres.sh as root.");
    }

    private static async Task RunAsync(string fileName, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{fileName} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await error}{await output}");
        }
    }
}
