using System.Globalization;
using System.Text;

namespace ElizaGen.Benchmarks.Runs;

/// <summary>Turns a <see cref="BenchReport"/> into docs/benchmarks.md: absolute figures, and ElizaGen's ratio to each peer.</summary>
public static class ReportWriter
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Write(BenchReport report)
    {
        var md = new StringBuilder();
        void Line(string text = "") => md.Append(text).Append('\n');

        Line("# Benchmarks");
        Line();
        Line($"Written by `eng/bench.sh{(report.Quick ? " --quick" : string.Empty)}` on {report.Started:yyyy-MM-dd} from {report.Started:HH:mm} to " +
             $"{report.Finished:HH:mm} UTC; do not edit it by hand, run the script again. Every figure below comes from that one run, on one " +
             "machine, against one server, and every ratio compares figures of that run. **ElizaGen ÷ peer** below 1 means ElizaGen " +
             "takes less time (or allocates less) than the peer.");
        Line();
        Line("## Machine and versions");
        Line();
        Line("| | |");
        Line("| --- | --- |");
        Line($"| Machine | {report.Machine.Cores} cores ({report.Machine.CpuModel}), {report.Machine.MemoryGiB.ToString("F0", Invariant)} GiB, {report.Machine.OperatingSystem} |");
        Line($"| Load average (1 / 5 / 15 min) | {report.LoadAtStart} at the start, {report.LoadAtEnd} at the end |");
        Line($"| Server | {report.Server}: PostgreSQL {report.Versions.PostgreSql}, pgvector {report.Versions.PgVector} |");
        Line($"| Server settings | {string.Join(", ", report.Versions.ServerSettings.Select(s => $"{s.Name} {s.Value}"))} |");
        Line($"| .NET | {report.Versions.DotNet} |");
        Line($"| Libraries | Npgsql {report.Versions.Npgsql}, Dapper {report.Versions.Dapper}, EF Core {report.Versions.EfCore} " +
             $"(Npgsql.EntityFrameworkCore.PostgreSQL {report.Versions.EfCoreNpgsql}, Pgvector.EntityFrameworkCore {report.Versions.PgvectorEfCore}), " +
             $"BenchmarkDotNet {report.Versions.BenchmarkDotNet} |");
        Line($"| Per-call benchmarks | BenchmarkDotNet {report.CallJob}, out of process, Release |");
        Line($"| Bulk inserts | BenchmarkDotNet {report.BulkJob} |");
        Line();
        Line("The machine is shared: other jobs ran while this one did (see the load averages), so every figure carries that " +
             "noise; BenchmarkDotNet's error column (half the 99.9% confidence interval) shows how much. The paired check in " +
             "section 1 is the comparison load swings cannot tilt.");
        Line();

        WriteRows(report, Line);
        WriteBulk(report, Line);
        WriteVectors(report, Line);
        WriteMigrations(report, Line);
        WriteGenerator(report, Line);
        ReportNotes.Write(report, Line);
        return md.ToString();
    }

    private static void WriteRows(BenchReport report, Action<string> line)
    {
        line("## 1. Single rows and a page of 20");
        line("");
        line("An `items` row (uuid key, uuid group, two text columns, an integer, a timestamptz) in a table of 10,000, read by key, " +
             "inserted, and read 20 at a time (every row of one group, through the index on `group_id`). Each call takes a pooled " +
             "connection from the same `NpgsqlDataSource`. **ElizaGen repository**: the generated `ItemRepository` over the data " +
             "source (`GetAsync`, `InsertAsync`, `FindByGroupIdAsync`). **Npgsql by hand**: the floor — the same SQL, prepared, " +
             "typed `NpgsqlParameter<T>`, ordinal reads. **Dapper**: the same SQL with named parameters, into the same record. " +
             "**EF Core**: a pooled `DbContext`, LINQ, `AsNoTracking()` for reads, `Add` + `SaveChangesAsync` for the insert.");
        line("");
        if (report.Rows is null)
        {
            line("BenchmarkDotNet: not run in this run.");
            line("");
        }
        foreach (var group in (report.Rows ?? []).GroupBy(f => f.Category))
        {
            WriteComparison(line, group.Key, group.ToList(), showPerSecond: false);
            var eliza = Eliza(group);
            var floor = group.FirstOrDefault(f => f.Description == RowBenchmarks.Floor);
            if (eliza is not null && floor is not null && !eliza.Failed && !floor.Failed)
            {
                var over = eliza.MeanNs / floor.MeanNs - 1;
                var ahead = group.Where(f => f.Description is "Dapper" or "EF Core" && !f.Failed)
                    .Select(f => $"{f.Description} {Ratio(eliza.MeanNs, f.MeanNs)}");
                line($"Goal (within 5% of the floor, ahead of Dapper and EF Core): {Percent(over)} against the floor " +
                     $"({(over <= 0.05 ? "met" : "not met")}); ElizaGen ÷ {string.Join(", ÷ ", ahead)}.");
                line("");
            }
        }

        WritePaired(line, report.PairedRows, report.Quick ? "1,000 rounds per operation after 300 warm-up rounds" : "3,000 rounds per operation after 300 warm-up rounds");
        if (report.PairedRows is { Count: > 0 } paired)
        {
            var against = paired.GroupBy(p => p.Category).Select(g =>
            {
                var eliza = g.First(p => p.Description == RowBenchmarks.Repository);
                var floor = g.First(p => p.Description == RowBenchmarks.Floor);
                return $"{g.Key} {Percent(eliza.MedianUs / floor.MedianUs - 1)} on the median ({Percent(eliza.MeanUs / floor.MeanUs - 1)} on the mean)";
            });
            line($"Paired, against the floor: {string.Join("; ", against)}.");
            line("");
        }
    }

    /// <summary>A paired check's table: each implementation's mean (median) per call, and ElizaGen's ratio to each peer.</summary>
    private static void WritePaired(Action<string> line, IReadOnlyList<PairedFigure>? figures, string rounds)
    {
        if (figures is not { Count: > 0 }) return;
        line($"**Paired check** (not BenchmarkDotNet; {rounds}): each round calls every implementation once, in a new random " +
             "order, timed with `Stopwatch` (setup such as emptying the table is not timed); mean (median) per call.");
        line("");
        var names = figures.Select(p => p.Description).Distinct().ToList();
        var eliza = names.First(n => n.StartsWith("ElizaGen", StringComparison.Ordinal));
        var peers = names.Where(n => n != eliza).ToList();
        line("| operation | " + string.Join(" | ", names) + " | " + string.Join(" | ", peers.Select(p => "ElizaGen ÷ " + Short(p))) + " |");
        line("| --- |" + string.Concat(Enumerable.Repeat(" ---: |", names.Count + peers.Count)));
        foreach (var group in figures.GroupBy(p => p.Category))
        {
            var byName = group.ToDictionary(p => p.Description);
            line($"| {group.Key} | " +
                 string.Join(" | ", names.Select(n => byName.TryGetValue(n, out var f) ? $"{Micro(f.MeanUs)} ({Micro(f.MedianUs)})" : "—")) + " | " +
                 string.Join(" | ", peers.Select(p => byName.TryGetValue(p, out var f) ? Ratio(byName[eliza].MeanUs, f.MeanUs) : "—")) + " |");
        }
        line("");
    }

    /// <summary>A peer's name without its parenthesised detail, for column headers.</summary>
    private static string Short(string name) => name.Split(" (")[0];

    private static void WriteBulk(BenchReport report, Action<string> line)
    {
        line("## 2. Bulk insert: rows with 384-d embeddings");
        line("");
        line("A memories-like table (uuid key, jsonb content, `vector(384)`; a primary key, no vector index) emptied before each " +
             "iteration; the embeddings are the peer benchmark's (mulberry32, seed 42). **ElizaGen repository**: " +
             "`MemoryRepository.InsertManyAsync` (one binary COPY). **multi-row INSERT**: hand-written Npgsql, " +
             $"{BulkInsertBenchmarks.RowsPerStatement:N0} rows (3,000 typed parameters) per prepared statement, one transaction. " +
             "**Dapper**: `ExecuteAsync(sql, rows)`, which runs the INSERT once per row, in one transaction. **EF Core**: " +
             "`AddRange` + `SaveChangesAsync` (its own batching, change tracking).");
        line("");
        if (report.Bulk is null)
        {
            line("BenchmarkDotNet: not run in this run.");
            line("");
        }
        foreach (var group in (report.Bulk ?? []).GroupBy(f => f.Parameter))
        {
            var rows = int.Parse(group.Key ?? "0", Invariant);
            WriteComparison(line, $"{rows:N0} rows", group.ToList(), showPerSecond: true, rowsPerCall: rows);
        }
        if (report.Quick) line("The quick run skips 100,000 rows.");
        line("");
        WritePaired(line, report.PairedBulk, report.Quick ? "3 rounds after 1 warm-up round" : "10,000 rows: 6 rounds after 1 warm-up round; 100,000 rows: 5 rounds after 1, COPY and multi-row INSERT only");
    }

    private static void WriteVectors(BenchReport report, Action<string> line)
    {
        line("## 3. Vector search: top 10 by cosine distance");
        line("");
        var v = report.Vectors;
        if (v is null)
        {
            line("Not run in this run.");
            line("");
            return;
        }
        line($"{v.Rows:N0} rows × {v.Dimensions}-d (mulberry32 seed 42, components uniform in [0, 1)), loaded by binary COPY in " +
             $"{v.LoadSeconds.ToString("F1", Invariant)} s; `{v.IndexDefinition}` built in {v.IndexBuildSeconds.ToString("F1", Invariant)} s " +
             $"(maintenance_work_mem {v.MaintenanceWorkMem} for the build); table {Bytes(v.TableBytes)}, index {Bytes(v.IndexBytes)}. " +
             $"{v.Queries} query vectors (seed 43), each timed around the generated `NearestEmbeddingAsync(connection, null, query, 10)` " +
             "on one connection (after 5 warm-up queries); p50 and p95 by nearest rank. Recall@10: the share of the exact top 10 " +
             "that a mode returns, averaged over the queries.");
        if (v.Rows < 100_000) line($"(This run used {v.Rows:N0} rows, not 100,000.)");
        line("");
        line("| mode | p50 | p95 | mean | max | recall@10 | plan |");
        line("| --- | ---: | ---: | ---: | ---: | ---: | --- |");
        var exact = v.Modes[0];
        foreach (var mode in v.Modes)
        {
            line($"| {mode.Name} | {Milli(mode.Latency.P50)} | {Milli(mode.Latency.P95)} | {Milli(mode.Latency.Mean)} | {Milli(mode.Latency.Max)} | " +
                 $"{(mode.RecallAt10 * 100).ToString("F1", Invariant)}% | `{mode.Plan}` |");
        }
        line("");
        foreach (var mode in v.Modes.Skip(1))
        {
            line($"- {mode.Name}: p50 {Ratio(mode.Latency.P50, exact.Latency.P50)} and p95 {Ratio(mode.Latency.P95, exact.Latency.P95)} of the exact scan's.");
        }
        line("");
        if (v.Spread is { } spread)
        {
            string D(double d) => d.ToString("F4", Invariant);
            line($"Why recall is low on these vectors: with components uniform in [0, 1), every vector points almost the same way. " +
                 $"Over {spread.Queries} of the queries (medians), the nearest row is at cosine distance {D(spread.First)}, the 10th at " +
                 $"{D(spread.Tenth)}, the 1,000th at {D(spread.Thousandth)}, and the average row at {D(spread.Mean)}: the 1,000th nearest is " +
                 $"only {((spread.Thousandth - spread.Tenth) / spread.Tenth * 100).ToString("F1", Invariant)}% farther than the 10th, so " +
                 "the graph search can hardly tell the true top 10 from the thousand rows just behind them. Embeddings of real text cluster " +
                 "by meaning and leave wide gaps, which is what HNSW relies on; these figures measure latency and the cost of " +
                 "exactness on the peer benchmark's own data, not the recall an application would see.");
            line("");
        }
    }

    private static void WriteMigrations(BenchReport report, Action<string> line)
    {
        line("## 4. Migration at start-up");
        line("");
        line("The 15-table schema of `MigrationBenchmarks` (agents plus 14 tables with a foreign key to it, an index each, jsonb, " +
             "text[], one `vector(384)` column with an HNSW index). **ElizaGen migrator**: `Migrator.MigrateAsync(plugin)`; the no-op " +
             "start is its fast path (the journal's last hash equals the compiled one), the fresh migration runs on an empty " +
             "database (advisory lock, plan, DDL, journal, commit). **EF Core MigrateAsync**: the same tables as an EF model with one " +
             "hand-written migration and its model snapshot (`pg_dump --schema-only` of both results is identical), a new " +
             "`DbContext` per call; nothing pending, then an empty database. Every database has pgvector already.");
        line("");
        if (report.Migrations is null)
        {
            line("BenchmarkDotNet: not run in this run.");
            line("");
        }
        foreach (var group in (report.Migrations ?? []).GroupBy(f => f.Category).OrderByDescending(g => g.Key.StartsWith("no-op", StringComparison.Ordinal)))
        {
            WriteComparison(line, group.Key, group.ToList(), showPerSecond: false);
        }
        WritePaired(line, report.PairedMigrations, report.Quick ? "100 no-op rounds after 20, 4 fresh rounds after 1" : "300 no-op rounds after 20, 10 fresh rounds after 1");
        WriteMigrationTrace(line, report.MigrationTrace);
        line("### The ElizaOS plugin on the same server");
        line("");
        var peer = report.Peer;
        if (peer is null)
        {
            line("Not run in this run.");
            line("");
            return;
        }
        if (peer.Problem is not null && peer.Json is null)
        {
            line($"The peer benchmark did not run: {peer.Problem}.");
            line("");
            return;
        }
        var ours = report.AdapterPeer;
        line("`peer-bench/run.sh` (`@elizaos/plugin-sql` 1.7.2 on node) against this run's server through its Unix socket, with " +
             $"{string.Join(", ", peer.Settings.Select(s => $"`{s.Name}={s.Value}`"))}, in {peer.Seconds.ToString("F0", Invariant)} s; then the very same " +
             "workload through ElizaGen's `ElizaDatabaseAdapter` (`Runs/AdapterPeerRun.cs`): the same phases in the same order, the same " +
             "counts, the same vectors (mulberry32, seed 42 for data and 43 for queries, drawn in the same order), `ANALYZE` before each " +
             $"read phase, percentiles by nearest rank{(ours is null ? "" : $", in {ours.Seconds.ToString("F0", Invariant)} s")}. Both migrate the ElizaOS core schema " +
             $"({peer.Number("migration.after_migration.public_tables")?.ToString("F0", Invariant) ?? "?"} tables for the plugin, " +
             $"{ours?.Number("migration.after_migration.public_tables")?.ToString("F0", Invariant) ?? "?"} for ElizaGen). createMemory with `unique` unset first runs a " +
             "similarity check (threshold 0.95) in both; the growth phase sets `unique` and skips it.");
        line("");
        if (ours?.Problem is not null) line($"ElizaGen's run reported a problem: {ours.Problem}.");
        line("| measure | @elizaos/plugin-sql 1.7.2 | ElizaGen adapter | ElizaGen ÷ plugin-sql |");
        line("| --- | ---: | ---: | ---: |");
        void PeerLine(string label, string path, bool perSecond = false)
        {
            var theirs = peer.Number(path);
            var mine = ours?.Number(path);
            if (theirs is null && mine is null) return;
            string Show(double? v) => v is null ? "—" : perSecond ? v.Value.ToString("N0", Invariant) : Milli(v.Value);
            // For a rate, ElizaGen's time per row over the plugin's: the inverse ratio of rows per second.
            var ratio = theirs is { } t && mine is { } m ? (perSecond ? Ratio(t, m) : Ratio(m, t)) : "—";
            line($"| {label} | {Show(theirs)} | {Show(mine)} | {ratio} |");
        }
        PeerLine("fresh migration (first in the process)", "summary.fresh_migrate_ms");
        PeerLine("fresh migration (warm process, median)", "summary.fresh_migrate_warm_ms");
        PeerLine("no-op migration (median of 5)", "summary.noop_migrate_ms");
        PeerLine("createMemory (similarity check), rows/s", "summary.insert_memories.rows_per_s", perSecond: true);
        PeerLine("createMemory (unique set), growth, rows/s", "summary.grow_inserts.rows_per_s", perSecond: true);
        var small = peer.Number("summary.search_at_n.n")?.ToString("N0", Invariant) ?? "?";
        var large = peer.Number("summary.search_at_n_large.n")?.ToString("N0", Invariant) ?? "?";
        PeerLine($"searchMemories top 10 at {small} rows, p50", "summary.search_at_n.no_threshold.p50_ms");
        PeerLine($"searchMemories top 10 at {small} rows, p95", "summary.search_at_n.no_threshold.p95_ms");
        PeerLine($"searchMemories top 10, threshold 0.5, at {small} rows, p50", "summary.search_at_n.threshold_0_5.p50_ms");
        void RecallLine(string label, string path)
        {
            if (ours?.Number(path) is { } recall) line($"| {label} | 100% (exact scan) | {(recall * 100).ToString("F1", Invariant)}% | — |");
        }
        RecallLine($"searchMemories recall@10 at {small} rows", "search.at_n.no_threshold.recall_at_10");
        PeerLine($"getMemories page of 20 at {small} rows, p50", "get_memories.at_n.p50_ms");
        PeerLine($"getMemories page of 20 at {small} rows, p95", "get_memories.at_n.p95_ms");
        PeerLine($"searchMemories top 10 at {large} rows, p50", "summary.search_at_n_large.no_threshold.p50_ms");
        PeerLine($"searchMemories top 10 at {large} rows, p95", "summary.search_at_n_large.no_threshold.p95_ms");
        PeerLine($"searchMemories top 10, threshold 0.5, at {large} rows, p50", "summary.search_at_n_large.threshold_0_5.p50_ms");
        RecallLine($"searchMemories recall@10 at {large} rows", "search.at_n_large.no_threshold.recall_at_10");
        PeerLine($"getMemories page of 20 at {large} rows, p50", "get_memories.at_n_large.p50_ms");
        PeerLine($"getMemories page of 20 at {large} rows, p95", "get_memories.at_n_large.p95_ms");
        line("");
        if (ours?.Number("search.at_n_large.no_threshold.recall_at_10") is { } largeRecall)
        {
            line($"The two searches are not the same kind at {large} rows: the plugin, which has no vector index, compares the " +
                 "query with every row (exact, and its time grows with the table); ElizaGen searches a room of at most 2,000 " +
                 "memories exactly and a larger one through the HNSW index (ef_search 100, pgvector's iterative scan), which " +
                 $"returned {(largeRecall * 100).ToString("F1", Invariant)}% of the exact top 10 on these vectors (each search checked against " +
                 "an exact query, untimed). Uniform random vectors are HNSW's hard case (section 3: the 1,000th neighbour is " +
                 "barely farther than the 10th), so the missed rows are nearly as similar as the ones returned; on clustered " +
                 "embeddings, as real ones are, recall at this setting is about 95% (docs/plugin-sql.md).");
            line("");
        }
        if (peer.Problem is not null) line($"It reported a problem: {peer.Problem}.");
        line("<details><summary>The peer benchmark's JSON</summary>");
        line("");
        line("```json");
        line(peer.Json!);
        line("```");
        line("");
        line("</details>");
        line("");
        if (ours?.Json is not null)
        {
            line("<details><summary>ElizaGen's run of the same workload (JSON)</summary>");
            line("");
            line("```json");
            line(ours.Json);
            line("```");
            line("");
            line("</details>");
            line("");
        }
    }

    private static void WriteMigrationTrace(Action<string> line, IReadOnlyList<MigrationTraceResult>? trace)
    {
        if (trace is not { Count: > 0 }) return;
        line("**Where a fresh migration's time goes**: one more fresh migration each (after a warm-up one), on a data source " +
             "that logs every command Npgsql completes with its duration (from sending it to its completion, so a round trip " +
             "is included). *For the tables*: statements on schema `bench` or the extension; *bookkeeping*: the tool's own " +
             "journal or history table, locks and catalog checks; *outside commands*: the rest of the wall time (connections " +
             "to the new database, COMMIT, the type reload both do after creating tables, and the tool's own work in the client).");
        line("");
        line("| | wall time | round trips | for the tables | bookkeeping | outside commands |");
        line("| --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var t in trace)
        {
            line($"| {t.Name} | {Milli(t.WallMs)} | {t.RoundTrips} | {t.SchemaRoundTrips} in {Milli(t.SchemaMs)} | " +
                 $"{t.BookkeepingRoundTrips} in {Milli(t.BookkeepingMs)} | {Milli(Math.Max(0, t.WallMs - t.SchemaMs - t.BookkeepingMs))} |");
        }
        line("");
        line("<details><summary>The bookkeeping statements</summary>");
        line("");
        foreach (var t in trace)
        {
            line($"{t.Name}:");
            line("");
            foreach (var statement in t.Bookkeeping) line($"- `{statement.Replace("`", "'", StringComparison.Ordinal)}`");
            line("");
        }
        line("</details>");
        line("");
    }

    private static void WriteGenerator(BenchReport report, Action<string> line)
    {
        line("## 5. The generator: 200 tables");
        line("");
        line("`GeneratorBenchmarks`: a plugin of 200 `[Table]` records (ten columns each, a foreign key to the previous table, an " +
             "index, a `vector(384)` column with an HNSW index) through `CSharpGeneratorDriver`. Cold: a new driver over the " +
             "compilation, as in a command-line build. Unrelated edit: a file with a plain class added to a compilation the driver " +
             "has seen (the IDE while typing; Roslyn binds the records again and the generator re-reads them, its output stays " +
             "cached); the last line keeps the same edited compilation, so only the generator's own work is left.");
        line("");
        if (report.Generator is null)
        {
            line("Not run in this run.");
            line("");
            return;
        }
        line("| | mean | ± error | allocated |");
        line("| --- | ---: | ---: | ---: |");
        foreach (var f in report.Generator)
        {
            line($"| {f.Description} | {Time(f.MeanNs)} | {Time(f.ErrorNs)} | {Bytes(f.AllocatedBytes)} |");
        }
        line("");
    }

    /// <summary>One group of peers: absolute figures, and ElizaGen's ratio to each.</summary>
    private static void WriteComparison(Action<string> line, string title, IReadOnlyList<Figure> figures, bool showPerSecond, int rowsPerCall = 0)
    {
        var eliza = Eliza(figures);
        var ordered = eliza is null ? figures : figures.Where(f => f != eliza).Prepend(eliza).ToList();
        line($"| {title} | mean | ± error | median |{(showPerSecond ? " rows/s |" : string.Empty)} allocated | ElizaGen ÷ this, time | ElizaGen ÷ this, allocated |");
        line($"| --- | ---: | ---: | ---: |{(showPerSecond ? " ---: |" : string.Empty)} ---: | ---: | ---: |");
        foreach (var f in ordered)
        {
            if (f.Failed)
            {
                line($"| {f.Description} | failed | | |{(showPerSecond ? " |" : string.Empty)} | | |");
                continue;
            }
            var perSecond = showPerSecond ? $" {(rowsPerCall / (f.MeanNs / 1e9)).ToString("N0", Invariant)} |" : string.Empty;
            var timeRatio = eliza is null || eliza.Failed ? "" : Ratio(eliza.MeanNs, f.MeanNs);
            var allocationRatio = eliza?.AllocatedBytes is { } a && f.AllocatedBytes is { } b && b > 0 ? Ratio(a, b) : "";
            line($"| {f.Description} | {Time(f.MeanNs)} | {Time(f.ErrorNs)} | {Time(f.MedianNs)} |{perSecond} {Bytes(f.AllocatedBytes)} | {timeRatio} | {allocationRatio} |");
        }
        line("");
    }

    internal static Figure? Eliza(IEnumerable<Figure> figures) => figures.FirstOrDefault(f => f.Description.StartsWith("ElizaGen", StringComparison.Ordinal));

    internal static string Ratio(double eliza, double peer) => (eliza / peer).ToString("F2", Invariant) + "×";

    internal static string Percent(double fraction) => (fraction >= 0 ? "+" : "−") + Math.Abs(fraction * 100).ToString("F1", Invariant) + "%";

    internal static string Time(double ns) => double.IsNaN(ns) ? "" : ns switch
    {
        < 1e3 => ns.ToString("F0", Invariant) + " ns",
        < 1e6 => (ns / 1e3).ToString("F1", Invariant) + " µs",
        < 1e9 => (ns / 1e6).ToString("F2", Invariant) + " ms",
        _ => (ns / 1e9).ToString("F2", Invariant) + " s",
    };

    internal static string Milli(double ms) => Time(ms * 1e6);

    internal static string Micro(double us) => Time(us * 1e3);

    internal static string Bytes(long? bytes) => bytes switch
    {
        null => "?",
        < 1024 => bytes.Value.ToString(Invariant) + " B",
        < 1024 * 1024 => (bytes.Value / 1024.0).ToString("F2", Invariant) + " KB",
        < 1024L * 1024 * 1024 => (bytes.Value / (1024.0 * 1024)).ToString("F1", Invariant) + " MB",
        _ => (bytes.Value / (1024.0 * 1024 * 1024)).ToString("F2", Invariant) + " GB",
    };
}
