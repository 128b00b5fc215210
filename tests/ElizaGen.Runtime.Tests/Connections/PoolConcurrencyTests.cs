using ElizaGen.Runtime.Connections;
using ElizaGen.Runtime.Resilience;
using Npgsql;

namespace ElizaGen.Runtime.Tests.Connections;

/// <summary>A server with room for 25 connections, so a pool that overran its limit of 20 would be refused.</summary>
public sealed class PoolConcurrencyTests : IAsyncLifetime
{
    private TestCluster? _cluster;

    public async Task InitializeAsync() => _cluster = await TestCluster.StartAsync(maxConnections: 25);

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task Two_hundred_concurrent_operations_on_a_pool_of_twenty_all_complete()
    {
        var app = "pool-" + Guid.NewGuid().ToString("N")[..8];
        await using var database = await ElizaDatabase.OpenAsync(new ElizaDatabaseOptions
        {
            ConnectionString = _cluster!.ConnectionString,
            Pool = new ConnectionPoolOptions { ApplicationName = app },
            ShutdownSignals = ShutdownSignalBehavior.Ignore,
        });

        var operations = Enumerable.Range(0, 200).Select(i => database.ExecuteAsync(OperationKind.Read, i, static async (connection, i, ct) =>
        {
            // Each call holds its connection a moment and reports how many of the pool's connections the server sees.
            await using var command = new NpgsqlCommand(
                "SELECT count(*) FROM pg_stat_activity, pg_sleep(0.01) WHERE application_name = current_setting('application_name')", connection);
            return (long)(await command.ExecuteScalarAsync(ct))!;
        }).AsTask()).ToList();

        var seen = await Task.WhenAll(operations);

        Assert.Equal(200, seen.Length);
        Assert.True(seen.Max() <= 20, $"the server saw {seen.Max()} connections of the pool at once");
        Assert.Equal(CircuitState.Closed, database.Resilience.CircuitState);
    }
}
