using ElizaGen.Runtime.Resilience;
using Npgsql;

namespace ElizaGen.Runtime.Connections;

/// <summary>Turns parsed settings plus options into the effective connection string and the data source.</summary>
internal static class DataSourceFactory
{
    // Npgsql's default; the idle lifetime must stay above it.
    private const int DefaultPruningIntervalSeconds = 10;

    /// <summary>
    /// A copy of <paramref name="parsed"/> with the pool, timeout, keepalive and application-name defaults of the
    /// options (and the settings a transaction pooler needs) applied wherever the connection string itself does not
    /// set them.
    /// </summary>
    public static NpgsqlConnectionStringBuilder ApplyOptions(
        NpgsqlConnectionStringBuilder parsed, ConnectionPoolOptions pool, ResilienceOptions resilience)
    {
        var effective = new NpgsqlConnectionStringBuilder(parsed.ConnectionString);
        var written = new HashSet<string>(parsed.Keys.Cast<string>(), StringComparer.OrdinalIgnoreCase);

        void SetUnlessWritten(string keyword, object value)
        {
            if (!written.Contains(keyword))
            {
                effective[keyword] = value;
            }
        }

        var idleSeconds = WholeSeconds(pool.ConnectionIdleLifetime);
        SetUnlessWritten("Maximum Pool Size", pool.MaxPoolSize);
        SetUnlessWritten("Minimum Pool Size", Math.Min(pool.MinPoolSize, effective.MaxPoolSize));
        SetUnlessWritten("Connection Idle Lifetime", idleSeconds);
        if (effective.ConnectionIdleLifetime <= effective.ConnectionPruningInterval)
        {
            SetUnlessWritten("Connection Pruning Interval", Math.Max(1, Math.Min(DefaultPruningIntervalSeconds, effective.ConnectionIdleLifetime / 2)));
        }

        SetUnlessWritten("Timeout", WholeSeconds(resilience.ConnectionTimeout));
        SetUnlessWritten("Keepalive", pool.KeepAlive == TimeSpan.Zero ? 0 : WholeSeconds(pool.KeepAlive));
        SetUnlessWritten("Application Name", pool.ApplicationName);
        if (pool.TransactionPooler)
        {
            SetUnlessWritten("No Reset On Close", true);
            SetUnlessWritten("Max Auto Prepare", 0);
        }

        return effective;
    }

    /// <summary>Builds the data source (with pgvector's types) for an effective connection string.</summary>
    public static NpgsqlDataSource Create(NpgsqlConnectionStringBuilder effective, string origin)
    {
        try
        {
            var builder = new NpgsqlDataSourceBuilder(effective.ConnectionString);
            builder.UseVector();
            return builder.Build();
        }
        catch (ArgumentException exception)
        {
            throw new InvalidConnectionStringException(
                origin, ConnectionStringMasker.Apply(effective.ConnectionString),
                "Npgsql refused its settings: " + new SecretRedactor(effective.Password).Redact(exception.Message));
        }
    }

    private static int WholeSeconds(TimeSpan value) =>
        (int)Math.Clamp(Math.Ceiling(value.TotalSeconds), 1, int.MaxValue);
}
