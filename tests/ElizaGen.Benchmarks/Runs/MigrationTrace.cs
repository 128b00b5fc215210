using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using ElizaGen.Benchmarks.Peers;
using ElizaGen.Runtime.Migrations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ElizaGen.Benchmarks.Runs;

/// <summary>Where one fresh migration's time goes: round trips and their server-side durations, split by purpose.</summary>
public sealed record MigrationTraceResult(
    string Name,
    double WallMs,
    int RoundTrips,
    int SchemaRoundTrips,
    double SchemaMs,
    int BookkeepingRoundTrips,
    double BookkeepingMs,
    IReadOnlyList<string> Bookkeeping);

/// <summary>
/// One fresh migration of the 15 tables by each tool, on a data source that logs every command Npgsql completes
/// (with its duration): what the tool sends for the tables themselves (schema <c>bench</c>, the extension) and what it
/// sends for its own bookkeeping (journal or history table, locks, catalog checks).
/// </summary>
public static partial class MigrationTrace
{
    public static async Task<IReadOnlyList<MigrationTraceResult>> RunAsync(Action<string> log)
    {
        log("migration trace: one fresh migration each, every command logged");
        var results = new List<MigrationTraceResult>();
        // The second pass is the one reported: the first warms the process (JIT, EF Core's model).
        for (var pass = 0; pass < 2; pass++)
        {
            results.Clear();
            results.Add(await TraceAsync(MigrationBenchmarks.Migrator, ds => new Migrator(ds).MigrateAsync(MigrationBenchmarks.FifteenTables())));
            results.Add(await TraceAsync(MigrationBenchmarks.EfCore, async ds =>
            {
                await using var context = new EfFifteenTablesContext(EfFifteenTablesContext.Options(ds));
                await context.Database.MigrateAsync();
            }));
        }
        return results;
    }

    private static async Task<MigrationTraceResult> TraceAsync(string name, Func<NpgsqlDataSource, Task> migrate)
    {
        var connectionString = await BenchmarkServer.CreateDatabaseAsync("bench_trace");
        var recorder = new CommandRecorder();
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.UseVector();
        builder.UseLoggerFactory(recorder);
        double wall;
        await using (var dataSource = builder.Build())
        {
            var clock = Stopwatch.StartNew();
            await migrate(dataSource);
            wall = clock.Elapsed.TotalMilliseconds;
        }
        await BenchmarkServer.DropDatabaseAsync(connectionString);

        var schema = recorder.Commands.Where(c => IsSchemaWork(c.Sql)).ToList();
        var bookkeeping = recorder.Commands.Where(c => !IsSchemaWork(c.Sql)).ToList();
        return new MigrationTraceResult(
            name, wall, recorder.Commands.Count, schema.Count, schema.Sum(c => c.DurationMs), bookkeeping.Count, bookkeeping.Sum(c => c.DurationMs),
            bookkeeping.Select(c => $"{c.DurationMs.ToString("F0", CultureInfo.InvariantCulture)} ms: {Shorten(c.Sql)}").ToList());
    }

    /// <summary>Statements that build the 15 tables (or the extension they need), as either tool writes them.</summary>
    private static bool IsSchemaWork(string sql) =>
        sql.Contains("\"bench\".", StringComparison.Ordinal) || sql.Contains(" bench.", StringComparison.Ordinal)
        || sql.Contains("nspname = 'bench'", StringComparison.Ordinal) || sql.Contains("SCHEMA IF NOT EXISTS \"bench\"", StringComparison.Ordinal)
        || sql.StartsWith("CREATE EXTENSION", StringComparison.Ordinal);

    private static string Shorten(string sql)
    {
        var flat = Whitespace().Replace(sql, " ").Trim();
        return flat.Length > 110 ? flat[..107] + "..." : flat;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"execution completed \(duration=(\d+)ms\): (.*)", RegexOptions.Singleline)]
    private static partial Regex Completed();

    private sealed record Command(double DurationMs, string Sql);

    /// <summary>Keeps Npgsql's "Command/Batch execution completed" debug messages.</summary>
    private sealed class CommandRecorder : ILoggerFactory, ILogger
    {
        private readonly object _gate = new();

        public List<Command> Commands { get; } = [];

        public ILogger CreateLogger(string categoryName) => this;

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public void Dispose()
        {
        }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var match = Completed().Match(formatter(state, exception));
            if (!match.Success) return;
            lock (_gate) Commands.Add(new Command(double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), match.Groups[2].Value));
        }
    }
}
