using BenchmarkDotNet.Attributes;
using ElizaGen.Runtime.Resilience;

namespace ElizaGen.Benchmarks;

/// <summary>
/// What the resilience pipeline (retry + consecutive-failure breaker) costs per call, against calling the same
/// in-memory operation bare — so it measures the pipeline, not a database.
/// </summary>
[MemoryDiagnoser]
public class ResiliencePipelineBenchmarks
{
    private DatabaseResiliencePipeline _pipeline = null!;

    [GlobalSetup]
    public void Setup() => _pipeline = new DatabaseResiliencePipeline(new ResilienceOptions(), "benchmark:5432/none");

    [Benchmark(Baseline = true, Description = "bare, completes synchronously")]
    public ValueTask<int> Bare() => CompletedOperation(42, CancellationToken.None);

    [Benchmark(Description = "pipeline, completes synchronously")]
    public ValueTask<int> Pipeline() =>
        _pipeline.ExecuteAsync(OperationKind.Read, 42, static (state, ct) => CompletedOperation(state, ct));

    [Benchmark(Description = "bare, awaits (Task.Yield)")]
    public ValueTask<int> BareAsync() => YieldingOperation(42, CancellationToken.None);

    [Benchmark(Description = "pipeline, awaits (Task.Yield)")]
    public ValueTask<int> PipelineAsync() =>
        _pipeline.ExecuteAsync(OperationKind.Read, 42, static (state, ct) => YieldingOperation(state, ct));

    private static ValueTask<int> CompletedOperation(int state, CancellationToken cancellationToken) => new(state + 1);

    private static async ValueTask<int> YieldingOperation(int state, CancellationToken cancellationToken)
    {
        await Task.Yield();
        return state + 1;
    }
}
