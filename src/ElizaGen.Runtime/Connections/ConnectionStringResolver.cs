namespace ElizaGen.Runtime.Connections;

/// <summary>
/// Picks the connection string: the options' one, else <c>POSTGRES_URL</c>, else <c>DATABASE_URL</c>; null means
/// none was given and the embedded server is used. Empty or blank values count as not given.
/// </summary>
internal static class ConnectionStringResolver
{
    public const string PostgresUrlVariable = "POSTGRES_URL";
    public const string DatabaseUrlVariable = "DATABASE_URL";

    public static ResolvedConnectionString? Resolve(string? optionsConnectionString, Func<string, string?> environment)
    {
        if (!string.IsNullOrWhiteSpace(optionsConnectionString))
        {
            return new(ConnectionSource.Options, "ElizaDatabaseOptions.ConnectionString", optionsConnectionString);
        }

        if (environment(PostgresUrlVariable) is { } postgresUrl && !string.IsNullOrWhiteSpace(postgresUrl))
        {
            return new(ConnectionSource.PostgresUrlVariable, "the environment variable " + PostgresUrlVariable, postgresUrl);
        }

        if (environment(DatabaseUrlVariable) is { } databaseUrl && !string.IsNullOrWhiteSpace(databaseUrl))
        {
            return new(ConnectionSource.DatabaseUrlVariable, "the environment variable " + DatabaseUrlVariable, databaseUrl);
        }

        return null;
    }
}

/// <summary>A connection string and where it came from.</summary>
internal sealed record ResolvedConnectionString(ConnectionSource Source, string Origin, string ConnectionString);
