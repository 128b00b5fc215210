using ElizaGen.Runtime.Resilience;
using Npgsql;

namespace ElizaGen.Runtime.Connections;

/// <summary>
/// Runs database operations through the resilience pipeline (retry, circuit breaker) on a pooled connection.
/// Generated repositories and the ElizaOS adapter call this, and only this: one pipeline at one layer.
/// </summary>
public interface IDatabaseExecutor
{
    /// <summary>
    /// Opens a pooled connection, runs <paramref name="operation"/> on it and closes it, as one attempt; retries the
    /// attempt on transient failures as <paramref name="kind"/> allows (a failure to open the connection is always
    /// safe to retry: nothing was sent).
    /// </summary>
    /// <exception cref="DatabaseUnavailableException">The circuit breaker is open; nothing was attempted.</exception>
    /// <exception cref="ObjectDisposedException">The database is closed.</exception>
    ValueTask<TResult> ExecuteAsync<TResult>(
        OperationKind kind, Func<NpgsqlConnection, CancellationToken, ValueTask<TResult>> operation,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Same as <see cref="ExecuteAsync{TResult}"/>, with a state passed to <paramref name="operation"/> so that a
    /// static lambda allocates no closure.
    /// </summary>
    /// <exception cref="DatabaseUnavailableException">The circuit breaker is open; nothing was attempted.</exception>
    /// <exception cref="ObjectDisposedException">The database is closed.</exception>
    ValueTask<TResult> ExecuteAsync<TState, TResult>(
        OperationKind kind, TState state, Func<NpgsqlConnection, TState, CancellationToken, ValueTask<TResult>> operation,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs <paramref name="operation"/> with the data source itself (for one-shot commands or batches). As the
    /// pipeline cannot see when a command is sent, a <see cref="OperationKind.NonIdempotentWrite"/> is retried only
    /// for failures that can only happen while connecting (connection refused, server starting up, no free slot).
    /// </summary>
    /// <exception cref="DatabaseUnavailableException">The circuit breaker is open; nothing was attempted.</exception>
    /// <exception cref="ObjectDisposedException">The database is closed.</exception>
    ValueTask<TResult> ExecuteOnDataSourceAsync<TResult>(
        OperationKind kind, Func<NpgsqlDataSource, CancellationToken, ValueTask<TResult>> operation,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Whether a command prepared on one of these connections is still there the next time the connection is used:
    /// false behind a transaction pooler (<see cref="ConnectionPoolOptions.TransactionPooler"/>), where the next
    /// transaction may run on another server connection. Generated repositories take their
    /// <c>PrepareStatements</c> default from it.
    /// </summary>
    bool CanPrepareStatements => true;
}
