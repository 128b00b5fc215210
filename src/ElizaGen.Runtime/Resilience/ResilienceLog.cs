using Microsoft.Extensions.Logging;

namespace ElizaGen.Runtime.Resilience;

/// <summary>Log messages of the resilience pipeline. Every text argument is redacted before it gets here.</summary>
internal static partial class ResilienceLog
{
    [LoggerMessage(EventId = 2001, EventName = "CircuitBreakerOpened", Level = LogLevel.Warning,
        Message = "Circuit breaker for {Server} opened after {Failures} consecutive transient failures; calls fail at once until {RetryAt:O}. Last error: {Error}")]
    public static partial void BreakerOpened(ILogger logger, string server, int failures, DateTimeOffset retryAt, string error);

    [LoggerMessage(EventId = 2002, EventName = "CircuitBreakerHalfOpened", Level = LogLevel.Information,
        Message = "Circuit breaker for {Server} is half-open: letting up to {TrialCalls} trial calls through")]
    public static partial void BreakerHalfOpened(ILogger logger, string server, int trialCalls);

    [LoggerMessage(EventId = 2003, EventName = "CircuitBreakerClosed", Level = LogLevel.Information,
        Message = "Circuit breaker for {Server} closed: a trial call succeeded")]
    public static partial void BreakerClosed(ILogger logger, string server);

    [LoggerMessage(EventId = 2004, EventName = "DatabaseCallRetrying", Level = LogLevel.Warning,
        Message = "Retrying a {OperationKind} on {Server}: retry {Attempt} of {MaxRetries} in {DelayMilliseconds} ms after {Error}")]
    public static partial void Retrying(
        ILogger logger, OperationKind operationKind, string server, int attempt, int maxRetries, long delayMilliseconds, string error);
}
