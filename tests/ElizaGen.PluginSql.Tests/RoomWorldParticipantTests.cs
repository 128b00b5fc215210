using System.Text.Json.Nodes;
using ElizaGen.PluginSql.Models;

namespace ElizaGen.PluginSql.Tests;

public sealed class WorldTests(AdapterDatabase db) : IClassFixture<AdapterDatabase>
{
    [Fact]
    public async Task Creates_reads_lists_updates_and_removes_worlds()
    {
        await using var adapter = await db.NewAgentAsync();
        var id = await adapter.CreateWorldAsync(new World { Name = "Guild", Metadata = new JsonObject { ["ownership"] = new JsonObject { ["ownerId"] = "u1" } } });
        var second = await adapter.CreateWorldAsync(new World { Id = Guid.NewGuid(), Name = "Second" });
        Assert.Equal(id, await adapter.CreateWorldAsync(new World { Id = id, Name = "Ignored" }));

        var world = await adapter.GetWorldAsync(id);
        Assert.Equal("Guild", world!.Name);
        Assert.Equal(adapter.AgentId, world.AgentId);
        Assert.Equal("u1", (string?)world.Metadata!["ownership"]!["ownerId"]);
        Assert.Equal(new[] { id, second }.Order(), (await adapter.GetAllWorldsAsync()).Select(w => w.Id!.Value).Order());

        await adapter.UpdateWorldAsync(world with { Name = "Renamed", Metadata = new JsonObject { ["k"] = true } });
        Assert.Equal("Renamed", (await adapter.GetWorldAsync(id))!.Name);

        await adapter.RemoveWorldAsync(id);
        Assert.Null(await adapter.GetWorldAsync(id));
        Assert.Single(await adapter.GetAllWorldsAsync());
    }
}

public sealed class RoomTests(AdapterDatabase db) : IClassFixture<AdapterDatabase>
{
    [Fact]
    public async Task Creates_rooms_for_the_agent_and_reads_only_its_own()
    {
        await using var adapter = await db.NewAgentAsync();
        await using var other = await db.NewAgentAsync("Other");
        var world = await adapter.CreateWorldAsync(new World { Name = "W" });
        var ids = await adapter.CreateRoomsAsync([
            new Room { Source = "discord", Type = "GROUP", WorldId = world, Name = "general", ChannelId = "c1", Metadata = new JsonObject { ["topic"] = "x" }, AgentId = other.AgentId },
            new Room { Id = Guid.NewGuid(), Source = "discord", Type = "DM", WorldId = world },
        ]);
        var foreign = (await other.CreateRoomsAsync([new Room { Source = "x", Type = "GROUP", WorldId = world }]))[0];

        var rooms = await adapter.GetRoomsByIdsAsync([.. ids, foreign]);
        Assert.Equal(ids.Order(), rooms.Select(r => r.Id!.Value).Order());
        var general = rooms.Single(r => r.Name == "general");
        Assert.Equal(adapter.AgentId, general.AgentId);
        Assert.Equal("c1", general.ChannelId);
        Assert.Equal("x", (string?)general.Metadata!["topic"]);
        Assert.Equal(3, (await adapter.GetRoomsByWorldAsync(world)).Count);

        // An existing id is left as it is.
        await adapter.CreateRoomsAsync([new Room { Id = general.Id, Source = "other", Type = "GROUP" }]);
        Assert.Equal("discord", (await adapter.GetRoomsByIdsAsync([general.Id!.Value]))[0].Source);
    }

    [Fact]
    public async Task Updates_and_deletes_rooms_and_the_rooms_of_a_world()
    {
        var s = await Scene.CreateAsync(db);
        var memory = await s.Adapter.CreateMemoryAsync(new Memory { RoomId = s.RoomId, Embedding = Vectors.Random(1) }, "messages");
        await s.Adapter.LogAsync(new JsonObject { ["a"] = 1 }, s.EntityId, s.RoomId, "action");
        var room = (await s.Adapter.GetRoomsByIdsAsync([s.RoomId]))[0];

        await s.Adapter.UpdateRoomAsync(room with { Name = "renamed" });
        Assert.Equal("renamed", (await s.Adapter.GetRoomsByIdsAsync([s.RoomId]))[0].Name);

        var spare = (await s.Adapter.CreateRoomsAsync([new Room { Source = "t", Type = "GROUP" }]))[0];
        await s.Adapter.DeleteRoomAsync(spare);
        Assert.Empty(await s.Adapter.GetRoomsByIdsAsync([spare]));

        await s.Adapter.DeleteRoomsByWorldIdAsync(s.WorldId);
        Assert.Empty(await s.Adapter.GetRoomsByWorldAsync(s.WorldId));
        Assert.Null(await s.Adapter.GetMemoryByIdAsync(memory));
        Assert.Empty(await s.Adapter.GetLogsAsync(new LogQuery { RoomId = s.RoomId }));
        Assert.Empty(await s.Adapter.GetParticipantsForRoomAsync(s.RoomId));
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM embeddings WHERE memory_id = $1", memory));
    }
}

public sealed class ParticipantTests(AdapterDatabase db) : IClassFixture<AdapterDatabase>
{
    [Fact]
    public async Task Adds_lists_and_removes_participants_without_duplicates()
    {
        var s = await Scene.CreateAsync(db);
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        await s.Adapter.CreateEntitiesAsync([new Entity { Id = a, Names = ["A"] }, new Entity { Id = b, Names = ["B"] }]);
        var room2 = (await s.Adapter.CreateRoomsAsync([new Room { Source = "t", Type = "GROUP" }]))[0];

        Assert.True(await s.Adapter.AddParticipantsRoomAsync([a, b, a], s.RoomId));
        Assert.True(await s.Adapter.AddParticipantAsync(a, s.RoomId));
        Assert.True(await s.Adapter.AddParticipantAsync(a, room2));

        Assert.Equal(new[] { s.EntityId, a, b }.Order(), (await s.Adapter.GetParticipantsForRoomAsync(s.RoomId)).Order());
        Assert.Equal(2L, await db.ScalarAsync<long>("SELECT count(*) FROM participants WHERE entity_id = $1", a));
        Assert.True(await s.Adapter.IsRoomParticipantAsync(s.RoomId, a));
        Assert.Equal(new[] { s.RoomId, room2 }.Order(), (await s.Adapter.GetRoomsForParticipantAsync(a)).Order());
        Assert.Equal(new[] { s.RoomId, room2 }.Order(), (await s.Adapter.GetRoomsForParticipantsAsync([a, b])).Order());

        var participations = await s.Adapter.GetParticipantsForEntityAsync(a);
        Assert.Equal(2, participations.Count);
        Assert.All(participations, p => Assert.Equal(["A"], p.Entity.Names));
        Assert.Empty(await s.Adapter.GetParticipantsForEntityAsync(Guid.NewGuid()));

        Assert.True(await s.Adapter.RemoveParticipantAsync(a, s.RoomId));
        Assert.False(await s.Adapter.RemoveParticipantAsync(a, s.RoomId));
        Assert.False(await s.Adapter.IsRoomParticipantAsync(s.RoomId, a));
    }

    [Fact]
    public async Task Rooms_of_other_agents_are_not_listed_for_a_participant()
    {
        var mine = await Scene.CreateAsync(db);
        await using var other = await db.NewAgentAsync("Other");
        var foreignRoom = (await other.CreateRoomsAsync([new Room { Source = "t", Type = "GROUP" }]))[0];
        await other.AddParticipantAsync(mine.EntityId, foreignRoom);

        Assert.Equal([mine.RoomId], await mine.Adapter.GetRoomsForParticipantAsync(mine.EntityId));
    }

    [Fact]
    public async Task Follow_state_is_followed_muted_or_none()
    {
        var s = await Scene.CreateAsync(db);
        Assert.Null(await s.Adapter.GetParticipantUserStateAsync(s.RoomId, s.EntityId));

        await s.Adapter.SetParticipantUserStateAsync(s.RoomId, s.EntityId, ParticipantUserState.Followed);
        Assert.Equal(ParticipantUserState.Followed, await s.Adapter.GetParticipantUserStateAsync(s.RoomId, s.EntityId));
        Assert.Equal("FOLLOWED", await db.ScalarAsync<string>("SELECT room_state FROM participants WHERE room_id = $1 AND entity_id = $2", s.RoomId, s.EntityId));

        await s.Adapter.SetParticipantUserStateAsync(s.RoomId, s.EntityId, ParticipantUserState.Muted);
        Assert.Equal(ParticipantUserState.Muted, await s.Adapter.GetParticipantUserStateAsync(s.RoomId, s.EntityId));

        await s.Adapter.SetParticipantUserStateAsync(s.RoomId, s.EntityId, null);
        Assert.Null(await s.Adapter.GetParticipantUserStateAsync(s.RoomId, s.EntityId));
    }
}
