namespace ElizaGen.Runtime.Resilience;

/// <summary>
/// Retry and circuit-breaker settings for database calls. The defaults follow the ElizaOS SQL plugin:
/// 3 retries from 1 s doubling up to 10 s plus up to 1 s of jitter; the breaker opens after 5 consecutive
/// transient failures, for 60 s, then lets 3 trial calls through.
/// </summary>
public sealed class ResilienceOptions
{
    /// <summary>Consecutive transient failures that open the breaker. Default 5.</summary>
    public int FailureThreshold { get; init; } = 5;

    /// <summary>How long the breaker stays open before it lets trial calls through. Default 60 s.</summary>
    public TimeSpan ResetTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Trial calls let through once the break is over; a success among them closes the breaker. Default 3.</summary>
    public int HalfOpenMaxAttempts { get; init; } = 3;

    /// <summary>Retries after the first attempt, for transient failures of operations safe to repeat. Default 3; 0 turns retries off.</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>Delay before the first retry; it doubles with each further retry. Default 1 s.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Cap of the exponential delay (before jitter). Default 10 s.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Upper bound of the random delay added to each retry delay. Default 1 s.</summary>
    public TimeSpan JitterMax { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long opening a connection may take before it fails (Npgsql's <c>Timeout</c>, whole seconds, rounded up).
    /// Default 5 s. A <c>Timeout</c> written in the connection string wins.
    /// </summary>
    public TimeSpan ConnectionTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Throws an <see cref="ArgumentOutOfRangeException"/> naming the first setting that makes no sense.</summary>
    public void Validate()
    {
        Require(FailureThreshold >= 1, nameof(FailureThreshold), FailureThreshold, "must be at least 1");
        Require(ResetTimeout > TimeSpan.Zero, nameof(ResetTimeout), ResetTimeout, "must be positive");
        Require(HalfOpenMaxAttempts >= 1, nameof(HalfOpenMaxAttempts), HalfOpenMaxAttempts, "must be at least 1");
        Require(MaxRetries >= 0, nameof(MaxRetries), MaxRetries, "must be 0 (no retries) or more");
        Require(BaseDelay >= TimeSpan.Zero, nameof(BaseDelay), BaseDelay, "must not be negative");
        Require(MaxDelay >= BaseDelay, nameof(MaxDelay), MaxDelay, "must not be smaller than BaseDelay");
        Require(JitterMax >= TimeSpan.Zero, nameof(JitterMax), JitterMax, "must not be negative");
        Require(ConnectionTimeout > TimeSpan.Zero, nameof(ConnectionTimeout), ConnectionTimeout, "must be positive");
    }

    private static void Require(bool condition, string name, object value, string rule)
    {
        if (!condition)
        {
            throw new ArgumentOutOfRangeException(
                $"{nameof(ResilienceOptions)}.{name}", value,
                $"{nameof(ResilienceOptions)}.{name} {rule} (it is {value}). Fix the value where the options are built.");
        }
    }
}
