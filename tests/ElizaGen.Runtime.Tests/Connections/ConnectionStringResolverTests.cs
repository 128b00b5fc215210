using ElizaGen.Runtime.Connections;

namespace ElizaGen.Runtime.Tests.Connections;

public sealed class ConnectionStringResolverTests
{
    private static Func<string, string?> Environment(string? postgresUrl, string? databaseUrl) =>
        name => name switch
        {
            "POSTGRES_URL" => postgresUrl,
            "DATABASE_URL" => databaseUrl,
            _ => null,
        };

    [Fact]
    public void The_options_come_first()
    {
        var resolved = ConnectionStringResolver.Resolve("Host=a", Environment("postgres://b", "postgres://c"));

        Assert.Equal(ConnectionSource.Options, resolved!.Source);
        Assert.Equal("Host=a", resolved.ConnectionString);
    }

    [Fact]
    public void POSTGRES_URL_comes_before_DATABASE_URL()
    {
        var resolved = ConnectionStringResolver.Resolve(null, Environment("postgres://b", "postgres://c"));

        Assert.Equal(ConnectionSource.PostgresUrlVariable, resolved!.Source);
        Assert.Equal("postgres://b", resolved.ConnectionString);
        Assert.Contains("POSTGRES_URL", resolved.Origin, StringComparison.Ordinal);
    }

    [Fact]
    public void DATABASE_URL_is_used_when_POSTGRES_URL_is_blank()
    {
        var resolved = ConnectionStringResolver.Resolve("  ", Environment(" ", "postgres://c"));

        Assert.Equal(ConnectionSource.DatabaseUrlVariable, resolved!.Source);
        Assert.Equal("postgres://c", resolved.ConnectionString);
    }

    [Fact]
    public void Nothing_given_means_the_embedded_server() =>
        Assert.Null(ConnectionStringResolver.Resolve(null, Environment(null, "")));
}
