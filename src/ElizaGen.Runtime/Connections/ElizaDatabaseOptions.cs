using ElizaGen.Runtime.Embedded;
using ElizaGen.Runtime.Resilience;
using Microsoft.Extensions.Logging;

namespace ElizaGen.Runtime.Connections;

/// <summary>Options of <see cref="ElizaDatabase.OpenAsync"/>.</summary>
public sealed class ElizaDatabaseOptions
{
    /// <summary>
    /// The server: a <c>postgres://user:password@host:port/database?sslmode=…</c> URL or an Npgsql key=value string.
    /// When null, <c>POSTGRES_URL</c> is used, else <c>DATABASE_URL</c>, else the embedded server.
    /// </summary>
    public string? ConnectionString { get; init; }

    /// <summary>Connection-pool settings.</summary>
    public ConnectionPoolOptions Pool { get; init; } = new();

    /// <summary>Retry and circuit-breaker settings; also the connection timeout.</summary>
    public ResilienceOptions Resilience { get; init; } = new();

    /// <summary>Settings of the embedded server, used only when no connection string is found.</summary>
    public EmbeddedPostgresOptions? Embedded { get; init; }

    /// <summary>Where the database, its resilience pipeline and the embedded server log. None when null.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>What SIGINT and SIGTERM do while the database is open. Default <see cref="ShutdownSignalBehavior.CloseAndExit"/>.</summary>
    public ShutdownSignalBehavior ShutdownSignals { get; init; } = ShutdownSignalBehavior.CloseAndExit;

    /// <summary>
    /// How long closing waits for running calls (which it cancels first) before it closes the pool anyway. Default 5 s.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first setting that makes no sense.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Pool, $"{nameof(ElizaDatabaseOptions)}.{nameof(Pool)}");
        ArgumentNullException.ThrowIfNull(Resilience, $"{nameof(ElizaDatabaseOptions)}.{nameof(Resilience)}");
        Pool.Validate();
        Resilience.Validate();
        if (ShutdownTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(
                $"{nameof(ElizaDatabaseOptions)}.{nameof(ShutdownTimeout)}", ShutdownTimeout,
                $"{nameof(ElizaDatabaseOptions)}.{nameof(ShutdownTimeout)} must be positive.");
        }

        if (!Enum.IsDefined(ShutdownSignals))
        {
            throw new ArgumentOutOfRangeException(
                $"{nameof(ElizaDatabaseOptions)}.{nameof(ShutdownSignals)}", ShutdownSignals,
                "Use CloseAndExit, CloseOnly or Ignore.");
        }
    }
}
