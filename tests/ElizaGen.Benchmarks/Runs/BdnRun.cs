using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace ElizaGen.Benchmarks.Runs;

/// <summary>One benchmark's result as the report uses it (times in nanoseconds; Error is BenchmarkDotNet's 99.9% half-interval).</summary>
public sealed record Figure(
    string Class,
    string Method,
    string Description,
    string Category,
    string? Parameter,
    double MeanNs,
    double ErrorNs,
    double MedianNs,
    int Measurements,
    long? AllocatedBytes)
{
    public bool Failed => double.IsNaN(MeanNs);
}

/// <summary>Runs benchmark classes through BenchmarkDotNet (out of process, the default toolchain) and collects figures.</summary>
public static class BdnRun
{
    /// <summary>The job for per-call benchmarks: MediumRun (full) or ShortRun (quick).</summary>
    public static Job CallJob(bool quick) => quick ? Job.ShortRun : Job.MediumRun;

    /// <summary>
    /// The job for bulk inserts: each iteration is one call on an emptied table (no pilot, no overhead runs), one
    /// warm-up, three measured iterations (two when quick).
    /// </summary>
    public static Job BulkJob(bool quick) => Job.Default
        .WithStrategy(RunStrategy.Monitoring)
        .WithLaunchCount(1)
        .WithWarmupCount(1)
        .WithIterationCount(quick ? 2 : 3)
        .WithInvocationCount(1)
        .WithUnrollFactor(1)
        .WithId(quick ? "Bulk (quick)" : "Bulk");

    public static IReadOnlyList<Figure> Run(Type type, Job job, string artifacts, Func<BenchmarkCase, bool>? filter = null)
    {
        var config = ManualConfig.Create(DefaultConfig.Instance)
            .AddJob(job)
            .WithArtifactsPath(artifacts)
            .WithOptions(ConfigOptions.DisableLogFile);
        if (filter is not null) config = config.AddFilter(new SimpleFilter(filter));
        var summary = BenchmarkRunner.Run(type, config);
        return summary.BenchmarksCases.Select(c => FigureOf(summary, c)).ToList();
    }

    private static Figure FigureOf(Summary summary, BenchmarkCase benchmark)
    {
        var report = summary[benchmark];
        var statistics = report?.ResultStatistics;
        var descriptor = benchmark.Descriptor;
        var parameter = benchmark.Parameters.Items.FirstOrDefault()?.Value?.ToString();
        return new Figure(
            descriptor.Type.Name,
            descriptor.WorkloadMethod.Name,
            descriptor.WorkloadMethodDisplayInfo.Trim('\''),
            descriptor.Categories.FirstOrDefault() ?? string.Empty,
            parameter,
            statistics?.Mean ?? double.NaN,
            statistics?.ConfidenceInterval.Margin ?? double.NaN,
            statistics?.Median ?? double.NaN,
            statistics?.N ?? 0,
            report is null ? null : report.GcStats.GetBytesAllocatedPerOperation(benchmark));
    }
}
