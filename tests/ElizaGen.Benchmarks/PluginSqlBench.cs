using System.Text.Json.Nodes;
using ElizaGen.PluginSql;
using ElizaGen.PluginSql.Models;
using ElizaGen.Runtime.Connections;

namespace ElizaGen.Benchmarks;

/// <summary>A database with the ElizaOS core schema, one agent, a world and rooms, for the adapter benchmarks.</summary>
internal sealed class PluginSqlBench : IAsyncDisposable
{
    private PluginSqlBench(string connectionString, ElizaDatabase database, ElizaDatabaseAdapter adapter, Guid worldId, Guid[] rooms)
    {
        ConnectionString = connectionString;
        Database = database;
        Adapter = adapter;
        WorldId = worldId;
        Rooms = rooms;
    }

    public string ConnectionString { get; }
    public ElizaDatabase Database { get; }
    public ElizaDatabaseAdapter Adapter { get; }
    public Guid WorldId { get; }
    public Guid[] Rooms { get; }

    public static async Task<PluginSqlBench> CreateAsync(string prefix, int rooms)
    {
        var connectionString = await BenchmarkServer.CreateDatabaseAsync(prefix);
        var database = await ElizaDatabase.OpenAsync(new ElizaDatabaseOptions { ConnectionString = connectionString, ShutdownSignals = ShutdownSignalBehavior.Ignore });
        var adapter = new ElizaDatabaseAdapter(database, Guid.NewGuid());
        await adapter.InitAsync();
        await adapter.CreateAgentAsync(new Agent { Id = adapter.AgentId, Name = "Bench" });
        var world = await adapter.CreateWorldAsync(new World { Name = "Bench world" });
        var roomIds = await adapter.CreateRoomsAsync(Enumerable.Range(0, rooms).Select(i => new Room { Source = "bench", Type = "GROUP", WorldId = world, Name = "room " + i }));
        return new PluginSqlBench(connectionString, database, adapter, world, [.. roomIds]);
    }

    public static Memory Message(Guid roomId, Guid worldId, float[] embedding, int i) => new()
    {
        RoomId = roomId,
        WorldId = worldId,
        Content = new JsonObject { ["text"] = "message " + i, ["source"] = "bench" },
        Embedding = embedding,
        Unique = true,
        CreatedAt = DateTimeOffset.UnixEpoch.AddSeconds(1_700_000_000 + i),
    };

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = await Database.DataSource.OpenConnectionAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Adapter.CloseAsync();
        await Database.CloseAsync();
        await BenchmarkServer.DropDatabaseAsync(ConnectionString);
    }
}

/// <summary>Embedding-like test vectors: points around a few hundred cluster centres, as real embeddings cluster by topic.</summary>
internal sealed class ClusteredVectors(int dimension, int clusters, int seed)
{
    private readonly Random _random = new(seed);
    private readonly float[][] _centres = Enumerable.Range(0, clusters).Select(c => Unit(new Random(seed * 7919 + c), dimension)).ToArray();

    public float[] Next()
    {
        var centre = _centres[_random.Next(_centres.Length)];
        var v = new float[centre.Length];
        for (var i = 0; i < v.Length; i++) v[i] = centre[i] + (float)(Gaussian(_random) * 0.03);
        return v;
    }

    private static float[] Unit(Random random, int dimension)
    {
        var v = Enumerable.Range(0, dimension).Select(_ => (float)Gaussian(random)).ToArray();
        var norm = MathF.Sqrt(v.Sum(x => x * x));
        return v.Select(x => x / norm).ToArray();
    }

    private static double Gaussian(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
