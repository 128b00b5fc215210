using System.Text.Json.Nodes;
using ElizaGen.PluginSql.Models;

namespace ElizaGen.PluginSql.Tests;

public sealed class RelationshipTests(AdapterDatabase db) : IClassFixture<AdapterDatabase>
{
    [Fact]
    public async Task Creates_reads_by_entity_and_by_tag_overlap_and_updates()
    {
        var s = await Scene.CreateAsync(db);
        var friend = Guid.NewGuid();
        var colleague = Guid.NewGuid();
        await s.Adapter.CreateEntitiesAsync([new Entity { Id = friend, Names = ["F"] }, new Entity { Id = colleague, Names = ["C"] }]);

        Assert.True(await s.Adapter.CreateRelationshipAsync(s.EntityId, friend, ["friend", "close"], new JsonObject { ["since"] = 2020 }));
        Assert.True(await s.Adapter.CreateRelationshipAsync(colleague, s.EntityId, ["colleague"]));
        Assert.False(await s.Adapter.CreateRelationshipAsync(s.EntityId, friend, ["again"]));

        var relationship = await s.Adapter.GetRelationshipAsync(s.EntityId, friend);
        Assert.NotNull(relationship);
        Assert.Equal(["friend", "close"], relationship.Tags);
        Assert.Equal(2020, (int)relationship.Metadata["since"]!);
        Assert.Equal(s.Adapter.AgentId, relationship.AgentId);
        Assert.Null(await s.Adapter.GetRelationshipAsync(friend, s.EntityId));

        Assert.Equal(2, (await s.Adapter.GetRelationshipsAsync(s.EntityId)).Count);
        Assert.Equal([friend], (await s.Adapter.GetRelationshipsAsync(s.EntityId, ["close", "enemy"])).Select(r => r.TargetEntityId));
        Assert.Empty(await s.Adapter.GetRelationshipsAsync(s.EntityId, ["enemy"]));

        await s.Adapter.UpdateRelationshipAsync(relationship with { Tags = ["enemy"], Metadata = new JsonObject { ["why"] = "x" } });
        var updated = await s.Adapter.GetRelationshipAsync(s.EntityId, friend);
        Assert.Equal(["enemy"], updated!.Tags);
        Assert.Equal("x", (string?)updated.Metadata["why"]);
    }
}

public sealed class CacheTests(AdapterDatabase db) : IClassFixture<AdapterDatabase>
{
    [Fact]
    public async Task Sets_gets_replaces_and_deletes_values_of_any_json_kind()
    {
        await using var adapter = await db.NewAgentAsync();
        Assert.Null(await adapter.GetCacheAsync("missing"));

        Assert.True(await adapter.SetCacheAsync("string", JsonValue.Create("text")));
        Assert.True(await adapter.SetCacheAsync("number", JsonValue.Create(42.5)));
        Assert.True(await adapter.SetCacheAsync("array", new JsonArray(1, "two")));
        Assert.True(await adapter.SetCacheAsync("object", new JsonObject { ["a"] = new JsonObject { ["b"] = 1 } }));

        Assert.Equal("text", (string?)await adapter.GetCacheAsync("string"));
        Assert.Equal(42.5, (double)(await adapter.GetCacheAsync("number"))!);
        Assert.True(JsonNode.DeepEquals(new JsonArray(1, "two"), await adapter.GetCacheAsync("array")));
        Assert.Equal(1, (int)(await adapter.GetCacheAsync("object"))!["a"]!["b"]!);

        await adapter.SetCacheAsync("string", JsonValue.Create("replaced"));
        Assert.Equal("replaced", (string?)await adapter.GetCacheAsync("string"));

        Assert.True(await adapter.DeleteCacheAsync("string"));
        Assert.False(await adapter.DeleteCacheAsync("string"));
        Assert.Null(await adapter.GetCacheAsync("string"));
    }

    [Fact]
    public async Task An_expired_entry_is_not_returned()
    {
        await using var adapter = await db.NewAgentAsync();
        await adapter.SetCacheAsync("expired", JsonValue.Create(1), DateTimeOffset.UtcNow.AddMinutes(-1));
        await adapter.SetCacheAsync("fresh", JsonValue.Create(2), DateTimeOffset.UtcNow.AddHours(1));

        Assert.Null(await adapter.GetCacheAsync("expired"));
        Assert.Equal(2, (int)(await adapter.GetCacheAsync("fresh"))!);

        // Setting it again without an expiry makes it live again.
        await adapter.SetCacheAsync("expired", JsonValue.Create(3));
        Assert.Equal(3, (int)(await adapter.GetCacheAsync("expired"))!);
    }

    [Fact]
    public async Task Each_agent_has_its_own_entries_under_the_same_key()
    {
        await using var one = await db.NewAgentAsync();
        await using var two = await db.NewAgentAsync();
        await one.SetCacheAsync("shared", JsonValue.Create("one"));
        await two.SetCacheAsync("shared", JsonValue.Create("two"));

        Assert.Equal("one", (string?)await one.GetCacheAsync("shared"));
        Assert.Equal("two", (string?)await two.GetCacheAsync("shared"));
    }
}

public sealed class TaskTests(AdapterDatabase db) : IClassFixture<AdapterDatabase>
{
    [Fact]
    public async Task Creates_and_finds_tasks_by_room_tags_entity_and_name()
    {
        var s = await Scene.CreateAsync(db);
        var a = await s.Adapter.CreateTaskAsync(new AgentTask { Name = "follow", RoomId = s.RoomId, WorldId = s.WorldId, EntityId = s.EntityId, Tags = ["queue", "repeat"], Metadata = new JsonObject { ["updateInterval"] = 1000 } });
        var b = await s.Adapter.CreateTaskAsync(new AgentTask { Name = "follow", Tags = ["queue"] });
        var c = await s.Adapter.CreateTaskAsync(new AgentTask { Name = "other", RoomId = s.RoomId, Description = "d" });
        await using var stranger = await db.NewAgentAsync();
        await stranger.CreateTaskAsync(new AgentTask { Name = "follow", Tags = ["queue"] });

        var task = await s.Adapter.GetTaskAsync(a);
        Assert.Equal("follow", task!.Name);
        Assert.Equal(s.EntityId, task.EntityId);
        Assert.Equal(["queue", "repeat"], task.Tags);
        Assert.Equal(1000, (int)task.Metadata!["updateInterval"]!);
        Assert.Null(await stranger.GetTaskAsync(a));

        Assert.Equal(new[] { a, b, c }.Order(), (await s.Adapter.GetTasksAsync()).Select(t => t.Id!.Value).Order());
        Assert.Equal(new[] { a, c }.Order(), (await s.Adapter.GetTasksAsync(roomId: s.RoomId)).Select(t => t.Id!.Value).Order());
        Assert.Equal(new[] { a, b }.Order(), (await s.Adapter.GetTasksAsync(tags: ["queue"])).Select(t => t.Id!.Value).Order());
        Assert.Equal([a], (await s.Adapter.GetTasksAsync(tags: ["queue", "repeat"])).Select(t => t.Id!.Value));
        Assert.Equal([a], (await s.Adapter.GetTasksAsync(entityId: s.EntityId)).Select(t => t.Id!.Value));
        Assert.Equal(new[] { a, b }.Order(), (await s.Adapter.GetTasksByNameAsync("follow")).Select(t => t.Id!.Value).Order());
    }

    [Fact]
    public async Task Updates_and_deletes_tasks()
    {
        await using var adapter = await db.NewAgentAsync();
        var id = await adapter.CreateTaskAsync(new AgentTask { Name = "t", Tags = ["a"], Description = "keep" });
        var before = await adapter.GetTaskAsync(id);

        await adapter.UpdateTaskAsync(id, new AgentTaskUpdate { Name = "renamed", Tags = ["b"], Metadata = new JsonObject { ["x"] = 1 } });

        var after = await adapter.GetTaskAsync(id);
        Assert.Equal("renamed", after!.Name);
        Assert.Equal("keep", after.Description);
        Assert.Equal(["b"], after.Tags);
        Assert.Equal(1, (int)after.Metadata!["x"]!);
        Assert.True(after.UpdatedAt >= before!.UpdatedAt);

        await adapter.DeleteTaskAsync(id);
        Assert.Null(await adapter.GetTaskAsync(id));
    }
}

public sealed class LogTests(AdapterDatabase db) : IClassFixture<AdapterDatabase>
{
    [Fact]
    public async Task Logs_are_filtered_paged_newest_first_and_deleted()
    {
        var s = await Scene.CreateAsync(db);
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++) ids.Add(await s.Adapter.LogAsync(new JsonObject { ["i"] = i }, s.EntityId, s.RoomId, i % 2 == 0 ? "action" : "evaluator"));

        var all = await s.Adapter.GetLogsAsync(new LogQuery { RoomId = s.RoomId });
        Assert.Equal(5, all.Count);
        Assert.True(all.Zip(all.Skip(1)).All(p => p.First.CreatedAt >= p.Second.CreatedAt));
        Assert.Equal(3, (await s.Adapter.GetLogsAsync(new LogQuery { RoomId = s.RoomId, Type = "action" })).Count);
        Assert.Equal(5, (await s.Adapter.GetLogsAsync(new LogQuery { EntityId = s.EntityId })).Count);
        Assert.Equal(2, (await s.Adapter.GetLogsAsync(new LogQuery { RoomId = s.RoomId, Count = 2, Offset = 1 })).Count);
        Assert.Empty(await s.Adapter.GetLogsAsync(new LogQuery { RoomId = s.RoomId, Offset = 5 }));

        await s.Adapter.DeleteLogAsync(ids[0]);
        Assert.DoesNotContain(ids[0], (await s.Adapter.GetLogsAsync(new LogQuery { RoomId = s.RoomId })).Select(l => l.Id));
    }

    [Fact]
    public async Task Nul_characters_are_removed_from_bodies_and_nothing_else_changes()
    {
        var s = await Scene.CreateAsync(db);
        var body = new JsonObject
        {
            ["text"] = "a\0b",
            ["key\0name"] = "v",
            ["nested"] = new JsonArray("x\0", new JsonObject { ["deep"] = "\0" }),
            ["backslash"] = "a\\ b",
            ["unicode"] = "żółw 🐢",
        };

        await s.Adapter.LogAsync(body, s.EntityId, s.RoomId, "action");

        var stored = Assert.Single(await s.Adapter.GetLogsAsync(new LogQuery { RoomId = s.RoomId })).Body;
        var expected = new JsonObject
        {
            ["text"] = "ab",
            ["keyname"] = "v",
            ["nested"] = new JsonArray("x", new JsonObject { ["deep"] = "" }),
            ["backslash"] = "a\\ b",
            ["unicode"] = "żółw 🐢",
        };
        Assert.True(JsonNode.DeepEquals(expected, stored), stored.ToJsonString());
    }
}
