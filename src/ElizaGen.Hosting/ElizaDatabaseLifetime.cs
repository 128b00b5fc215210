using ElizaGen.Runtime.Connections;
using ElizaGen.Runtime.Embedded;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ElizaGen.Hosting;

/// <summary>
/// Opens the host's one <see cref="ElizaDatabase"/> on first use and closes it when the host stops (or the container
/// is disposed). The database ignores SIGINT and SIGTERM: the host owns shutdown and closes it through here.
/// </summary>
public sealed class ElizaDatabaseLifetime : IAsyncDisposable
{
    private readonly IOptions<ElizaGenOptions> _options;
    private readonly ILoggerFactory? _loggerFactory;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ElizaDatabase? _database;
    private bool _closed;

    /// <summary>Created by the container; <paramref name="loggerFactory"/> receives the database's and the migrator's logs.</summary>
    public ElizaDatabaseLifetime(IOptions<ElizaGenOptions> options, ILoggerFactory? loggerFactory = null)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _loggerFactory = loggerFactory;
    }

    /// <summary>
    /// The open database: opened by the first call (the start-up migration's, in a host), the same instance after.
    /// A failed open is not remembered: the next call tries again.
    /// </summary>
    /// <exception cref="InvalidOperationException">A setting is out of range (the message names its configuration key).</exception>
    /// <exception cref="ObjectDisposedException">The host has stopped.</exception>
    public async Task<ElizaDatabase> GetDatabaseAsync(CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _database) is { } open) return open;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_closed)
            {
                throw new ObjectDisposedException(nameof(ElizaDatabaseLifetime),
                    "The ElizaGen database was closed when the host stopped; resolve services from a running host.");
            }
            return _database ??= await ElizaDatabase.OpenAsync(BuildDatabaseOptions(_options.Value, _loggerFactory), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Closes the database if it was opened (idempotent). Later calls of <see cref="GetDatabaseAsync"/> fail.</summary>
    public async Task CloseAsync()
    {
        ElizaDatabase? database;
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            _closed = true;
            database = _database;
        }
        finally
        {
            _gate.Release();
        }
        if (database is not null) await database.CloseAsync().ConfigureAwait(false);
    }

    /// <summary>Same as <see cref="CloseAsync"/>.</summary>
    public async ValueTask DisposeAsync() => await CloseAsync().ConfigureAwait(false);

    /// <summary>The runtime's options for the host's settings: signals ignored (the host handles them).</summary>
    internal static ElizaDatabaseOptions BuildDatabaseOptions(ElizaGenOptions options, ILoggerFactory? loggerFactory)
    {
        EmbeddedPostgresOptions? embedded = null;
        if (!string.IsNullOrWhiteSpace(options.DataDirectory) || !string.IsNullOrWhiteSpace(options.BinDirectory))
        {
            embedded = new EmbeddedPostgresOptions
            {
                DataDirectory = NullIfBlank(options.DataDirectory),
                BinDirectory = NullIfBlank(options.BinDirectory),
                Logger = loggerFactory?.CreateLogger("ElizaGen.Runtime.Embedded"),
            };
        }

        var result = new ElizaDatabaseOptions
        {
            ConnectionString = NullIfBlank(options.ConnectionString),
            Pool = options.Pool,
            Resilience = options.Resilience,
            Embedded = embedded,
            LoggerFactory = loggerFactory,
            ShutdownSignals = ShutdownSignalBehavior.Ignore,
            ShutdownTimeout = options.ShutdownTimeout,
        };
        try
        {
            result.Validate();
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException(
                $"The ElizaGen settings are invalid: {e.Message} Fix the '{ElizaGenOptions.SectionName}' configuration section " +
                $"({ElizaGenOptions.SectionName}:Pool:…, {ElizaGenOptions.SectionName}:Resilience:…, {ElizaGenOptions.SectionName}:ShutdownTimeout) " +
                "or the delegate given to AddElizaGen.", e);
        }
        return result;
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
