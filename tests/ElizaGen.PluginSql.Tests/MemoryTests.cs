using System.Text.Json.Nodes;
using ElizaGen.PluginSql.Models;

namespace ElizaGen.PluginSql.Tests;

public sealed class MemoryTests(AdapterDatabase db) : IClassFixture<AdapterDatabase>
{
    private static Memory Message(Scene s, string text, DateTimeOffset? at = null, float[]? embedding = null, bool? unique = null) => new()
    {
        EntityId = s.EntityId,
        RoomId = s.RoomId,
        WorldId = s.WorldId,
        Content = new JsonObject { ["text"] = text },
        CreatedAt = at,
        Embedding = embedding,
        Unique = unique,
    };

    [Fact]
    public async Task Creates_and_reads_a_memory_with_its_embedding()
    {
        var s = await Scene.CreateAsync(db);
        var vector = Vectors.Random(1);
        var at = new DateTimeOffset(2024, 1, 2, 3, 4, 5, 678, TimeSpan.Zero).AddTicks(9 * 10);

        var id = await s.Adapter.CreateMemoryAsync(Message(s, "hello", at, vector) with { Metadata = new JsonObject { ["source"] = "test" } }, "messages");

        var memory = await s.Adapter.GetMemoryByIdAsync(id);
        Assert.NotNull(memory);
        Assert.Equal("hello", (string?)memory.Content["text"]);
        Assert.Equal("test", (string?)memory.Metadata!["source"]);
        Assert.Equal("messages", memory.TableName);
        Assert.Equal(s.Adapter.AgentId, memory.AgentId);
        Assert.Equal(s.RoomId, memory.RoomId);
        Assert.Equal(s.WorldId, memory.WorldId);
        Assert.Equal(s.EntityId, memory.EntityId);
        Assert.Equal(at, memory.CreatedAt);
        Assert.Equal(vector, memory.Embedding);
        Assert.True(memory.Unique);
    }

    [Fact]
    public async Task Create_is_idempotent_on_the_id_and_keeps_the_first_embedding()
    {
        var s = await Scene.CreateAsync(db);
        var id = Guid.NewGuid();
        var first = Vectors.Random(2);

        Assert.Equal(id, await s.Adapter.CreateMemoryAsync(Message(s, "first", embedding: first) with { Id = id }, "messages"));
        Assert.Equal(id, await s.Adapter.CreateMemoryAsync(Message(s, "second", embedding: Vectors.Random(3)) with { Id = id }, "messages"));

        var memory = await s.Adapter.GetMemoryByIdAsync(id);
        Assert.Equal("first", (string?)memory!.Content["text"]);
        Assert.Equal(first, memory.Embedding);
        Assert.Equal(1L, await db.ScalarAsync<long>("SELECT count(*) FROM embeddings WHERE memory_id = $1", id));
    }

    [Fact]
    public async Task Unique_is_computed_from_a_similarity_search_when_not_given()
    {
        var s = await Scene.CreateAsync(db);
        var vector = Vectors.Random(4);

        var original = await s.Adapter.CreateMemoryAsync(Message(s, "original", embedding: vector), "messages");
        var duplicate = await s.Adapter.CreateMemoryAsync(Message(s, "near copy", embedding: Vectors.Near(vector, 5, 0.001)), "messages");
        var different = await s.Adapter.CreateMemoryAsync(Message(s, "other", embedding: Vectors.Random(6)), "messages");
        var forced = await s.Adapter.CreateMemoryAsync(Message(s, "forced", embedding: vector, unique: true), "messages");
        var withoutEmbedding = await s.Adapter.CreateMemoryAsync(Message(s, "no vector"), "messages");

        Assert.True((await s.Adapter.GetMemoryByIdAsync(original))!.Unique);
        Assert.False((await s.Adapter.GetMemoryByIdAsync(duplicate))!.Unique);
        Assert.True((await s.Adapter.GetMemoryByIdAsync(different))!.Unique);
        Assert.True((await s.Adapter.GetMemoryByIdAsync(forced))!.Unique);
        Assert.True((await s.Adapter.GetMemoryByIdAsync(withoutEmbedding))!.Unique);
    }

    [Fact]
    public async Task Get_filters_orders_newest_first_and_pages()
    {
        var s = await Scene.CreateAsync(db);
        var start = new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 10; i++)
        {
            await s.Adapter.CreateMemoryAsync(Message(s, "m" + i, start.AddMinutes(i), unique: i % 2 == 0), "messages");
        }
        await s.Adapter.CreateMemoryAsync(Message(s, "fact", start) with { }, "facts");

        var all = await s.Adapter.GetMemoriesAsync(new MemoryQuery("messages") { RoomId = s.RoomId });
        Assert.Equal(Enumerable.Range(0, 10).Reverse().Select(i => "m" + i), all.Select(m => (string?)m.Content["text"]));

        var page = await s.Adapter.GetMemoriesAsync(new MemoryQuery("messages") { RoomId = s.RoomId, Count = 3, Offset = 2 });
        Assert.Equal(["m7", "m6", "m5"], page.Select(m => (string?)m.Content["text"]));

        var window = await s.Adapter.GetMemoriesAsync(new MemoryQuery("messages") { RoomId = s.RoomId, Start = start.AddMinutes(3), End = start.AddMinutes(5) });
        Assert.Equal(["m5", "m4", "m3"], window.Select(m => (string?)m.Content["text"]));

        var unique = await s.Adapter.GetMemoriesAsync(new MemoryQuery("messages") { RoomId = s.RoomId, Unique = true });
        Assert.Equal(5, unique.Count);

        Assert.Single(await s.Adapter.GetMemoriesAsync(new MemoryQuery("facts") { WorldId = s.WorldId, AgentId = s.Adapter.AgentId }));
        Assert.Empty(await s.Adapter.GetMemoriesAsync(new MemoryQuery("messages") { RoomId = Guid.NewGuid() }));
    }

    [Fact]
    public async Task Get_refuses_a_missing_table_name_and_a_negative_offset()
    {
        var s = await Scene.CreateAsync(db);
        var missing = await Assert.ThrowsAsync<ArgumentException>(() => s.Adapter.GetMemoriesAsync(new MemoryQuery("")));
        Assert.Contains("tableName is required", missing.Message, StringComparison.Ordinal);
        var negative = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => s.Adapter.GetMemoriesAsync(new MemoryQuery("messages") { Offset = -1 }));
        Assert.Contains("offset must be a non-negative number", negative.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => s.Adapter.CountMemoriesAsync(s.RoomId, true, ""));
    }

    [Fact]
    public async Task Reads_by_ids_by_rooms_and_by_world()
    {
        var s = await Scene.CreateAsync(db);
        var otherRoom = (await s.Adapter.CreateRoomsAsync([new Room { Source = "test", Type = "DM", WorldId = s.WorldId }]))[0];
        var a = await s.Adapter.CreateMemoryAsync(Message(s, "a"), "messages");
        var b = await s.Adapter.CreateMemoryAsync(Message(s, "b") with { RoomId = otherRoom }, "messages");
        var c = await s.Adapter.CreateMemoryAsync(Message(s, "c"), "facts");

        Assert.Equal(3, (await s.Adapter.GetMemoriesByIdsAsync([a, b, c, Guid.NewGuid()])).Count);
        Assert.Equal([b, a], (await s.Adapter.GetMemoriesByIdsAsync([a, b, c], "messages")).Select(m => m.Id!.Value).OrderByDescending(x => x == b));
        Assert.Equal(2, (await s.Adapter.GetMemoriesByRoomIdsAsync([s.RoomId, otherRoom], "messages")).Count);
        Assert.Single(await s.Adapter.GetMemoriesByRoomIdsAsync([s.RoomId, otherRoom], "messages", limit: 1));
        Assert.Equal(2, (await s.Adapter.GetMemoriesByWorldIdAsync(s.WorldId)).Count);
        Assert.Single(await s.Adapter.GetMemoriesByWorldIdAsync(s.WorldId, tableName: "facts"));
        Assert.Null(await s.Adapter.GetMemoryByIdAsync(Guid.NewGuid()));
    }

    [Fact]
    public async Task Update_changes_content_metadata_and_embedding()
    {
        var s = await Scene.CreateAsync(db);
        var id = await s.Adapter.CreateMemoryAsync(Message(s, "before"), "messages");
        var vector = Vectors.Random(7);

        Assert.True(await s.Adapter.UpdateMemoryAsync(new MemoryUpdate(id) { Content = new JsonObject { ["text"] = "after" }, Embedding = vector }));
        Assert.True(await s.Adapter.UpdateMemoryAsync(new MemoryUpdate(id) { Metadata = new JsonObject { ["tag"] = "x" } }));
        Assert.False(await s.Adapter.UpdateMemoryAsync(new MemoryUpdate(Guid.NewGuid()) { Content = [] }));

        var memory = await s.Adapter.GetMemoryByIdAsync(id);
        Assert.Equal("after", (string?)memory!.Content["text"]);
        Assert.Equal("x", (string?)memory.Metadata!["tag"]);
        Assert.Equal(vector, memory.Embedding);

        var replaced = Vectors.Random(8);
        await s.Adapter.UpdateMemoryAsync(new MemoryUpdate(id) { Embedding = replaced });
        Assert.Equal(replaced, (await s.Adapter.GetMemoryByIdAsync(id))!.Embedding);
        Assert.Equal(1L, await db.ScalarAsync<long>("SELECT count(*) FROM embeddings WHERE memory_id = $1", id));
    }

    [Fact]
    public async Task Deleting_a_document_deletes_its_fragments_and_their_embeddings()
    {
        var s = await Scene.CreateAsync(db);
        var document = await s.Adapter.CreateMemoryAsync(Message(s, "doc", embedding: Vectors.Random(9)) with { Metadata = new JsonObject { ["type"] = "document", ["timestamp"] = 1 } }, "documents");
        var fragments = new List<Guid>();
        for (var i = 0; i < 2; i++)
        {
            fragments.Add(await s.Adapter.CreateMemoryAsync(Message(s, "part" + i, embedding: Vectors.Random(10 + i)) with
            {
                Metadata = new JsonObject { ["type"] = "fragment", ["documentId"] = document.ToString(), ["position"] = i },
            }, "knowledge"));
        }
        var unrelated = await s.Adapter.CreateMemoryAsync(Message(s, "keep", embedding: Vectors.Random(12)), "messages");

        await s.Adapter.DeleteMemoryAsync(document);

        Assert.Empty(await s.Adapter.GetMemoriesByIdsAsync([document, .. fragments]));
        Assert.NotNull(await s.Adapter.GetMemoryByIdAsync(unrelated));
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM embeddings WHERE memory_id = ANY($1)", new[] { document, fragments[0], fragments[1] }));
        Assert.Equal(1L, await db.ScalarAsync<long>("SELECT count(*) FROM embeddings WHERE memory_id = $1", unrelated));
    }

    [Fact]
    public async Task Document_and_fragment_metadata_need_their_keys()
    {
        var s = await Scene.CreateAsync(db);
        var document = await Assert.ThrowsAsync<ArgumentException>(() =>
            s.Adapter.CreateMemoryAsync(Message(s, "doc") with { Metadata = new JsonObject { ["type"] = "document" } }, "documents"));
        Assert.Contains("metadata.timestamp", document.Message, StringComparison.Ordinal);
        var fragment = await Assert.ThrowsAsync<ArgumentException>(() =>
            s.Adapter.CreateMemoryAsync(Message(s, "frag") with { Metadata = new JsonObject { ["type"] = "fragment", ["documentId"] = "x" } }, "knowledge"));
        Assert.Contains("metadata.documentId and metadata.position", fragment.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deletes_many_in_batches_and_all_of_a_room()
    {
        var s = await Scene.CreateAsync(db);
        var ids = await s.Adapter.CreateMemoriesAsync(
            Enumerable.Range(0, 2500).Select(i => Message(s, "bulk" + i, embedding: Vectors.Random(100 + i))), "messages");
        var fact = await s.Adapter.CreateMemoryAsync(Message(s, "fact"), "facts");
        Assert.Equal(2500L, await s.Adapter.CountMemoriesAsync(s.RoomId, unique: false, tableName: "messages"));

        await s.Adapter.DeleteManyMemoriesAsync(ids.Take(2100).ToList());
        Assert.Equal(400L, await s.Adapter.CountMemoriesAsync(s.RoomId, unique: false, tableName: "messages"));

        await s.Adapter.DeleteAllMemoriesAsync(s.RoomId, "messages");
        Assert.Equal(0L, await s.Adapter.CountMemoriesAsync(s.RoomId, unique: false, tableName: "messages"));
        Assert.NotNull(await s.Adapter.GetMemoryByIdAsync(fact));
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM embeddings WHERE memory_id = ANY($1)", ids.ToArray()));
    }

    [Fact]
    public async Task Count_counts_unique_memories_unless_told_otherwise()
    {
        var s = await Scene.CreateAsync(db);
        await s.Adapter.CreateMemoryAsync(Message(s, "u", unique: true), "messages");
        await s.Adapter.CreateMemoryAsync(Message(s, "n", unique: false), "messages");

        Assert.Equal(1L, await s.Adapter.CountMemoriesAsync(s.RoomId, tableName: "messages"));
        Assert.Equal(2L, await s.Adapter.CountMemoriesAsync(s.RoomId, unique: false, tableName: "messages"));
    }

    [Fact]
    public async Task Bulk_create_through_copy_writes_memories_and_embeddings()
    {
        var s = await Scene.CreateAsync(db);
        var memories = Enumerable.Range(0, 50).Select(i => Message(s, "copy" + i, new DateTimeOffset(2024, 1, 1, 0, 0, i, TimeSpan.Zero), i % 2 == 0 ? Vectors.Random(i) : null)).ToList();

        var ids = await s.Adapter.CreateMemoriesAsync(memories, "messages");

        Assert.Equal(50, ids.Count);
        var read = await s.Adapter.GetMemoriesByIdsAsync(ids);
        Assert.Equal(50, read.Count);
        var first = read.Single(m => m.Id == ids[0]);
        Assert.Equal(memories[0].Embedding, first.Embedding);
        Assert.Null(read.Single(m => m.Id == ids[1]).Embedding);
        Assert.Equal(memories[0].CreatedAt, first.CreatedAt);
        Assert.True(first.Unique);
    }

    [Fact]
    public async Task Bulk_create_writes_nothing_when_one_id_exists()
    {
        var s = await Scene.CreateAsync(db);
        var existing = await s.Adapter.CreateMemoryAsync(Message(s, "existing"), "messages");

        await Assert.ThrowsAnyAsync<Npgsql.PostgresException>(() =>
            s.Adapter.CreateMemoriesAsync([Message(s, "new", embedding: Vectors.Random(1)), Message(s, "dup") with { Id = existing }], "messages"));

        Assert.Equal(1L, await s.Adapter.CountMemoriesAsync(s.RoomId, unique: false, tableName: "messages"));
    }
}
