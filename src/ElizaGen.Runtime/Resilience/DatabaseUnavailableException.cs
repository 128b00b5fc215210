using Polly.CircuitBreaker;

namespace ElizaGen.Runtime.Resilience;

/// <summary>
/// Thrown at once, without touching the network, while the circuit breaker of a database is open (or while its
/// trial calls are running): the server failed too many times in a row. Says when calls will be tried again.
/// </summary>
public sealed class DatabaseUnavailableException : BrokenCircuitException
{
    internal DatabaseUnavailableException(
        string message, string server, CircuitState state, DateTimeOffset retryAt, TimeSpan retryAfter, Exception? lastFailure)
        : base(message, retryAfter, lastFailure!)
    {
        Server = server;
        State = state;
        RetryAt = retryAt;
    }

    /// <summary>The server, as host, port and database (never a password).</summary>
    public string Server { get; }

    /// <summary>The breaker's state when the call was rejected: <see cref="CircuitState.Open"/> or <see cref="CircuitState.HalfOpen"/>.</summary>
    public CircuitState State { get; }

    /// <summary>When the breaker lets trial calls through again.</summary>
    public DateTimeOffset RetryAt { get; }
}
