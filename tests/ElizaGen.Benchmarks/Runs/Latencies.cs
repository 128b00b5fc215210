namespace ElizaGen.Benchmarks.Runs;

/// <summary>Latency figures in milliseconds; percentiles by nearest rank (the peer benchmark's method).</summary>
public sealed record Latencies(int Count, double P50, double P95, double Mean, double Min, double Max)
{
    public static Latencies Of(IReadOnlyCollection<double> milliseconds)
    {
        var sorted = milliseconds.Order().ToArray();
        return new Latencies(sorted.Length, Percentile(sorted, 0.50), Percentile(sorted, 0.95), sorted.Average(), sorted[0], sorted[^1]);
    }

    private static double Percentile(double[] sorted, double p)
    {
        var index = Math.Min(sorted.Length - 1, Math.Max(0, (int)Math.Ceiling(p * sorted.Length) - 1));
        return sorted[index];
    }
}
