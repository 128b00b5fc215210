using ElizaGen.PluginSql.Models;
using ElizaGen.Runtime.Connections;
using ElizaGen.Testing;
using Npgsql;

namespace ElizaGen.PluginSql.Tests;

/// <summary>
/// One database per test class, migrated once with the core schema; each test makes its own agents (and adapters)
/// so that tests in a class do not see each other's rows.
/// </summary>
public sealed class AdapterDatabase : IAsyncLifetime
{
    private readonly PostgresFixture _postgres = new();
    private TestDatabase? _database;
    private ElizaDatabase? _eliza;

    public ElizaDatabase Eliza => _eliza ?? throw new InvalidOperationException("Not initialised.");

    public string ConnectionString => _database?.ConnectionString ?? throw new InvalidOperationException("Not initialised.");

    public async Task InitializeAsync()
    {
        await _postgres.InitializeAsync();
        _database = await _postgres.CreateDatabaseAsync();
        _eliza = await OpenAsync(_database.ConnectionString);
        await using var adapter = new ElizaDatabaseAdapter(_eliza, Guid.NewGuid());
        await adapter.InitAsync();
    }

    public async Task DisposeAsync()
    {
        if (_eliza is not null) await _eliza.CloseAsync();
        if (_database is not null) await _database.DisposeAsync();
    }

    public static Task<ElizaDatabase> OpenAsync(string connectionString) => ElizaDatabase.OpenAsync(new ElizaDatabaseOptions
    {
        ConnectionString = connectionString,
        ShutdownSignals = ShutdownSignalBehavior.Ignore,
    });

    /// <summary>An adapter for a new agent that exists in the database.</summary>
    public async Task<ElizaDatabaseAdapter> NewAgentAsync(string name = "Test agent")
    {
        var adapter = new ElizaDatabaseAdapter(Eliza, Guid.NewGuid());
        Assert.True(await adapter.CreateAgentAsync(new Agent { Id = adapter.AgentId, Name = name }));
        return adapter;
    }

    public async Task<T> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var connection = await Eliza.DataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var p in parameters) command.Parameters.Add(new NpgsqlParameter { Value = p });
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async Task ExecuteAsync(string sql, params object[] parameters)
    {
        await using var connection = await Eliza.DataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var p in parameters) command.Parameters.Add(new NpgsqlParameter { Value = p });
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>A room with an entity in it, for tests that need somewhere to put memories, logs or components.</summary>
public sealed record Scene(ElizaDatabaseAdapter Adapter, Guid WorldId, Guid RoomId, Guid EntityId)
{
    public static async Task<Scene> CreateAsync(AdapterDatabase database, string name = "Test agent")
    {
        var adapter = await database.NewAgentAsync(name);
        var worldId = await adapter.CreateWorldAsync(new World { Name = "World" });
        var roomId = (await adapter.CreateRoomsAsync([new Room { Source = "test", Type = "GROUP", WorldId = worldId, Name = "Room" }]))[0];
        var entityId = Guid.NewGuid();
        Assert.True(await adapter.CreateEntitiesAsync([new Entity { Id = entityId, Names = ["Someone"] }]));
        await adapter.AddParticipantAsync(entityId, roomId);
        return new Scene(adapter, worldId, roomId, entityId);
    }
}

/// <summary>Deterministic test vectors.</summary>
public static class Vectors
{
    public static float[] Random(int seed, int dimension = 384)
    {
        var random = new Random(seed);
        var v = new float[dimension];
        for (var i = 0; i < dimension; i++) v[i] = (float)(random.NextDouble() * 2 - 1);
        return v;
    }

    /// <summary>A vector close to <paramref name="v"/> (small noise).</summary>
    public static float[] Near(float[] v, int seed, double noise)
    {
        var random = new Random(seed);
        return v.Select(x => (float)(x + (random.NextDouble() * 2 - 1) * noise)).ToArray();
    }

    public static double Cosine(float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++) { dot += a[i] * b[i]; na += a[i] * a[i]; nb += b[i] * b[i]; }
        return dot / Math.Sqrt(na * nb);
    }
}
