using System.Text.Json.Nodes;
using ElizaGen.PluginSql.Models;

namespace ElizaGen.PluginSql.Tests;

public sealed class CascadeDeleteTests(AdapterDatabase db) : IClassFixture<AdapterDatabase>
{
    private static readonly string[] AgentOwnedTables =
        ["entities", "components", "memories", "embeddings", "rooms", "participants", "worlds", "relationships", "cache", "tasks", "logs", "message_server_agents"];

    [Fact]
    public async Task Deleting_an_agent_deletes_everything_it_owns_and_nothing_of_other_agents()
    {
        var doomed = await FillAsync("Doomed");
        var kept = await FillAsync("Kept");
        var before = await CountsAsync();

        Assert.True(await kept.Adapter.DeleteAgentAsync(doomed.Adapter.AgentId));

        var after = await CountsAsync();
        foreach (var table in AgentOwnedTables)
        {
            Assert.True(before[table] > 0, table);
            Assert.Equal(before[table] / 2, after[table]);
        }
        Assert.NotNull(await kept.Adapter.GetAgentAsync(kept.Adapter.AgentId));
        Assert.Single(await kept.Adapter.SearchMemoriesAsync("messages", Vectors.Random(1)));
        Assert.Equal(1L, await db.ScalarAsync<long>("SELECT count(*) FROM message_servers"));
    }

    private async Task<Scene> FillAsync(string name)
    {
        var s = await Scene.CreateAsync(db, name);
        var other = Guid.NewGuid();
        await s.Adapter.CreateEntitiesAsync([new Entity { Id = other, Names = ["Other"] }]);
        await s.Adapter.CreateComponentAsync(new Component { Id = Guid.NewGuid(), EntityId = s.EntityId, RoomId = s.RoomId, WorldId = s.WorldId, Type = "c" });
        await s.Adapter.CreateMemoryAsync(new Memory { RoomId = s.RoomId, EntityId = s.EntityId, Embedding = Vectors.Random(1), Content = new JsonObject { ["text"] = name } }, "messages");
        await s.Adapter.CreateRelationshipAsync(s.EntityId, other, ["friend"]);
        await s.Adapter.SetCacheAsync("key", JsonValue.Create(name));
        await s.Adapter.CreateTaskAsync(new AgentTask { Name = "task", RoomId = s.RoomId });
        await s.Adapter.LogAsync(new JsonObject { ["n"] = name }, s.EntityId, s.RoomId, "action");
        var server = await s.Adapter.CreateMessageServerAsync("shared", "test", Guid.Parse("00000000-0000-0000-0000-00000000beef"));
        await s.Adapter.AddAgentToMessageServerAsync(server.Id, s.Adapter.AgentId);
        return s;
    }

    private async Task<Dictionary<string, long>> CountsAsync()
    {
        var counts = new Dictionary<string, long>();
        foreach (var table in AgentOwnedTables) counts[table] = await db.ScalarAsync<long>($"SELECT count(*) FROM {table}");
        return counts;
    }
}

/// <summary>Alone in its database: it deletes every agent.</summary>
public sealed class CleanupTests(AdapterDatabase db) : IClassFixture<AdapterDatabase>
{
    [Fact]
    public async Task Cleanup_deletes_every_agent_and_what_they_own()
    {
        var a = await Scene.CreateAsync(db, "A");
        await Scene.CreateAsync(db, "B");
        await a.Adapter.CreateMemoryAsync(new Memory { RoomId = a.RoomId, Embedding = Vectors.Random(1) }, "messages");

        await a.Adapter.CleanupAgentsAsync();

        Assert.Equal(0L, await a.Adapter.CountAgentsAsync());
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM memories"));
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM embeddings"));
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM entities"));
    }
}
