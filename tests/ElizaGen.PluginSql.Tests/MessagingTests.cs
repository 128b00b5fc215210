using System.Text.Json.Nodes;
using ElizaGen.PluginSql.Models;

namespace ElizaGen.PluginSql.Tests;

public sealed class MessagingTests(AdapterDatabase db) : IClassFixture<AdapterDatabase>
{
    [Fact]
    public async Task Message_servers_are_created_once_listed_and_linked_to_agents()
    {
        await using var adapter = await db.NewAgentAsync();
        await using var other = await db.NewAgentAsync();
        var id = Guid.NewGuid();

        var server = await adapter.CreateMessageServerAsync("Central", "eliza_default", id, "src-1", new JsonObject { ["region"] = "eu" });
        var again = await adapter.CreateMessageServerAsync("Renamed", "other", id);

        Assert.Equal(id, server.Id);
        Assert.Equal("Central", again.Name);
        Assert.Equal("eu", (string?)again.Metadata!["region"]);
        Assert.Equal(server, await adapter.GetMessageServerByIdAsync(id) is { } read ? read with { Metadata = server.Metadata } : null);
        Assert.Contains(await adapter.GetMessageServersAsync(), s => s.Id == id);
        Assert.Null(await adapter.GetMessageServerByIdAsync(Guid.NewGuid()));

        await adapter.AddAgentToMessageServerAsync(id, adapter.AgentId);
        await adapter.AddAgentToMessageServerAsync(id, other.AgentId);
        await adapter.AddAgentToMessageServerAsync(id, other.AgentId);
        Assert.Equal(new[] { adapter.AgentId, other.AgentId }.Order(), (await adapter.GetAgentsForMessageServerAsync(id)).Order());
        await adapter.RemoveAgentFromMessageServerAsync(id, other.AgentId);
        Assert.Equal([adapter.AgentId], await adapter.GetAgentsForMessageServerAsync(id));
    }

    [Fact]
    public async Task Channels_with_participants_are_created_updated_and_deleted_with_their_messages()
    {
        await using var adapter = await db.NewAgentAsync();
        var server = await adapter.CreateMessageServerAsync("S", "test");
        var (u1, u2, u3) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());

        var channel = await adapter.CreateChannelAsync(new NewChannel(server.Id, "general", "GROUP") { Topic = "t", Metadata = new JsonObject { ["m"] = 1 } }, [u1, u2]);
        Assert.Equal("general", channel.Name);
        Assert.Equal("t", channel.Topic);
        Assert.Equal(new[] { u1, u2 }.Order(), (await adapter.GetChannelParticipantsAsync(channel.Id)).Order());
        Assert.True(await adapter.IsChannelParticipantAsync(channel.Id, u1));
        Assert.False(await adapter.IsChannelParticipantAsync(channel.Id, u3));
        await adapter.AddChannelParticipantsAsync(channel.Id, [u2, u3]);
        Assert.Equal(3, (await adapter.GetChannelParticipantsAsync(channel.Id)).Count);
        Assert.Equal([channel.Id], (await adapter.GetChannelsForMessageServerAsync(server.Id)).Select(c => c.Id));

        var updated = await adapter.UpdateChannelAsync(channel.Id, new ChannelUpdate { Name = "renamed", ParticipantIds = [u3] });
        Assert.Equal("renamed", updated.Name);
        Assert.Equal("t", updated.Topic);
        Assert.Equal([u3], await adapter.GetChannelParticipantsAsync(channel.Id));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => adapter.UpdateChannelAsync(Guid.NewGuid(), new ChannelUpdate { Name = "x" }));

        var root = await adapter.CreateMessageAsync(new NewMessage(channel.Id, u3, "root"));
        await adapter.CreateMessageAsync(new NewMessage(channel.Id, u1, "reply") { InReplyToRootMessageId = root.Id });

        await adapter.DeleteChannelAsync(channel.Id);
        Assert.Null(await adapter.GetChannelDetailsAsync(channel.Id));
        Assert.Empty(await adapter.GetChannelParticipantsAsync(channel.Id));
        Assert.Empty(await adapter.GetMessagesForChannelAsync(channel.Id));
    }

    [Fact]
    public async Task A_dm_channel_is_found_or_created_whatever_the_order_of_its_users()
    {
        await using var adapter = await db.NewAgentAsync();
        var server = await adapter.CreateMessageServerAsync("S", "test");
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());

        var first = await adapter.FindOrCreateDmChannelAsync(a, b, server.Id);
        var second = await adapter.FindOrCreateDmChannelAsync(b, a, server.Id);

        Assert.Equal(first.Id, second.Id);
        Assert.Equal("DM", first.Type);
        Assert.StartsWith("DM-", first.Name, StringComparison.Ordinal);
        Assert.Equal(new[] { a, b }.Order(), (await adapter.GetChannelParticipantsAsync(first.Id)).Order());
    }

    [Fact]
    public async Task Messages_are_created_read_paged_updated_and_deleted()
    {
        await using var adapter = await db.NewAgentAsync();
        var server = await adapter.CreateMessageServerAsync("S", "test");
        var channel = await adapter.CreateChannelAsync(new NewChannel(server.Id, "c", "GROUP"));
        var author = Guid.NewGuid();

        var root = await adapter.CreateMessageAsync(new NewMessage(channel.Id, author, "hello") { RawMessage = new JsonObject { ["raw"] = true }, SourceType = "test", Metadata = new JsonObject { ["k"] = "v" } });
        var reply = await adapter.CreateMessageAsync(new NewMessage(channel.Id, author, "re") { InReplyToRootMessageId = root.Id });
        var third = await adapter.CreateMessageAsync(new NewMessage(channel.Id, author, "third"));

        var read = await adapter.GetMessageByIdAsync(root.Id);
        Assert.Equal("hello", read!.Content);
        Assert.Equal(author, read.AuthorId);
        Assert.True((bool)read.RawMessage!["raw"]!);
        Assert.Equal(root.Id, (await adapter.GetMessageByIdAsync(reply.Id))!.InReplyToRootMessageId);

        var newestFirst = await adapter.GetMessagesForChannelAsync(channel.Id);
        Assert.Equal([third.Id, reply.Id, root.Id], newestFirst.Select(m => m.Id));
        Assert.Equal(2, (await adapter.GetMessagesForChannelAsync(channel.Id, limit: 2)).Count);
        Assert.Equal([root.Id], (await adapter.GetMessagesForChannelAsync(channel.Id, before: reply.CreatedAt)).Select(m => m.Id));

        var updated = await adapter.UpdateMessageAsync(root.Id, new MessageUpdate { Content = "edited" });
        Assert.Equal("edited", updated!.Content);
        Assert.Equal("v", (string?)updated.Metadata!["k"]);
        Assert.Null(await adapter.UpdateMessageAsync(Guid.NewGuid(), new MessageUpdate { Content = "x" }));

        await adapter.DeleteMessageAsync(root.Id);
        Assert.Null(await adapter.GetMessageByIdAsync(root.Id));
        Assert.Null((await adapter.GetMessageByIdAsync(reply.Id))!.InReplyToRootMessageId);
    }
}
