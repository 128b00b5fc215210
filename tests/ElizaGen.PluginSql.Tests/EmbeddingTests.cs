using System.Text.Json.Nodes;
using ElizaGen.PluginSql.Embeddings;
using ElizaGen.PluginSql.Models;

namespace ElizaGen.PluginSql.Tests;

public sealed class EmbeddingTests(AdapterDatabase db) : IClassFixture<AdapterDatabase>
{
    [Theory]
    [InlineData(384)]
    [InlineData(512)]
    [InlineData(768)]
    [InlineData(1024)]
    [InlineData(1536)]
    [InlineData(3072)]
    public async Task Every_dimension_is_stored_in_its_column_and_searchable(int dimension)
    {
        var s = await Scene.CreateAsync(db);
        await s.Adapter.EnsureEmbeddingDimensionAsync(dimension);
        var target = Vectors.Random(dimension, dimension);
        var id = await s.Adapter.CreateMemoryAsync(new Memory { RoomId = s.RoomId, Content = new JsonObject { ["text"] = "t" }, Embedding = target }, "messages");
        await s.Adapter.CreateMemoryAsync(new Memory { RoomId = s.RoomId, Content = new JsonObject { ["text"] = "other" }, Embedding = Vectors.Random(dimension + 1, dimension) }, "messages");

        Assert.Equal(1L, await db.ScalarAsync<long>($"SELECT count(*) FROM embeddings WHERE memory_id = $1 AND {EmbeddingDimensions.Column(dimension)} IS NOT NULL", id));
        Assert.Equal(target, (await s.Adapter.GetMemoryByIdAsync(id))!.Embedding);
        var found = await s.Adapter.SearchMemoriesAsync("messages", target, count: 1);
        Assert.Equal(id, Assert.Single(found).Id);
        Assert.Equal(1.0, found[0].Similarity!.Value, 5);
    }

    [Fact]
    public async Task The_dimension_cannot_change_once_the_agent_has_embeddings()
    {
        var s = await Scene.CreateAsync(db);
        await s.Adapter.EnsureEmbeddingDimensionAsync(768);
        await s.Adapter.EnsureEmbeddingDimensionAsync(384);
        await s.Adapter.CreateMemoryAsync(new Memory { RoomId = s.RoomId, Embedding = Vectors.Random(1) }, "messages");

        await s.Adapter.EnsureEmbeddingDimensionAsync(384);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => s.Adapter.EnsureEmbeddingDimensionAsync(1536));
        Assert.Contains("Cannot change embedding dimension for agent", error.Message, StringComparison.Ordinal);
        Assert.Equal(384, s.Adapter.EmbeddingDimension);

        // Another agent on the same database is free to use another dimension.
        var other = await Scene.CreateAsync(db);
        await other.Adapter.EnsureEmbeddingDimensionAsync(1536);
        Assert.Equal(1536, other.Adapter.EmbeddingDimension);
    }

    [Fact]
    public async Task A_dimension_without_a_column_is_refused()
    {
        var s = await Scene.CreateAsync(db);
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => s.Adapter.EnsureEmbeddingDimensionAsync(1000));
        Assert.Contains("384, 512, 768, 1024, 1536, 3072", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_vector_of_the_wrong_size_is_refused_everywhere_and_nothing_is_written()
    {
        var s = await Scene.CreateAsync(db);
        var wrong = Vectors.Random(1, 768);

        var create = await Assert.ThrowsAsync<ArgumentException>(() => s.Adapter.CreateMemoryAsync(new Memory { RoomId = s.RoomId, Embedding = wrong }, "messages"));
        Assert.Contains("768 dimensions", create.Message, StringComparison.Ordinal);
        Assert.Contains("384", create.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => s.Adapter.CreateMemoriesAsync([new Memory { RoomId = s.RoomId, Embedding = wrong }], "messages"));
        await Assert.ThrowsAsync<ArgumentException>(() => s.Adapter.SearchMemoriesAsync("messages", wrong));
        var id = await s.Adapter.CreateMemoryAsync(new Memory { RoomId = s.RoomId }, "messages");
        await Assert.ThrowsAsync<ArgumentException>(() => s.Adapter.UpdateMemoryAsync(new MemoryUpdate(id) { Embedding = wrong }));

        Assert.Equal(1L, await s.Adapter.CountMemoriesAsync(s.RoomId, unique: false, tableName: "messages"));
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM embeddings e JOIN memories m ON m.id = e.memory_id WHERE m.room_id = $1", s.RoomId));
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public async Task A_vector_with_nan_or_infinity_is_refused(float bad)
    {
        var s = await Scene.CreateAsync(db);
        var vector = Vectors.Random(2);
        vector[17] = bad;

        var error = await Assert.ThrowsAsync<ArgumentException>(() => s.Adapter.CreateMemoryAsync(new Memory { RoomId = s.RoomId, Embedding = vector }, "messages"));
        Assert.Contains("index 17", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => s.Adapter.SearchMemoriesAsync("messages", vector));
        Assert.Equal(0L, await s.Adapter.CountMemoriesAsync(s.RoomId, unique: false, tableName: "messages"));
    }
}
