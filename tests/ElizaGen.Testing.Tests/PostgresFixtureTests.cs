using ElizaGen.Testing;
using Npgsql;

namespace ElizaGen.Testing.Tests;

public sealed class PostgresFixtureTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task Databases_are_isolated_from_each_other()
    {
        await using var first = await postgres.CreateDatabaseAsync();
        await using var second = await postgres.CreateDatabaseAsync();

        await ExecuteAsync(first.ConnectionString, "CREATE TABLE only_in_first(id int)");

        Assert.NotEqual(first.Name, second.Name);
        Assert.Equal("only_in_first", await ScalarAsync<string>(first.ConnectionString, "SELECT to_regclass('only_in_first')::text"));
        Assert.Null(await ScalarAsync<string?>(second.ConnectionString, "SELECT to_regclass('only_in_first')::text"));
    }

    [Fact]
    public async Task A_database_has_the_vector_extension()
    {
        await using var database = await postgres.CreateDatabaseAsync();

        Assert.NotNull(await ScalarAsync<string?>(database.ConnectionString, "SELECT extversion FROM pg_extension WHERE extname = 'vector'"));
        Assert.Equal(2.0, await ScalarAsync<double>(database.ConnectionString, "SELECT '[1,1]'::vector <-> '[1,3]'::vector"));
    }

    [Fact]
    public async Task Disposing_a_database_drops_it_even_while_a_session_is_connected()
    {
        var database = await postgres.CreateDatabaseAsync();
        await using var session = new NpgsqlConnection(database.ConnectionString);
        await session.OpenAsync();

        await database.DisposeAsync();

        Assert.Equal(0L, await ScalarAsync<long>(postgres.AdminConnectionString,
            $"SELECT count(*) FROM pg_database WHERE datname = '{database.Name}'"));
        await database.DisposeAsync();
    }

    [Fact]
    public async Task Every_fixture_of_the_test_run_shares_one_server()
    {
        var another = new PostgresFixture();
        await another.InitializeAsync();

        Assert.Equal(postgres.AdminConnectionString, another.AdminConnectionString);
        Assert.Equal(postgres.ServerKind, another.ServerKind);
    }

    [NoConfiguredServerNorDockerFact]
    public void Without_a_configured_server_or_Docker_the_server_is_the_embedded_one_in_a_temporary_folder()
    {
        Assert.Equal(PostgresServerKind.Embedded, postgres.ServerKind);
        var host = new NpgsqlConnectionStringBuilder(postgres.AdminConnectionString).Host!;
        Assert.StartsWith(Path.Combine(Path.GetTempPath(), StaleTestClusters.Prefix), host, StringComparison.Ordinal);
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? default! : (T)value!;
    }
}

/// <summary>A fact about the fallback: skipped when a server is configured or a Docker engine socket exists.</summary>
public sealed class NoConfiguredServerNorDockerFactAttribute : FactAttribute
{
    public NoConfiguredServerNorDockerFactAttribute()
    {
        var configured = new[] { "ELIZAGEN_TEST_POSTGRES", "POSTGRES_URL" }
            .Select(Environment.GetEnvironmentVariable)
            .FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
        if (configured is not null && !configured.Equals(SharedPostgresServer.EmbeddedKeyword, StringComparison.OrdinalIgnoreCase))
            Skip = "A test server is configured (ELIZAGEN_TEST_POSTGRES or POSTGRES_URL).";
        else if (configured is null && (File.Exists("/var/run/docker.sock") || Environment.GetEnvironmentVariable("DOCKER_HOST") is not null))
            Skip = "A Docker engine may answer: the fixture would use a container.";
    }
}
