// The README's main job (./build.sh demo): open the embedded default database (or POSTGRES_URL), migrate the
// ElizaOS core schema and the HelloPlugin sample, create an agent, store 1,000 memories with deterministic
// pseudo-embeddings, run a vector search, and print the migration status. A second run changes nothing.
using System.Globalization;
using System.Text.Json.Nodes;
using HelloPlugin;
using ElizaGen.PluginSql;
using ElizaGen.PluginSql.Models;
using ElizaGen.Runtime.Connections;
using ElizaGen.Runtime.Embedded;
using ElizaGen.Runtime.Migrations;
using Microsoft.Extensions.Logging;
using Npgsql;

const int MemoryCount = 1_000;
const int Dimension = 384;
const string Table = "messages";
var agentId = Guid.Parse("6c3f4a52-2f7e-4c8e-9a57-0d2b7c1e5a10");
var roomId = Guid.Parse("a1d2c3b4-0000-4000-8000-000000000001");

using var loggerFactory = LoggerFactory.Create(logging => logging
    .AddSimpleConsole(console =>
    {
        console.SingleLine = true;
        console.TimestampFormat = "HH:mm:ss.fff ";
    })
    .AddFilter("ElizaGen.Runtime.Embedded", LogLevel.Warning)
    .SetMinimumLevel(LogLevel.Information));

try
{
    await using var adapter = await ElizaDatabaseAdapter.OpenAsync(agentId, new ElizaDatabaseAdapterOptions
    {
        Database = new ElizaDatabaseOptions { LoggerFactory = loggerFactory },
        Plugins = [HelloSchema.Plugin],
    });
    Console.WriteLine($"Database: {adapter.Database.Server} ({adapter.Database.Source})");

    var report = await adapter.InitAsync();
    foreach (var plugin in report.Plugins)
    {
        Console.WriteLine(plugin.Outcome == MigrationOutcome.NoChanges
            ? $"{plugin.PluginName}: No changes detected"
            : $"{plugin.PluginName}: {plugin.Outcome}, {plugin.Steps.Count} statements in {plugin.Duration.TotalMilliseconds:F0} ms");
    }

    var created = await adapter.CreateAgentAsync(new Agent { Id = agentId, Name = "Eliza", Username = "eliza" });
    Console.WriteLine(created ? "Created agent Eliza" : "Agent Eliza already exists");
    await adapter.EnsureEmbeddingDimensionAsync(Dimension);
    if ((await adapter.GetRoomsByIdsAsync([roomId])).Count == 0)
    {
        await adapter.CreateRoomsAsync([new Room { Id = roomId, Name = "demo", AgentId = agentId, Source = "demo", Type = "GROUP" }]);
    }

    var stored = await adapter.CountMemoriesAsync(roomId, unique: false, tableName: Table);
    if (stored < MemoryCount)
    {
        var data = new Mulberry32(42);
        var memories = Enumerable.Range(0, MemoryCount).Select(i => new Memory
        {
            Id = DeterministicId(i),
            RoomId = roomId,
            Content = new JsonObject { ["text"] = $"memory #{i}: {Topics[i % Topics.Length]}" },
            Embedding = data.NextVector(Dimension),
            Unique = true,
        }).ToList();
        var started = DateTime.UtcNow;
        await adapter.CreateMemoriesAsync(memories, Table);
        Console.WriteLine($"Stored {MemoryCount:N0} memories with {Dimension}-d embeddings in {(DateTime.UtcNow - started).TotalMilliseconds:F0} ms (binary COPY)");
    }
    else
    {
        Console.WriteLine($"{stored:N0} memories already stored");
    }

    var query = new Mulberry32(43).NextVector(Dimension);
    var hits = await adapter.SearchMemoriesAsync(Table, query, count: 5, roomId: roomId);
    Console.WriteLine();
    Console.WriteLine("Top 5 memories for the query vector (similarity = 1 - cosine distance):");
    foreach (var hit in hits)
    {
        Console.WriteLine($"  {hit.Similarity?.ToString("F4", CultureInfo.InvariantCulture)}  {hit.Content["text"]}");
    }

    Console.WriteLine();
    Console.WriteLine($"{"Plugin",-26} {"Schema",-24} {"Hash",-14} {"Last migration",-22} {"Snapshots",9} {"Drift",6}");
    foreach (var plugin in new[] { PluginSqlSchema.Plugin, HelloSchema.Plugin })
    {
        var status = await adapter.Database.Migrator.GetStatusAsync(plugin.Name);
        Console.WriteLine(
            $"{plugin.Name,-26} {plugin.SchemaName,-24} {plugin.Hash[..12],-14} " +
            $"{status.LastMigration?.CreatedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "never",-22} " +
            $"{status.Snapshots,9} {status.Drift.Count,6}");
    }
    return 0;
}
catch (Exception e) when (e is EmbeddedPostgresException or NpgsqlException or MigrationFailedException or InvalidConnectionStringException or ArgumentException)
{
    await Console.Error.WriteLineAsync($"AgentDemo: {e.Message}");
    return 1;
}

static Guid DeterministicId(int i) => new(string.Create(CultureInfo.InvariantCulture, $"00000000-0000-4000-8000-{i:D12}"));

internal static partial class Program
{
    private static readonly string[] Topics =
    [
        "the weather in Lisbon", "a recipe for bread", "how HNSW indexes work", "the plot of a novel",
        "a meeting on Tuesday", "PostgreSQL vacuum settings", "a trip to the mountains", "learning the violin",
    ];
}

/// <summary>The mulberry32 generator the ElizaOS peer benchmark uses: the same seed gives the same vectors.</summary>
internal sealed class Mulberry32(uint seed)
{
    private uint _state = seed;

    public float NextFloat()
    {
        unchecked
        {
            _state += 0x6D2B79F5;
            var t = _state;
            t = (t ^ (t >> 15)) * (t | 1);
            t ^= t + ((t ^ (t >> 7)) * (t | 61));
            return (float)((t ^ (t >> 14)) / 4294967296.0);
        }
    }

    public float[] NextVector(int dimension)
    {
        var vector = new float[dimension];
        for (var i = 0; i < vector.Length; i++) vector[i] = NextFloat();
        return vector;
    }
}
