using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using ElizaGen.Runtime.Migrations;
using ElizaGen.Testing;
using Npgsql;
using Xunit.Abstractions;

namespace ElizaGen.Reliability.Tests.Evolution;

/// <summary>
/// Randomised schema evolution against real PostgreSQL: a few hundred seeded cases in the normal test run,
/// thousands under <c>eng/soak.sh</c>. Settings (environment): <c>ELIZAGEN_EVOLUTION_SEED</c> (the run's seed),
/// <c>ELIZAGEN_EVOLUTION_CASES</c> (how many), <c>ELIZAGEN_EVOLUTION_WORKERS</c> (databases used in parallel),
/// <c>ELIZAGEN_EVOLUTION_REPLAY</c> (one case seed, printed by a failure: runs that case alone).
/// </summary>
[Collection(EvolutionCollection.Name)]
public sealed class RandomEvolutionTests(EvolutionDatabases databases, ITestOutputHelper output)
{
    private const long DefaultSeed = 20261125;
    private const int DefaultCases = 200;

    [Fact]
    public async Task Random_schema_evolutions_keep_every_invariant()
    {
        var runSeed = Setting("ELIZAGEN_EVOLUTION_SEED", DefaultSeed);
        var replay = Environment.GetEnvironmentVariable("ELIZAGEN_EVOLUTION_REPLAY");
        var seeds = replay is { Length: > 0 }
            ? [long.Parse(replay, CultureInfo.InvariantCulture)]
            : Enumerable.Range(0, (int)Setting("ELIZAGEN_EVOLUTION_CASES", DefaultCases)).Select(i => ModelCase.CaseSeed(runSeed, i)).ToArray();
        var runners = databases.Runners;

        var clock = Stopwatch.StartNew();
        var failures = new ConcurrentBag<(ModelCase Case, CaseFailure Failure)>();
        var categories = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var generatorErrors = new ConcurrentBag<string>();
        var next = -1;
        await Task.WhenAll(runners.Select(runner => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < seeds.Length; i = Interlocked.Increment(ref next))
            {
                ModelCase modelCase;
                EvolutionCase rendered;
                try
                {
                    modelCase = ModelCase.FromSeed(seeds[i]);
                    rendered = modelCase.Render();
                }
                catch (Exception e) when (e is InvalidOperationException or NullReferenceException or ArgumentException or ElizaGen.Schema.Ddl.SchemaDefinitionException)
                {
                    generatorErrors.Add($"case seed {seeds[i]}: the generator failed: {e}");
                    continue;
                }
                if (replay is { Length: > 0 }) output.WriteLine(rendered.Describe());
                var outcome = await runner.RunAsync(rendered);
                categories.AddOrUpdate(outcome.Category, 1, (_, n) => n + 1);
                if (outcome.Failure is not null) failures.Add((modelCase, outcome.Failure));
            }
        })));
        var elapsed = clock.Elapsed;

        output.WriteLine($"{seeds.Length} cases (run seed {runSeed}) on {runners.Count} databases in {elapsed.TotalSeconds:0.0} s");
        foreach (var (category, count) in categories.OrderBy(c => c.Key, StringComparer.Ordinal)) output.WriteLine($"  {count,5}  {category}");
        output.WriteLine("time per step, summed over the databases:");
        foreach (var (step, ms) in EvolutionRunner.Milliseconds.OrderByDescending(s => s.Value)) output.WriteLine($"  {ms / 1000.0,7:0.0} s  {step}");

        Assert.True(generatorErrors.IsEmpty, string.Join("\n", generatorErrors.Take(3)));
        if (!failures.IsEmpty) Assert.Fail(await DescribeFailuresAsync(runSeed, seeds.Length, failures.ToList(), runners[0]));
        if (seeds.Length >= 200)
        {
            // The generator must reach every path, or the invariants above hold vacuously.
            Assert.Contains(categories.Keys, c => c == "applied");
            Assert.Contains(categories.Keys, c => c == "nochanges");
            Assert.Contains(categories.Keys, c => c == "failed");
            Assert.Contains(categories.Keys, c => c == "blocked, then forced: applied");
            Assert.Contains(categories.Keys, c => c == "blocked, then forced: failed");
        }
    }

    private static async Task<string> DescribeFailuresAsync(long runSeed, int total, List<(ModelCase Case, CaseFailure Failure)> failures, EvolutionRunner runner)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{failures.Count} of {total} cases broke an invariant (run seed {runSeed}; replay one case with ELIZAGEN_EVOLUTION_REPLAY=<case seed>).");
        foreach (var group in failures.GroupBy(f => f.Failure.Signature).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {group.Key}: {group.Count()} cases, seeds {string.Join(", ", group.Select(f => f.Case.Seed).Take(10))}");
        }
        foreach (var group in failures.GroupBy(f => f.Failure.Signature).OrderBy(g => g.Key, StringComparer.Ordinal).Take(8))
        {
            var (first, failure) = group.OrderBy(f => f.Case.Seed).First();
            var (shrunk, shrunkFailure, runs) = await new Shrinker(runner).ShrinkAsync(first, failure);
            text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"== {group.Key}, case seed {first.Seed}, shrunk in {runs} runs:");
            text.AppendLine(shrunkFailure.Message);
            text.AppendLine(shrunk.Render("seed " + first.Seed.ToString(CultureInfo.InvariantCulture) + " shrunk").Describe());
        }
        return text.ToString();
    }

    private static long Setting(string name, long fallback) =>
        long.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}

/// <summary>The evolution tests share their databases (one per worker) and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class EvolutionCollection : ICollectionFixture<EvolutionDatabases>
{
    public const string Name = "evolution databases";
}

/// <summary>A few databases reused by every evolution case (created once: creating a database per case would dominate the run).</summary>
public sealed class EvolutionDatabases : IAsyncLifetime
{
    private readonly PostgresFixture _postgres = new();
    private readonly List<TestDatabase> _databases = [];
    private readonly List<NpgsqlDataSource> _sources = [];

    internal IReadOnlyList<EvolutionRunner> Runners { get; private set; } = [];

    public async Task InitializeAsync()
    {
        // The blocked-path invariants assume that only Force allows destructive steps.
        Environment.SetEnvironmentVariable(Migrator.AllowDestructiveVariable, null);
        await _postgres.InitializeAsync();
        var workers = int.TryParse(Environment.GetEnvironmentVariable("ELIZAGEN_EVOLUTION_WORKERS"), out var n) && n > 0 ? n : 3;
        var runners = new List<EvolutionRunner>();
        for (var i = 0; i < workers; i++)
        {
            var database = await _postgres.CreateDatabaseAsync();
            _databases.Add(database);
            var source = NpgsqlDataSource.Create(database.ConnectionString);
            _sources.Add(source);
            runners.Add(new EvolutionRunner(source));
        }
        Runners = runners;
    }

    public async Task DisposeAsync()
    {
        foreach (var source in _sources) await source.DisposeAsync();
        foreach (var database in _databases) await database.DisposeAsync();
    }
}
