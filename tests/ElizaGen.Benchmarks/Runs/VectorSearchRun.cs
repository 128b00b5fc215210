using System.Diagnostics;
using ElizaGen.Benchmarks.Data;
using ElizaGen.Benchmarks.Schema;
using Npgsql;
using Pgvector;

namespace ElizaGen.Benchmarks.Runs;

/// <summary>One way of answering the top-10 query: its latencies, its recall against the exact scan, its plan.</summary>
public sealed record SearchMode(string Name, Latencies Latency, double RecallAt10, string Plan);

/// <summary>What <see cref="VectorSearchRun"/> measured.</summary>
public sealed record VectorSearchResult(
    int Rows,
    int Dimensions,
    int Queries,
    double LoadSeconds,
    double IndexBuildSeconds,
    string IndexDefinition,
    string MaintenanceWorkMem,
    long TableBytes,
    long IndexBytes,
    IReadOnlyList<SearchMode> Modes,
    DistanceSpread Spread);

/// <summary>Cosine distances from a query to its 1st, 10th and 1,000th nearest rows and to the average row (medians over queries).</summary>
public sealed record DistanceSpread(int Queries, double First, double Tenth, double Thousandth, double Mean);

/// <summary>
/// Top-10 nearest neighbours by cosine distance over <c>rows</c> 384-d embeddings (mulberry32(42), as the peer
/// benchmark draws them) with an HNSW index (m = 16, ef_construction = 64, vector_cosine_ops): the repository's
/// <c>NearestEmbeddingAsync</c> on one connection with <c>hnsw.ef_search</c> 40, 100 and 400, against the exact answer (the
/// same query with index scans off: a sequential scan and a top-N sort). Latencies are timed here, per query, over
/// <c>queries</c> query vectors (mulberry32(43)) after a few warm-up queries; recall@10 is the share of the exact top
/// 10 that the index returns, averaged over the queries.
/// </summary>
public static class VectorSearchRun
{
    public const int TopK = 10;

    /// <summary>40 (pgvector's default) and 100 as asked; 400 to show where recall goes on this data.</summary>
    public static readonly int[] EfSearchValues = [40, 100, 400];
    private const int WarmUpQueries = 5;
    private const int SpreadQueries = 20;
    private const string Table = "\"elizagen_bench\".\"memories\"";
    private const string IndexSql =
        "CREATE INDEX memories_embedding_hnsw ON " + Table + " USING hnsw (\"embedding\" vector_cosine_ops) WITH (m = 16, ef_construction = 64)";
    private const string MaintenanceWorkMem = "1GB";

    public static async Task<VectorSearchResult> RunAsync(int rows, int queries, Action<string> log)
    {
        await using var database = await BenchDatabase.CreateAsync("bench_vectors");
        var repository = new MemoryRepository(database.DataSource);

        log($"vector search: loading {rows:N0} rows (binary COPY)");
        var data = MemoryData.Rows(rows);
        var clock = Stopwatch.StartNew();
        await repository.InsertManyAsync(data);
        var load = clock.Elapsed.TotalSeconds;
        data = null;

        log($"vector search: building the HNSW index ({IndexSql})");
        double build;
        await using (var connection = await database.DataSource.OpenConnectionAsync())
        {
            await ExecuteAsync(connection, "SET maintenance_work_mem = '" + MaintenanceWorkMem + "'");
            clock.Restart();
            await ExecuteAsync(connection, IndexSql);
            build = clock.Elapsed.TotalSeconds;
            await ExecuteAsync(connection, "ANALYZE " + Table);
        }
        var tableBytes = await database.ScalarAsync<long>("SELECT pg_table_size('" + Table + "')");
        var indexBytes = await database.ScalarAsync<long>("SELECT pg_relation_size('\"elizagen_bench\".memories_embedding_hnsw')");
        log($"vector search: loaded in {load:F1} s, index built in {build:F1} s");

        var vectors = MemoryData.Queries(queries + WarmUpQueries);
        var exact = await MeasureAsync(database, repository, "exact scan (index scans off)", "SET enable_indexscan = off", vectors, null);
        var modes = new List<SearchMode> { exact.Mode };
        foreach (var efSearch in EfSearchValues)
        {
            var hnsw = await MeasureAsync(database, repository, $"HNSW, ef_search = {efSearch}", $"SET hnsw.ef_search = {efSearch}", vectors, exact.Answers);
            modes.Add(hnsw.Mode);
        }
        foreach (var mode in modes) log($"vector search: {mode.Name}: p50 {mode.Latency.P50:F2} ms, p95 {mode.Latency.P95:F2} ms, recall@10 {mode.RecallAt10:P1}");
        var spread = await DistanceSpreadAsync(database, vectors.Skip(WarmUpQueries).Take(SpreadQueries).ToArray());
        log($"vector search: cosine distances (median of {SpreadQueries} queries): 1st {spread.First:F4}, 10th {spread.Tenth:F4}, 1000th {spread.Thousandth:F4}, mean {spread.Mean:F4}");
        return new VectorSearchResult(rows, BenchSchema.Dimensions, queries, load, build, IndexSql, MaintenanceWorkMem, tableBytes, indexBytes, modes, spread);
    }

    private static async Task<(SearchMode Mode, Guid[][] Answers)> MeasureAsync(
        BenchDatabase database, MemoryRepository repository, string name, string setting, Vector[] vectors, Guid[][]? exact)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync();
        await ExecuteAsync(connection, setting);
        for (var i = 0; i < WarmUpQueries; i++) await repository.NearestEmbeddingAsync(connection, null, vectors[i], TopK);

        var measured = vectors.Length - WarmUpQueries;
        var latencies = new double[measured];
        var answers = new Guid[measured][];
        for (var i = 0; i < measured; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var found = await repository.NearestEmbeddingAsync(connection, null, vectors[WarmUpQueries + i], TopK);
            latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            answers[i] = found.Select(f => f.Row.Id).ToArray();
        }
        var recall = exact is null ? 1.0 : answers.Select((a, i) => a.Intersect(exact[i]).Count() / (double)TopK).Average();
        var plan = await PlanAsync(connection, vectors[0]);
        return (new SearchMode(name, Latencies.Of(latencies), recall, plan), answers);
    }

    /// <summary>The plan node that reads the table (the repository's query shape, explained on the same connection).</summary>
    private static async Task<string> PlanAsync(NpgsqlConnection connection, Vector query)
    {
        await using var command = new NpgsqlCommand(
            "EXPLAIN SELECT \"id\", \"content\", \"embedding\", \"embedding\" <=> $1 FROM " + Table +
            " WHERE \"embedding\" IS NOT NULL ORDER BY \"embedding\" <=> $1 LIMIT $2", connection);
        command.Parameters.Add(new NpgsqlParameter<Vector> { TypedValue = query });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = TopK });
        var lines = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) lines.Add(reader.GetString(0));
        }
        var scan = lines.FirstOrDefault(l => l.Contains("Scan", StringComparison.Ordinal)) ?? lines.FirstOrDefault() ?? "";
        var node = scan.Trim().TrimStart('-', '>', ' ');
        var cost = node.IndexOf("  (cost=", StringComparison.Ordinal);
        return cost > 0 ? node[..cost] : node;
    }

    /// <summary>
    /// How far apart the neighbours are: for each query the cosine distance of its 1st, 10th and 1,000th nearest row
    /// (exact) and the mean over all rows; the median of each over the queries. When the 10th and the 1,000th are
    /// almost as far as an average row, no index can tell the true top 10 from the thousands just behind it.
    /// </summary>
    private static async Task<DistanceSpread> DistanceSpreadAsync(BenchDatabase database, Vector[] queries)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync();
        await ExecuteAsync(connection, "SET enable_indexscan = off");
        var first = new List<double>();
        var tenth = new List<double>();
        var thousandth = new List<double>();
        var mean = new List<double>();
        foreach (var query in queries)
        {
            await using var command = new NpgsqlCommand(
                "SELECT (array_agg(d ORDER BY d))[1], (array_agg(d ORDER BY d))[10], (array_agg(d ORDER BY d))[1000] " +
                "FROM (SELECT \"embedding\" <=> $1 AS d FROM " + Table + " ORDER BY d LIMIT 1000) nearest", connection) { CommandTimeout = 0 };
            command.Parameters.Add(new NpgsqlParameter<Vector> { TypedValue = query });
            await using (var reader = await command.ExecuteReaderAsync())
            {
                await reader.ReadAsync();
                first.Add(reader.GetDouble(0));
                tenth.Add(reader.GetDouble(1));
                thousandth.Add(reader.GetDouble(2));
            }
            await using var average = new NpgsqlCommand("SELECT avg(\"embedding\" <=> $1) FROM " + Table, connection) { CommandTimeout = 0 };
            average.Parameters.Add(new NpgsqlParameter<Vector> { TypedValue = query });
            mean.Add((double)(await average.ExecuteScalarAsync())!);
        }
        static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
        return new DistanceSpread(queries.Length, Median(first), Median(tenth), Median(thousandth), Median(mean));
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }
}
