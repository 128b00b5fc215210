using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using ElizaGen.Benchmarks.Data;
using ElizaGen.PluginSql;
using ElizaGen.PluginSql.Models;
using ElizaGen.Runtime.Connections;
using ElizaGen.Runtime.Migrations;
using Npgsql;

namespace ElizaGen.Benchmarks.Runs;

/// <summary>
/// The ElizaOS peer benchmark's workload (peer-bench/bench.mjs) run through ElizaGen's adapter on the same server:
/// the same phases in the same order, the same counts, the very same vectors (mulberry32 seeds 42 and 43, drawn in
/// the same order), ANALYZE before each read phase, percentiles by nearest rank. It prints its figures under the
/// JSON paths the peer uses for its "summary", so the report reads both with one set of paths.
/// </summary>
public static class AdapterPeerRun
{
    private const int Dimension = 384;
    private const int TopK = 10;
    private const double Threshold = 0.5;
    private const int SearchWarmup = 3;
    private const int NoopRepetitions = 5;
    private const int AttributionInserts = 500;

    private sealed record Config(int N, int NLarge, TimeSpan GrowBudget, int Searches, int Gets, int WarmMigrations);

    public static async Task<PeerBenchResult> RunAsync(bool quick, Action<string> log)
    {
        // The same knobs as the peer run (PeerBenchRun): BENCH_N=500, BENCH_N_LARGE=0, BENCH_WARM_MIGRATIONS=1 when quick.
        var config = quick
            ? new Config(500, 0, TimeSpan.FromSeconds(180), 50, 100, 1)
            : new Config(2000, 20000, TimeSpan.FromSeconds(180), 50, 100, 3);
        var settings = new List<(string, string)> { ("N", config.N.ToString()), ("N_LARGE", config.NLarge.ToString()), ("WARM_MIGRATIONS", config.WarmMigrations.ToString()) };
        var clock = Stopwatch.StartNew();
        try
        {
            var json = await RunWorkloadAsync(config, log);
            return new PeerBenchResult(json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }), null, clock.Elapsed.TotalSeconds, settings);
        }
        catch (Exception e)
        {
            log("ElizaGen adapter workload failed: " + e);
            return new PeerBenchResult(null, e.GetType().Name + ": " + e.Message, clock.Elapsed.TotalSeconds, settings);
        }
    }

    private static async Task<JsonObject> RunWorkloadAsync(Config config, Action<string> log)
    {
        var dataRng = new Mulberry32(42);
        var queryRng = new Mulberry32(43);
        var plugins = new[] { PluginSqlSchema.Plugin };
        var result = new JsonObject();

        // 1. Fresh migration: the first RunPluginMigrationsAsync of this process's adapter on an empty database,
        // with the pool already connected (the peer calls adapter.init() and isReady() first).
        var connectionString = await BenchmarkServer.CreateDatabaseAsync("adapter_peer");
        try
        {
            await using var database = await ElizaDatabase.OpenAsync(new ElizaDatabaseOptions { ConnectionString = connectionString, ShutdownSignals = ShutdownSignalBehavior.Ignore });
            var agentId = Guid.NewGuid();
            var adapter = new ElizaDatabaseAdapter(database, agentId);
            if (!await adapter.IsReadyAsync()) throw new InvalidOperationException("The adapter is not ready.");

            var watch = Stopwatch.StartNew();
            await adapter.RunPluginMigrationsAsync(plugins);
            var freshMs = Ms(watch);
            log($"adapter workload: fresh migration {freshMs:F1} ms");

            // 2. No-op migration, median of 5 on the same adapter; and with a brand-new migrator each time.
            var noop = new List<double>();
            for (var i = 0; i < NoopRepetitions; i++)
            {
                watch.Restart();
                await adapter.RunPluginMigrationsAsync(plugins);
                noop.Add(Ms(watch));
            }
            var noopNewMigrator = new List<double>();
            for (var i = 0; i < NoopRepetitions; i++)
            {
                watch.Restart();
                await new Migrator(database.DataSource).MigrateAsync(plugins);
                noopNewMigrator.Add(Ms(watch));
            }
            result["migration"] = new JsonObject
            {
                ["fresh_migrate_ms"] = Round(freshMs),
                ["noop_migrate_ms"] = Round(Median(noop)),
                ["noop_migrate_all_ms"] = Array(noop),
                ["noop_migrate_new_migrator_ms"] = Round(Median(noopNewMigrator)),
                ["after_migration"] = new JsonObject { ["public_tables"] = await ScalarAsync(connectionString, "SELECT count(*)::int FROM pg_tables WHERE schemaname = 'public'") },
            };

            // 3. N createMemory calls on the default path (Unique left null: a 0.95-threshold similarity check first).
            await adapter.EnsureEmbeddingDimensionAsync(Dimension);
            var now = DateTimeOffset.UtcNow;
            if (!await adapter.CreateAgentAsync(new Agent { Id = agentId, Name = "peer-bench-agent", Username = "peer-bench", Bio = new JsonArray("benchmark agent"), Enabled = true, CreatedAt = now, UpdatedAt = now }))
            {
                throw new InvalidOperationException("CreateAgentAsync returned false.");
            }
            var entityId = Guid.NewGuid();
            if (!await adapter.CreateEntitiesAsync([new Entity { Id = entityId, AgentId = agentId, Names = ["peer-bench-user"], Metadata = [] }]))
            {
                throw new InvalidOperationException("CreateEntitiesAsync returned false.");
            }
            var roomId = (await adapter.CreateRoomsAsync([new Room { Id = Guid.NewGuid(), Name = "peer-bench-room", Source = "bench", Type = "GROUP", AgentId = agentId }]))[0];

            var sequence = 0;
            Memory MakeMemory(float[] embedding, bool? unique)
            {
                var i = sequence++;
                return new Memory
                {
                    Id = Guid.NewGuid(),
                    EntityId = entityId,
                    AgentId = agentId,
                    RoomId = roomId,
                    Content = new JsonObject { ["text"] = $"peer bench message {i}", ["source"] = "bench" },
                    Metadata = new JsonObject { ["type"] = "message" },
                    Embedding = embedding,
                    Unique = unique,
                };
            }

            var preGenerated = Enumerable.Range(0, config.N).Select(_ => dataRng.NextVector(Dimension)).ToArray();
            var insertLatencies = new List<double>(config.N);
            var phase = Stopwatch.StartNew();
            foreach (var vector in preGenerated)
            {
                var memory = MakeMemory(vector, unique: null);
                watch.Restart();
                await adapter.CreateMemoryAsync(memory, "messages");
                insertLatencies.Add(Ms(watch));
            }
            var insertTotal = Ms(phase);
            result["insert_memories"] = new JsonObject
            {
                ["n_rows"] = sequence,
                ["total_ms"] = Round(insertTotal),
                ["rows_per_s"] = Round(insertLatencies.Count / insertTotal * 1000, 1),
                ["per_call"] = Stats(insertLatencies),
            };
            log($"adapter workload: {config.N} createMemory calls at {insertLatencies.Count / insertTotal * 1000:F0} rows/s");

            // The peer traces one search and one getMemories call before the first read phase: one query vector.
            await adapter.SearchMemoriesAsync("messages", queryRng.NextVector(Dimension), count: TopK, roomId: roomId);
            await adapter.GetMemoriesAsync(new MemoryQuery("messages") { RoomId = roomId, Count = 20 });

            var search = new JsonObject();
            var gets = new JsonObject();
            var (atN, getsAtN) = await ReadPhaseAsync(adapter, database.DataSource, connectionString, roomId, queryRng, config);
            search["at_n"] = atN;
            gets["at_n"] = getsAtN;

            // Growth to N_large with Unique = true (no similarity check), as the peer does.
            JsonObject? grow = null;
            if (config.NLarge > sequence)
            {
                var growLatencies = new List<double>();
                phase.Restart();
                var stoppedEarly = false;
                while (sequence < config.NLarge)
                {
                    if (phase.Elapsed > config.GrowBudget)
                    {
                        stoppedEarly = true;
                        break;
                    }
                    var memory = MakeMemory(dataRng.NextVector(Dimension), unique: true);
                    watch.Restart();
                    await adapter.CreateMemoryAsync(memory, "messages");
                    growLatencies.Add(Ms(watch));
                }
                var growTotal = Ms(phase);
                grow = new JsonObject
                {
                    ["target_n"] = config.NLarge,
                    ["reached_n"] = sequence,
                    ["stopped_early_on_budget"] = stoppedEarly,
                    ["inserted"] = growLatencies.Count,
                    ["total_ms"] = Round(growTotal),
                    ["rows_per_s"] = Round(growLatencies.Count / growTotal * 1000, 1),
                    ["per_call"] = Stats(growLatencies),
                };
                result["grow"] = grow;
                log($"adapter workload: grew to {sequence} rows at {growLatencies.Count / growTotal * 1000:F0} rows/s");
                var (atLarge, getsAtLarge) = await ReadPhaseAsync(adapter, database.DataSource, connectionString, roomId, queryRng, config);
                search["at_n_large"] = atLarge;
                gets["at_n_large"] = getsAtLarge;
            }

            // Not in the peer's workload: where a growth insert's time goes. The same calls again, first with the HNSW
            // index of the 384-d column (which the plugin does not have), then without it.
            var attribution = new JsonObject();
            foreach (var withIndex in new[] { true, false })
            {
                if (!withIndex) await ExecuteAsync(connectionString, "DROP INDEX idx_embeddings_dim_384_hnsw");
                var latencies = new List<double>();
                for (var i = 0; i < AttributionInserts; i++)
                {
                    var memory = MakeMemory(dataRng.NextVector(Dimension), unique: true);
                    watch.Restart();
                    await adapter.CreateMemoryAsync(memory, "messages");
                    latencies.Add(Ms(watch));
                }
                attribution[withIndex ? "with_hnsw_index" : "without_hnsw_index"] = Stats(latencies);
            }
            attribution["rows_before"] = sequence - 2 * AttributionInserts;
            result["insert_attribution"] = attribution;
            log($"adapter workload: createMemory p50 {attribution["with_hnsw_index"]!["p50_ms"]} ms with the HNSW index, {attribution["without_hnsw_index"]!["p50_ms"]} ms without");
            result["search"] = search;
            result["get_memories"] = gets;
        }
        finally
        {
            await BenchmarkServer.DropDatabaseAsync(connectionString);
        }

        // Fresh migrations in a warm process: new databases, a new data source and adapter each.
        var warm = new List<double>();
        for (var i = 0; i < config.WarmMigrations; i++)
        {
            var warmConnection = await BenchmarkServer.CreateDatabaseAsync("adapter_peer_warm");
            try
            {
                await using var database = await ElizaDatabase.OpenAsync(new ElizaDatabaseOptions { ConnectionString = warmConnection, ShutdownSignals = ShutdownSignalBehavior.Ignore });
                var adapter = new ElizaDatabaseAdapter(database, Guid.NewGuid());
                await adapter.IsReadyAsync();
                var watch = Stopwatch.StartNew();
                await adapter.RunPluginMigrationsAsync(plugins);
                warm.Add(Ms(watch));
            }
            finally
            {
                await BenchmarkServer.DropDatabaseAsync(warmConnection);
            }
        }
        var migration = result["migration"]!.AsObject();
        if (warm.Count > 0)
        {
            migration["fresh_migrate_warm_ms"] = Round(Median(warm));
            migration["fresh_migrate_warm_all_ms"] = Array(warm);
        }

        result["summary"] = Summary(result);
        return result;
    }

    private static async Task<(JsonObject Search, JsonObject Gets)> ReadPhaseAsync(
        ElizaDatabaseAdapter adapter, NpgsqlDataSource dataSource, string connectionString, Guid roomId, Mulberry32 queryRng, Config config)
    {
        await ExecuteAsync(connectionString, "ANALYZE memories, embeddings");
        var search = new JsonObject { ["table"] = new JsonObject { ["memories"] = await ScalarAsync(connectionString, "SELECT count(*)::int FROM memories") } };
        foreach (var (variant, threshold) in new[] { ("no_threshold", (double?)null), ("threshold_0_5", Threshold) })
        {
            for (var i = 0; i < SearchWarmup; i++)
            {
                await adapter.SearchMemoriesAsync("messages", queryRng.NextVector(Dimension), threshold, TopK, roomId: roomId);
            }
            var latencies = new List<double>();
            var returned = new List<int>();
            var recalls = new List<double>();
            for (var i = 0; i < config.Searches; i++)
            {
                var query = queryRng.NextVector(Dimension);
                var watch = Stopwatch.StartNew();
                var rows = await adapter.SearchMemoriesAsync("messages", query, threshold, TopK, roomId: roomId);
                latencies.Add(Ms(watch));
                returned.Add(rows.Count);
                // Untimed: the share of the exact top 10 (what the plugin's index-less scan returns) that came back.
                if (threshold is null) recalls.Add(Recall(rows.Select(r => r.Id!.Value), await ExactTopAsync(dataSource, roomId, query)));
            }
            var stats = Stats(latencies);
            stats["rows_returned_min"] = returned.Min();
            stats["rows_returned_max"] = returned.Max();
            if (recalls.Count > 0) stats["recall_at_10"] = Round(recalls.Average(), 4);
            search[variant] = stats;
        }
        var getLatencies = new List<double>();
        var got = 0;
        for (var i = 0; i < config.Gets; i++)
        {
            var watch = Stopwatch.StartNew();
            var rows = await adapter.GetMemoriesAsync(new MemoryQuery("messages") { RoomId = roomId, Count = 20 });
            getLatencies.Add(Ms(watch));
            got = rows.Count;
        }
        var gets = Stats(getLatencies);
        gets["rows_returned"] = got;
        // The peer's EXPLAIN of one more search draws one more query vector.
        queryRng.NextVector(Dimension);
        return (search, gets);
    }

    private static async Task<HashSet<Guid>> ExactTopAsync(NpgsqlDataSource dataSource, Guid roomId, float[] query)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT m.id FROM embeddings e JOIN memories m ON m.id = e.memory_id
            WHERE m.type = 'messages' AND m.room_id = $1 AND e.dim_384 IS NOT NULL
            ORDER BY (e.dim_384 <=> $2) + 0, m.id LIMIT 10
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = roomId });
        command.Parameters.Add(new NpgsqlParameter { Value = new Pgvector.Vector(query) });
        var ids = new HashSet<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) ids.Add(reader.GetGuid(0));
        return ids;
    }

    private static double Recall(IEnumerable<Guid> found, HashSet<Guid> exact) =>
        exact.Count == 0 ? 1 : found.Count(exact.Contains) / (double)exact.Count;

    private static JsonObject Summary(JsonObject result)
    {
        JsonNode? Get(string path)
        {
            JsonNode? node = result;
            foreach (var part in path.Split('.'))
            {
                node = node is JsonObject o && o.TryGetPropertyValue(part, out var next) ? next : null;
                if (node is null) return null;
            }
            return node.DeepClone();
        }
        JsonObject? Pair(string path) => Get(path) is JsonObject stats
            ? new JsonObject { ["p50_ms"] = stats["p50_ms"]?.DeepClone(), ["p95_ms"] = stats["p95_ms"]?.DeepClone() }
            : null;
        JsonObject? SearchAt(string key) => Get("search." + key) is null
            ? null
            : new JsonObject
            {
                ["n"] = Get($"search.{key}.table.memories"),
                ["no_threshold"] = Pair($"search.{key}.no_threshold"),
                ["threshold_0_5"] = Pair($"search.{key}.threshold_0_5"),
            };
        return new JsonObject
        {
            ["fresh_migrate_ms"] = Get("migration.fresh_migrate_ms"),
            ["fresh_migrate_warm_ms"] = Get("migration.fresh_migrate_warm_ms"),
            ["noop_migrate_ms"] = Get("migration.noop_migrate_ms"),
            ["insert_memories"] = new JsonObject { ["n"] = Get("insert_memories.n_rows"), ["total_ms"] = Get("insert_memories.total_ms"), ["rows_per_s"] = Get("insert_memories.rows_per_s") },
            ["grow_inserts"] = Get("grow") is null ? null : new JsonObject { ["reached_n"] = Get("grow.reached_n"), ["total_ms"] = Get("grow.total_ms"), ["rows_per_s"] = Get("grow.rows_per_s") },
            ["search_at_n"] = SearchAt("at_n"),
            ["search_at_n_large"] = SearchAt("at_n_large"),
            ["get_memories_p50_ms"] = new JsonObject { ["at_n"] = Get("get_memories.at_n.p50_ms"), ["at_n_large"] = Get("get_memories.at_n_large.p50_ms") },
            ["get_memories_p95_ms"] = new JsonObject { ["at_n"] = Get("get_memories.at_n.p95_ms"), ["at_n_large"] = Get("get_memories.at_n_large.p95_ms") },
        };
    }

    private static JsonObject Stats(List<double> milliseconds)
    {
        var l = Latencies.Of(milliseconds);
        return new JsonObject
        {
            ["n"] = l.Count,
            ["p50_ms"] = Round(l.P50),
            ["p95_ms"] = Round(l.P95),
            ["mean_ms"] = Round(l.Mean),
            ["min_ms"] = Round(l.Min),
            ["max_ms"] = Round(l.Max),
        };
    }

    private static async Task<int> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }

    private static double Ms(Stopwatch watch) => watch.Elapsed.TotalMilliseconds;

    private static double Median(List<double> values) => Latencies.Of(values).P50;

    private static double Round(double value, int digits = 3) => Math.Round(value, digits);

    private static JsonArray Array(List<double> values) => new([.. values.Select(v => (JsonNode?)JsonValue.Create(Round(v)))]);
}
