using System.Globalization;
using Npgsql;
using Xunit;

namespace ElizaGen.Testing;

/// <summary>
/// An xUnit fixture (class or collection) that gives tests a real PostgreSQL server with pgvector and a fresh
/// database per caller. The server is chosen once per test process: <c>ELIZAGEN_TEST_POSTGRES</c> or
/// <c>POSTGRES_URL</c> (a key=value connection string or a <c>postgres://</c> URL; <c>ELIZAGEN_TEST_POSTGRES=embedded</c>
/// forces the embedded server), else a <c>pgvector/pgvector:pg16</c> container when Docker answers, else one embedded
/// cluster in a temporary folder shared by the whole run and stopped at process exit.
/// </summary>
/// <example>
/// <code>
/// public sealed class NoteTests(PostgresFixture postgres) : IClassFixture&lt;PostgresFixture&gt;
/// {
///     [Fact]
///     public async Task Saves()
///     {
///         await using var db = await postgres.CreateDatabaseAsync();
///         await using var connection = new NpgsqlConnection(db.ConnectionString);
///         …
///     }
/// }
/// </code>
/// </example>
public sealed class PostgresFixture : IAsyncLifetime
{
    private SharedPostgresServer? _server;

    /// <summary>Connection string of the server's administrative database (may create and drop databases).</summary>
    /// <exception cref="InvalidOperationException">Before <see cref="InitializeAsync"/> (xUnit calls it for fixtures).</exception>
    public string AdminConnectionString => Server.AdminConnectionString;

    /// <summary>Where the server comes from.</summary>
    /// <exception cref="InvalidOperationException">Before <see cref="InitializeAsync"/> (xUnit calls it for fixtures).</exception>
    public PostgresServerKind ServerKind => Server.Kind;

    private SharedPostgresServer Server => _server ?? throw new InvalidOperationException(
        "The PostgreSQL fixture is not initialised: await InitializeAsync() first (xUnit does it for class and collection fixtures).");

    /// <summary>Finds or starts the test run's shared server.</summary>
    public async Task InitializeAsync() => _server = await SharedPostgresServer.GetAsync().ConfigureAwait(false);

    /// <summary>Nothing to do: the shared server outlives each fixture and stops at process exit.</summary>
    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>
    /// Creates a uniquely named database with the <c>vector</c> extension; dispose the result to drop it. Tests that
    /// each use their own database can run in parallel.
    /// </summary>
    /// <exception cref="InvalidOperationException">The server has no pgvector.</exception>
    public async Task<TestDatabase> CreateDatabaseAsync(CancellationToken cancellationToken = default)
    {
        _server ??= await SharedPostgresServer.GetAsync().ConfigureAwait(false);
        var name = string.Create(CultureInfo.InvariantCulture, $"eg_test_{Random.Shared.NextInt64():x16}");
        await using (var admin = new NpgsqlConnection(AdminConnectionString))
        {
            await admin.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        var connectionString = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
        var database = new TestDatabase(name, connectionString, AdminConnectionString);
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var vector = new NpgsqlCommand("CREATE EXTENSION vector", connection);
            await vector.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedFile)
        {
            await database.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException(
                $"The test PostgreSQL server ({ServerKind}) has no pgvector extension: {e.MessageText}. Install pgvector " +
                "on it (eng/setup-postgres.sh does for local servers) or point ELIZAGEN_TEST_POSTGRES at a server that has it.", e);
        }
        catch
        {
            await database.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return database;
    }
}
