using System.Text.Json.Nodes;
using ElizaGen.PluginSql.Internal;
using ElizaGen.PluginSql.Models;
using ElizaGen.Runtime.Resilience;
using Npgsql;

namespace ElizaGen.PluginSql;

public sealed partial class ElizaDatabaseAdapter
{
    private const string MessageServerColumns = "id, name, source_type, source_id, metadata, created_at, updated_at";
    private const string ChannelColumns = "id, message_server_id, name, type, source_type, source_id, topic, metadata, created_at, updated_at";
    private const string MessageColumns = "id, channel_id, author_id, content, raw_message, source_type, source_id, metadata, in_reply_to_root_message_id, created_at, updated_at";

    /// <summary>Creates a message server (an existing id is left as it is) and returns it as stored.</summary>
    public async Task<MessageServer> CreateMessageServerAsync(string name, string sourceType, Guid? id = null, string? sourceId = null, JsonObject? metadata = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(sourceType);
        var serverId = id ?? Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        return (await WriteAsync(OperationKind.IdempotentWrite, async (connection, ct) =>
        {
            await using var insert = connection.Command("""
                INSERT INTO message_servers (id, name, source_type, source_id, metadata, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6)
                ON CONFLICT DO NOTHING
                """).With(serverId).With(name).With(sourceType).With(sourceId).WithJsonb(Json.WithoutNul(metadata)).WithUtcTimestamp(now);
            await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            await using var read = connection.Command($"SELECT {MessageServerColumns} FROM message_servers WHERE id = $1").With(serverId);
            return await read.FirstOrDefaultAsync(ReadMessageServer, ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>Every message server.</summary>
    public async Task<IReadOnlyList<MessageServer>> GetMessageServersAsync(CancellationToken cancellationToken = default)
        => await ReadAsync(async (connection, ct) =>
        {
            await using var command = connection.Command($"SELECT {MessageServerColumns} FROM message_servers ORDER BY created_at, id");
            return await command.ListAsync(ReadMessageServer, ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);

    /// <summary>The message server with this id, or null.</summary>
    public async Task<MessageServer?> GetMessageServerByIdAsync(Guid id, CancellationToken cancellationToken = default)
        => await ReadAsync(async (connection, ct) =>
        {
            await using var command = connection.Command($"SELECT {MessageServerColumns} FROM message_servers WHERE id = $1").With(id);
            return await command.FirstOrDefaultAsync(ReadMessageServer, ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);

    /// <summary>Links an agent to a message server (nothing changes when linked already).</summary>
    public async Task AddAgentToMessageServerAsync(Guid messageServerId, Guid agentId, CancellationToken cancellationToken = default)
        => await WriteAsync(OperationKind.IdempotentWrite, async (connection, ct) =>
        {
            await using var command = connection.Command("INSERT INTO message_server_agents (message_server_id, agent_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                .With(messageServerId).With(agentId);
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);

    /// <summary>The agents linked to a message server.</summary>
    public async Task<IReadOnlyList<Guid>> GetAgentsForMessageServerAsync(Guid messageServerId, CancellationToken cancellationToken = default)
        => await ReadAsync(async (connection, ct) =>
        {
            await using var command = connection.Command("SELECT agent_id FROM message_server_agents WHERE message_server_id = $1 ORDER BY agent_id").With(messageServerId);
            return await command.ListAsync(r => r.GetGuid(0), ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);

    /// <summary>Unlinks an agent from a message server.</summary>
    public async Task RemoveAgentFromMessageServerAsync(Guid messageServerId, Guid agentId, CancellationToken cancellationToken = default)
        => await WriteAsync(OperationKind.IdempotentWrite, async (connection, ct) =>
        {
            await using var command = connection.Command("DELETE FROM message_server_agents WHERE message_server_id = $1 AND agent_id = $2").With(messageServerId).With(agentId);
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);

    /// <summary>Creates a channel (an existing id is left as it is) with its first participants, and returns it as stored.</summary>
    public async Task<Channel> CreateChannelAsync(NewChannel channel, IReadOnlyCollection<Guid>? participantIds = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var id = channel.Id ?? Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        return (await TransactionAsync(OperationKind.IdempotentWrite, async (connection, transaction, ct) =>
        {
            await using var insert = connection.Command("""
                INSERT INTO channels (id, message_server_id, name, type, source_type, source_id, topic, metadata, created_at, updated_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) ON CONFLICT DO NOTHING
                """, transaction).WithUuidText(id).With(channel.MessageServerId).With(channel.Name).With(channel.Type).With(channel.SourceType)
                .With(channel.SourceId).With(channel.Topic).WithJsonb(Json.WithoutNul(channel.Metadata)).WithUtcTimestamp(now);
            await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            await AddChannelParticipantsAsync(connection, transaction, id, participantIds, ct).ConfigureAwait(false);
            await using var read = connection.Command($"SELECT {ChannelColumns} FROM channels WHERE id = $1", transaction).WithUuidText(id);
            return await read.FirstOrDefaultAsync(ReadChannel, ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>The channels of a message server.</summary>
    public async Task<IReadOnlyList<Channel>> GetChannelsForMessageServerAsync(Guid messageServerId, CancellationToken cancellationToken = default)
        => await ReadAsync(async (connection, ct) =>
        {
            await using var command = connection.Command($"SELECT {ChannelColumns} FROM channels WHERE message_server_id = $1 ORDER BY created_at, id").With(messageServerId);
            return await command.ListAsync(ReadChannel, ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);

    /// <summary>The channel with this id, or null.</summary>
    public async Task<Channel?> GetChannelDetailsAsync(Guid channelId, CancellationToken cancellationToken = default)
        => await ReadAsync(async (connection, ct) =>
        {
            await using var command = connection.Command($"SELECT {ChannelColumns} FROM channels WHERE id = $1").WithUuidText(channelId);
            return await command.FirstOrDefaultAsync(ReadChannel, ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);

    /// <summary>Changes a channel's name and metadata and replaces its participants (those set); returns it as stored.</summary>
    /// <exception cref="KeyNotFoundException">No channel has this id.</exception>
    public async Task<Channel> UpdateChannelAsync(Guid channelId, ChannelUpdate update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        var channel = await TransactionAsync(OperationKind.IdempotentWrite, async (connection, transaction, ct) =>
        {
            await using var change = connection.Command("UPDATE channels SET name = coalesce($2, name), metadata = coalesce($3, metadata), updated_at = $4 WHERE id = $1", transaction)
                .WithUuidText(channelId).With(update.Name).WithJsonb(Json.WithoutNul(update.Metadata)).WithUtcTimestamp(DateTimeOffset.UtcNow);
            if (await change.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 0) return null;
            if (update.ParticipantIds is { } participants)
            {
                await using var clear = connection.Command("DELETE FROM channel_participants WHERE channel_id = $1", transaction).WithUuidText(channelId);
                await clear.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                await AddChannelParticipantsAsync(connection, transaction, channelId, participants, ct).ConfigureAwait(false);
            }
            await using var read = connection.Command($"SELECT {ChannelColumns} FROM channels WHERE id = $1", transaction).WithUuidText(channelId);
            return await read.FirstOrDefaultAsync(ReadChannel, ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return channel ?? throw new KeyNotFoundException($"Channel {channelId} does not exist; create it with CreateChannelAsync first.");
    }

    /// <summary>Deletes a channel with its messages and participants.</summary>
    public async Task DeleteChannelAsync(Guid channelId, CancellationToken cancellationToken = default)
        => await TransactionAsync(OperationKind.IdempotentWrite, async (connection, transaction, ct) =>
        {
            foreach (var sql in new[] { "DELETE FROM central_messages WHERE channel_id = $1", "DELETE FROM channel_participants WHERE channel_id = $1", "DELETE FROM channels WHERE id = $1" })
            {
                await using var command = connection.Command(sql, transaction).WithUuidText(channelId);
                await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }
            return true;
        }, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// The DM channel of two users on a message server (named <c>DM-{smaller id}-{larger id}</c>), created with both as
    /// participants when there is none.
    /// </summary>
    public async Task<Channel> FindOrCreateDmChannelAsync(Guid user1Id, Guid user2Id, Guid messageServerId, CancellationToken cancellationToken = default)
    {
        var ids = new[] { user1Id.ToString("D"), user2Id.ToString("D") }.Order(StringComparer.Ordinal).ToArray();
        var name = $"DM-{ids[0]}-{ids[1]}";
        var existing = await ReadAsync(async (connection, ct) =>
        {
            await using var command = connection.Command($"SELECT {ChannelColumns} FROM channels WHERE type = 'DM' AND name = $1 AND message_server_id = $2 ORDER BY created_at, id LIMIT 1")
                .With(name).With(messageServerId);
            return await command.FirstOrDefaultAsync(ReadChannel, ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        if (existing is not null) return existing;
        return await CreateChannelAsync(
            new NewChannel(messageServerId, name, "DM") { Metadata = new JsonObject { ["user1"] = ids[0], ["user2"] = ids[1] } },
            [Guid.Parse(ids[0]), Guid.Parse(ids[1])], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds entities to a channel (nothing changes for those already in it).</summary>
    public async Task AddChannelParticipantsAsync(Guid channelId, IReadOnlyCollection<Guid> entityIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entityIds);
        if (entityIds.Count == 0) return;
        await WriteAsync(OperationKind.IdempotentWrite, async (connection, ct) =>
        {
            await AddChannelParticipantsAsync(connection, null, channelId, entityIds, ct).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The entities in a channel.</summary>
    public async Task<IReadOnlyList<Guid>> GetChannelParticipantsAsync(Guid channelId, CancellationToken cancellationToken = default)
        => await ReadAsync(async (connection, ct) =>
        {
            await using var command = connection.Command("SELECT entity_id FROM channel_participants WHERE channel_id = $1 ORDER BY entity_id").WithUuidText(channelId);
            return await command.ListAsync(r => UuidText.Parse(r.GetString(0)), ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);

    /// <summary>True when the entity is in the channel.</summary>
    public async Task<bool> IsChannelParticipantAsync(Guid channelId, Guid entityId, CancellationToken cancellationToken = default)
        => await ReadAsync(async (connection, ct) =>
        {
            await using var command = connection.Command("SELECT EXISTS (SELECT 1 FROM channel_participants WHERE channel_id = $1 AND entity_id = $2)")
                .WithUuidText(channelId).WithUuidText(entityId);
            return (bool)(await command.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
        }, cancellationToken).ConfigureAwait(false);

    /// <summary>Creates a message in a channel and returns it as stored.</summary>
    public async Task<CentralMessage> CreateMessageAsync(NewMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(message.Content);
        var id = message.MessageId ?? Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        return (await WriteAsync(OperationKind.NonIdempotentWrite, async (connection, ct) =>
        {
            await using var command = connection.Command($"""
                INSERT INTO central_messages (id, channel_id, author_id, content, raw_message, source_type, source_id, metadata, in_reply_to_root_message_id, created_at, updated_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)
                RETURNING {MessageColumns}
                """).WithUuidText(id).WithUuidText(message.ChannelId).WithUuidText(message.AuthorId).With(message.Content.Replace("\0", "", StringComparison.Ordinal))
                .WithJsonb(Json.WithoutNul(message.RawMessage)).With(message.SourceType).With(message.SourceId).WithJsonb(Json.WithoutNul(message.Metadata))
                .WithUuidText(message.InReplyToRootMessageId).WithUtcTimestamp(now);
            return await command.FirstOrDefaultAsync(ReadMessage, ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>The message with this id, or null.</summary>
    public async Task<CentralMessage?> GetMessageByIdAsync(Guid id, CancellationToken cancellationToken = default)
        => await ReadAsync(async (connection, ct) =>
        {
            await using var command = connection.Command($"SELECT {MessageColumns} FROM central_messages WHERE id = $1").WithUuidText(id);
            return await command.FirstOrDefaultAsync(ReadMessage, ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);

    /// <summary>Changes a message (the properties set in <paramref name="update"/>); null when no message has this id.</summary>
    public async Task<CentralMessage?> UpdateMessageAsync(Guid id, MessageUpdate update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        return await WriteAsync(OperationKind.IdempotentWrite, async (connection, ct) =>
        {
            await using var command = connection.Command($"""
                UPDATE central_messages SET content = coalesce($2, content), raw_message = coalesce($3, raw_message),
                    source_type = coalesce($4, source_type), source_id = coalesce($5, source_id), metadata = coalesce($6, metadata),
                    in_reply_to_root_message_id = coalesce($7, in_reply_to_root_message_id), updated_at = $8
                WHERE id = $1
                RETURNING {MessageColumns}
                """).WithUuidText(id).With(update.Content?.Replace("\0", "", StringComparison.Ordinal)).WithJsonb(Json.WithoutNul(update.RawMessage))
                .With(update.SourceType).With(update.SourceId).WithJsonb(Json.WithoutNul(update.Metadata)).WithUuidText(update.InReplyToRootMessageId)
                .WithUtcTimestamp(DateTimeOffset.UtcNow);
            return await command.FirstOrDefaultAsync(ReadMessage, ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The messages of a channel, newest first, at most <paramref name="limit"/>, created before <paramref name="before"/> when given.</summary>
    public async Task<IReadOnlyList<CentralMessage>> GetMessagesForChannelAsync(Guid channelId, int limit = 50, DateTimeOffset? before = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return await ReadAsync(async (connection, ct) =>
        {
            await using var command = connection.Command($"""
                SELECT {MessageColumns} FROM central_messages
                WHERE channel_id = $1 AND ($2::timestamp IS NULL OR created_at < $2)
                ORDER BY created_at DESC, id DESC LIMIT $3
                """).WithUuidText(channelId).WithUtcTimestamp(before).With(limit);
            return await command.ListAsync(ReadMessage, ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes a message (replies keep existing; their thread root becomes null).</summary>
    public async Task DeleteMessageAsync(Guid messageId, CancellationToken cancellationToken = default)
        => await WriteAsync(OperationKind.IdempotentWrite, async (connection, ct) =>
        {
            await using var command = connection.Command("DELETE FROM central_messages WHERE id = $1").WithUuidText(messageId);
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);

    private static async Task AddChannelParticipantsAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid channelId, IReadOnlyCollection<Guid>? entityIds, CancellationToken ct)
    {
        if (entityIds is not { Count: > 0 }) return;
        await using var command = connection.Command("""
            INSERT INTO channel_participants (channel_id, entity_id) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING
            """, transaction).WithUuidText(channelId).With(entityIds.Distinct().Select(e => e.ToString("D")).ToArray());
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    private static MessageServer ReadMessageServer(NpgsqlDataReader r) => new(
        r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetStringOrNull(3), r.GetJsonObjectOrNull(4), r.GetUtcTimestamp(5), r.GetUtcTimestamp(6));

    private static Channel ReadChannel(NpgsqlDataReader r) => new(
        UuidText.Parse(r.GetString(0)), r.GetGuid(1), r.GetString(2), r.GetString(3), r.GetStringOrNull(4), r.GetStringOrNull(5),
        r.GetStringOrNull(6), r.GetJsonObjectOrNull(7), r.GetUtcTimestamp(8), r.GetUtcTimestamp(9));

    private static CentralMessage ReadMessage(NpgsqlDataReader r) => new(
        UuidText.Parse(r.GetString(0)), UuidText.Parse(r.GetString(1)), UuidText.Parse(r.GetString(2)), r.GetString(3), r.GetJsonObjectOrNull(4),
        r.GetStringOrNull(5), r.GetStringOrNull(6), r.GetJsonObjectOrNull(7), r.GetUuidTextOrNull(8), r.GetUtcTimestamp(9), r.GetUtcTimestamp(10));
}
