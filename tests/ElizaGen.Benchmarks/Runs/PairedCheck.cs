using System.Diagnostics;

namespace ElizaGen.Benchmarks.Runs;

/// <summary>One implementation's time per call in a paired check, in microseconds.</summary>
public sealed record PairedFigure(string Category, string Description, double MeanUs, double MedianUs, int Calls);

/// <summary>One implementation in a paired check: the timed call, with untimed work before and after it.</summary>
public sealed record PairedCall(string Name, Func<Task> Call, Func<Task>? Before = null, Func<Task>? After = null);

/// <summary>
/// Comparisons that load swings on a shared machine cannot tilt. BenchmarkDotNet measures one implementation after the
/// other, minutes apart; here every round calls each implementation of one operation once, in a new random order, and
/// times each call with <see cref="Stopwatch"/>, so that all of them share every minute of the run.
/// </summary>
public static class PairedCheck
{
    public static async Task<IReadOnlyList<PairedFigure>> RunAsync(
        string category, IReadOnlyList<PairedCall> calls, int warmUpRounds, int rounds, Action<string> log)
    {
        log($"paired check: {category}, {rounds:N0} rounds after {warmUpRounds:N0} warm-up rounds");
        var random = new Random(2026);
        var times = calls.Select(_ => new List<double>(rounds)).ToArray();
        var order = Enumerable.Range(0, calls.Count).ToArray();
        for (var round = 0; round < warmUpRounds + rounds; round++)
        {
            random.Shuffle(order);
            foreach (var i in order)
            {
                var call = calls[i];
                if (call.Before is not null) await call.Before();
                var start = Stopwatch.GetTimestamp();
                await call.Call();
                var elapsed = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
                if (call.After is not null) await call.After();
                if (round >= warmUpRounds) times[i].Add(elapsed);
            }
        }
        return calls.Select((call, i) =>
        {
            var sorted = times[i].Order().ToArray();
            return new PairedFigure(category, call.Name, sorted.Average(), sorted[sorted.Length / 2], sorted.Length);
        }).ToList();
    }

    /// <summary>Get, insert and a page of 20: the methods of <see cref="RowBenchmarks"/>.</summary>
    public static async Task<IReadOnlyList<PairedFigure>> RowsAsync(bool quick, Action<string> log)
    {
        var b = new RowBenchmarks();
        await b.Setup();
        try
        {
            var rounds = quick ? 1_000 : 3_000;
            var figures = new List<PairedFigure>();
            figures.AddRange(await RunAsync(RowBenchmarks.Get,
                [new(RowBenchmarks.Repository, b.GetRepository), new(RowBenchmarks.Floor, b.GetNpgsql), new("Dapper", b.GetDapper), new("EF Core", b.GetEfCore)],
                300, rounds, log));
            figures.AddRange(await RunAsync(RowBenchmarks.Insert,
                [new(RowBenchmarks.Repository, b.InsertRepository), new(RowBenchmarks.Floor, b.InsertNpgsql), new("Dapper", b.InsertDapper), new("EF Core", b.InsertEfCore)],
                300, rounds, log));
            figures.AddRange(await RunAsync(RowBenchmarks.Page,
                [new(RowBenchmarks.Repository, b.PageRepository), new(RowBenchmarks.Floor, b.PageNpgsql), new("Dapper", b.PageDapper), new("EF Core", b.PageEfCore)],
                300, rounds, log));
            return figures;
        }
        finally
        {
            await b.Cleanup();
        }
    }

    /// <summary>Bulk inserts of 10,000 rows (the table emptied, untimed, before each call).</summary>
    public static async Task<IReadOnlyList<PairedFigure>> BulkAsync(bool quick, Action<string> log)
    {
        var b = new BulkInsertBenchmarks { Rows = 10_000 };
        await b.Setup();
        try
        {
            Task Empty()
            {
                b.EmptyTable();
                return Task.CompletedTask;
            }
            return await RunAsync("10,000 rows",
                [
                    new(BulkInsertBenchmarks.Repository, b.RepositoryCopy, Empty), new(BulkInsertBenchmarks.MultiRow, b.MultiRowInsert, Empty),
                    new(BulkInsertBenchmarks.DapperName, b.DapperPerRow, Empty), new(BulkInsertBenchmarks.EfCoreName, b.EfCore, Empty),
                ],
                1, quick ? 3 : 6, log);
        }
        finally
        {
            await b.Cleanup();
        }
    }

    /// <summary>100,000 rows, binary COPY against the multi-row INSERT only (Dapper and EF Core take 10–20 s a call).</summary>
    public static async Task<IReadOnlyList<PairedFigure>> LargeBulkAsync(Action<string> log)
    {
        var b = new BulkInsertBenchmarks { Rows = 100_000 };
        await b.Setup();
        try
        {
            Task Empty()
            {
                b.EmptyTable();
                return Task.CompletedTask;
            }
            return await RunAsync("100,000 rows",
                [new(BulkInsertBenchmarks.Repository, b.RepositoryCopy, Empty), new(BulkInsertBenchmarks.MultiRow, b.MultiRowInsert, Empty)],
                1, 5, log);
        }
        finally
        {
            await b.Cleanup();
        }
    }

    /// <summary>The no-op start and the fresh migration, ElizaGen against EF Core.</summary>
    public static async Task<IReadOnlyList<PairedFigure>> MigrationsAsync(bool quick, Action<string> log)
    {
        var b = new MigrationBenchmarks();
        await b.Setup();
        try
        {
            var figures = new List<PairedFigure>();
            figures.AddRange(await RunAsync(MigrationBenchmarks.NoOpStart,
                [new(MigrationBenchmarks.Migrator, b.NoOp), new(MigrationBenchmarks.EfCore, b.NoOpEfCore)],
                20, quick ? 100 : 300, log));
            Task Create()
            {
                b.CreateFreshDatabase();
                return Task.CompletedTask;
            }
            Task Drop()
            {
                b.DropFreshDatabase();
                return Task.CompletedTask;
            }
            figures.AddRange(await RunAsync(MigrationBenchmarks.FreshMigration,
                [new(MigrationBenchmarks.Migrator, b.Fresh, Create, Drop), new(MigrationBenchmarks.EfCore, b.FreshEfCore, Create, Drop)],
                1, quick ? 4 : 10, log));
            return figures;
        }
        finally
        {
            await b.Cleanup();
        }
    }
}
