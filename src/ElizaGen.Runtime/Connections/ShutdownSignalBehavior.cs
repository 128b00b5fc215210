namespace ElizaGen.Runtime.Connections;

/// <summary>What an open <see cref="ElizaDatabase"/> does when the process receives SIGINT or SIGTERM.</summary>
public enum ShutdownSignalBehavior
{
    /// <summary>
    /// Close the database (cancel running calls, close the pool, stop the embedded server), then end the process
    /// with exit code 0 — what the ElizaOS SQL plugin does. The default for applications without a host.
    /// </summary>
    CloseAndExit,

    /// <summary>
    /// Close the database, then let the signal take its course: the process ends as the signal's default says
    /// (exit code 128 + signal) unless another handler cancels it.
    /// </summary>
    CloseOnly,

    /// <summary>
    /// Do nothing on signals (a host that manages its own lifetime calls <see cref="ElizaDatabase.CloseAsync()"/>).
    /// Process exit still closes the database.
    /// </summary>
    Ignore,
}
