namespace ElizaGen.Runtime.Connections;

/// <summary>
/// Connection-pool settings of the data source. A setting written in the connection string itself
/// (say <c>Maximum Pool Size=50</c>) wins over the value here.
/// </summary>
public sealed class ConnectionPoolOptions
{
    /// <summary>Most connections open at once (Npgsql <c>Maximum Pool Size</c>). Default 20.</summary>
    public int MaxPoolSize { get; init; } = 20;

    /// <summary>Connections kept open even when idle (Npgsql <c>Minimum Pool Size</c>). Default 2.</summary>
    public int MinPoolSize { get; init; } = 2;

    /// <summary>How long a connection above the minimum may stay idle before it is closed. Default 30 s.</summary>
    public TimeSpan ConnectionIdleLifetime { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Interval of keepalive queries on idle connections (Npgsql <c>Keepalive</c>); zero turns them off. Default 10 s.</summary>
    public TimeSpan KeepAlive { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The <c>application_name</c> the server shows in <c>pg_stat_activity</c>. Default "ElizaGen".</summary>
    public string ApplicationName { get; init; } = "ElizaGen";

    /// <summary>
    /// True when the connection string points at a pooler in transaction pooling mode (PgBouncer with
    /// <c>pool_mode = transaction</c>, and poolers like it): each transaction may run on another server session, so
    /// nothing may rely on session state. The data source then sets Npgsql's <c>No Reset On Close=true</c> (the
    /// <c>DISCARD ALL</c> that resets a reused connection would land on whichever server session is free) and
    /// <c>Max Auto Prepare=0</c>, unless the connection string sets them. Generated repositories also need
    /// <c>PrepareStatements = false</c> behind PgBouncer before 1.21. Default false.
    /// </summary>
    public bool TransactionPooler { get; init; }

    /// <summary>Throws an <see cref="ArgumentOutOfRangeException"/> naming the first setting that makes no sense.</summary>
    public void Validate()
    {
        if (MaxPoolSize < 1)
        {
            throw Invalid(nameof(MaxPoolSize), MaxPoolSize, "must be at least 1");
        }

        if (MinPoolSize < 0 || MinPoolSize > MaxPoolSize)
        {
            throw Invalid(nameof(MinPoolSize), MinPoolSize, $"must be between 0 and MaxPoolSize ({MaxPoolSize})");
        }

        if (ConnectionIdleLifetime < TimeSpan.FromSeconds(1))
        {
            throw Invalid(nameof(ConnectionIdleLifetime), ConnectionIdleLifetime, "must be at least 1 s");
        }

        if (KeepAlive < TimeSpan.Zero)
        {
            throw Invalid(nameof(KeepAlive), KeepAlive, "must not be negative (zero turns keepalives off)");
        }

        if (string.IsNullOrWhiteSpace(ApplicationName))
        {
            throw Invalid(nameof(ApplicationName), ApplicationName ?? "(null)", "must not be empty");
        }
    }

    private static ArgumentOutOfRangeException Invalid(string name, object value, string rule) =>
        new($"{nameof(ConnectionPoolOptions)}.{name}", value,
            $"{nameof(ConnectionPoolOptions)}.{name} {rule} (it is {value}). Fix the value where the options are built.");
}
