using System.Runtime.InteropServices;

namespace ElizaGen.Runtime.Connections;

/// <summary>
/// Closes the open databases of this process on SIGINT, SIGTERM and process exit: running calls are cancelled,
/// pools closed, embedded servers stopped — once, however many of these events arrive.
/// </summary>
/// <remarks>
/// On Unix the runtime does not raise <see cref="AppDomain.ProcessExit"/> for SIGTERM by itself: the process just
/// ends with code 143. Hence the signal registrations; the handler works synchronously because the process may
/// end as soon as it returns.
/// </remarks>
internal static class ShutdownCoordinator
{
    // Room, beyond a database's own ShutdownTimeout, for closing its pool and stopping an embedded server.
    private static readonly TimeSpan StopAllowance = TimeSpan.FromSeconds(10);

    private static readonly object Gate = new();
    private static readonly HashSet<ElizaDatabase> OpenDatabases = new(ReferenceEqualityComparer.Instance);
    private static PosixSignalRegistration? s_sigint;
    private static PosixSignalRegistration? s_sigterm;
    private static bool s_processExitHooked;

    public static void Track(ElizaDatabase database)
    {
        lock (Gate)
        {
            OpenDatabases.Add(database);
            if (!s_processExitHooked)
            {
                AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
                s_processExitHooked = true;
            }

            if (database.ShutdownSignals != ShutdownSignalBehavior.Ignore && s_sigterm is null)
            {
                try
                {
                    s_sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
                    s_sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
                }
                catch (PlatformNotSupportedException)
                {
                    // Browsers and some mobile targets have no signals; process exit still closes the databases.
                }
            }
        }
    }

    public static void Untrack(ElizaDatabase database)
    {
        lock (Gate)
        {
            OpenDatabases.Remove(database);
        }
    }

    private static void OnSignal(PosixSignalContext context)
    {
        List<ElizaDatabase> closing;
        lock (Gate)
        {
            closing = OpenDatabases.Where(d => d.ShutdownSignals != ShutdownSignalBehavior.Ignore).ToList();
        }

        if (closing.Count == 0)
        {
            return;
        }

        var exit = closing.Exists(d => d.ShutdownSignals == ShutdownSignalBehavior.CloseAndExit);
        if (exit)
        {
            // This handler ends the process itself, with exit code 0, once the databases are closed.
            context.Cancel = true;
        }

        CloseAll(closing, "the process received " + context.Signal);
        if (exit)
        {
            Environment.Exit(0);
        }
    }

    private static void OnProcessExit(object? sender, EventArgs e)
    {
        List<ElizaDatabase> closing;
        lock (Gate)
        {
            closing = [.. OpenDatabases];
        }

        if (closing.Count > 0)
        {
            CloseAll(closing, "the process is exiting");
        }
    }

    private static void CloseAll(List<ElizaDatabase> databases, string reason)
    {
        var bound = databases.Max(d => d.ShutdownTimeout) + StopAllowance;
        var all = Task.WhenAll(databases.Select(d => d.CloseAsync(reason)));
        try
        {
            all.Wait(bound);
        }
        catch (AggregateException)
        {
            // Each database has logged its own failure; the process is ending either way.
        }
    }
}
