using ElizaGen.Runtime.Migrations;
using System.Runtime.CompilerServices;
using ElizaGen.Runtime.Embedded;
using ElizaGen.Runtime.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace ElizaGen.Runtime.Connections;

/// <summary>
/// The entry point to one PostgreSQL server: its shared <see cref="NpgsqlDataSource"/>, its resilience pipeline,
/// readiness, and a clean close (also on SIGINT, SIGTERM and process exit).
/// </summary>
/// <remarks>
/// Open it with <see cref="OpenAsync"/>; run every database call through <see cref="IDatabaseExecutor"/>. Any number
/// of instances for the same server share one data source (one pool) per process.
/// </remarks>
public sealed class ElizaDatabase : IDatabaseExecutor, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _leaseKey;
    private readonly EmbeddedPostgres? _embedded;
    private readonly ILogger _logger;
    private readonly Migrator _migrator;
    private readonly CancellationTokenSource _closing = new();
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly object _closeGate = new();
    private int _inFlight;
    private int _closed;
    private string _closeReason = "CloseAsync was called";
    private Task? _closeTask;

    private ElizaDatabase(
        NpgsqlDataSource dataSource, string leaseKey, EmbeddedPostgres? embedded, ConnectionSource source,
        string server, string maskedConnectionString, DatabaseResiliencePipeline resilience, ElizaDatabaseOptions options,
        ILogger logger)
    {
        _dataSource = dataSource;
        _leaseKey = leaseKey;
        _embedded = embedded;
        Source = source;
        Server = server;
        MaskedConnectionString = maskedConnectionString;
        Resilience = resilience;
        ShutdownSignals = options.ShutdownSignals;
        ShutdownTimeout = options.ShutdownTimeout;
        CanPrepareStatements = !options.Pool.TransactionPooler;
        _logger = logger;
        _migrator = new Migrator(dataSource, (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger<Migrator>());
    }

    /// <summary>Where the connection string came from.</summary>
    public ConnectionSource Source { get; }

    /// <inheritdoc />
    public bool CanPrepareStatements { get; }

    /// <summary>Host, port and database, for messages.</summary>
    public string Server { get; }

    /// <summary>The effective connection string with its password masked.</summary>
    public string MaskedConnectionString { get; }

    /// <summary>The retry and circuit-breaker pipeline every call of <see cref="IDatabaseExecutor"/> goes through.</summary>
    public DatabaseResiliencePipeline Resilience { get; }

    /// <summary>What SIGINT and SIGTERM do to this database.</summary>
    public ShutdownSignalBehavior ShutdownSignals { get; }

    /// <summary>How long closing waits for running calls.</summary>
    public TimeSpan ShutdownTimeout { get; }

    /// <summary>True once <see cref="CloseAsync()"/> has started (or a signal closed the database).</summary>
    public bool IsClosed => Volatile.Read(ref _closed) == 1;

    /// <summary>
    /// The shared data source of this server. Calls made straight on it bypass the resilience pipeline; use
    /// <see cref="IDatabaseExecutor"/> for repository and adapter work.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The database is closed.</exception>
    public NpgsqlDataSource DataSource
    {
        get
        {
            ThrowIfClosed();
            return _dataSource;
        }
    }

    /// <summary>
    /// The migrator for this server: migrations run on their own dedicated connections, outside the resilience
    /// pipeline (a failed migration is rolled back and reported, never retried half-way).
    /// </summary>
    /// <exception cref="ObjectDisposedException">The database is closed.</exception>
    public Migrator Migrator
    {
        get
        {
            ThrowIfClosed();
            return _migrator;
        }
    }


    /// <summary>
    /// Opens the database: the server is <see cref="ElizaDatabaseOptions.ConnectionString"/>, else the
    /// <c>POSTGRES_URL</c> environment variable, else <c>DATABASE_URL</c>, else the embedded server (started here,
    /// stopped when the last database using it closes). No connection is opened to an external server yet.
    /// </summary>
    /// <exception cref="InvalidConnectionStringException">The connection string is malformed (shown with its password masked).</exception>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public static async Task<ElizaDatabase> OpenAsync(ElizaDatabaseOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ElizaDatabaseOptions();
        options.Validate();
        var loggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        var logger = loggerFactory.CreateLogger<ElizaDatabase>();

        var resolved = ConnectionStringResolver.Resolve(options.ConnectionString, Environment.GetEnvironmentVariable);
        EmbeddedPostgres? embedded = null;
        if (resolved is null)
        {
            var embeddedOptions = options.Embedded ?? new EmbeddedPostgresOptions { Logger = loggerFactory.CreateLogger("ElizaGen.Runtime.Embedded") };
            embedded = await EmbeddedServerRegistry.AcquireAsync(embeddedOptions, cancellationToken).ConfigureAwait(false);
            resolved = new ResolvedConnectionString(ConnectionSource.Embedded, "the embedded server", embedded.ConnectionString);
        }

        try
        {
            var parsed = PostgresConnectionString.Parse(resolved.ConnectionString, resolved.Origin);
            var effective = DataSourceFactory.ApplyOptions(parsed, options.Pool, options.Resilience);
            var key = PostgresConnectionString.Normalize(effective);
            var dataSource = DataSourceRegistry.Acquire(key, () => DataSourceFactory.Create(effective, resolved.Origin), out var leaseKey);

            var server = PostgresConnectionString.DescribeServer(effective);
            var masked = ConnectionStringMasker.Apply(effective.ConnectionString);
            var redactor = new SecretRedactor(effective.Password);
            var resilience = new DatabaseResiliencePipeline(
                options.Resilience, server, redactor, loggerFactory.CreateLogger("ElizaGen.Runtime.Resilience"), TimeProvider.System);
            var database = new ElizaDatabase(
                dataSource, leaseKey, embedded, resolved.Source, server, masked, resilience, options, logger);
            ShutdownCoordinator.Track(database);
            ConnectionLog.Opened(logger, server, resolved.Origin, masked);
            return database;
        }
        catch
        {
            if (embedded is not null)
            {
                await EmbeddedServerRegistry.ReleaseAsync(embedded).ConfigureAwait(false);
            }

            throw;
        }
    }

    /// <inheritdoc/>
    public ValueTask<TResult> ExecuteAsync<TResult>(
        OperationKind kind, Func<NpgsqlConnection, CancellationToken, ValueTask<TResult>> operation,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return ExecuteAsync(kind, operation, static (connection, op, ct) => op(connection, ct), cancellationToken);
    }

    /// <inheritdoc/>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<TResult> ExecuteAsync<TState, TResult>(
        OperationKind kind, TState state, Func<NpgsqlConnection, TState, CancellationToken, ValueTask<TResult>> operation,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        EnterCall();
        CancellationTokenSource? linked = null;
        try
        {
            var token = LinkWithClosing(cancellationToken, ref linked);
            return await Resilience.ExecuteAttemptsAsync(
                kind,
                (dataSource: _dataSource, operation, state),
                [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))] static async ValueTask<TResult> (context, s) =>
                {
                    DatabaseResiliencePipeline.SetCommandMayHaveBeenSent(context, false);
                    var connection = await s.dataSource.OpenConnectionAsync(context.CancellationToken).ConfigureAwait(false);
                    await using (connection.ConfigureAwait(false))
                    {
                        DatabaseResiliencePipeline.SetCommandMayHaveBeenSent(context, true);
                        return await s.operation(connection, s.state, context.CancellationToken).ConfigureAwait(false);
                    }
                },
                token).ConfigureAwait(false);
        }
        catch (Exception exception) when (ClosedDuringCall(exception, cancellationToken))
        {
            throw ClosedError("it was closed while this call ran", exception);
        }
        finally
        {
            linked?.Dispose();
            ExitCall();
        }
    }

    /// <inheritdoc/>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<TResult> ExecuteOnDataSourceAsync<TResult>(
        OperationKind kind, Func<NpgsqlDataSource, CancellationToken, ValueTask<TResult>> operation,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        EnterCall();
        CancellationTokenSource? linked = null;
        try
        {
            var token = LinkWithClosing(cancellationToken, ref linked);
            return await Resilience.ExecuteAttemptsAsync(
                kind,
                (dataSource: _dataSource, operation),
                static (context, s) => s.operation(s.dataSource, context.CancellationToken),
                token).ConfigureAwait(false);
        }
        catch (Exception exception) when (ClosedDuringCall(exception, cancellationToken))
        {
            throw ClosedError("it was closed while this call ran", exception);
        }
        finally
        {
            linked?.Dispose();
            ExitCall();
        }
    }

    /// <summary>
    /// True when the server answers <c>SELECT 1</c> now; false when it cannot be reached or the circuit breaker is
    /// open. One attempt, no retry, not counted by the breaker.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The database is closed.</exception>
    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken = default)
    {
        EnterCall();
        CancellationTokenSource? linked = null;
        try
        {
            if (Resilience.CircuitState == CircuitState.Open)
            {
                return false;
            }

            var token = LinkWithClosing(cancellationToken, ref linked);
            var connection = await _dataSource.OpenConnectionAsync(token).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                var command = new NpgsqlCommand("SELECT 1", connection);
                await using (command.ConfigureAwait(false))
                {
                    return await command.ExecuteScalarAsync(token).ConfigureAwait(false) is 1;
                }
            }
        }
        catch (Exception exception) when (
            exception is NpgsqlException or TimeoutException
            || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false;
        }
        finally
        {
            linked?.Dispose();
            ExitCall();
        }
    }

    /// <summary>
    /// Closes the database: cancels running calls and waits for them (up to <see cref="ElizaDatabaseOptions.ShutdownTimeout"/>),
    /// gives back its lease on the shared data source (the last lease closes the pool) and on the embedded server
    /// (the last one stops it). Idempotent: every call returns the same task. Later calls fail with
    /// <see cref="ObjectDisposedException"/>.
    /// </summary>
    public Task CloseAsync() => CloseAsync("CloseAsync was called");

    /// <summary>Same as <see cref="CloseAsync()"/>.</summary>
    public ValueTask DisposeAsync() => new(CloseAsync());

    /// <summary>The masked connection string and state; never the password.</summary>
    public override string ToString() =>
        $"ElizaDatabase {Server} from {Source}{(IsClosed ? " (closed)" : string.Empty)}: {MaskedConnectionString}";

    internal Task CloseAsync(string reason)
    {
        lock (_closeGate)
        {
            if (_closeTask is null)
            {
                _closeReason = reason;
                Volatile.Write(ref _closed, 1);
                _closeTask = CloseCoreAsync();
            }

            return _closeTask;
        }
    }

    private async Task CloseCoreAsync()
    {
        ShutdownCoordinator.Untrack(this);
        try
        {
            await _closing.CancelAsync().ConfigureAwait(false);
            if (Volatile.Read(ref _inFlight) == 0)
            {
                _drained.TrySetResult();
            }

            try
            {
                await _drained.Task.WaitAsync(ShutdownTimeout).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                ConnectionLog.CloseTimedOut(_logger, Server, Volatile.Read(ref _inFlight), (long)ShutdownTimeout.TotalMilliseconds);
            }

            if (DataSourceRegistry.Release(_leaseKey, _dataSource))
            {
                await _dataSource.DisposeAsync().ConfigureAwait(false);
            }

            if (_embedded is not null)
            {
                await EmbeddedServerRegistry.ReleaseAsync(_embedded).ConfigureAwait(false);
            }

            ConnectionLog.Closed(_logger, Server, _closeReason);
        }
        catch (Exception exception)
        {
            ConnectionLog.CloseFailed(_logger, Server, exception.GetType().Name + ": " + ConnectionStringMasker.Apply(exception.Message));
            throw;
        }
    }

    private void EnterCall()
    {
        Interlocked.Increment(ref _inFlight);
        if (Volatile.Read(ref _closed) == 1)
        {
            ExitCall();
            throw ClosedError(null, null);
        }
    }

    private void ExitCall()
    {
        if (Interlocked.Decrement(ref _inFlight) == 0 && Volatile.Read(ref _closed) == 1)
        {
            _drained.TrySetResult();
        }
    }

    private CancellationToken LinkWithClosing(CancellationToken cancellationToken, ref CancellationTokenSource? linked)
    {
        if (!cancellationToken.CanBeCanceled)
        {
            return _closing.Token;
        }

        linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closing.Token);
        return linked.Token;
    }

    private bool ClosedDuringCall(Exception exception, CancellationToken callerToken) =>
        _closing.IsCancellationRequested && !callerToken.IsCancellationRequested && exception is not ObjectDisposedException;

    private void ThrowIfClosed()
    {
        if (IsClosed)
        {
            throw ClosedError(null, null);
        }
    }

    private ObjectDisposedException ClosedError(string? detail, Exception? inner)
    {
        var message = $"The ElizaDatabase for {Server} is closed ({_closeReason})" +
            (detail is null ? string.Empty : "; " + detail) +
            ". Open a new one with ElizaDatabase.OpenAsync.";
        return inner is null ? new ObjectDisposedException(nameof(ElizaDatabase), message) : new ObjectDisposedException(message, inner);
    }
}
