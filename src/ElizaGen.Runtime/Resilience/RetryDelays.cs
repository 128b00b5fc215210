namespace ElizaGen.Runtime.Resilience;

/// <summary>The retry delay rule: exponential from the base delay, capped, plus uniform jitter.</summary>
internal static class RetryDelays
{
    /// <param name="attempt">Zero-based retry number (0 = the first retry).</param>
    /// <param name="baseDelay">Delay of the first retry.</param>
    /// <param name="maxDelay">Cap of the exponential part.</param>
    /// <param name="jitterMax">Largest jitter added.</param>
    /// <param name="random01">A random number in [0, 1) that picks the jitter.</param>
    public static TimeSpan Compute(int attempt, TimeSpan baseDelay, TimeSpan maxDelay, TimeSpan jitterMax, double random01)
    {
        // 2^attempt overflows past ~62; the cap is reached long before, so clamp the exponent.
        var factor = Math.Pow(2, Math.Min(attempt, 30));
        var exponentialTicks = Math.Min(baseDelay.Ticks * factor, maxDelay.Ticks);
        var jitterTicks = jitterMax.Ticks * random01;
        return TimeSpan.FromTicks((long)(exponentialTicks + jitterTicks));
    }
}
