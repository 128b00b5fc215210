using System.Text.Json.Nodes;
using ElizaGen.PluginSql;
using ElizaGen.PluginSql.Models;
using ElizaGen.Runtime.Connections;
using ElizaGen.Testing;
using Npgsql;

namespace ElizaGen.Reliability.Tests.Hostile;

/// <summary>
/// Hostile values at the adapter's surface: NaN and infinite embedding components, wrong dimensions, a JSON document
/// larger than jsonb holds, NUL in text, negative counts, limits and offsets, nulls. Each gets an
/// <see cref="ArgumentException"/> (or a subclass) that says what is wrong and what to do, and no row of any table
/// changes.
/// </summary>
public sealed class HostileAdapterTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private const int Dimension = 384;

    /// <summary>Every call here must fail before writing anything.</summary>
    public static readonly TheoryData<string> Cases = new()
    {
        "NaN in an embedding", "+infinity in an embedding", "-infinity in an embedding", "383 dimensions", "385 dimensions",
        "empty embedding", "NaN in the last memory of a batch", "NaN in an update of an existing memory",
        "NaN in a search vector", "NaN match threshold", "infinite match threshold", "NUL in a table name", "NUL in a log type",
        "NUL in a cache key", "negative memory count", "negative memory offset", "zero memory count", "negative search count",
        "negative log count", "negative log offset", "negative cached-embeddings count", "negative cached-embeddings threshold",
        "negative room-memories limit", "negative world-memories count", "negative entity search limit",
        "negative channel message limit", "unsupported embedding dimension", "null memory", "null table name",
        "empty table name", "null log body", "empty log type", "null search vector", "null memory batch",
        "null memory in a batch",
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_hostile_value_gets_an_argument_exception_and_writes_nothing(string name)
    {
        await using var setup = await SetUpAsync();
        var before = await setup.RowCountsAsync();

        var exception = await Assert.ThrowsAnyAsync<ArgumentException>(() => Run(name, setup));

        Assert.False(string.IsNullOrWhiteSpace(exception.Message));
        Assert.Equal(before, await setup.RowCountsAsync());
        // The existing memory is unchanged too (content and embedding).
        var memory = await setup.Adapter.GetMemoryByIdAsync(setup.MemoryId);
        Assert.Equal("original", memory!.Content["text"]!.GetValue<string>());
        Assert.Equal(Vector(0.5f), memory.Embedding);
    }

    [Fact]
    public async Task Messages_say_what_is_wrong_and_what_to_do()
    {
        await using var setup = await SetUpAsync();
        var nan = await Assert.ThrowsAsync<ArgumentException>(() => Run("NaN in an embedding", setup));
        Assert.Contains("NaN at index 7", nan.Message, StringComparison.Ordinal);
        Assert.Contains("finite", nan.Message, StringComparison.Ordinal);
        var size = await Assert.ThrowsAsync<ArgumentException>(() => Run("383 dimensions", setup));
        Assert.Contains("383 dimensions", size.Message, StringComparison.Ordinal);
        Assert.Contains("EnsureEmbeddingDimensionAsync", size.Message, StringComparison.Ordinal);
        var nul = await Assert.ThrowsAsync<ArgumentException>(() => Run("NUL in a table name", setup));
        Assert.Contains("NUL", nul.Message, StringComparison.Ordinal);
        Assert.Contains("Remove", nul.Message, StringComparison.Ordinal);
        var threshold = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Run("NaN match threshold", setup));
        Assert.Contains("finite similarity", threshold.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Strings over the 268,435,455 bytes jsonb holds: 300 million ASCII characters (300 MB), and 140 million two-byte
    /// characters (280 MB of UTF-8, which System.Text.Json would write as 840 MB of \u escapes, and fails on).
    /// </summary>
    [Theory]
    [InlineData('x', 300_000_000, "holds at least 300,000,004 bytes of text")]
    [InlineData('é', 140_000_000, "holds at least 280,000,004 bytes of text")]
    public async Task A_json_document_larger_than_jsonb_holds_is_refused_before_it_is_sent(char character, int length, string what)
    {
        await using var setup = await SetUpAsync();
        var before = await setup.RowCountsAsync();
        var huge = new Memory { Content = new JsonObject { ["text"] = new string(character, length) }, RoomId = setup.RoomId };

        var exception = await Assert.ThrowsAsync<ArgumentException>(() => setup.Adapter.CreateMemoryAsync(huge, "messages"));

        Assert.Contains(what, exception.Message, StringComparison.Ordinal);
        Assert.Contains("jsonb holds at most 268,435,455 bytes", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Store large payloads outside the database", exception.Message, StringComparison.Ordinal);
        Assert.Equal(before, await setup.RowCountsAsync());
    }

    private static Task Run(string name, Setup s)
    {
        var a = s.Adapter;
        Memory WithEmbedding(float[] embedding) => new() { Content = new JsonObject { ["text"] = "hostile" }, RoomId = s.RoomId, Embedding = embedding };
        return name switch
        {
            "NaN in an embedding" => a.CreateMemoryAsync(WithEmbedding(Vector(0.1f, (7, float.NaN))), "messages"),
            "+infinity in an embedding" => a.CreateMemoryAsync(WithEmbedding(Vector(0.1f, (0, float.PositiveInfinity))), "messages"),
            "-infinity in an embedding" => a.CreateMemoryAsync(WithEmbedding(Vector(0.1f, (383, float.NegativeInfinity))), "messages"),
            "383 dimensions" => a.CreateMemoryAsync(WithEmbedding(new float[383]), "messages"),
            "385 dimensions" => a.CreateMemoryAsync(WithEmbedding(new float[385]), "messages"),
            "empty embedding" => a.CreateMemoryAsync(WithEmbedding([]), "messages"),
            "NaN in the last memory of a batch" => a.CreateMemoriesAsync(
                [WithEmbedding(Vector(0.1f)), WithEmbedding(Vector(0.2f)), WithEmbedding(Vector(0.3f, (1, float.NaN)))], "messages"),
            "NaN in an update of an existing memory" => a.UpdateMemoryAsync(new MemoryUpdate(s.MemoryId)
            {
                Content = new JsonObject { ["text"] = "changed" },
                Embedding = Vector(0.1f, (5, float.NaN)),
            }),
            "NaN in a search vector" => a.SearchMemoriesAsync("messages", Vector(0.1f, (2, float.NaN))),
            "NaN match threshold" => a.SearchMemoriesAsync("messages", Vector(0.1f), matchThreshold: double.NaN),
            "infinite match threshold" => a.SearchMemoriesAsync("messages", Vector(0.1f), matchThreshold: double.NegativeInfinity),
            "NUL in a table name" => a.CreateMemoryAsync(WithEmbedding(Vector(0.1f)), "mess\0ages"),
            "NUL in a log type" => a.LogAsync(new JsonObject { ["a"] = 1 }, s.EntityId, s.RoomId, "ty\0pe"),
            "NUL in a cache key" => a.SetCacheAsync("key\0", JsonValue.Create(1)),
            "negative memory count" => a.GetMemoriesAsync(new MemoryQuery("messages") { Count = -1 }),
            "negative memory offset" => a.GetMemoriesAsync(new MemoryQuery("messages") { Offset = -1 }),
            "zero memory count" => a.GetMemoriesAsync(new MemoryQuery("messages") { Count = 0 }),
            "negative search count" => a.SearchMemoriesAsync("messages", Vector(0.1f), count: -1),
            "negative log count" => a.GetLogsAsync(new LogQuery { Count = -1 }),
            "negative log offset" => a.GetLogsAsync(new LogQuery { Offset = -1 }),
            "negative cached-embeddings count" => a.GetCachedEmbeddingsAsync("messages", 2, "hello", "content", "text", -1),
            "negative cached-embeddings threshold" => a.GetCachedEmbeddingsAsync("messages", -1, "hello", "content", "text", 5),
            "negative room-memories limit" => a.GetMemoriesByRoomIdsAsync([s.RoomId], "messages", limit: -5),
            "negative world-memories count" => a.GetMemoriesByWorldIdAsync(Guid.NewGuid(), count: -5),
            "negative entity search limit" => a.SearchEntitiesByNameAsync("x", a.AgentId, limit: -1),
            "negative channel message limit" => a.GetMessagesForChannelAsync(Guid.NewGuid(), limit: -1),
            "unsupported embedding dimension" => a.EnsureEmbeddingDimensionAsync(-1),
            "null memory" => a.CreateMemoryAsync(null!, "messages"),
            "null table name" => a.CreateMemoryAsync(WithEmbedding(Vector(0.1f)), null!),
            "empty table name" => a.CreateMemoryAsync(WithEmbedding(Vector(0.1f)), " "),
            "null log body" => a.LogAsync(null!, s.EntityId, s.RoomId, "type"),
            "empty log type" => a.LogAsync(new JsonObject(), s.EntityId, s.RoomId, ""),
            "null search vector" => a.SearchMemoriesAsync("messages", null!),
            "null memory batch" => a.CreateMemoriesAsync(null!, "messages"),
            "null memory in a batch" => a.CreateMemoriesAsync([WithEmbedding(Vector(0.1f)), null!], "messages"),
            _ => throw new InvalidOperationException("Unknown case " + name),
        };
    }

    private static float[] Vector(float value, params (int Index, float Value)[] changes)
    {
        var vector = Enumerable.Repeat(value, Dimension).ToArray();
        foreach (var (index, changed) in changes) vector[index] = changed;
        return vector;
    }

    private async Task<Setup> SetUpAsync()
    {
        var database = await postgres.CreateDatabaseAsync();
        var eliza = await ElizaDatabase.OpenAsync(new ElizaDatabaseOptions { ConnectionString = database.ConnectionString, ShutdownSignals = ShutdownSignalBehavior.Ignore });
        var adapter = new ElizaDatabaseAdapter(eliza, Guid.NewGuid());
        await adapter.InitAsync();
        Assert.True(await adapter.CreateAgentAsync(new Agent { Id = adapter.AgentId, Name = "Hostile" }));
        var roomId = (await adapter.CreateRoomsAsync([new Room { Name = "room", Source = "test", Type = "GROUP" }]))[0];
        var entityId = Guid.NewGuid();
        Assert.True(await adapter.CreateEntitiesAsync([new Entity { Id = entityId, Names = ["someone"], AgentId = adapter.AgentId }]));
        var memoryId = await adapter.CreateMemoryAsync(new Memory { Content = new JsonObject { ["text"] = "original" }, RoomId = roomId, Embedding = Vector(0.5f) }, "messages");
        await adapter.LogAsync(new JsonObject { ["event"] = "start" }, entityId, roomId, "test");
        return new Setup(database, eliza, adapter, roomId, entityId, memoryId);
    }

    private sealed record Setup(TestDatabase Database, ElizaDatabase Eliza, ElizaDatabaseAdapter Adapter, Guid RoomId, Guid EntityId, Guid MemoryId) : IAsyncDisposable
    {
        /// <summary>The number of rows of every table of the database, by table.</summary>
        public async Task<string> RowCountsAsync()
        {
            await using var connection = new NpgsqlConnection(Database.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("""
                SELECT string_agg(schemaname || '.' || tablename || '=' ||
                    (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I.%I', schemaname, tablename), false, true, '')))[1]::text,
                    ', ' ORDER BY schemaname, tablename)
                FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')
                """, connection);
            return (string)(await command.ExecuteScalarAsync())!;
        }

        public async ValueTask DisposeAsync()
        {
            await Eliza.CloseAsync();
            await Database.DisposeAsync();
        }
    }
}
