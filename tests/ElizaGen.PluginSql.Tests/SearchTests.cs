using System.Text.Json.Nodes;
using ElizaGen.PluginSql.Models;

namespace ElizaGen.PluginSql.Tests;

public sealed class SearchTests(AdapterDatabase db) : IClassFixture<AdapterDatabase>
{
    [Fact]
    public async Task Finds_the_nearest_memories_first_with_similarity_one_minus_cosine_distance()
    {
        var s = await Scene.CreateAsync(db);
        var query = Vectors.Random(1);
        var vectors = Enumerable.Range(0, 30).Select(i => i < 3 ? Vectors.Near(query, 100 + i, 0.05 * (i + 1)) : Vectors.Random(200 + i)).ToList();
        var ids = new List<Guid>();
        foreach (var v in vectors) ids.Add(await s.Adapter.CreateMemoryAsync(new Memory { RoomId = s.RoomId, Embedding = v, Unique = true }, "messages"));

        var found = await s.Adapter.SearchMemoriesAsync("messages", query, count: 5);

        Assert.Equal(5, found.Count);
        Assert.Equal(ids.Take(3), found.Take(3).Select(m => m.Id!.Value));
        for (var i = 0; i < found.Count; i++)
        {
            var index = ids.IndexOf(found[i].Id!.Value);
            Assert.Equal(Vectors.Cosine(query, vectors[index]), found[i].Similarity!.Value, 5);
            Assert.Equal(vectors[index], found[i].Embedding);
            if (i > 0) Assert.True(found[i - 1].Similarity >= found[i].Similarity);
        }
    }

    [Fact]
    public async Task Applies_threshold_and_filters()
    {
        var s = await Scene.CreateAsync(db);
        var otherRoom = (await s.Adapter.CreateRoomsAsync([new Room { Source = "test", Type = "GROUP" }]))[0];
        var query = Vectors.Random(2);
        var close = await s.Adapter.CreateMemoryAsync(new Memory { RoomId = s.RoomId, EntityId = s.EntityId, Embedding = Vectors.Near(query, 1, 0.01), Unique = true }, "messages");
        var closeNotUnique = await s.Adapter.CreateMemoryAsync(new Memory { RoomId = s.RoomId, Embedding = Vectors.Near(query, 2, 0.01), Unique = false }, "messages");
        var closeElsewhere = await s.Adapter.CreateMemoryAsync(new Memory { RoomId = otherRoom, Embedding = Vectors.Near(query, 3, 0.01), Unique = true }, "messages");
        var closeFact = await s.Adapter.CreateMemoryAsync(new Memory { RoomId = s.RoomId, Embedding = Vectors.Near(query, 4, 0.01), Unique = true }, "facts");
        var far = await s.Adapter.CreateMemoryAsync(new Memory { RoomId = s.RoomId, Embedding = Vectors.Random(5), Unique = true }, "messages");

        var thresholded = await s.Adapter.SearchMemoriesAsync("messages", query, matchThreshold: 0.9, count: 10);
        Assert.Equal(new[] { close, closeNotUnique, closeElsewhere }.Order(), thresholded.Select(m => m.Id!.Value).Order());
        Assert.All(thresholded, m => Assert.True(m.Similarity >= 0.9));

        var uniqueOnly = await s.Adapter.SearchMemoriesAsync("messages", query, 0.9, unique: true);
        Assert.Equal(new[] { close, closeElsewhere }.Order(), uniqueOnly.Select(m => m.Id!.Value).Order());
        Assert.DoesNotContain(closeElsewhere, (await s.Adapter.SearchMemoriesAsync("messages", query, roomId: s.RoomId)).Select(m => m.Id!.Value));
        Assert.Equal(close, Assert.Single(await s.Adapter.SearchMemoriesAsync("messages", query, entityId: s.EntityId)).Id);
        Assert.Equal(closeFact, Assert.Single(await s.Adapter.SearchMemoriesAsync("facts", query)).Id);
        Assert.Contains(far, (await s.Adapter.SearchMemoriesAsync("messages", query, count: 10)).Select(m => m.Id!.Value));
    }

    [Fact]
    public async Task Memories_without_an_embedding_in_the_agents_dimension_never_come_first()
    {
        var s = await Scene.CreateAsync(db);
        var query = Vectors.Random(3);
        for (var i = 0; i < 5; i++) await s.Adapter.CreateMemoryAsync(new Memory { RoomId = s.RoomId, Content = new JsonObject { ["text"] = "none" } }, "messages");
        // A memory whose only embedding is in another dimension's column.
        var other = await s.Adapter.CreateMemoryAsync(new Memory { RoomId = s.RoomId }, "messages");
        await db.ExecuteAsync("INSERT INTO embeddings (memory_id, dim_768) VALUES ($1, $2)", other, new Pgvector.Vector(Vectors.Random(9, 768)));
        var withVector = await s.Adapter.CreateMemoryAsync(new Memory { RoomId = s.RoomId, Embedding = Vectors.Random(4) }, "messages");

        var found = await s.Adapter.SearchMemoriesAsync("messages", query, count: 10);

        Assert.Equal(withVector, Assert.Single(found).Id);
    }

    [Fact]
    public async Task Only_the_agents_own_memories_are_searched()
    {
        var mine = await Scene.CreateAsync(db, "Mine");
        var theirs = await Scene.CreateAsync(db, "Theirs");
        var vector = Vectors.Random(5);
        await theirs.Adapter.CreateMemoryAsync(new Memory { RoomId = theirs.RoomId, Embedding = vector }, "messages");

        Assert.Empty(await mine.Adapter.SearchMemoriesAsync("messages", vector));
        Assert.Single(await theirs.Adapter.SearchMemoriesAsync("messages", vector));
    }

    [Fact]
    public async Task Filters_do_not_starve_the_result_when_most_near_rows_are_filtered_out()
    {
        var s = await Scene.CreateAsync(db);
        var rare = (await s.Adapter.CreateRoomsAsync([new Room { Source = "test", Type = "GROUP" }]))[0];
        var query = Vectors.Random(6);
        var memories = Enumerable.Range(0, 400).Select(i => new Memory
        {
            RoomId = i % 100 == 0 ? rare : s.RoomId,
            Embedding = Vectors.Near(query, 1000 + i, 0.5),
            Unique = true,
        }).ToList();
        await s.Adapter.CreateMemoriesAsync(memories, "messages");

        var found = await s.Adapter.SearchMemoriesAsync("messages", query, count: 4, roomId: rare);

        Assert.Equal(4, found.Count);
        Assert.All(found, m => Assert.Equal(rare, m.RoomId));
    }

    [Fact]
    public async Task A_room_with_few_memories_is_searched_exactly()
    {
        var s = await Scene.CreateAsync(db);
        var query = Vectors.Random(11);
        var vectors = Enumerable.Range(0, 300).Select(i => Vectors.Near(query, 2000 + i, 0.8)).ToList();
        var ids = await s.Adapter.CreateMemoriesAsync(vectors.Select(v => new Memory { RoomId = s.RoomId, Embedding = v }), "messages");

        var found = await s.Adapter.SearchMemoriesAsync("messages", query, count: 20, roomId: s.RoomId);

        var expected = ids.Zip(vectors).OrderByDescending(p => Vectors.Cosine(query, p.Second)).Take(20).Select(p => p.First);
        Assert.Equal(expected, found.Select(m => m.Id!.Value));
    }

    [Fact]
    public async Task A_large_room_is_searched_through_the_index_and_filters_still_hold()
    {
        var s = await Scene.CreateAsync(db);
        var other = Guid.NewGuid();
        await s.Adapter.CreateEntitiesAsync([new Entity { Id = other, Names = ["Other"] }]);
        var query = Vectors.Random(12);
        var memories = Enumerable.Range(0, ElizaDatabaseAdapter.ExactScanLimit + 100).Select(i => new Memory
        {
            RoomId = s.RoomId,
            EntityId = i % 200 == 0 ? other : s.EntityId,
            Embedding = Vectors.Near(query, 5000 + i, 0.5),
        }).ToList();
        await s.Adapter.CreateMemoriesAsync(memories, "messages");

        var found = await s.Adapter.SearchMemoriesAsync("messages", query, count: 5, roomId: s.RoomId, entityId: other);

        Assert.Equal(5, found.Count);
        Assert.All(found, m => Assert.Equal(other, m.EntityId));
        Assert.True(found.Zip(found.Skip(1)).All(p => p.First.Similarity >= p.Second.Similarity));
    }

    [Fact]
    public async Task Cached_embeddings_are_found_by_edit_distance()
    {
        var s = await Scene.CreateAsync(db);
        var vector = Vectors.Random(7);
        await s.Adapter.CreateMemoryAsync(new Memory { RoomId = s.RoomId, Content = new JsonObject { ["text"] = "hello world" }, Embedding = vector }, "cachetest");
        await s.Adapter.CreateMemoryAsync(new Memory { RoomId = s.RoomId, Content = new JsonObject { ["text"] = "something else entirely" }, Embedding = Vectors.Random(8) }, "cachetest");

        var found = await s.Adapter.GetCachedEmbeddingsAsync("cachetest", 2, "hello wrld", "content", "text", 10);

        var hit = Assert.Single(found);
        Assert.Equal(1, hit.LevenshteinScore);
        Assert.Equal(vector, hit.Embedding);
        Assert.Empty(await s.Adapter.GetCachedEmbeddingsAsync("cachetest", 2, new string('x', 300), "content", "text", 10));
    }
}
