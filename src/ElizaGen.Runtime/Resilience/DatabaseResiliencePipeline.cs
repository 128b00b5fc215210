using System.Runtime.CompilerServices;
using ElizaGen.Runtime.Connections;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Retry;

namespace ElizaGen.Runtime.Resilience;

/// <summary>
/// The one resilience pipeline of a database (Polly v8): retry on the outside, the consecutive-failure circuit
/// breaker inside it, so every attempt is counted by the breaker and an open breaker ends the retries at once.
/// Apply it at one layer only (the repository or adapter call); never call it from inside another call of it.
/// </summary>
public sealed class DatabaseResiliencePipeline
{
    private static readonly ResiliencePropertyKey<object> KindKey = new("ElizaGen.OperationKind");
    private static readonly ResiliencePropertyKey<object> MayHaveBeenSentKey = new("ElizaGen.CommandMayHaveBeenSent");

    // Boxed once, so setting the properties of a pooled context allocates nothing per call.
    private static readonly object[] BoxedKinds = [OperationKind.Read, OperationKind.IdempotentWrite, OperationKind.NonIdempotentWrite];
    private static readonly object BoxedTrue = true;
    private static readonly object BoxedFalse = false;

    private readonly CircuitBreakerStateMachine _breaker;
    private readonly SecretRedactor _redactor;
    private readonly ILogger _logger;

    /// <summary>Builds the pipeline for one server.</summary>
    /// <param name="options">Retry and breaker settings; validated here.</param>
    /// <param name="server">How the server is named in messages and logs (host, port, database; no password).</param>
    /// <param name="logger">Receives breaker state changes and retries.</param>
    public DatabaseResiliencePipeline(ResilienceOptions options, string server, ILogger? logger = null)
        : this(options, server, SecretRedactor.None, logger, TimeProvider.System)
    {
    }

    internal DatabaseResiliencePipeline(
        ResilienceOptions options, string server, SecretRedactor redactor, ILogger? logger, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(server);
        options.Validate();
        Options = options;
        Server = server;
        _redactor = redactor;
        _logger = logger ?? NullLogger.Instance;
        _breaker = new CircuitBreakerStateMachine(options, server, redactor, timeProvider, new LoggingObserver(_logger, redactor));

        var builder = new ResiliencePipelineBuilder { TimeProvider = timeProvider, Name = "ElizaGen.Database" };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                Name = "ElizaGen.Retry",
                MaxRetryAttempts = options.MaxRetries,
                ShouldHandle = args => new ValueTask<bool>(ShouldRetry(args.Context, args.Outcome.Exception)),
                DelayGenerator = args => new ValueTask<TimeSpan?>(RetryDelays.Compute(
                    args.AttemptNumber, options.BaseDelay, options.MaxDelay, options.JitterMax, Random.Shared.NextDouble())),
                OnRetry = args =>
                {
                    LogRetry(args.Context, args.AttemptNumber, args.RetryDelay, args.Outcome.Exception);
                    return default;
                },
            });
        }

        builder.AddStrategy(_ => new ConsecutiveFailureBreakerStrategy(_breaker));
        Pipeline = builder.Build();
    }

    /// <summary>The retry and breaker settings.</summary>
    public ResilienceOptions Options { get; }

    /// <summary>The server this pipeline guards, as shown in messages.</summary>
    public string Server { get; }

    /// <summary>The circuit breaker's current state.</summary>
    public CircuitState CircuitState => _breaker.State;

    /// <summary>
    /// The Polly pipeline itself. Calls made straight through it carry no <see cref="OperationKind"/> and are
    /// treated as <see cref="OperationKind.NonIdempotentWrite"/>; prefer <see cref="ExecuteAsync{TState, TResult}"/>.
    /// </summary>
    public ResiliencePipeline Pipeline { get; }

    /// <summary>
    /// Runs <paramref name="operation"/> through the pipeline. A transient failure is retried when
    /// <paramref name="kind"/> allows it; a non-idempotent write is retried only when the failure provably
    /// happened before anything reached the server.
    /// </summary>
    /// <exception cref="DatabaseUnavailableException">The circuit breaker is open; nothing was attempted.</exception>
    public ValueTask<TResult> ExecuteAsync<TState, TResult>(
        OperationKind kind, TState state, Func<TState, CancellationToken, ValueTask<TResult>> operation,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return ExecuteAttemptsAsync(
            kind,
            (operation, state),
            static (context, s) => s.operation(s.state, context.CancellationToken),
            cancellationToken);
    }

    /// <summary>Runs an attempt callback that sees the Polly context, so it can say whether anything was sent.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    internal async ValueTask<TResult> ExecuteAttemptsAsync<TState, TResult>(
        OperationKind kind, TState state, Func<ResilienceContext, TState, ValueTask<TResult>> attempt,
        CancellationToken cancellationToken)
    {
        if ((uint)kind >= (uint)BoxedKinds.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown OperationKind; use Read, IdempotentWrite or NonIdempotentWrite.");
        }

        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(KindKey, BoxedKinds[(int)kind]);
        try
        {
            return await Pipeline.ExecuteAsync(attempt, context, state).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>
    /// Records, for the running attempt, whether its command may already have reached the server. Attempts that
    /// never call this are assumed to have sent it.
    /// </summary>
    internal static void SetCommandMayHaveBeenSent(ResilienceContext context, bool mayHaveBeenSent) =>
        context.Properties.Set(MayHaveBeenSentKey, mayHaveBeenSent ? BoxedTrue : BoxedFalse);

    internal static bool ShouldRetry(ResilienceContext context, Exception? exception)
    {
        if (exception is null || !TransientFailures.IsTransient(exception) || context.CancellationToken.IsCancellationRequested)
        {
            return false;
        }

        if (KindOf(context) != OperationKind.NonIdempotentWrite)
        {
            return true;
        }

        var mayHaveBeenSent = !context.Properties.TryGetValue(MayHaveBeenSentKey, out var sent) || sent is not false;
        return !mayHaveBeenSent || TransientFailures.HappenedBeforeSending(exception);
    }

    private static OperationKind KindOf(ResilienceContext context) =>
        context.Properties.TryGetValue(KindKey, out var kind) && kind is OperationKind known ? known : OperationKind.NonIdempotentWrite;

    private void LogRetry(ResilienceContext context, int attemptNumber, TimeSpan delay, Exception? exception)
    {
        if (_logger.IsEnabled(LogLevel.Warning))
        {
            ResilienceLog.Retrying(
                _logger, KindOf(context), Server, attemptNumber + 1, Options.MaxRetries, (long)delay.TotalMilliseconds,
                exception is null ? "an unknown failure" : _redactor.Describe(exception));
        }
    }

    private sealed class LoggingObserver(ILogger logger, SecretRedactor redactor) : ICircuitBreakerObserver
    {
        public void OnOpened(string server, int consecutiveFailures, DateTimeOffset retryAt, Exception lastFailure) =>
            ResilienceLog.BreakerOpened(logger, server, consecutiveFailures, retryAt, redactor.Describe(lastFailure));

        public void OnHalfOpened(string server, int trialCalls) => ResilienceLog.BreakerHalfOpened(logger, server, trialCalls);

        public void OnClosed(string server) => ResilienceLog.BreakerClosed(logger, server);
    }
}
