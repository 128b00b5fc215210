// NativeAOT smoke test: open the database (POSTGRES_URL, DATABASE_URL or the embedded server), migrate
// HelloPlugin, write and read through its generated repositories, run a nearest-neighbour query and read the
// migration journal back. Prints OK and exits 0, or names the failed step and exits 1.
using System.Diagnostics;
using System.Globalization;
using ElizaGen.Runtime.Connections;
using ElizaGen.Runtime.Migrations;
using HelloPlugin;
using Pgvector;

var step = "opening the database";
try
{
    var clock = Stopwatch.StartNew();
    await using var database = await ElizaDatabase.OpenAsync(new ElizaDatabaseOptions { ShutdownSignals = ShutdownSignalBehavior.CloseAndExit });
    Report($"opened {database.Source} server {database.Server}");

    step = "migrating " + HelloSchema.Plugin.Name;
    var migration = await database.Migrator.MigrateAsync(HelloSchema.Plugin);
    Report($"migration: {migration[HelloSchema.Plugin.Name].Outcome}");

    step = "inserting";
    var greetings = new GreetingRepository(database);
    var replies = new GreetingReplyRepository(database);
    var embedding = RandomUnitVector();
    var greeting = new Greeting(
        Guid.NewGuid(), "aot-" + Guid.NewGuid().ToString("N"), "en", "Hello from NativeAOT",
        DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()), new Vector(embedding));
    await greetings.InsertAsync(greeting);
    var copied = await replies.InsertManyAsync(
        Enumerable.Range(1, 3).Select(i => new GreetingReply(Guid.NewGuid(), greeting.Id, "reply " + i.ToString(CultureInfo.InvariantCulture), i, greeting.CreatedAt)));
    Check(copied == 3, $"COPY wrote {copied} replies, not 3");

    step = "reading back";
    var read = await greetings.GetAsync(greeting.Id) ?? throw new InvalidOperationException("the greeting just inserted is not there");
    Check(read with { Embedding = null } == greeting with { Embedding = null }, $"read {read}, wrote {greeting}");
    Check(read.Embedding!.ToArray().SequenceEqual(embedding), "the embedding read back differs");
    Check((await greetings.FindBySlugAsync(greeting.Slug))?.Id == greeting.Id, "FindBySlugAsync did not find the greeting");
    Check((await replies.FindByGreetingIdAsync(greeting.Id)).Count == 3, "FindByGreetingIdAsync did not find the 3 replies");

    step = "querying the nearest neighbours";
    var nearest = await greetings.NearestEmbeddingAsync(new Vector(embedding), limit: 3, maxDistance: 0.001);
    Check(nearest.Any(n => n.Row.Id == greeting.Id && n.Distance < 1e-5), "the greeting is not its own nearest neighbour");
    Report($"nearest: {nearest.Count} within 0.001, distance {nearest.First(n => n.Row.Id == greeting.Id).Distance.ToString("0.######", CultureInfo.InvariantCulture)}");

    step = "reading the migration journal";
    var status = await database.Migrator.GetStatusAsync(HelloSchema.Plugin.Name);
    Check(status.HasRun, "the journal has no migration of the plugin");
    Check(status.Drift.Count == 0, "the catalog drifted from the journal's snapshot: " + string.Join("; ", status.Drift.Select(d => d.ToString())));

    step = "deleting";
    Check(await greetings.DeleteAsync(greeting.Id), "DeleteAsync found no row");
    Check((await replies.FindByGreetingIdAsync(greeting.Id)).Count == 0, "the replies survived their greeting (no cascade)");

    Console.WriteLine($"OK ({clock.ElapsedMilliseconds.ToString(CultureInfo.InvariantCulture)} ms)");
    return 0;
}
catch (Exception e)
{
    await Console.Error.WriteLineAsync($"AotSmoke FAILED while {step}: {e}");
    return 1;
}

static void Report(string line) => Console.WriteLine("aot-smoke: " + line);

static void Check(bool condition, string failure)
{
    if (!condition) throw new InvalidOperationException(failure);
}

static float[] RandomUnitVector()
{
    var values = new float[HelloSchema.EmbeddingDimensions];
    for (var i = 0; i < values.Length; i++) values[i] = (float)(Random.Shared.NextDouble() * 2 - 1);
    var norm = MathF.Sqrt(values.Sum(v => v * v));
    return values.Select(v => v / norm).ToArray();
}
