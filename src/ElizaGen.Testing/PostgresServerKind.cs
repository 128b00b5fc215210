namespace ElizaGen.Testing;

/// <summary>Where the test PostgreSQL server of <see cref="PostgresFixture"/> comes from.</summary>
public enum PostgresServerKind
{
    /// <summary>The server named by <c>ELIZAGEN_TEST_POSTGRES</c> or <c>POSTGRES_URL</c>.</summary>
    Configured,

    /// <summary>A <c>pgvector/pgvector:pg16</c> container started through Testcontainers.</summary>
    Container,

    /// <summary>ElizaGen's embedded server in a temporary folder, shared by the whole test run.</summary>
    Embedded,
}
