using BenchmarkDotNet.Attributes;
using ElizaGen.PluginSql.Models;

namespace ElizaGen.Benchmarks;

/// <summary>
/// Writing 10,000 memories with 384-dimension embeddings into the ElizaOS schema (HNSW indexes in place): one
/// <c>CreateMemoryAsync</c> call per memory (one transaction each: insert, then the embedding), against one
/// <c>CreateMemoriesAsync</c> call (binary COPY of the memories, then of the embeddings, in one transaction).
/// Each invocation starts from empty tables. Most of the time goes to HNSW index maintenance (see the third case).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3, invocationCount: 1)]
public class MemoryInsertBenchmarks
{
    private const int Count = 10_000;
    private PluginSqlBench _bench = null!;
    private Memory[] _memories = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        _bench = await PluginSqlBench.CreateAsync("bench_insert", rooms: 10);
        var vectors = new ClusteredVectors(384, 200, seed: 1);
        _memories = Enumerable.Range(0, Count).Select(i => PluginSqlBench.Message(_bench.Rooms[i % _bench.Rooms.Length], _bench.WorldId, vectors.Next(), i)).ToArray();
    }

    [IterationSetup(Targets = [nameof(OneByOne), nameof(Copy)])]
    public void Empty() => _bench.ExecuteAsync("TRUNCATE memories, embeddings").GetAwaiter().GetResult();

    [IterationSetup(Target = nameof(CopyWithoutIndex))]
    public void EmptyWithoutIndex() => _bench.ExecuteAsync("TRUNCATE memories, embeddings; DROP INDEX IF EXISTS idx_embeddings_dim_384_hnsw").GetAwaiter().GetResult();

    [IterationCleanup(Target = nameof(CopyWithoutIndex))]
    public void RestoreIndex() => _bench.ExecuteAsync("TRUNCATE memories, embeddings; CREATE INDEX IF NOT EXISTS idx_embeddings_dim_384_hnsw ON public.embeddings USING hnsw (dim_384 vector_cosine_ops)").GetAwaiter().GetResult();

    [GlobalCleanup]
    public Task Cleanup() => _bench.DisposeAsync().AsTask();

    [Benchmark(Baseline = true, Description = "10k memories one by one (CreateMemoryAsync)")]
    public async Task OneByOne()
    {
        foreach (var memory in _memories) await _bench.Adapter.CreateMemoryAsync(memory with { Id = Guid.NewGuid() }, "messages");
    }

    [Benchmark(Description = "10k memories through COPY (CreateMemoriesAsync)")]
    public Task<IReadOnlyList<Guid>> Copy() => _bench.Adapter.CreateMemoriesAsync(_memories.Select(m => m with { Id = Guid.NewGuid() }), "messages");

    /// <summary>The same COPY with the 384 HNSW index dropped: how much of the cost is the index's.</summary>
    [Benchmark(Description = "10k memories through COPY, HNSW index dropped")]
    public Task<IReadOnlyList<Guid>> CopyWithoutIndex() => _bench.Adapter.CreateMemoriesAsync(_memories.Select(m => m with { Id = Guid.NewGuid() }), "messages");
}
