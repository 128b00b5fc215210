using BenchmarkDotNet.Attributes;
using ElizaGen.Runtime.Connections;
using ElizaGen.Runtime.Resilience;
using Npgsql;

namespace ElizaGen.Benchmarks;

/// <summary>
/// <c>SELECT 1</c> on a real server, bare on the data source against through <see cref="ElizaDatabase"/> (pipeline,
/// pooled connection, close tracking). Needs a server: set ELIZAGEN_BENCH_CONNECTION to its connection string.
/// </summary>
[MemoryDiagnoser]
public class SelectOneBenchmarks
{
    private ElizaDatabase _database = null!;
    private NpgsqlDataSource _dataSource = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        var connectionString = Environment.GetEnvironmentVariable("ELIZAGEN_BENCH_CONNECTION");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                "SelectOneBenchmarks needs a PostgreSQL server: set ELIZAGEN_BENCH_CONNECTION (e.g. Host=/tmp/sock;Username=postgres).");
        }

        _database = await ElizaDatabase.OpenAsync(new ElizaDatabaseOptions
        {
            ConnectionString = connectionString,
            ShutdownSignals = ShutdownSignalBehavior.Ignore,
        });
        _dataSource = _database.DataSource;
    }

    [GlobalCleanup]
    public Task Cleanup() => _database.CloseAsync();

    [Benchmark(Baseline = true, Description = "SELECT 1, bare data source")]
    public async Task<int> Bare()
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("SELECT 1", connection);
        return (int)(await command.ExecuteScalarAsync())!;
    }

    [Benchmark(Description = "SELECT 1, ElizaDatabase.ExecuteAsync")]
    public ValueTask<int> ThroughPipeline() =>
        _database.ExecuteAsync(OperationKind.Read, static async (connection, ct) =>
        {
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            return (int)(await command.ExecuteScalarAsync(ct))!;
        });
}
