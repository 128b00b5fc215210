namespace ElizaGen.Runtime.Connections;

/// <summary>Where <see cref="ElizaDatabase.OpenAsync"/> found the server it connected to.</summary>
public enum ConnectionSource
{
    /// <summary><see cref="ElizaDatabaseOptions.ConnectionString"/>.</summary>
    Options,

    /// <summary>The <c>POSTGRES_URL</c> environment variable.</summary>
    PostgresUrlVariable,

    /// <summary>The <c>DATABASE_URL</c> environment variable.</summary>
    DatabaseUrlVariable,

    /// <summary>None was given: the embedded PostgreSQL server the runtime starts itself.</summary>
    Embedded,
}
