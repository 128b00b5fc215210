using System.Text.Json;
using System.Text.Json.Serialization;
using BenchmarkDotNet.Jobs;

namespace ElizaGen.Benchmarks.Runs;

/// <summary>
/// <c>report [--quick] [--full-peer] [--out FILE] [--artifacts DIR] [--peer-bench DIR] [--only rows,paired,bulk,vectors,migrations,peer,generator]</c>:
/// runs every benchmark against one server (ELIZAGEN_BENCH_CONNECTION, else the embedded one, started here and
/// handed to BenchmarkDotNet's child processes) and writes the Markdown report (eng/bench.sh calls it).
/// </summary>
public static class ReportCommand
{
    private static readonly string[] Sections = ["rows", "paired", "bulk", "vectors", "migrations", "peer", "generator"];

    public static async Task<int> RunAsync(string[] args)
    {
        var quick = args.Contains("--quick");
        // The ElizaOS workload (2,000 inserts, growth to 20,000) takes minutes, not the hour of the full run: --full-peer keeps it whole in a quick run.
        var peerQuick = quick && !args.Contains("--full-peer");
        var output = Option(args, "--out") ?? Path.Combine("docs", "benchmarks.md");
        var artifacts = Path.GetFullPath(Option(args, "--artifacts") ?? Path.Combine("artifacts", "bench"));
        var peerBench = Option(args, "--peer-bench");
        var only = Option(args, "--only")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? Sections;
        var unknown = only.Except(Sections).ToList();
        if (unknown.Count > 0)
        {
            Console.Error.WriteLine($"Unknown section(s) {string.Join(", ", unknown)}: pick from {string.Join(", ", Sections)}.");
            return 2;
        }
        bool Runs(string section) => only.Contains(section);
        void Log(string message) => Console.WriteLine($"[bench {DateTime.Now:HH:mm:ss}] {message}");
        Directory.CreateDirectory(artifacts);

        var started = DateTimeOffset.UtcNow;
        var loadAtStart = MachineInfo.LoadAverage();
        var admin = await BenchmarkServer.AdminConnectionStringAsync();
        var server = BenchmarkServer.IsEmbedded
            ? "ElizaGen's embedded server (a private cluster started for this run, Unix socket only)"
            : "the server in ELIZAGEN_BENCH_CONNECTION";
        // BenchmarkDotNet runs each benchmark in a child process: they inherit the variable and use this server.
        Environment.SetEnvironmentVariable("ELIZAGEN_BENCH_CONNECTION", admin);
        var versions = await VersionInfo.ReadAsync(admin);
        Log($"server: PostgreSQL {versions.PostgreSql}, pgvector {versions.PgVector}; load {loadAtStart}");

        var callJob = BdnRun.CallJob(quick);
        var bulkJob = BdnRun.BulkJob(quick);
        var rows = Runs("rows") ? BdnRun.Run(typeof(RowBenchmarks), callJob, artifacts) : null;
        var pairedRows = Runs("paired") ? await PairedCheck.RowsAsync(quick, Log) : null;
        var bulk = Runs("bulk")
            ? BdnRun.Run(typeof(BulkInsertBenchmarks), bulkJob, artifacts,
                quick ? b => b.Parameters.Items.All(p => p.Value is not int rowCount || rowCount <= 10_000) : null)
            : null;
        var vectors = Runs("vectors") ? await VectorSearchRun.RunAsync(quick ? 20_000 : 100_000, quick ? 100 : 200, Log) : null;
        var pairedBulk = Runs("paired")
            ? [.. await PairedCheck.BulkAsync(quick, Log), .. quick ? [] : await PairedCheck.LargeBulkAsync(Log)]
            : (IReadOnlyList<PairedFigure>?)null;
        var migrations = Runs("migrations") ? BdnRun.Run(typeof(MigrationBenchmarks), callJob, artifacts) : null;
        var pairedMigrations = Runs("paired") ? await PairedCheck.MigrationsAsync(quick, Log) : null;
        var migrationTrace = Runs("migrations") ? await MigrationTrace.RunAsync(Log) : null;
        PeerBenchResult? peer = null;
        if (Runs("peer"))
        {
            peer = peerBench is null
                ? new PeerBenchResult(null, "no --peer-bench folder was given", 0, [])
                : await PeerBenchRun.RunAsync(Path.GetFullPath(peerBench), admin, peerQuick, Log);
            if (peer.Problem is not null) Log("peer benchmark: " + peer.Problem);
        }
        var adapterPeer = Runs("peer") ? await AdapterPeerRun.RunAsync(peerQuick, Log) : null;
        var generator = Runs("generator") ? BdnRun.Run(typeof(GeneratorBenchmarks), callJob, artifacts) : null;

        var report = new BenchReport(
            quick, started, DateTimeOffset.UtcNow, MachineInfo.Read(), loadAtStart, MachineInfo.LoadAverage(), server, versions,
            Describe(callJob, quick ? "ShortRun" : "MediumRun"), Describe(bulkJob, "Monitoring"),
            rows, pairedRows, pairedBulk, pairedMigrations, migrationTrace, bulk, vectors, migrations, peer, adapterPeer, generator);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        await File.WriteAllTextAsync(output, ReportWriter.Write(report));
        await File.WriteAllTextAsync(Path.Combine(artifacts, "results.json"), JsonSerializer.Serialize(report, Json));
        Log($"wrote {output} (raw figures: {Path.Combine(artifacts, "results.json")}); load {report.LoadAtEnd}");
        return 0;
    }

    /// <summary>
    /// <c>render [--out FILE] [--artifacts DIR]</c>: writes the Markdown again from the figures of the last run
    /// (results.json), without measuring anything.
    /// </summary>
    public static async Task<int> RenderAsync(string[] args)
    {
        var output = Option(args, "--out") ?? Path.Combine("docs", "benchmarks.md");
        var results = Path.Combine(Option(args, "--artifacts") ?? Path.Combine("artifacts", "bench"), "results.json");
        if (!File.Exists(results))
        {
            Console.Error.WriteLine($"No {results}: run eng/bench.sh first (render only rewrites the report of a run).");
            return 2;
        }
        var report = JsonSerializer.Deserialize<BenchReport>(await File.ReadAllTextAsync(results), Json)
            ?? throw new InvalidOperationException(results + " holds no report.");
        await File.WriteAllTextAsync(output, ReportWriter.Write(report));
        Console.WriteLine($"wrote {output} from {results}");
        return 0;
    }

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        IncludeFields = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private static string Describe(Job job, string name)
    {
        var run = job.Run;
        string Count(long value, string what) => value > 0 ? $"{value} {what}" : null!;
        var parts = new[]
        {
            job.Run.HasValue(RunMode.LaunchCountCharacteristic) ? Count(run.LaunchCount, run.LaunchCount == 1 ? "launch" : "launches") : null,
            job.Run.HasValue(RunMode.WarmupCountCharacteristic) ? Count(run.WarmupCount, "warm-up iterations") : null,
            job.Run.HasValue(RunMode.IterationCountCharacteristic) ? Count(run.IterationCount, "measured iterations") : null,
            job.Run.HasValue(RunMode.InvocationCountCharacteristic) ? Count(run.InvocationCount, run.InvocationCount == 1 ? "call per iteration" : "calls per iteration") : null,
        }.Where(p => p is not null);
        return $"{name} ({string.Join(", ", parts)})";
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
