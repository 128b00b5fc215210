namespace ElizaGen.Benchmarks.Runs;

/// <summary>
/// The report's closing section: every comparison of this run in which ElizaGen's mean is above a peer's, and what
/// explains it (what the repository or the migrator does that the peer does not).
/// </summary>
public static class ReportNotes
{
    public static void Write(BenchReport report, Action<string> line)
    {
        line("## Where ElizaGen is slower, and why");
        line("");
        var slower = new List<(string Section, string Text)>();
        void CheckBdn(string section, IEnumerable<Figure>? figures, Func<Figure, string> group)
        {
            foreach (var g in (figures ?? []).Where(f => !f.Failed).GroupBy(group))
            {
                var eliza = ReportWriter.Eliza(g);
                if (eliza is null) continue;
                foreach (var peer in g.Where(f => f != eliza && f.MeanNs < eliza.MeanNs))
                {
                    slower.Add((section, $"{g.Key}, BenchmarkDotNet: {ReportWriter.Time(eliza.MeanNs)} ± {ReportWriter.Time(eliza.ErrorNs)} against " +
                                         $"{peer.Description} {ReportWriter.Time(peer.MeanNs)} ± {ReportWriter.Time(peer.ErrorNs)} " +
                                         $"({ReportWriter.Percent(eliza.MeanNs / peer.MeanNs - 1)})"));
                }
            }
        }
        void CheckPaired(string section, IEnumerable<PairedFigure>? figures)
        {
            foreach (var g in (figures ?? []).GroupBy(f => f.Category))
            {
                var eliza = g.FirstOrDefault(f => f.Description.StartsWith("ElizaGen", StringComparison.Ordinal));
                if (eliza is null) continue;
                foreach (var peer in g.Where(f => f != eliza && f.MeanUs < eliza.MeanUs))
                {
                    slower.Add((section, $"{g.Key}, paired check: mean {ReportWriter.Micro(eliza.MeanUs)} (median {ReportWriter.Micro(eliza.MedianUs)}) " +
                                         $"against {peer.Description} {ReportWriter.Micro(peer.MeanUs)} (median {ReportWriter.Micro(peer.MedianUs)}) " +
                                         $"({ReportWriter.Percent(eliza.MeanUs / peer.MeanUs - 1)} on the mean, " +
                                         $"{ReportWriter.Percent(eliza.MedianUs / peer.MedianUs - 1)} on the median)"));
                }
            }
        }
        CheckBdn("rows", report.Rows?.Where(f => !f.Description.Contains("not prepared", StringComparison.Ordinal)), f => f.Category);
        CheckPaired("rows", report.PairedRows);
        CheckBdn("bulk", report.Bulk, f => f.Parameter + " rows");
        CheckPaired("bulk", report.PairedBulk);
        CheckBdn("migrations", report.Migrations, f => f.Category);
        CheckPaired("migrations", report.PairedMigrations);
        var adapterSlower = AdapterComparisons(report).Where(c => c.Slower).ToList();
        foreach (var c in adapterSlower)
        {
            slower.Add(("adapter:" + c.Key, $"{c.Label}, the ElizaOS workload: ElizaGen's adapter {c.Ours} against @elizaos/plugin-sql {c.Theirs}"));
        }

        if (slower.Count == 0)
        {
            line("In this run ElizaGen's mean is the lowest in every comparison above, in BenchmarkDotNet and in the paired checks.");
            line("");
            return;
        }
        line("In this run ElizaGen's mean is above a peer's in these comparisons (everything else: ElizaGen is the fastest):");
        line("");
        foreach (var (_, text) in slower) line("- " + text);
        line("");
        var sections = slower.Select(s => s.Section).ToHashSet();
        if (sections.Contains("rows")) Rows(line);
        if (sections.Contains("bulk")) Bulk(line);
        if (sections.Contains("migrations")) Migrations(report, line);
        if (sections.Contains("adapter:fresh")) FirstMigration(line);
        if (sections.Contains("adapter:insert")) Inserts(report, line);
        if (sections.Contains("adapter:search")) SmallRoomSearch(line);
    }

    private sealed record AdapterComparison(string Key, string Label, string Ours, string Theirs, bool Slower);

    /// <summary>The side-by-side measures of the ElizaOS workload, each marked when ElizaGen's adapter is slower.</summary>
    private static IEnumerable<AdapterComparison> AdapterComparisons(BenchReport report)
    {
        if (report.Peer?.Json is null || report.AdapterPeer?.Json is null) yield break;
        var measures = new (string Key, string Label, string Path, bool PerSecond)[]
        {
            ("fresh", "fresh migration (first in the process)", "summary.fresh_migrate_ms", false),
            ("fresh-warm", "fresh migration (warm process)", "summary.fresh_migrate_warm_ms", false),
            ("noop", "no-op migration", "summary.noop_migrate_ms", false),
            ("insert", "createMemory with the similarity check", "summary.insert_memories.rows_per_s", true),
            ("insert", "createMemory, growth (unique set)", "summary.grow_inserts.rows_per_s", true),
            ("search", "searchMemories at the small size, p50", "summary.search_at_n.no_threshold.p50_ms", false),
            ("search", "searchMemories with threshold at the small size, p50", "summary.search_at_n.threshold_0_5.p50_ms", false),
            ("search-large", "searchMemories at the large size, p50", "summary.search_at_n_large.no_threshold.p50_ms", false),
            ("get", "getMemories at the small size, p50", "get_memories.at_n.p50_ms", false),
            ("get", "getMemories at the large size, p50", "get_memories.at_n_large.p50_ms", false),
        };
        foreach (var (key, label, path, perSecond) in measures)
        {
            if (report.Peer.Number(path) is not { } theirs || report.AdapterPeer.Number(path) is not { } ours) continue;
            string Show(double v) => perSecond ? v.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " rows/s" : ReportWriter.Milli(v);
            yield return new AdapterComparison(key, label, Show(ours), Show(theirs), perSecond ? ours < theirs : ours > theirs);
        }
    }

    private static void FirstMigration(Action<string> line)
    {
        line("**The first fresh migration of a process against the plugin's.** The first call of a .NET process also " +
             "compiles (JIT) the migrator, the snapshot model, the differ and Npgsql's type handling on the way: one-time " +
             "work of the process, not of the migration. The warm-process row, a new database and a new adapter in the same " +
             "process, is the comparison of the migrations themselves. An application published with ReadyToRun " +
             "(`PublishReadyToRun=true`) or Native AOT pays little of that first-call cost.");
        line("");
    }

    private static void Inserts(BenchReport report, Action<string> line)
    {
        var ours = report.AdapterPeer!;
        var withIndex = ours.Number("insert_attribution.with_hnsw_index.p50_ms");
        var withoutIndex = ours.Number("insert_attribution.without_hnsw_index.p50_ms");
        var rows = ours.Number("insert_attribution.rows_before");
        var attribution = withIndex is { } w && withoutIndex is { } wo && rows is { } r
            ? $" This run measured it: at {r.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} rows, 500 more growth calls took " +
              $"{ReportWriter.Milli(w)} each (p50) with the index and {ReportWriter.Milli(wo)} after `DROP INDEX idx_embeddings_dim_384_hnsw`."
            : string.Empty;
        line("**createMemory against the plugin's.** ElizaGen's core schema has an HNSW index on each embedding column; " +
             "the plugin has none (its searches compare the query with every row, which is why they grow with the table: " +
             "see searchMemories at the large size). Each insert adds the vector to the graph, a search of the graph " +
             "(`ef_construction` 64) and a rewrite of up to 32 neighbours' lists: milliseconds of server time per row on this " +
             "machine, and nearly all of the difference." + attribution + " Without it ElizaGen's insert is one " +
             "statement and one round trip (memory and embedding in one `INSERT … RETURNING` chain), where the plugin sends " +
             "five (BEGIN, INSERT, SELECT, INSERT, COMMIT). The index is the trade: inserts pay once what every search " +
             "saves. Loading many memories at once goes through `CreateMemoriesAsync` (binary COPY: see section 2).");
        line("");
    }

    private static void SmallRoomSearch(Action<string> line)
    {
        line("**searchMemories in a room of 2,000 memories against the plugin's.** At that size both compare the query " +
             "with every memory of the room (ElizaGen searches a room of at most 2,000 memories exactly, where an HNSW walk " +
             "filtered by room would reject most of what it finds): the same scan and sort on the server. ElizaGen first " +
             "counts the room's memories, up to 2,001, to choose between the exact scan and the index, in the same read " +
             "transaction: one more statement and round trip, and its COMMIT. Above 2,000 rows it walks the index " +
             "(the large-size rows), where the plugin's exact scan grows with the table.");
        line("");
    }

    private static void Rows(Action<string> line)
    {
        line("**Single rows against Npgsql by hand.** The repository sends what the floor sends: the same SQL text, prepared " +
             "once per pooled connection (`PrepareAsync` is free after the first call on a connection), the same typed " +
             "`NpgsqlParameter<T>` values, one round trip per call, ordinal reads into the same record. What it adds is one " +
             "async method between the caller and Npgsql (the helper that opens the pooled connection, or hands the call to " +
             "an executor's resilience pipeline), two argument checks, and `ToUniversalTime()` on each timestamptz it writes: " +
             "one more state machine, about 200–300 bytes and well under a microsecond a call, against round trips of a few " +
             "hundred microseconds on this machine. Gaps of a few percent between the two, in either direction, are the " +
             "load of the shared machine; the paired check, which interleaves the calls, is the fairer comparison, and its " +
             "medians are the least disturbed by load spikes. Before this step the repository did not prepare its " +
             "statements (every call parsed and planned its SQL again: the \"not prepared\" line of the first table shows " +
             "what that costs) and allocated a closure and an extra task per call; the generator's template now does neither.");
        line("");
    }

    private static void Bulk(Action<string> line)
    {
        line("**Bulk inserts against the multi-row INSERT.** Both send the same binary values (about 1.5 KB a row, 150 MB " +
             "for 100,000 rows) over one connection in one transaction, and both are bound by the server: the heap, the " +
             "primary-key index and the WAL take most of the time, and the client's part is a fraction of it. COPY needs " +
             "no parameter objects (see the allocated column) and lets the server insert rows in batches, so " +
             "it comes out ahead when the two run side by side (the paired check); single BenchmarkDotNet runs of a few " +
             "seconds each, minutes apart, move by more than that gap on this machine.");
        line("");
    }

    private static void Migrations(BenchReport report, Action<string> line)
    {
        var eliza = report.MigrationTrace?.FirstOrDefault(t => t.Name.StartsWith("ElizaGen", StringComparison.Ordinal));
        var ef = report.MigrationTrace?.FirstOrDefault(t => t != eliza);
        var counts = eliza is not null && ef is not null
            ? $" In the trace above ElizaGen makes {eliza.RoundTrips} round trips ({eliza.BookkeepingRoundTrips} of them bookkeeping) " +
              $"against EF Core's {ef.RoundTrips} ({ef.BookkeepingRoundTrips})."
            : string.Empty;
        line("**A fresh migration against EF Core.** Both send the same DDL for the 15 tables, and the server's work on it " +
             "(catalog writes for each table, index and constraint) is most of the time. ElizaGen does more around it, by " +
             "design: it keeps the ElizaOS plugin's journal, so on a database without one it first creates schema " +
             "`migrations` with three tables (two sequences, four indexes) inside the migration's transaction, records the " +
             "whole snapshot (jsonb) besides the hash, reads the catalog before planning (to adopt tables that exist without " +
             "a journal), and adds each foreign key as its own `ALTER TABLE … ADD CONSTRAINT` after all tables exist (as " +
             "drizzle-kit does); EF Core creates one history table and writes the foreign keys inside `CREATE TABLE`." + counts + " A fresh migration happens once per database; the no-op start, which every " +
             "start-up pays, is ElizaGen's fast path: one query.");
        line("");
    }
}
