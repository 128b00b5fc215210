using System.Text.Json.Nodes;
using ElizaGen.PluginSql.Models;

namespace ElizaGen.PluginSql.Tests.Interop;

/// <summary>
/// What ElizaGen writes for the plugin to read back: every table of the schema, through the adapter's API, in the
/// spirit of eng/interop/dataset.mjs (two agents, unicode names, follow states, a document with fragments, 384-d
/// embeddings, every cache value kind, a threaded conversation).
/// </summary>
public static class ElizaGenDataset
{
    public static readonly Guid Alice = Guid.Parse("a11ce000-0000-4000-8000-000000000001");
    public static readonly Guid Bob = Guid.Parse("b0b00000-0000-4000-8000-000000000002");

    public static async Task FillAsync(ElizaDatabaseAdapter alice, ElizaDatabaseAdapter bob)
    {
        var at = new DateTimeOffset(2024, 3, 4, 5, 6, 7, TimeSpan.Zero);
        await alice.CreateAgentAsync(new Agent
        {
            Id = Alice, Name = "Alice", Username = "alice", System = "You are Alice.",
            Bio = new JsonArray("curious", "kind"), Topics = new JsonArray("maths"), Adjectives = new JsonArray("precise"),
            MessageExamples = new JsonArray(new JsonArray(new JsonObject { ["name"] = "{{user1}}", ["content"] = new JsonObject { ["text"] = "hello" } })),
            PostExamples = new JsonArray("a post"), Knowledge = new JsonArray("a fact"), Plugins = new JsonArray("@elizaos/plugin-sql"),
            Settings = new JsonObject { ["secrets"] = new JsonObject { ["KEY"] = "value" }, ["nested"] = new JsonObject { ["deep"] = new JsonArray(1, 2) } },
            Style = new JsonObject { ["all"] = new JsonArray("brief") }, CreatedAt = at, UpdatedAt = at,
        });
        await bob.CreateAgentAsync(new Agent { Id = Bob, Name = "Bob", CreatedAt = at, UpdatedAt = at });

        var (carol, dave, eve) = (Guid.Parse("c0000000-0000-4000-8000-000000000003"), Guid.Parse("d0000000-0000-4000-8000-000000000004"), Guid.Parse("e0000000-0000-4000-8000-000000000005"));
        await alice.CreateEntitiesAsync([
            new Entity { Id = Alice, Names = ["Alice"] },
            new Entity { Id = carol, Names = ["Carol", "Čarol 🐢"], Metadata = new JsonObject { ["discord"] = new JsonObject { ["id"] = "123" } } },
            new Entity { Id = dave, Names = [] },
        ]);
        await bob.CreateEntitiesAsync([new Entity { Id = Bob, Names = ["Bob"] }, new Entity { Id = eve, Names = ["Eve"] }]);

        var server = await alice.CreateMessageServerAsync("Central", "eliza_default", Guid.Parse("5e000000-0000-4000-8000-000000000006"), metadata: new JsonObject { ["region"] = "eu" });
        var other = await alice.CreateMessageServerAsync("Discord guild", "discord", Guid.Parse("5e000000-0000-4000-8000-000000000007"), "guild-1");
        await alice.AddAgentToMessageServerAsync(server.Id, Alice);
        await alice.AddAgentToMessageServerAsync(server.Id, Bob);
        await alice.AddAgentToMessageServerAsync(other.Id, Alice);

        var world = await alice.CreateWorldAsync(new World { Id = Guid.Parse("90000000-0000-4000-8000-000000000008"), Name = "World", MessageServerId = server.Id, Metadata = new JsonObject { ["ownership"] = new JsonObject { ["ownerId"] = carol.ToString() } } });
        var bobWorld = await bob.CreateWorldAsync(new World { Id = Guid.Parse("90000000-0000-4000-8000-000000000009"), Name = "Bob's" });
        var general = (await alice.CreateRoomsAsync([new Room { Id = Guid.Parse("70000000-0000-4000-8000-00000000000a"), Source = "discord", Type = "GROUP", WorldId = world, MessageServerId = server.Id, Name = "general", ChannelId = "chan-1", Metadata = new JsonObject { ["topic"] = "x" } }]))[0];
        var dm = (await alice.CreateRoomsAsync([new Room { Id = Guid.Parse("70000000-0000-4000-8000-00000000000b"), Source = "discord", Type = "DM", WorldId = world }]))[0];
        var bobRoom = (await bob.CreateRoomsAsync([new Room { Id = Guid.Parse("70000000-0000-4000-8000-00000000000c"), Source = "telegram", Type = "GROUP", WorldId = bobWorld }]))[0];

        await alice.CreateComponentAsync(new Component { Id = Guid.Parse("c0c00000-0000-4000-8000-00000000000d"), EntityId = carol, RoomId = general, WorldId = world, SourceEntityId = Alice, Type = "profile", Data = new JsonObject { ["age"] = 30 }, CreatedAt = at });
        await alice.CreateComponentAsync(new Component { Id = Guid.Parse("c0c00000-0000-4000-8000-00000000000e"), EntityId = dave, RoomId = dm, Type = "settings", CreatedAt = at });

        await alice.AddParticipantsRoomAsync([Alice, carol, dave], general);
        await alice.AddParticipantAsync(carol, dm);
        await bob.AddParticipantsRoomAsync([Bob, eve], bobRoom);
        await alice.SetParticipantUserStateAsync(general, carol, ParticipantUserState.Followed);
        await alice.SetParticipantUserStateAsync(dm, carol, ParticipantUserState.Muted);

        await alice.CreateRelationshipAsync(Alice, carol, ["friend", "colleague"], new JsonObject { ["since"] = 2020 });
        await alice.CreateRelationshipAsync(carol, dave, ["sibling"]);
        await bob.CreateRelationshipAsync(Bob, eve, []);

        var vectors = new Random(42);
        float[] Vector() => Enumerable.Range(0, 384).Select(_ => (float)Math.Round(vectors.NextDouble(), 6)).ToArray();
        var document = Guid.Parse("d0c00000-0000-4000-8000-00000000000f");
        var memories = new (ElizaDatabaseAdapter By, string Table, Memory Memory)[]
        {
            (alice, "messages", new Memory { Id = Guid.Parse("3e000000-0000-4000-8000-000000000010"), EntityId = carol, RoomId = general, WorldId = world, Content = new JsonObject { ["text"] = "hello Alice", ["source"] = "discord" }, Embedding = Vector(), CreatedAt = at, Unique = true }),
            (alice, "messages", new Memory { Id = Guid.Parse("3e000000-0000-4000-8000-000000000011"), EntityId = Alice, RoomId = general, WorldId = world, Content = new JsonObject { ["text"] = "hello Carol", ["actions"] = new JsonArray("REPLY") }, Embedding = Vector(), CreatedAt = at.AddSeconds(1) }),
            (alice, "messages", new Memory { Id = Guid.Parse("3e000000-0000-4000-8000-000000000012"), EntityId = carol, RoomId = dm, Content = new JsonObject { ["text"] = "no vector" }, CreatedAt = at.AddSeconds(2), Unique = false }),
            (alice, "facts", new Memory { Id = Guid.Parse("3e000000-0000-4000-8000-000000000013"), EntityId = carol, RoomId = general, Content = new JsonObject { ["text"] = "Carol likes tea" }, Embedding = Vector(), CreatedAt = at.AddSeconds(3) }),
            (alice, "documents", new Memory { Id = document, RoomId = general, Content = new JsonObject { ["text"] = "a document" }, Metadata = new JsonObject { ["type"] = "document", ["timestamp"] = 1700000000000 }, Embedding = Vector(), CreatedAt = at.AddSeconds(4) }),
            (alice, "knowledge", new Memory { Id = Guid.Parse("3e000000-0000-4000-8000-000000000014"), RoomId = general, Content = new JsonObject { ["text"] = "part one" }, Metadata = new JsonObject { ["type"] = "fragment", ["documentId"] = document.ToString(), ["position"] = 0 }, Embedding = Vector(), CreatedAt = at.AddSeconds(5) }),
            (alice, "knowledge", new Memory { Id = Guid.Parse("3e000000-0000-4000-8000-000000000015"), RoomId = general, Content = new JsonObject { ["text"] = "part two" }, Metadata = new JsonObject { ["type"] = "fragment", ["documentId"] = document.ToString(), ["position"] = 1 }, Embedding = Vector(), CreatedAt = at.AddSeconds(6) }),
            (bob, "messages", new Memory { Id = Guid.Parse("3e000000-0000-4000-8000-000000000016"), EntityId = eve, RoomId = bobRoom, WorldId = bobWorld, Content = new JsonObject { ["text"] = "bonjour 👋" }, Embedding = Vector(), CreatedAt = at.AddSeconds(7) }),
        };
        foreach (var (by, table, memory) in memories) await by.CreateMemoryAsync(memory, table);

        await alice.SetCacheAsync("string", JsonValue.Create("text"));
        await alice.SetCacheAsync("number", JsonValue.Create(42));
        await alice.SetCacheAsync("array", new JsonArray(1, "two", new JsonObject { ["three"] = 3 }));
        await alice.SetCacheAsync("shared", new JsonObject { ["owner"] = "alice" });
        await bob.SetCacheAsync("shared", new JsonObject { ["owner"] = "bob" });

        await alice.CreateTaskAsync(new AgentTask { Id = Guid.Parse("7a000000-0000-4000-8000-000000000017"), Name = "follow up", RoomId = general, WorldId = world, Tags = ["queue", "repeat"], Metadata = new JsonObject { ["updateInterval"] = 60000 } });
        await bob.CreateTaskAsync(new AgentTask { Id = Guid.Parse("7a000000-0000-4000-8000-000000000018"), Name = "digest", WorldId = bobWorld, Description = "daily", Tags = ["queue"] });

        await alice.LogAsync(new JsonObject { ["action"] = "REPLY", ["runId"] = "run-1", ["result"] = new JsonObject { ["success"] = true } }, carol, general, "action");
        await alice.LogAsync(new JsonObject { ["runId"] = "run-1", ["status"] = "started" }, Alice, general, "run_event");
        await bob.LogAsync(new JsonObject { ["evaluator"] = "reflection" }, eve, bobRoom, "evaluator");

        var channel = await alice.CreateChannelAsync(new NewChannel(server.Id, "general", "GROUP") { Id = Guid.Parse("c4000000-0000-4000-8000-000000000019"), Topic = "chat", SourceType = "discord", Metadata = new JsonObject { ["pinned"] = false } }, [carol, Alice]);
        var dmChannel = await alice.FindOrCreateDmChannelAsync(carol, dave, server.Id);
        await alice.AddChannelParticipantsAsync(channel.Id, [dave]);
        var root = await alice.CreateMessageAsync(new NewMessage(channel.Id, carol, "first!") { MessageId = Guid.Parse("3c000000-0000-4000-8000-00000000001a"), SourceType = "discord", RawMessage = new JsonObject { ["raw"] = true } });
        await alice.CreateMessageAsync(new NewMessage(channel.Id, Alice, "a reply") { MessageId = Guid.Parse("3c000000-0000-4000-8000-00000000001b"), InReplyToRootMessageId = root.Id, Metadata = new JsonObject { ["k"] = "v" } });
        await alice.CreateMessageAsync(new NewMessage(dmChannel.Id, dave, "psst") { MessageId = Guid.Parse("3c000000-0000-4000-8000-00000000001c") });
    }
}
