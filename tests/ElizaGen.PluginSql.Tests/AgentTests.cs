using System.Text.Json.Nodes;
using ElizaGen.PluginSql.Models;

namespace ElizaGen.PluginSql.Tests;

public sealed class AgentTests(AdapterDatabase db) : IClassFixture<AdapterDatabase>
{
    [Fact]
    public async Task Creates_and_reads_an_agent_with_every_character_field()
    {
        await using var adapter = new ElizaDatabaseAdapter(db.Eliza, Guid.NewGuid());
        var agent = new Agent
        {
            Id = adapter.AgentId,
            Name = "Eliza",
            Username = "eliza",
            System = "You are Eliza.",
            Bio = new JsonArray("a therapist", "a program"),
            MessageExamples = new JsonArray(new JsonArray(new JsonObject { ["name"] = "user", ["content"] = new JsonObject { ["text"] = "hi" } })),
            PostExamples = new JsonArray("post"),
            Topics = new JsonArray("psychology"),
            Adjectives = new JsonArray("calm"),
            Knowledge = new JsonArray("fact", new JsonObject { ["path"] = "a.md", ["shared"] = true }),
            Plugins = new JsonArray("@elizaos/plugin-sql"),
            Settings = new JsonObject { ["model"] = "small", ["secrets"] = new JsonObject { ["key"] = "v" } },
            Style = new JsonObject { ["all"] = new JsonArray("short") },
        };

        Assert.True(await adapter.CreateAgentAsync(agent));
        var read = await adapter.GetAgentAsync(agent.Id);

        Assert.NotNull(read);
        Assert.Equal("Eliza", read.Name);
        Assert.Equal("eliza", read.Username);
        Assert.Equal("You are Eliza.", read.System);
        Assert.True(JsonNode.DeepEquals(agent.Bio, read.Bio));
        Assert.True(JsonNode.DeepEquals(agent.MessageExamples, read.MessageExamples));
        Assert.True(JsonNode.DeepEquals(agent.Knowledge, read.Knowledge));
        Assert.True(JsonNode.DeepEquals(agent.Settings, read.Settings));
        Assert.True(JsonNode.DeepEquals(agent.Style, read.Style));
        Assert.True(read.Enabled);
    }

    [Fact]
    public async Task Columns_left_out_get_the_schema_defaults()
    {
        var id = Guid.NewGuid();
        await using var adapter = new ElizaDatabaseAdapter(db.Eliza, id);
        Assert.True(await adapter.CreateAgentAsync(new Agent { Id = id, Name = "Plain" }));

        var read = await adapter.GetAgentAsync(id);

        Assert.NotNull(read);
        Assert.Equal("", read.System);
        Assert.True(JsonNode.DeepEquals(new JsonArray(), read.Bio));
        Assert.Empty(read.Topics!);
        Assert.Empty(read.Settings!);
    }

    [Fact]
    public async Task A_duplicate_id_is_refused_and_the_first_agent_is_kept()
    {
        var id = Guid.NewGuid();
        await using var adapter = new ElizaDatabaseAdapter(db.Eliza, id);
        Assert.True(await adapter.CreateAgentAsync(new Agent { Id = id, Name = "First" }));
        Assert.False(await adapter.CreateAgentAsync(new Agent { Id = id, Name = "Second" }));
        Assert.Equal("First", (await adapter.GetAgentAsync(id))!.Name);
    }

    [Fact]
    public async Task Update_deep_merges_settings_and_null_deletes_keys_at_any_depth()
    {
        await using var adapter = await db.NewAgentAsync();
        await adapter.UpdateAgentAsync(adapter.AgentId, new AgentUpdate
        {
            Settings = new JsonObject
            {
                ["theme"] = "dark",
                ["volume"] = 3,
                ["secrets"] = new JsonObject { ["apiKey"] = "k1", ["token"] = "t1" },
                ["nested"] = new JsonObject { ["only"] = "x" },
            },
        });

        Assert.True(await adapter.UpdateAgentAsync(adapter.AgentId, new AgentUpdate
        {
            Name = "Renamed",
            Settings = new JsonObject
            {
                ["volume"] = null,
                ["secrets"] = new JsonObject { ["token"] = null, ["other"] = "o" },
                ["nested"] = new JsonObject { ["only"] = null },
                ["added"] = new JsonArray(1, 2),
            },
        }));

        var agent = await adapter.GetAgentAsync(adapter.AgentId);
        Assert.Equal("Renamed", agent!.Name);
        var expected = new JsonObject
        {
            ["theme"] = "dark",
            ["secrets"] = new JsonObject { ["apiKey"] = "k1", ["other"] = "o" },
            ["added"] = new JsonArray(1, 2),
        };
        Assert.True(JsonNode.DeepEquals(expected, agent.Settings), agent.Settings!.ToJsonString());
    }

    [Fact]
    public async Task Update_of_a_missing_agent_returns_false()
    {
        await using var adapter = await db.NewAgentAsync();
        Assert.False(await adapter.UpdateAgentAsync(Guid.NewGuid(), new AgentUpdate { Name = "x", Settings = new JsonObject { ["a"] = 1 } }));
        Assert.False(await adapter.UpdateAgentAsync(Guid.NewGuid(), new AgentUpdate { Name = "x" }));
    }

    [Fact]
    public async Task Update_sets_updated_at_and_leaves_unset_fields()
    {
        await using var adapter = await db.NewAgentAsync("Keep");
        var before = await adapter.GetAgentAsync(adapter.AgentId);
        var later = before!.UpdatedAt!.Value.AddMinutes(5);

        await adapter.UpdateAgentAsync(adapter.AgentId, new AgentUpdate { Enabled = false, UpdatedAt = later });

        var after = await adapter.GetAgentAsync(adapter.AgentId);
        Assert.Equal("Keep", after!.Name);
        Assert.False(after.Enabled);
        Assert.Equal(later, after.UpdatedAt);
        Assert.Equal(before.CreatedAt, after.CreatedAt);
    }

    [Fact]
    public async Task Lists_counts_and_deletes_agents()
    {
        await using var one = await db.NewAgentAsync("One");
        await using var two = await db.NewAgentAsync("Two");

        var all = await one.GetAgentsAsync();
        Assert.Contains(all, a => a.Id == one.AgentId && a.Name == "One");
        Assert.Contains(all, a => a.Id == two.AgentId && a.Name == "Two");
        var count = await one.CountAgentsAsync();
        Assert.True(count >= 2);

        Assert.True(await one.DeleteAgentAsync(two.AgentId));
        Assert.False(await one.DeleteAgentAsync(two.AgentId));
        Assert.Null(await one.GetAgentAsync(two.AgentId));
        Assert.Equal(count - 1, await one.CountAgentsAsync());
    }
}
