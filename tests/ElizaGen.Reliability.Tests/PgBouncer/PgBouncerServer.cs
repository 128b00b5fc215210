using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using ElizaGen.Runtime.Connections;
using ElizaGen.Testing;
using Npgsql;

namespace ElizaGen.Reliability.Tests.PgBouncer;

/// <summary>
/// A private PgBouncer (Debian's <c>pgbouncer</c>, installed by <c>eng/setup-postgres.sh</c>) in transaction pooling
/// mode in front of the test server, listening on 127.0.0.1 only (no Unix socket), with its own generated ini and
/// user list in a temporary folder. Clients authenticate with <c>trust</c> (loopback only); PgBouncer logs in to the
/// server with the server's own credentials (a Unix socket folder works as the host). As root it runs as the
/// <c>postgres</c> user (<c>-u postgres</c>), since PgBouncer refuses to run as root. Dispose stops it.
/// </summary>
internal sealed class PgBouncerServer : IAsyncDisposable
{
    private const string FolderPrefix = "elizagen-pgbouncer-";
    private const string PidFileName = "pgbouncer.owner-pid";
    private const int SigTerm = 15;
    private const int MaxPortAttempts = 5;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);
    private static readonly string[] ProgramLocations = ["/usr/sbin/pgbouncer", "/usr/bin/pgbouncer", "/usr/local/bin/pgbouncer", "/usr/local/sbin/pgbouncer"];

    private readonly string _folder;
    private readonly Process _process;
    private readonly StringBuilder _log;
    private readonly NpgsqlConnectionStringBuilder _server;
    private bool _stopped;

    private PgBouncerServer(string folder, Process process, StringBuilder log, NpgsqlConnectionStringBuilder server, int port, int poolSize)
    {
        _folder = folder;
        _process = process;
        _log = log;
        _server = server;
        Port = port;
        PoolSize = poolSize;
        AppDomain.CurrentDomain.ProcessExit += StopAtProcessExit;
    }

    /// <summary>The TCP port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>Server connections per database and user (PgBouncer <c>default_pool_size</c>).</summary>
    public int PoolSize { get; }

    /// <summary>What PgBouncer wrote so far (it logs to stderr), for failure messages.</summary>
    public string Log
    {
        get
        {
            lock (_log) return _log.ToString();
        }
    }

    /// <summary>
    /// Starts PgBouncer in front of the server of <paramref name="serverConnectionString"/> (any of its databases is
    /// reachable under the same name) with <paramref name="poolSize"/> server connections per database.
    /// </summary>
    public static async Task<PgBouncerServer> StartAsync(string serverConnectionString, int poolSize)
    {
        var program = FindProgram();
        var server = new NpgsqlConnectionStringBuilder(serverConnectionString);
        await CleanUpStaleAsync();
        for (var attempt = 1; ; attempt++)
        {
            var folder = CreateFolder();
            var port = FreeLoopbackPort();
            WriteConfiguration(folder, server, port, poolSize);
            var log = new StringBuilder();
            var process = Launch(program, folder, log);
            try
            {
                await File.WriteAllTextAsync(Path.Combine(folder, PidFileName), process.Id.ToString(CultureInfo.InvariantCulture));
                await Faults.Wait.UntilAsync(() => Task.FromResult(process.HasExited || Contains(log, "process up")), StartTimeout, "PgBouncer to start");
            }
            catch
            {
                Stop(process);
                TryDelete(folder);
                throw;
            }
            if (!process.HasExited) return new PgBouncerServer(folder, process, log, server, port, poolSize);

            await process.WaitForExitAsync();
            TryDelete(folder);
            // Another process took the port between our probe and PgBouncer's bind: try another one.
            if (Contains(log, "Address already in use") && attempt < MaxPortAttempts) continue;
            throw new InvalidOperationException($"PgBouncer ({program}) exited at start with code {process.ExitCode}:\n{Snapshot(log)}");
        }
    }

    /// <summary>A connection string to <paramref name="database"/> through this PgBouncer, with the server's user and password.</summary>
    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = IPAddress.Loopback.ToString(),
        Port = Port,
        Username = _server.Username,
        Password = _server.Password,
        Database = database,
    }.ConnectionString;

    /// <summary>
    /// <see cref="ConnectionString"/> without Npgsql pooling: opening and closing a connection is one client arriving
    /// at and leaving PgBouncer, and nothing (no reset, no pool) happens behind the test's back.
    /// </summary>
    public string ClientConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(ConnectionString(database)) { Pooling = false }.ConnectionString;

    /// <summary>
    /// An <see cref="ElizaDatabase"/> that reaches <paramref name="database"/> through this PgBouncer, configured as an
    /// application behind it is (<see cref="ConnectionPoolOptions.TransactionPooler"/>). A distinct
    /// <paramref name="applicationName"/> gives it a pool of its own, as if it were another process.
    /// </summary>
    public Task<ElizaDatabase> OpenElizaDatabaseAsync(TestDatabase database, string applicationName = "ElizaGen", int maxPoolSize = 4) =>
        ElizaDatabase.OpenAsync(new ElizaDatabaseOptions
        {
            ConnectionString = ConnectionString(database.Name),
            Pool = new ConnectionPoolOptions { TransactionPooler = true, ApplicationName = applicationName, MaxPoolSize = maxPoolSize, MinPoolSize = 0 },
            ShutdownSignals = ShutdownSignalBehavior.Ignore,
        });

    /// <summary>Stops PgBouncer (SIGTERM: it closes its client and server connections at once) and removes its folder.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stopped) return;
        _stopped = true;
        AppDomain.CurrentDomain.ProcessExit -= StopAtProcessExit;
        Signal(_process.Id, SigTerm);
        using (var timeout = new CancellationTokenSource(StopTimeout))
        {
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill();
                await _process.WaitForExitAsync();
            }
        }
        _process.Dispose();
        TryDelete(_folder);
    }

    private void StopAtProcessExit(object? sender, EventArgs e)
    {
        if (_stopped) return;
        Stop(_process);
        TryDelete(_folder);
    }

    private static string FindProgram()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, "pgbouncer"));
        return onPath.Concat(ProgramLocations).FirstOrDefault(File.Exists) ?? throw new InvalidOperationException(
            "PgBouncer is not installed, and the PgBouncer reliability tests run it in front of the test server. " +
            "Run eng/setup-postgres.sh as root (or: apt-get install -y pgbouncer).");
    }

    private static string CreateFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(),
            string.Create(CultureInfo.InvariantCulture, $"{FolderPrefix}{Environment.ProcessId}-{Guid.NewGuid():N}")[..(FolderPrefix.Length + 20)]);
        Directory.CreateDirectory(folder);
        // As root PgBouncer runs as postgres and must read its ini and user list.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(folder, (UnixFileMode)0b111_101_101);
        return folder;
    }

    private static int FreeLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    private static void WriteConfiguration(string folder, NpgsqlConnectionStringBuilder server, int port, int poolSize)
    {
        var userList = Path.Combine(folder, "userlist.txt");
        File.WriteAllText(userList, $"{UserListQuote(server.Username ?? "postgres")} {UserListQuote(server.Password ?? string.Empty)}\n");
        var serverPort = server.Port.ToString(CultureInfo.InvariantCulture);
        var ini = $"""
            [databases]
            * = host={ConnQuote(server.Host ?? "localhost")} port={serverPort}

            [pgbouncer]
            listen_addr = 127.0.0.1
            listen_port = {port.ToString(CultureInfo.InvariantCulture)}
            unix_socket_dir =
            auth_type = trust
            auth_file = {userList}
            pool_mode = transaction
            default_pool_size = {poolSize.ToString(CultureInfo.InvariantCulture)}
            min_pool_size = 0
            reserve_pool_size = 0
            max_client_conn = 500
            server_login_retry = 1
            logfile =
            pidfile =
            log_connections = 0
            log_disconnections = 0
            """;
        File.WriteAllText(Path.Combine(folder, "pgbouncer.ini"), ini);
        foreach (var file in new[] { userList, Path.Combine(folder, "pgbouncer.ini") })
        {
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, (UnixFileMode)0b110_100_100);
        }
    }

    private static Process Launch(string program, string folder, StringBuilder log)
    {
        var start = new ProcessStartInfo(program)
        {
            UseShellExecute = false,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = folder,
        };
        if (Environment.IsPrivilegedProcess)
        {
            start.ArgumentList.Add("-u");
            start.ArgumentList.Add("postgres");
        }
        start.ArgumentList.Add(Path.Combine(folder, "pgbouncer.ini"));
        var process = new Process { StartInfo = start };
        DataReceivedEventHandler append = (_, e) =>
        {
            if (e.Data is null) return;
            lock (log) log.AppendLine(e.Data);
        };
        process.ErrorDataReceived += append;
        process.OutputDataReceived += append;
        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return process;
    }

    /// <summary>Stops the PgBouncers of test processes that were killed before they could, and removes their folders.</summary>
    private static async Task CleanUpStaleAsync()
    {
        foreach (var folder in Directory.EnumerateDirectories(Path.GetTempPath(), FolderPrefix + "*"))
        {
            var rest = Path.GetFileName(folder)[FolderPrefix.Length..];
            var dash = rest.IndexOf('-', StringComparison.Ordinal);
            if (dash <= 0 || !int.TryParse(rest[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var owner) || IsRunning(owner)) continue;
            var pidFile = Path.Combine(folder, PidFileName);
            if (File.Exists(pidFile) && int.TryParse(await File.ReadAllTextAsync(pidFile), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && IsPgBouncerOf(pid, folder))
            {
                Signal(pid, SigTerm);
                await Faults.Wait.UntilAsync(() => Task.FromResult(!IsRunning(pid)), StopTimeout, $"the stale PgBouncer {pid} to exit");
            }
            TryDelete(folder);
        }
    }

    /// <summary>True when process <paramref name="pid"/> is a PgBouncer started with the ini in <paramref name="folder"/> (not a recycled pid).</summary>
    private static bool IsPgBouncerOf(int pid, string folder)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Contains(Path.Combine(folder, "pgbouncer.ini"), StringComparison.Ordinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static bool IsRunning(int pid) => Directory.Exists($"/proc/{pid}");

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited) process.Kill();
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private static void Signal(int pid, int signal)
    {
        if (Kill(pid, signal) != 0 && Marshal.GetLastPInvokeError() != 3 /* ESRCH: already gone */)
            throw new InvalidOperationException($"kill({pid}, {signal}) failed with errno {Marshal.GetLastPInvokeError()}.");
    }

    private static bool Contains(StringBuilder log, string text)
    {
        lock (log) return log.ToString().Contains(text, StringComparison.Ordinal);
    }

    private static string Snapshot(StringBuilder log)
    {
        lock (log) return log.ToString();
    }

    /// <summary>A value in PgBouncer's user list: double-quoted, a double quote doubled.</summary>
    private static string UserListQuote(string value) => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>A value in a [databases] connection string: single-quoted, quote and backslash escaped.</summary>
    private static string ConnQuote(string value) =>
        "'" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A later run's clean-up removes it.
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
