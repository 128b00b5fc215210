using System.Collections.Concurrent;
using ElizaGen.Runtime.Connections;
using ElizaGen.Runtime.Resilience;
using ElizaGen.Runtime.Tests.Connections;
using Npgsql;

namespace ElizaGen.Runtime.Tests.Resilience;

/// <summary>The server stops in the middle of a workload and comes back.</summary>
public sealed class FaultToleranceTests : IAsyncLifetime
{
    private const int Workers = 4;
    private const int ItemsPerWorker = 120;

    private readonly CapturingLoggerFactory _logs = new();
    private TestCluster? _cluster;

    public async Task InitializeAsync() => _cluster = await TestCluster.StartAsync();

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_server_outage_opens_the_breaker_and_after_the_restart_every_acknowledged_write_is_there()
    {
        var cluster = _cluster!;
        await using var database = await ElizaDatabase.OpenAsync(new ElizaDatabaseOptions
        {
            ConnectionString = cluster.ConnectionString,
            Resilience = new ResilienceOptions
            {
                MaxRetries = 3,
                BaseDelay = TimeSpan.FromMilliseconds(10),
                MaxDelay = TimeSpan.FromMilliseconds(50),
                JitterMax = TimeSpan.FromMilliseconds(10),
                ResetTimeout = TimeSpan.FromSeconds(1),
            },
            LoggerFactory = _logs,
            ShutdownSignals = ShutdownSignalBehavior.Ignore,
        });
        await database.ExecuteAsync(OperationKind.IdempotentWrite, async (c, ct) =>
        {
            await using var create = new NpgsqlCommand("CREATE TABLE items(id int PRIMARY KEY, written_by text NOT NULL)", c);
            return await create.ExecuteNonQueryAsync(ct);
        });

        var workload = new Workload(database);
        var running = Enumerable.Range(0, Workers).Select(workload.RunWorkerAsync).ToArray();

        // Mid-workload: stop the server, see the breaker open and calls rejected, start it again.
        await Conditions.WaitUntilAsync(() => workload.Acknowledged.Count >= 60, TimeSpan.FromSeconds(30), "the first writes");
        await cluster.StopAsync();
        await Conditions.WaitUntilAsync(() => database.Resilience.CircuitState == CircuitState.Open, TimeSpan.FromSeconds(30), "the breaker to open");
        // Calls rejected outright never ran their operation (the even ones open their connection themselves):
        // no connection attempt, so no connect timeout to wait for.
        await Conditions.WaitUntilAsync(() => workload.RejectedWithoutRunning >= 3, TimeSpan.FromSeconds(30), "calls rejected at once by the open breaker");
        var acknowledgedDuringOutage = workload.Acknowledged.Count;
        await cluster.StartAgainAsync();

        await Task.WhenAll(running).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(acknowledgedDuringOutage < Workers * ItemsPerWorker, "the outage happened before the workload ended");
        Assert.Equal(Workers * ItemsPerWorker, workload.Acknowledged.Count);
        Assert.Equal(CircuitState.Closed, database.Resilience.CircuitState);

        // Every write acknowledged to the caller is in the database.
        var ids = workload.Acknowledged.Keys.ToArray();
        var stored = await database.ExecuteAsync(OperationKind.Read, ids, static async (c, ids, ct) =>
        {
            await using var count = new NpgsqlCommand("SELECT count(*) FROM items WHERE id = ANY($1)", c);
            count.Parameters.AddWithValue(ids);
            return (long)(await count.ExecuteScalarAsync(ct))!;
        });
        Assert.Equal(ids.Length, stored);

        // The breaker opened, half-opened after the break and closed (it may have re-opened while the server was down).
        var events = _logs.Snapshot().Select(e => e.EventName).Where(n => n.StartsWith("CircuitBreaker", StringComparison.Ordinal)).ToList();
        Assert.Equal("CircuitBreakerOpened", events[0]);
        Assert.Equal("CircuitBreakerClosed", events[^1]);
        Assert.Equal("CircuitBreakerHalfOpened", events[^2]);
        Assert.Contains(_logs.Snapshot(), e => e.EventName == "DatabaseCallRetrying");
    }

    /// <summary>
    /// Writers that insist: each item is written until the database acknowledges it. Even items are upserts
    /// (idempotent, retried by the pipeline); odd items are plain inserts (not retried once sent), so after a
    /// failure the writer tries again and takes a unique violation as "it did get written".
    /// </summary>
    private sealed class Workload(ElizaDatabase database)
    {
        private int _rejectedWithoutRunning;

        public ConcurrentDictionary<int, string> Acknowledged { get; } = new();

        /// <summary>Calls the breaker rejected before their operation ever ran (a retry rejected after a failed attempt is not counted).</summary>
        public int RejectedWithoutRunning => Volatile.Read(ref _rejectedWithoutRunning);

        public async Task RunWorkerAsync(int worker)
        {
            for (var n = 0; n < ItemsPerWorker; n++)
            {
                var id = worker * ItemsPerWorker + n;
                while (!await TryWriteAsync(id, worker))
                {
                    await Task.Delay(15);
                }
            }
        }

        private async Task<bool> TryWriteAsync(int id, int worker)
        {
            var ran = false;
            try
            {
                if (id % 2 == 0)
                {
                    await database.ExecuteOnDataSourceAsync(OperationKind.IdempotentWrite, async (dataSource, ct) =>
                    {
                        ran = true;
                        await using var upsert = dataSource.CreateCommand(
                            "INSERT INTO items VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET written_by = excluded.written_by");
                        upsert.Parameters.AddWithValue(id);
                        upsert.Parameters.AddWithValue("upsert " + worker);
                        return await upsert.ExecuteNonQueryAsync(ct);
                    });
                }
                else
                {
                    await database.ExecuteAsync(OperationKind.NonIdempotentWrite, async (connection, ct) =>
                    {
                        ran = true;
                        await using var insert = new NpgsqlCommand("INSERT INTO items VALUES ($1, $2)", connection);
                        insert.Parameters.AddWithValue(id);
                        insert.Parameters.AddWithValue("insert " + worker);
                        return await insert.ExecuteNonQueryAsync(ct);
                    });
                }

                Acknowledged[id] = "written";
                return true;
            }
            catch (PostgresException unique) when (unique.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                Acknowledged[id] = "an earlier unacknowledged insert landed";
                return true;
            }
            catch (DatabaseUnavailableException)
            {
                if (!ran)
                {
                    Interlocked.Increment(ref _rejectedWithoutRunning);
                }

                return false;
            }
            catch (NpgsqlException exception) when (TransientFailures.IsTransient(exception))
            {
                return false;
            }
        }
    }
}
