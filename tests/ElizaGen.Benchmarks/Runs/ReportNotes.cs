namespace ElizaGen.Benchmarks.Runs;

/// <summary>The report's closing section: where ElizaGen is slower than a peer in this run, and why.</summary>
public static class ReportNotes
{
    public static void Write(BenchReport report, Action<string> line)
    {
        line("## Where ElizaGen is slower, and why");
        line("");
        var slower = new List<string>();
        void Check(IEnumerable<Figure>? figures, Func<Figure, string> group)
        {
            if (figures is null) return;
            foreach (var g in figures.Where(f => !f.Failed).GroupBy(group))
            {
                var eliza = ReportWriter.Eliza(g);
                if (eliza is null) continue;
                foreach (var peer in g.Where(f => f != eliza && f.MeanNs < eliza.MeanNs))
                {
                    slower.Add($"{g.Key}: ElizaGen {ReportWriter.Time(eliza.MeanNs)} against {peer.Description} {ReportWriter.Time(peer.MeanNs)} " +
                               $"({ReportWriter.Percent(eliza.MeanNs / peer.MeanNs - 1)}; errors ±{ReportWriter.Time(eliza.ErrorNs)} and ±{ReportWriter.Time(peer.ErrorNs)})");
                }
            }
        }
        Check(report.Rows, f => f.Category);
        Check(report.Bulk, f => f.Parameter + " rows");
        Check(report.Migrations, f => f.Category);
        if (slower.Count == 0)
        {
            line("In this run ElizaGen's mean is the lowest in every comparison above.");
        }
        else
        {
            line("In this run ElizaGen's mean is above a peer's in:");
            line("");
            foreach (var s in slower) line("- " + s);
        }
        line("");
    }
}
