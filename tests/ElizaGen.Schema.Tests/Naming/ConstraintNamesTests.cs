using ElizaGen.Schema.Naming;

namespace ElizaGen.Schema.Tests.Naming;

public sealed class ConstraintNamesTests
{
    [Theory]
    [InlineData("entities", new[] { "id", "agent_id" }, "entities_id_agent_id_unique")]
    [InlineData("agents", new[] { "name" }, "agents_name_unique")]
    public void Unique_names_follow_drizzle(string table, string[] columns, string expected)
    {
        Assert.Equal(expected, ConstraintNames.Unique(table, columns));
    }

    [Fact]
    public void Foreign_key_names_follow_drizzle()
    {
        Assert.Equal("worlds_agent_id_agents_id_fk", ConstraintNames.ForeignKey("worlds", new[] { "agent_id" }, "agents", new[] { "id" }));
        Assert.Equal(
            "message_server_agents_message_server_id_message_servers_id_fk",
            ConstraintNames.ForeignKey("message_server_agents", new[] { "message_server_id" }, "message_servers", new[] { "id" }));
        Assert.Equal("a_x_y_b_p_q_fk", ConstraintNames.ForeignKey("a", new[] { "x", "y" }, "b", new[] { "p", "q" }));
    }

    [Fact]
    public void Index_and_primary_key_names_follow_drizzle()
    {
        Assert.Equal("memories_type_room_id_index", ConstraintNames.Index("memories", new[] { "type", "room_id" }));
        Assert.Equal("cache_key_agent_id_pk", ConstraintNames.PrimaryKey("cache", new[] { "key", "agent_id" }));
        Assert.Equal(
            "message_server_agents_message_server_id_agent_id_pk",
            ConstraintNames.PrimaryKey("message_server_agents", new[] { "message_server_id", "agent_id" }));
    }

    /// <summary>
    /// plugin-sql's snapshot names this key with 67 characters; the database it migrated holds the name cut to
    /// 63 bytes (see the reference pg_dump). Ours is the name the database holds.
    /// </summary>
    [Fact]
    public void Names_over_63_bytes_are_cut_as_PostgreSQL_stores_them()
    {
        var name = ConstraintNames.ForeignKey("central_messages", new[] { "in_reply_to_root_message_id" }, "central_messages", new[] { "id" });

        Assert.Equal("central_messages_in_reply_to_root_message_id_central_messages_i", name);
        Assert.Equal(63, name.Length);
    }

    [Fact]
    public void At_least_one_column_is_required()
    {
        Assert.Throws<ArgumentException>(() => ConstraintNames.Unique("t", Array.Empty<string>()));
        Assert.Throws<ArgumentException>(() => ConstraintNames.ForeignKey("t", new[] { "a" }, "u", Array.Empty<string>()));
    }
}
