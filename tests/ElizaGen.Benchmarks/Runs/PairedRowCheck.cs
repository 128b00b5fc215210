using System.Diagnostics;

namespace ElizaGen.Benchmarks.Runs;

/// <summary>One implementation's per-call time in the paired check, in microseconds.</summary>
public sealed record PairedFigure(string Category, string Description, double MeanUs, double MedianUs, int Calls);

/// <summary>
/// A check that load swings on a shared machine cannot tilt: the single-row benchmarks' methods called in rounds, each
/// round calling every implementation of one operation once, in a fresh random order, timed per call. BenchmarkDotNet
/// measures one implementation after the other, minutes apart; here they share every minute.
/// </summary>
public static class PairedRowCheck
{
    private const int WarmUpRounds = 300;

    public static async Task<IReadOnlyList<PairedFigure>> RunAsync(int rounds, Action<string> log)
    {
        var benchmarks = new RowBenchmarks();
        await benchmarks.Setup();
        try
        {
            var operations = new (string Category, (string Name, Func<Task> Call)[] Calls)[]
            {
                (RowBenchmarks.Get,
                [
                    (RowBenchmarks.Repository, benchmarks.GetRepository), (RowBenchmarks.Floor, benchmarks.GetNpgsql),
                    ("Dapper", benchmarks.GetDapper), ("EF Core", benchmarks.GetEfCore),
                ]),
                (RowBenchmarks.Insert,
                [
                    (RowBenchmarks.Repository, benchmarks.InsertRepository), (RowBenchmarks.Floor, benchmarks.InsertNpgsql),
                    ("Dapper", benchmarks.InsertDapper), ("EF Core", benchmarks.InsertEfCore),
                ]),
                (RowBenchmarks.Page,
                [
                    (RowBenchmarks.Repository, benchmarks.PageRepository), (RowBenchmarks.Floor, benchmarks.PageNpgsql),
                    ("Dapper", benchmarks.PageDapper), ("EF Core", benchmarks.PageEfCore),
                ]),
            };
            var figures = new List<PairedFigure>();
            var random = new Random(2026);
            foreach (var (category, calls) in operations)
            {
                log($"paired check: {category}, {rounds:N0} rounds");
                var times = calls.Select(_ => new List<double>(rounds)).ToArray();
                var order = Enumerable.Range(0, calls.Length).ToArray();
                for (var round = 0; round < WarmUpRounds + rounds; round++)
                {
                    random.Shuffle(order);
                    foreach (var i in order)
                    {
                        var start = Stopwatch.GetTimestamp();
                        await calls[i].Call();
                        var elapsed = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
                        if (round >= WarmUpRounds) times[i].Add(elapsed);
                    }
                }
                for (var i = 0; i < calls.Length; i++)
                {
                    var sorted = times[i].Order().ToArray();
                    figures.Add(new PairedFigure(category, calls[i].Name, sorted.Average(), sorted[sorted.Length / 2], sorted.Length));
                }
            }
            return figures;
        }
        finally
        {
            await benchmarks.Cleanup();
        }
    }
}
