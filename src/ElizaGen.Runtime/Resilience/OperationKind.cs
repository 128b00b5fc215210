namespace ElizaGen.Runtime.Resilience;

/// <summary>
/// What an operation does to the database, which decides whether a transient failure may be retried.
/// </summary>
public enum OperationKind
{
    /// <summary>Reads only; safe to run again.</summary>
    Read,

    /// <summary>
    /// Writes that give the same result when repeated: upserts, <c>INSERT … ON CONFLICT</c>, deletes by key,
    /// updates that set values rather than add to them. Retried like reads.
    /// </summary>
    IdempotentWrite,

    /// <summary>
    /// Writes that must not run twice (a plain <c>INSERT</c>, <c>UPDATE … SET n = n + 1</c>). Retried only when
    /// the failure provably happened before the command reached the server (the connection could not be opened).
    /// </summary>
    NonIdempotentWrite,
}
