using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using ElizaGen.PluginSql.Models;
using Npgsql;
using Pgvector;

namespace ElizaGen.Benchmarks;

/// <summary>
/// Reading from 100,000 memories with 384-dimension embeddings (clustered, one agent, 100 rooms): the top 10 of
/// <c>SearchMemoriesAsync</c> through the HNSW index (over all rows, and in one room: 1% of them), the exact scan it
/// replaces, and a page of 20 from <c>GetMemoriesAsync</c>. Recall@10 of the search against the exact scan is measured
/// once in the setup and printed (and written to BenchmarkDotNet.Artifacts/search-recall.txt).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PercentileConfig))]
public class MemoryReadBenchmarks
{
    public const int Rows = 100_000;
    private const int Queries = 64;
    // Loaded once per process and shared by the cases (they run in process, see PercentileConfig); the embedded
    // server and its data go away with the process.
    private static PluginSqlBench? s_bench;
    private static float[][] s_queries = null!;
    private int _next;

    private static PluginSqlBench Bench => s_bench!;

    [GlobalSetup]
    public async Task Setup()
    {
        if (s_bench is not null) return;
        var started = DateTime.UtcNow;
        s_bench = await PluginSqlBench.CreateAsync("bench_search", rooms: 100);
        var vectors = new ClusteredVectors(384, 200, seed: 2);
        // Bulk load without the index, then build it once (as a restore would); the schema is the same afterwards.
        await Bench.ExecuteAsync("DROP INDEX idx_embeddings_dim_384_hnsw");
        for (var batch = 0; batch < Rows / 10_000; batch++)
        {
            var memories = Enumerable.Range(batch * 10_000, 10_000).Select(i => PluginSqlBench.Message(Bench.Rooms[i % 100], Bench.WorldId, vectors.Next(), i));
            await Bench.Adapter.CreateMemoriesAsync(memories, "messages");
        }
        var loaded = DateTime.UtcNow;
        await Bench.ExecuteAsync("SET maintenance_work_mem = '1GB'; CREATE INDEX idx_embeddings_dim_384_hnsw ON public.embeddings USING hnsw (dim_384 vector_cosine_ops); ANALYZE memories; ANALYZE embeddings");
        var indexed = DateTime.UtcNow;
        s_queries = Enumerable.Range(0, Queries).Select(_ => vectors.Next()).ToArray();

        var all = await RecallAsync(null);
        var inRoom = await RecallAsync(Bench.Rooms[0]);
        var plan = await PlanAsync();
        var report = string.Create(CultureInfo.InvariantCulture,
            $"""
            SearchMemoriesAsync recall@10 against an exact scan, {Queries} queries over {Rows:N0} rows (384-d, clustered):
              all rows:           {all:P1}
              one room (1% rows): {inRoom:P1}
            load (COPY) {(loaded - started).TotalSeconds:F1} s, HNSW build {(indexed - loaded).TotalSeconds:F1} s
            plan of the search's inner query:
            {plan}
            """);
        Console.WriteLine(report);
        Directory.CreateDirectory("BenchmarkDotNet.Artifacts");
        File.WriteAllText(Path.Combine("BenchmarkDotNet.Artifacts", "search-recall.txt"), report);
    }

    private float[] NextQuery() => s_queries[_next++ % s_queries.Length];

    [Benchmark(Description = "SearchMemoriesAsync top 10 of 100k (HNSW)")]
    public Task<IReadOnlyList<Memory>> Search() => Bench.Adapter.SearchMemoriesAsync("messages", NextQuery(), count: 10);

    [Benchmark(Description = "SearchMemoriesAsync top 10 in one room (1% of 100k, HNSW iterative scan)")]
    public Task<IReadOnlyList<Memory>> SearchInRoom() => Bench.Adapter.SearchMemoriesAsync("messages", NextQuery(), count: 10, roomId: Bench.Rooms[0]);

    [Benchmark(Description = "exact top 10 of 100k (sequential scan)")]
    public Task<List<Guid>> Exact() => ExactAsync(NextQuery(), null);

    [Benchmark(Description = "GetMemoriesAsync page of 20 (one room, newest first)")]
    public Task<IReadOnlyList<Memory>> Page() => Bench.Adapter.GetMemoriesAsync(new MemoryQuery("messages") { RoomId = Bench.Rooms[_next++ % 100], Count = 20 });

    private async Task<double> RecallAsync(Guid? roomId)
    {
        var hits = 0;
        foreach (var query in s_queries)
        {
            var ann = (await Bench.Adapter.SearchMemoriesAsync("messages", query, count: 10, roomId: roomId)).Select(m => m.Id!.Value).ToHashSet();
            hits += (await ExactAsync(query, roomId)).Count(ann.Contains);
        }
        return hits / (double)(s_queries.Length * 10);
    }

    private async Task<List<Guid>> ExactAsync(float[] query, Guid? roomId)
    {
        await using var connection = await Bench.Database.DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var off = new NpgsqlCommand("SET LOCAL enable_indexscan = off; SET LOCAL enable_bitmapscan = off", connection, transaction))
        {
            await off.ExecuteNonQueryAsync();
        }
        await using var command = new NpgsqlCommand("""
            SELECT m.id FROM embeddings e JOIN memories m ON m.id = e.memory_id
            WHERE e.dim_384 IS NOT NULL AND m.type = 'messages' AND m.agent_id = $2 AND ($3::uuid IS NULL OR m.room_id = $3)
            ORDER BY e.dim_384 <=> $1 LIMIT 10
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<Vector> { TypedValue = new Vector(query) });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = Bench.Adapter.AgentId });
        command.Parameters.Add(new NpgsqlParameter<Guid?> { TypedValue = roomId });
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) ids.Add(reader.GetGuid(0));
        return ids;
    }

    private async Task<string> PlanAsync()
    {
        await using var connection = await Bench.Database.DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var set = new NpgsqlCommand("SET LOCAL hnsw.iterative_scan = relaxed_order", connection, transaction)) await set.ExecuteNonQueryAsync();
        await using var command = new NpgsqlCommand("""
            EXPLAIN SELECT e.memory_id FROM embeddings e JOIN memories m ON m.id = e.memory_id
            WHERE e.dim_384 IS NOT NULL AND m.type = 'messages' AND m.agent_id = $2 AND m.room_id = $3
            ORDER BY e.dim_384 <=> $1 LIMIT 10
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<Vector> { TypedValue = new Vector(s_queries[0]) });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = Bench.Adapter.AgentId });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = Bench.Rooms[0] });
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) lines.Add("  " + reader.GetString(0));
        return string.Join("\n", lines);
    }

    private sealed class PercentileConfig : ManualConfig
    {
        public PercentileConfig()
        {
            AddJob(Job.Default.WithWarmupCount(3).WithIterationCount(15).WithLaunchCount(1).WithToolchain(InProcessEmitToolchain.Instance));
            AddColumn(StatisticColumn.P50, StatisticColumn.P95);
        }
    }
}
