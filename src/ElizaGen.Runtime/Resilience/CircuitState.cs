namespace ElizaGen.Runtime.Resilience;

/// <summary>The state of the circuit breaker that guards one database.</summary>
public enum CircuitState
{
    /// <summary>Calls go through; consecutive transient failures are counted.</summary>
    Closed,

    /// <summary>Calls are rejected at once with <see cref="DatabaseUnavailableException"/> until the break ends.</summary>
    Open,

    /// <summary>The break is over: a few trial calls go through; a success closes the breaker.</summary>
    HalfOpen,
}
