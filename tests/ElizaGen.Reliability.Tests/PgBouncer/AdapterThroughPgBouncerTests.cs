using System.Text.Json.Nodes;
using ElizaGen.PluginSql;
using ElizaGen.PluginSql.Compatibility;
using ElizaGen.PluginSql.Models;
using ElizaGen.Runtime.Connections;
using ElizaGen.Runtime.Migrations;
using ElizaGen.Testing;
using Npgsql;

namespace ElizaGen.Reliability.Tests.PgBouncer;

/// <summary>
/// The ElizaOS adapter behind PgBouncer in transaction pooling mode with two server connections, while the
/// application's own pool has more: consecutive transactions of one Npgsql connection land on whichever server
/// connection is free, so anything that relied on session state would break here.
/// </summary>
public sealed class AdapterThroughPgBouncerTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private const int ServerConnections = 2;

    [Fact]
    public async Task Agents_initialising_at_once_through_PgBouncer_migrate_the_core_schema_once()
    {
        await using var database = await postgres.CreateDatabaseAsync();
        await using var bouncer = await PgBouncerServer.StartAsync(postgres.AdminConnectionString, ServerConnections);
        var elizas = new List<ElizaDatabase>();
        try
        {
            for (var i = 0; i < 4; i++) elizas.Add(await bouncer.OpenElizaDatabaseAsync(database, $"agent-{i}"));

            var reports = await Task.WhenAll(elizas.Select(e => new ElizaDatabaseAdapter(e, Guid.NewGuid()).InitAsync()));

            var outcomes = reports.Select(r => r[PluginSqlSchema.Plugin.Name].Outcome).ToList();
            Assert.Equal(1, outcomes.Count(o => o == MigrationOutcome.Applied));
            Assert.Equal(3, outcomes.Count(o => o == MigrationOutcome.NoChanges));
            await using var direct = NpgsqlDataSource.Create(database.ConnectionString);
            Assert.Empty((await new Migrator(direct).CheckAsync(PluginSqlSchema.Plugin)).Steps);
            // One migration, then one mark for the TypeScript plugin (its own hash), however many agents started.
            await using var rows = direct.CreateCommand("SELECT coalesce(array_agg(hash ORDER BY id), '{}') FROM migrations._migrations WHERE plugin_name = $1");
            rows.Parameters.Add(new NpgsqlParameter<string> { TypedValue = PluginSqlSchema.Plugin.Name });
            Assert.Equal(new[] { PluginSqlSchema.Plugin.Hash, PluginSqlJournal.PluginSql172Hash }, (string[])(await rows.ExecuteScalarAsync())!);
        }
        finally
        {
            foreach (var eliza in elizas) await eliza.CloseAsync();
        }
    }

    [Fact]
    public async Task The_adapter_stores_searches_and_reads_memories_with_embeddings_through_PgBouncer()
    {
        await using var database = await postgres.CreateDatabaseAsync();
        await using var bouncer = await PgBouncerServer.StartAsync(postgres.AdminConnectionString, ServerConnections);
        await using var eliza = await bouncer.OpenElizaDatabaseAsync(database, maxPoolSize: 8);
        await using var adapter = new ElizaDatabaseAdapter(eliza, Guid.NewGuid());
        Assert.Equal(MigrationOutcome.Applied, (await adapter.InitAsync())[PluginSqlSchema.Plugin.Name].Outcome);
        Assert.True(await adapter.CreateAgentAsync(new Agent { Id = adapter.AgentId, Name = "Bounced" }));
        var worldId = await adapter.CreateWorldAsync(new World { Name = "World" });
        var roomId = (await adapter.CreateRoomsAsync([new Room { Source = "test", Type = "GROUP", WorldId = worldId, Name = "Room" }]))[0];
        var entityId = Guid.NewGuid();
        Assert.True(await adapter.CreateEntitiesAsync([new Entity { Id = entityId, Names = ["Someone"] }]));
        await adapter.AddParticipantAsync(entityId, roomId);

        var query = Vector(1);
        var vectors = Enumerable.Range(0, 24).Select(i => i < 3 ? Near(query, 100 + i, 0.05 * (i + 1)) : Vector(200 + i)).ToArray();
        // Concurrent writes: more client connections than PgBouncer has server connections.
        var ids = await Task.WhenAll(vectors.Select((v, i) => adapter.CreateMemoryAsync(new Memory
        {
            EntityId = entityId,
            RoomId = roomId,
            WorldId = worldId,
            Content = new JsonObject { ["text"] = $"memory {i}" },
            Embedding = v,
            Unique = true,
        }, "messages")));

        var found = await adapter.SearchMemoriesAsync("messages", query, count: 5);
        Assert.Equal(5, found.Count);
        Assert.Equal(ids.Take(3), found.Take(3).Select(m => m.Id!.Value));
        for (var i = 1; i < found.Count; i++) Assert.True(found[i - 1].Similarity >= found[i].Similarity);

        var all = await adapter.GetMemoriesAsync(new MemoryQuery("messages") { RoomId = roomId });
        Assert.Equal(ids.Order(), all.Select(m => m.Id!.Value).Order());
        foreach (var memory in all)
        {
            var index = Array.IndexOf(ids, memory.Id!.Value);
            Assert.Equal(vectors[index], memory.Embedding);
            Assert.Equal($"memory {index}", (string?)memory.Content["text"]);
        }
        var one = await adapter.GetMemoryByIdAsync(ids[5]);
        Assert.Equal(vectors[5], one!.Embedding);
        Assert.Equal(24L, await adapter.CountMemoriesAsync(roomId, unique: true, tableName: "messages"));
        Assert.Equal("Bounced", (await adapter.GetAgentAsync(adapter.AgentId))!.Name);
    }

    [Fact]
    public async Task The_transaction_pooler_option_turns_off_the_reset_and_automatic_preparation_unless_the_connection_string_sets_them()
    {
        // Opening an ElizaDatabase on an external server connects nowhere yet: the settings can be read at once.
        const string server = "Host=127.0.0.1;Port=1;Username=app;Database=pooled";
        await using var pooled = await ElizaDatabase.OpenAsync(new ElizaDatabaseOptions
        {
            ConnectionString = server,
            Pool = new ConnectionPoolOptions { TransactionPooler = true, ApplicationName = "pooler-option" },
            ShutdownSignals = ShutdownSignalBehavior.Ignore,
        });
        await using var plain = await ElizaDatabase.OpenAsync(new ElizaDatabaseOptions
        {
            ConnectionString = server,
            Pool = new ConnectionPoolOptions { ApplicationName = "pooler-option-off" },
            ShutdownSignals = ShutdownSignalBehavior.Ignore,
        });
        await using var written = await ElizaDatabase.OpenAsync(new ElizaDatabaseOptions
        {
            ConnectionString = server + ";Max Auto Prepare=5",
            Pool = new ConnectionPoolOptions { TransactionPooler = true, ApplicationName = "pooler-option-written" },
            ShutdownSignals = ShutdownSignalBehavior.Ignore,
        });

        var pooledSettings = new NpgsqlConnectionStringBuilder(pooled.DataSource.ConnectionString);
        Assert.True(pooledSettings.NoResetOnClose);
        Assert.Equal(0, pooledSettings.MaxAutoPrepare);
        Assert.False(new NpgsqlConnectionStringBuilder(plain.DataSource.ConnectionString).NoResetOnClose);
        var writtenSettings = new NpgsqlConnectionStringBuilder(written.DataSource.ConnectionString);
        Assert.Equal(5, writtenSettings.MaxAutoPrepare);
        Assert.True(writtenSettings.NoResetOnClose);
    }

    private static float[] Vector(int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, 384).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
    }

    private static float[] Near(float[] vector, int seed, double noise)
    {
        var random = new Random(seed);
        return vector.Select(x => (float)(x + (random.NextDouble() * 2 - 1) * noise)).ToArray();
    }
}
