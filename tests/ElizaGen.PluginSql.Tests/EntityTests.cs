using System.Text.Json.Nodes;
using ElizaGen.PluginSql.Models;

namespace ElizaGen.PluginSql.Tests;

public sealed class EntityTests(AdapterDatabase db) : IClassFixture<AdapterDatabase>
{
    [Fact]
    public async Task Creates_and_reads_entities_with_normalised_names_and_their_components()
    {
        var s = await Scene.CreateAsync(db);
        var id = Guid.NewGuid();
        Assert.True(await s.Adapter.CreateEntitiesAsync([new Entity { Id = id, Names = ["Ada", "", "  ", "Lovelace"], Metadata = new JsonObject { ["role"] = "x" } }]));
        var componentId = Guid.NewGuid();
        await s.Adapter.CreateComponentAsync(new Component { Id = componentId, EntityId = id, RoomId = s.RoomId, Type = "profile", Data = new JsonObject { ["age"] = 36 } });

        var entity = Assert.Single(await s.Adapter.GetEntitiesByIdsAsync([id, Guid.NewGuid()]));

        Assert.Equal(["Ada", "Lovelace"], entity.Names);
        Assert.Equal(s.Adapter.AgentId, entity.AgentId);
        Assert.Equal("x", (string?)entity.Metadata!["role"]);
        var component = Assert.Single(entity.Components!);
        Assert.Equal(componentId, component.Id);
        Assert.Equal(36, (int)component.Data!["age"]!);
    }

    [Fact]
    public async Task Creating_an_existing_id_leaves_the_entity_as_it_was()
    {
        var s = await Scene.CreateAsync(db);
        var id = Guid.NewGuid();
        Assert.True(await s.Adapter.CreateEntitiesAsync([new Entity { Id = id, Names = ["First"] }]));
        Assert.True(await s.Adapter.CreateEntitiesAsync([new Entity { Id = id, Names = ["Second"] }, new Entity { Id = Guid.NewGuid(), Names = ["Other"] }]));
        Assert.Equal(["First"], (await s.Adapter.GetEntitiesByIdsAsync([id]))[0].Names);
    }

    [Fact]
    public async Task Lists_the_agents_entities_of_a_room()
    {
        var s = await Scene.CreateAsync(db);
        var second = Guid.NewGuid();
        await s.Adapter.CreateEntitiesAsync([new Entity { Id = second, Names = ["Second"] }]);
        await s.Adapter.AddParticipantAsync(second, s.RoomId);
        await s.Adapter.CreateComponentAsync(new Component { Id = Guid.NewGuid(), EntityId = second, RoomId = s.RoomId, Type = "t" });

        var plain = await s.Adapter.GetEntitiesForRoomAsync(s.RoomId);
        Assert.Equal(new[] { s.EntityId, second }.Order(), plain.Select(e => e.Id).Order());
        Assert.All(plain, e => Assert.Null(e.Components));

        var withComponents = await s.Adapter.GetEntitiesForRoomAsync(s.RoomId, includeComponents: true);
        Assert.Single(withComponents.Single(e => e.Id == second).Components!);
        Assert.Empty(withComponents.Single(e => e.Id == s.EntityId).Components!);
    }

    [Fact]
    public async Task Updates_and_deletes_an_entity_with_its_components()
    {
        var s = await Scene.CreateAsync(db);
        var other = Guid.NewGuid();
        await s.Adapter.CreateEntitiesAsync([new Entity { Id = other, Names = ["Other"] }]);
        var owned = Guid.NewGuid();
        var sourced = Guid.NewGuid();
        await s.Adapter.CreateComponentAsync(new Component { Id = owned, EntityId = s.EntityId, RoomId = s.RoomId, Type = "a" });
        await s.Adapter.CreateComponentAsync(new Component { Id = sourced, EntityId = other, SourceEntityId = s.EntityId, RoomId = s.RoomId, Type = "b" });

        await s.Adapter.UpdateEntityAsync(new Entity { Id = s.EntityId, Names = ["Renamed"], Metadata = new JsonObject { ["k"] = 1 } });
        var updated = (await s.Adapter.GetEntitiesByIdsAsync([s.EntityId]))[0];
        Assert.Equal(["Renamed"], updated.Names);
        Assert.Equal(1, (int)updated.Metadata!["k"]!);

        await s.Adapter.DeleteEntityAsync(s.EntityId);
        Assert.Empty(await s.Adapter.GetEntitiesByIdsAsync([s.EntityId]));
        Assert.Empty(await s.Adapter.GetComponentsAsync(other));
        Assert.Empty(await s.Adapter.GetParticipantsForRoomAsync(s.RoomId));
    }

    [Fact]
    public async Task Finds_entities_by_exact_names_and_by_partial_case_insensitive_search()
    {
        var s = await Scene.CreateAsync(db);
        var agent = s.Adapter.AgentId;
        await s.Adapter.CreateEntitiesAsync([
            new Entity { Id = Guid.NewGuid(), Names = ["Alice Smith", "ally"] },
            new Entity { Id = Guid.NewGuid(), Names = ["Bob"] },
            new Entity { Id = Guid.NewGuid(), Names = ["MALLORY"] },
        ]);
        var stranger = await Scene.CreateAsync(db, "Stranger");
        await stranger.Adapter.CreateEntitiesAsync([new Entity { Id = Guid.NewGuid(), Names = ["Alice Smith"] }]);

        Assert.Equal(["Bob"], (await s.Adapter.GetEntitiesByNamesAsync(["Bob", "nobody"], agent)).SelectMany(e => e.Names));
        Assert.Single(await s.Adapter.GetEntitiesByNamesAsync(["Alice Smith"], agent));

        var search = await s.Adapter.SearchEntitiesByNameAsync("ALL", agent);
        Assert.Equal(2, search.Count);
        Assert.Single(await s.Adapter.SearchEntitiesByNameAsync("all", agent, limit: 1));
        Assert.Empty(await s.Adapter.SearchEntitiesByNameAsync("100%", agent));
        Assert.Equal(4, (await s.Adapter.SearchEntitiesByNameAsync("", agent)).Count);
    }
}

public sealed class ComponentTests(AdapterDatabase db) : IClassFixture<AdapterDatabase>
{
    [Fact]
    public async Task Gets_by_type_world_and_source_updates_and_deletes()
    {
        var s = await Scene.CreateAsync(db);
        var source = Guid.NewGuid();
        await s.Adapter.CreateEntitiesAsync([new Entity { Id = source, Names = ["Source"] }]);
        var inWorld = new Component { Id = Guid.NewGuid(), EntityId = s.EntityId, RoomId = s.RoomId, WorldId = s.WorldId, SourceEntityId = source, Type = "profile", Data = new JsonObject { ["v"] = 1 } };
        var plain = new Component { Id = Guid.NewGuid(), EntityId = s.EntityId, RoomId = s.RoomId, Type = "settings" };
        Assert.True(await s.Adapter.CreateComponentAsync(inWorld));
        Assert.True(await s.Adapter.CreateComponentAsync(plain));

        Assert.Equal(inWorld.Id, (await s.Adapter.GetComponentAsync(s.EntityId, "profile"))!.Id);
        Assert.Equal(inWorld.Id, (await s.Adapter.GetComponentAsync(s.EntityId, "profile", s.WorldId, source))!.Id);
        Assert.Null(await s.Adapter.GetComponentAsync(s.EntityId, "profile", Guid.NewGuid()));
        Assert.Null(await s.Adapter.GetComponentAsync(s.EntityId, "missing"));
        Assert.Equal(2, (await s.Adapter.GetComponentsAsync(s.EntityId)).Count);
        Assert.Single(await s.Adapter.GetComponentsAsync(s.EntityId, s.WorldId));
        Assert.Single(await s.Adapter.GetComponentsAsync(s.EntityId, sourceEntityId: source));

        var created = (await s.Adapter.GetComponentAsync(s.EntityId, "profile"))!.CreatedAt;
        await s.Adapter.UpdateComponentAsync(inWorld with { Data = new JsonObject { ["v"] = 2 }, CreatedAt = DateTimeOffset.UnixEpoch });
        var updated = await s.Adapter.GetComponentAsync(s.EntityId, "profile");
        Assert.Equal(2, (int)updated!.Data!["v"]!);
        Assert.Equal(created, updated.CreatedAt);

        await s.Adapter.DeleteComponentAsync(inWorld.Id);
        Assert.Equal([plain.Id], (await s.Adapter.GetComponentsAsync(s.EntityId)).Select(c => c.Id));
    }
}
