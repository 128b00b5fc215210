using ElizaGen.Testing;
using Npgsql;

namespace ElizaGen.Testing.Tests;

public sealed class PostgresUrlTests
{
    [Fact]
    public void A_postgres_url_becomes_a_connection_string()
    {
        var converted = new NpgsqlConnectionStringBuilder(
            PostgresUrl.ToConnectionString("postgres://eliza:p%40ss%3Aword@db.internal:6543/agents?sslmode=require"));

        Assert.Equal("db.internal", converted.Host);
        Assert.Equal(6543, converted.Port);
        Assert.Equal("agents", converted.Database);
        Assert.Equal("eliza", converted.Username);
        Assert.Equal("p@ss:word", converted.Password);
        Assert.Equal(SslMode.Require, converted.SslMode);
    }

    [Fact]
    public void A_url_without_port_or_database_gets_the_defaults()
    {
        var converted = new NpgsqlConnectionStringBuilder(PostgresUrl.ToConnectionString("postgresql://localhost"));

        Assert.Equal(5432, converted.Port);
        Assert.Equal("postgres", converted.Database);
        Assert.Null(converted.Username);
    }

    [Fact]
    public void A_key_value_connection_string_passes_through()
    {
        var converted = new NpgsqlConnectionStringBuilder(PostgresUrl.ToConnectionString("Host=/tmp/sock;Username=postgres;Database=x"));

        Assert.Equal("/tmp/sock", converted.Host);
        Assert.Equal("x", converted.Database);
    }

    [Fact]
    public void A_malformed_url_is_refused_without_showing_its_password()
    {
        var error = Assert.Throws<ArgumentException>(() => PostgresUrl.ToConnectionString("postgres://user:secret@/db"));

        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
        Assert.Contains("postgres://user:password@host:port/database", error.Message, StringComparison.Ordinal);
    }
}
