using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace ElizaGen.Runtime.Embedded;

/// <summary>
/// The PostgreSQL server ElizaGen runs for itself when no server is configured: a private cluster in a data
/// folder, listening on a Unix socket only. Several processes (or several calls in one process) may open the same
/// folder: the first starts the server and stops it when disposed, the others connect to it.
/// </summary>
public sealed class EmbeddedPostgres : IAsyncDisposable
{
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);

    private readonly ClusterControl _control;
    private readonly ILogger _logger;
    private readonly int _postmasterPid;
    private readonly SemaphoreSlim _stopGate = new(1, 1);
    private bool _stopped;

    private EmbeddedPostgres(ClusterControl control, ILogger logger, PostmasterPidFile server, bool ownsServer)
    {
        _control = control;
        _logger = logger;
        _postmasterPid = server.Pid;
        OwnsServer = ownsServer;
        ConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = server.SocketDirectory,
            Port = server.Port ?? EmbeddedDataLayout.Port,
            Username = ClusterControl.Superuser,
            Database = "postgres",
        }.ConnectionString;
        if (ownsServer)
            AppDomain.CurrentDomain.ProcessExit += StopAtProcessExit;
    }

    /// <summary>Npgsql connection string of the server, e.g. <c>Host=/data/run;Port=5432;Username=postgres;Database=postgres</c>.</summary>
    public string ConnectionString { get; }

    /// <summary>The data folder (absolute): it holds the cluster (<c>pgdata/</c>), the socket folder (<c>run/</c>) and the log (<c>log/</c>).</summary>
    public string DataDirectory => _control.Layout.DataDirectory;

    /// <summary>
    /// True when this process started the server (or took over one whose starting process has died): then
    /// <see cref="StopAsync"/> stops it. False when this process connected to a server another opener started.
    /// </summary>
    public bool OwnsServer { get; }

    /// <summary>
    /// Starts the embedded server, or connects to the one already running in the data folder: finds the binaries,
    /// initialises the cluster on first use, starts it and waits until it accepts connections.
    /// </summary>
    /// <exception cref="EmbeddedPostgresException">Binaries or pgvector are missing, the data folder cannot be used,
    /// or initdb / pg_ctl failed; the message says what to do.</exception>
    public static async Task<EmbeddedPostgres> StartAsync(EmbeddedPostgresOptions? options = null, CancellationToken ct = default)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new EmbeddedPostgresException(
                "The embedded PostgreSQL server runs on Linux and macOS only; on Windows set POSTGRES_URL to a PostgreSQL server with pgvector.");
        }
        options ??= new EmbeddedPostgresOptions();
        var logger = options.Logger ?? NullLogger.Instance;
        var total = Stopwatch.StartNew();

        var binaries = await PostgresBinaries.LocateAsync(options.BinDirectory, Environment.GetEnvironmentVariable, ct)
            .ConfigureAwait(false);
        EmbeddedPostgresLog.UsingBinaries(logger, binaries.BinDirectory, binaries.FoundThrough);
        await binaries.EnsureVectorExtensionAsync(ct).ConfigureAwait(false);

        var account = ServerAccount.ForCurrentProcess();
        var dataDirectory = EmbeddedDataLayout.ResolveDataDirectory(
            options.DataDirectory, Environment.GetEnvironmentVariable, Environment.CurrentDirectory,
            Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));
        var layout = EmbeddedDataLayout.For(dataDirectory, account.UserName);
        var control = new ClusterControl(binaries, account, layout);

        DataArea.CreateDataDirectory(layout);
        EmbeddedPostgres server;
        using (await DataDirectoryLock.AcquireAsync(layout.LockFile, Environment.UserName, LockTimeout, ct).ConfigureAwait(false))
        {
            await DataArea.PrepareAsync(layout, account, ct).ConfigureAwait(false);
            var running = await RunningServer.FindAsync(control, logger, ReadyTimeout, ct).ConfigureAwait(false);
            server = running is null
                ? await StartNewAsync(control, options, logger, ct).ConfigureAwait(false)
                : Join(control, running, logger);
        }
        EmbeddedPostgresLog.Ready(logger, total.ElapsedMilliseconds, server.ConnectionString);
        return server;
    }

    /// <summary>
    /// Stops the server (pg_ctl, fast mode) when this process owns it; otherwise leaves it running. Safe to call
    /// more than once.
    /// </summary>
    public async Task StopAsync()
    {
        await _stopGate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_stopped)
                return;
            _stopped = true;
            if (!OwnsServer)
                return;
            AppDomain.CurrentDomain.ProcessExit -= StopAtProcessExit;
            var layout = _control.Layout;
            if (!Directory.Exists(layout.ClusterDirectory))
            {
                // Someone removed the data folder (with the server, or after stopping it): nothing is left to stop.
                EmbeddedPostgresLog.AlreadyStopped(_logger, layout.ClusterDirectory, _postmasterPid);
                return;
            }
            using (await DataDirectoryLock.AcquireAsync(layout.LockFile, Environment.UserName, LockTimeout, CancellationToken.None).ConfigureAwait(false))
            {
                var current = PostmasterPidFile.TryRead(layout.ClusterDirectory);
                if (current?.Pid != _postmasterPid || !RunningServer.IsServerOf(_postmasterPid, layout.ClusterDirectory))
                {
                    EmbeddedPostgresLog.AlreadyStopped(_logger, layout.ClusterDirectory, _postmasterPid);
                }
                else
                {
                    var clock = Stopwatch.StartNew();
                    await _control.StopAsync(CancellationToken.None).ConfigureAwait(false);
                    EmbeddedPostgresLog.Stopped(_logger, layout.ClusterDirectory, _postmasterPid, clock.ElapsedMilliseconds);
                }
                if (ServerOwner.TryRead(layout.OwnerFile)?.Pid == Environment.ProcessId)
                    ServerOwner.Delete(layout.OwnerFile);
                if (layout.SocketOutsideDataDirectory)
                    TryRemoveEmptyFolder(layout.SocketDirectory);
            }
        }
        finally
        {
            _stopGate.Release();
        }
    }

    /// <summary>Same as <see cref="StopAsync"/>.</summary>
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    /// <summary>
    /// initdb (first use) and pg_ctl start. Neither is interrupted once begun: a killed initdb leaves a folder initdb
    /// refuses to reuse, and a killed pg_ctl a server nobody stops. Cancellation is honoured after them.
    /// </summary>
    private static async Task<EmbeddedPostgres> StartNewAsync(
        ClusterControl control, EmbeddedPostgresOptions options, ILogger logger, CancellationToken ct)
    {
        var layout = control.Layout;
        if (!control.IsInitialized)
        {
            var init = Stopwatch.StartNew();
            await control.InitializeAsync(CancellationToken.None).ConfigureAwait(false);
            EmbeddedPostgresLog.Initialized(logger, layout.ClusterDirectory, init.ElapsedMilliseconds);
            ct.ThrowIfCancellationRequested();
        }
        var start = Stopwatch.StartNew();
        // Recorded before the start: if this process dies while starting, the next opener takes the server over.
        ServerOwner.CurrentProcess.WriteTo(layout.OwnerFile);
        PostmasterPidFile pidFile;
        try
        {
            await control.StartAsync(options.ServerSettings, CancellationToken.None).ConfigureAwait(false);
            pidFile = PostmasterPidFile.TryRead(layout.ClusterDirectory) is { IsReady: true } ready
                ? ready
                : throw new EmbeddedPostgresException(
                    $"pg_ctl reported the server in {layout.ClusterDirectory} started, but its postmaster.pid does not " +
                    $"say it is ready.{Environment.NewLine}{control.LogTail()}");
            ct.ThrowIfCancellationRequested();
        }
        catch (Exception e) when (e is EmbeddedPostgresException or OperationCanceledException)
        {
            if (await StopIfRunningAsync(control).ConfigureAwait(false))
                ServerOwner.Delete(layout.OwnerFile);
            throw;
        }
        EmbeddedPostgresLog.Started(logger, pidFile.Pid, pidFile.SocketDirectory!, start.ElapsedMilliseconds);
        return new EmbeddedPostgres(control, logger, pidFile, ownsServer: true);
    }

    /// <summary>Stops a server left up by a failed or cancelled start; true when none runs any more.</summary>
    private static async Task<bool> StopIfRunningAsync(ClusterControl control)
    {
        var cluster = control.Layout.ClusterDirectory;
        if (PostmasterPidFile.TryRead(cluster) is not { } pidFile || !RunningServer.IsServerOf(pidFile.Pid, cluster))
            return true;
        try
        {
            await control.StopAsync(CancellationToken.None).ConfigureAwait(false);
            return true;
        }
        catch (EmbeddedPostgresException)
        {
            // The original failure is the one to report; the owner record lets the next opener stop it.
            return false;
        }
    }

    private static EmbeddedPostgres Join(ClusterControl control, PostmasterPidFile running, ILogger logger)
    {
        var layout = control.Layout;
        // A server whose starter died would otherwise run forever: the next opener takes over stopping it.
        if (ServerOwner.TryRead(layout.OwnerFile) is { IsAlive: false } gone && TryWriteOwner(layout.OwnerFile))
        {
            EmbeddedPostgresLog.Adopted(logger, layout.ClusterDirectory, running.Pid, gone.Pid);
            return new EmbeddedPostgres(control, logger, running, ownsServer: true);
        }
        EmbeddedPostgresLog.Joined(logger, layout.ClusterDirectory, running.Pid);
        return new EmbeddedPostgres(control, logger, running, ownsServer: false);
    }

    private static bool TryWriteOwner(string ownerFile)
    {
        try
        {
            ServerOwner.CurrentProcess.WriteTo(ownerFile);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static void TryRemoveEmptyFolder(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not empty, or not ours: leave it.
        }
    }

    /// <summary>
    /// A safety net for owners that are never disposed: the server must not outlive the process that started it.
    /// The process is ending (a test host is killed about 100 ms after this starts), so this only signals the
    /// server to shut down in fast mode and does not wait: the next opener waits for a server that is stopping.
    /// </summary>
    private void StopAtProcessExit(object? sender, EventArgs e)
    {
        if (!_stopGate.Wait(0))
            return; // StopAsync is already stopping it.
        try
        {
            if (_stopped)
                return;
            _stopped = true;
            var layout = _control.Layout;
            if (RunningServer.IsServerOf(_postmasterPid, layout.ClusterDirectory) && ServerSignal.RequestFastShutdown(_postmasterPid))
                EmbeddedPostgresLog.SignalledAtExit(_logger, layout.ClusterDirectory, _postmasterPid);
            if (ServerOwner.TryRead(layout.OwnerFile)?.Pid == Environment.ProcessId)
                ServerOwner.Delete(layout.OwnerFile);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            EmbeddedPostgresLog.StopAtExitFailed(_logger, exception, _control.Layout.ClusterDirectory);
        }
        finally
        {
            _stopGate.Release();
        }
    }
}
