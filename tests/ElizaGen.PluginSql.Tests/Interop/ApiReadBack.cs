using System.Text.Json.Nodes;
using ElizaGen.PluginSql.Models;
using ElizaGen.Runtime.Connections;

namespace ElizaGen.PluginSql.Tests.Interop;

/// <summary>
/// Reads every manifest row back through <see cref="ElizaDatabaseAdapter"/> and compares the columns the API carries,
/// by the manifest's rules. Returns one line per mismatch.
/// </summary>
public sealed class ApiReadBack(ElizaDatabase database, JsonObject manifest)
{
    private readonly Dictionary<Guid, ElizaDatabaseAdapter> _adapters = [];
    private readonly List<string> _failures = [];

    public int Checks { get; private set; }

    public async Task<IReadOnlyList<string>> RunAsync()
    {
        foreach (var row in Rows("agents")) await CheckAgentAsync(row);
        foreach (var row in Rows("entities")) await CheckAsync("entities", row, "api:GetEntitiesByIds", async () => Columns(Find((await Any.GetEntitiesByIdsAsync([Id(row)])), e => e.Id == Id(row)) is { } e ? EntityColumns(e) : null));
        foreach (var row in Rows("worlds")) await CheckAsync("worlds", row, "api:GetWorld", async () => await Any.GetWorldAsync(Id(row)) is { } w ? WorldColumns(w) : null);
        foreach (var row in Rows("rooms")) await CheckAsync("rooms", row, "api:GetRoomsByIds", async () => Find(await For(Guid(row, "agent_id")).GetRoomsByIdsAsync([Id(row)]), r => r.Id == Id(row)) is { } r ? RoomColumns(r) : null);
        foreach (var row in Rows("components")) await CheckAsync("components", row, "api:GetComponents", async () => Find(await Any.GetComponentsAsync(Guid(row, "entity_id")!.Value), c => c.Id == Id(row)) is { } c ? ComponentColumns(c) : null);
        foreach (var row in Rows("participants")) await CheckParticipantAsync(row);
        foreach (var row in Rows("relationships")) await CheckAsync("relationships", row, "api:GetRelationships", async () => Find(await Any.GetRelationshipsAsync(Guid(row, "source_entity_id")!.Value), r => r.Id == Id(row)) is { } r ? RelationshipColumns(r) : null);
        foreach (var row in Rows("memories")) await CheckAsync("memories", row, "api:GetMemoryById", async () => await Any.GetMemoryByIdAsync(Id(row)) is { } m ? MemoryColumns(m) : null);
        foreach (var row in Rows("embeddings")) await CheckEmbeddingAsync(row);
        foreach (var row in Rows("cache")) await CheckCacheAsync(row);
        foreach (var row in Rows("tasks")) await CheckAsync("tasks", row, "api:GetTask", async () => await For(Guid(row, "agent_id")).GetTaskAsync(Id(row)) is { } t ? TaskColumns(t, Guid(row, "agent_id")!.Value) : null);
        foreach (var row in Rows("logs")) await CheckAsync("logs", row, "api:GetLogs", async () => Find(await Any.GetLogsAsync(new LogQuery { EntityId = Guid(row, "entity_id"), RoomId = Guid(row, "room_id"), Count = 1000 }), l => l.Id == Id(row)) is { } l ? LogColumns(l) : null);
        foreach (var row in Rows("message_servers")) await CheckAsync("message_servers", row, "api:GetMessageServerById", async () => await Any.GetMessageServerByIdAsync(Id(row)) is { } s ? ServerColumns(s) : null);
        foreach (var row in Rows("channels")) await CheckAsync("channels", row, "api:GetChannelDetails", async () => await Any.GetChannelDetailsAsync(Id(row)) is { } c ? ChannelColumns(c) : null);
        foreach (var row in Rows("central_messages")) await CheckAsync("central_messages", row, "api:GetMessageById", async () => await Any.GetMessageByIdAsync(Id(row)) is { } m ? MessageColumns(m) : null);
        foreach (var row in Rows("channel_participants"))
        {
            Checks++;
            var participants = await Any.GetChannelParticipantsAsync(Guid(row, "channel_id")!.Value);
            if (!participants.Contains(Guid(row, "entity_id")!.Value)) _failures.Add($"channel_participants {row.ToJsonString()}: not listed by GetChannelParticipants");
        }
        foreach (var row in Rows("message_server_agents"))
        {
            Checks++;
            var agents = await Any.GetAgentsForMessageServerAsync(Guid(row, "message_server_id")!.Value);
            if (!agents.Contains(Guid(row, "agent_id")!.Value)) _failures.Add($"message_server_agents {row.ToJsonString()}: not listed by GetAgentsForMessageServer");
        }
        return _failures;
    }

    private ElizaDatabaseAdapter Any => For(null);

    private ElizaDatabaseAdapter For(Guid? agentId)
    {
        var id = agentId ?? System.Guid.Parse(Rows("agents")[0]["id"]!.GetValue<string>());
        if (!_adapters.TryGetValue(id, out var adapter)) _adapters[id] = adapter = new ElizaDatabaseAdapter(database, id);
        return adapter;
    }

    private IReadOnlyList<JsonObject> Rows(string table) => manifest["tables"]?[table]?["rows"]?.AsArray().Select(r => r!.AsObject()).ToList() ?? [];

    private JsonObject Types(string table) => manifest["tables"]![table]!["columns"]!.AsObject();

    private static Guid Id(JsonObject row) => System.Guid.Parse(row["id"]!.GetValue<string>());

    private static Guid? Guid(JsonObject row, string column) => row[column] is { } v ? System.Guid.Parse(v.GetValue<string>()) : null;

    private static T? Find<T>(IEnumerable<T> items, Func<T, bool> match) where T : class => items.FirstOrDefault(match);

    private static Dictionary<string, JsonNode?>? Columns(Dictionary<string, JsonNode?>? columns) => columns;

    private async Task CheckAsync(string table, JsonObject row, string via, Func<Task<Dictionary<string, JsonNode?>?>> read)
    {
        Checks++;
        var actual = await read();
        var key = string.Join("/", Manifest.KeyOf(table).Select(k => row[k]?.ToJsonString()));
        if (actual is null)
        {
            _failures.Add($"{table} {key} ({via}): not found");
            return;
        }
        var types = Types(table);
        foreach (var (column, value) in actual)
        {
            if (!row.ContainsKey(column) || !types.ContainsKey(column)) continue;
            if (Manifest.Compare(types[column]!.GetValue<string>(), row[column], value) is { } difference)
            {
                _failures.Add($"{table} {key} ({via}) {column}: {difference}");
            }
        }
    }

    private async Task CheckAgentAsync(JsonObject row)
        => await CheckAsync("agents", row, "api:GetAgent", async () => await Any.GetAgentAsync(Id(row)) is { } a ? new()
        {
            ["id"] = Manifest.Uuid(a.Id), ["enabled"] = a.Enabled, ["server_id"] = Manifest.Uuid(a.ServerId),
            ["created_at"] = Manifest.Timestamp(a.CreatedAt!.Value), ["updated_at"] = Manifest.Timestamp(a.UpdatedAt!.Value),
            ["name"] = a.Name, ["username"] = a.Username, ["system"] = a.System,
            ["bio"] = a.Bio?.DeepClone(), ["message_examples"] = a.MessageExamples?.DeepClone(), ["post_examples"] = a.PostExamples?.DeepClone(),
            ["topics"] = a.Topics?.DeepClone(), ["adjectives"] = a.Adjectives?.DeepClone(), ["knowledge"] = a.Knowledge?.DeepClone(),
            ["plugins"] = a.Plugins?.DeepClone(), ["settings"] = a.Settings?.DeepClone(), ["style"] = a.Style?.DeepClone(),
        } : null);

    private async Task CheckParticipantAsync(JsonObject row)
    {
        var entityId = Guid(row, "entity_id");
        var roomId = Guid(row, "room_id");
        await CheckAsync("participants", row, "api:GetParticipantsForEntity+GetParticipantUserState", async () =>
        {
            if (entityId is null) return null;
            var participation = Find(await Any.GetParticipantsForEntityAsync(entityId.Value), p => p.Id == Id(row));
            if (participation is null) return null;
            var state = roomId is null ? null : await For(Guid(row, "agent_id")).GetParticipantUserStateAsync(roomId.Value, entityId.Value);
            return new()
            {
                ["id"] = Manifest.Uuid(participation.Id), ["entity_id"] = Manifest.Uuid(participation.Entity.Id), ["room_id"] = Manifest.Uuid(participation.RoomId),
                ["room_state"] = state switch { ParticipantUserState.Followed => "FOLLOWED", ParticipantUserState.Muted => "MUTED", _ => null },
            };
        });
        if (roomId is { } room && entityId is { } entity)
        {
            Checks++;
            if (!(await Any.GetParticipantsForRoomAsync(room)).Contains(entity)) _failures.Add($"participants {Id(row)}: not listed by GetParticipantsForRoom");
        }
    }

    private async Task CheckEmbeddingAsync(JsonObject row)
    {
        var memoryId = Guid(row, "memory_id")!.Value;
        await CheckAsync("embeddings", row, "api:GetMemoryById(embedding)", async () => await Any.GetMemoryByIdAsync(memoryId) is { } m
            ? new() { ["memory_id"] = Manifest.Uuid(m.Id), ["dim_384"] = m.Embedding is null ? null : Manifest.Vector(m.Embedding) }
            : null);
        if (row["dim_384"] is JsonArray vector)
        {
            Checks++;
            var memory = await Any.GetMemoryByIdAsync(memoryId);
            var found = await For(memory!.AgentId).SearchMemoriesAsync(memory.TableName!, vector.Select(x => (float)x!.GetValue<double>()).ToArray(), count: 1, roomId: memory.RoomId);
            if (found.Count == 0 || found[0].Id != memoryId || Math.Abs(found[0].Similarity!.Value - 1) > 1e-5)
            {
                _failures.Add($"embeddings {Id(row)} (api:SearchMemories): its own vector did not come first with similarity 1 ({string.Join(", ", found.Select(f => $"{f.Id} {f.Similarity}"))})");
            }
        }
    }

    private async Task CheckCacheAsync(JsonObject row)
    {
        var expired = row["expires_at"] is { } at && DateTimeOffset.Parse(at.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) <= DateTimeOffset.UtcNow;
        Checks++;
        var value = await For(Guid(row, "agent_id")).GetCacheAsync(row["key"]!.GetValue<string>());
        var key = $"{row["key"]}/{row["agent_id"]}";
        if (expired)
        {
            // ElizaGen honours expires_at (the plugin does not): an expired entry reads as absent.
            if (value is not null) _failures.Add($"cache {key} (api:GetCache): expired at {row["expires_at"]}, but returned {value.ToJsonString()}");
        }
        else if (Manifest.Compare("jsonb", row["value"], value) is { } difference)
        {
            _failures.Add($"cache {key} (api:GetCache) value: {difference}");
        }
    }

    private static Dictionary<string, JsonNode?> EntityColumns(Entity e) => new()
    {
        ["id"] = Manifest.Uuid(e.Id), ["agent_id"] = Manifest.Uuid(e.AgentId), ["created_at"] = Manifest.Timestamp(e.CreatedAt!.Value),
        ["names"] = Manifest.Texts(e.Names), ["metadata"] = e.Metadata?.DeepClone(),
    };

    private static Dictionary<string, JsonNode?> WorldColumns(World w) => new()
    {
        ["id"] = Manifest.Uuid(w.Id), ["agent_id"] = Manifest.Uuid(w.AgentId), ["name"] = w.Name, ["metadata"] = w.Metadata?.DeepClone(),
        ["message_server_id"] = Manifest.Uuid(w.MessageServerId), ["created_at"] = Manifest.Timestamp(w.CreatedAt!.Value),
    };

    private static Dictionary<string, JsonNode?> RoomColumns(Room r) => new()
    {
        ["id"] = Manifest.Uuid(r.Id), ["agent_id"] = Manifest.Uuid(r.AgentId), ["source"] = r.Source, ["type"] = r.Type,
        ["message_server_id"] = Manifest.Uuid(r.MessageServerId), ["world_id"] = Manifest.Uuid(r.WorldId), ["name"] = r.Name,
        ["metadata"] = r.Metadata?.DeepClone(), ["channel_id"] = r.ChannelId, ["created_at"] = Manifest.Timestamp(r.CreatedAt!.Value),
    };

    private static Dictionary<string, JsonNode?> ComponentColumns(Component c) => new()
    {
        ["id"] = Manifest.Uuid(c.Id), ["entity_id"] = Manifest.Uuid(c.EntityId), ["agent_id"] = Manifest.Uuid(c.AgentId), ["room_id"] = Manifest.Uuid(c.RoomId),
        ["world_id"] = Manifest.Uuid(c.WorldId), ["source_entity_id"] = Manifest.Uuid(c.SourceEntityId), ["type"] = c.Type,
        ["data"] = c.Data?.DeepClone(), ["created_at"] = Manifest.Timestamp(c.CreatedAt!.Value),
    };

    private static Dictionary<string, JsonNode?> RelationshipColumns(Relationship r) => new()
    {
        ["id"] = Manifest.Uuid(r.Id), ["created_at"] = Manifest.Timestamp(r.CreatedAt), ["source_entity_id"] = Manifest.Uuid(r.SourceEntityId),
        ["target_entity_id"] = Manifest.Uuid(r.TargetEntityId), ["agent_id"] = Manifest.Uuid(r.AgentId), ["tags"] = Manifest.Texts(r.Tags),
        ["metadata"] = r.Metadata.DeepClone(),
    };

    private static Dictionary<string, JsonNode?> MemoryColumns(Memory m) => new()
    {
        ["id"] = Manifest.Uuid(m.Id), ["type"] = m.TableName, ["created_at"] = Manifest.Timestamp(m.CreatedAt!.Value), ["content"] = m.Content.DeepClone(),
        ["entity_id"] = Manifest.Uuid(m.EntityId), ["agent_id"] = Manifest.Uuid(m.AgentId), ["room_id"] = Manifest.Uuid(m.RoomId),
        ["world_id"] = Manifest.Uuid(m.WorldId), ["unique"] = m.Unique, ["metadata"] = m.Metadata?.DeepClone(),
    };

    private static Dictionary<string, JsonNode?> TaskColumns(AgentTask t, Guid agentId) => new()
    {
        ["id"] = Manifest.Uuid(t.Id), ["name"] = t.Name, ["description"] = t.Description, ["room_id"] = Manifest.Uuid(t.RoomId),
        ["world_id"] = Manifest.Uuid(t.WorldId), ["entity_id"] = Manifest.Uuid(t.EntityId), ["agent_id"] = Manifest.Uuid(agentId),
        ["tags"] = Manifest.Texts(t.Tags), ["metadata"] = t.Metadata?.DeepClone(),
        ["created_at"] = t.CreatedAt is { } c ? Manifest.Timestamp(c) : null, ["updated_at"] = t.UpdatedAt is { } u ? Manifest.Timestamp(u) : null,
    };

    private static Dictionary<string, JsonNode?> LogColumns(LogEntry l) => new()
    {
        ["id"] = Manifest.Uuid(l.Id), ["created_at"] = Manifest.Timestamp(l.CreatedAt), ["entity_id"] = Manifest.Uuid(l.EntityId),
        ["body"] = l.Body.DeepClone(), ["type"] = l.Type, ["room_id"] = Manifest.Uuid(l.RoomId),
    };

    private static Dictionary<string, JsonNode?> ServerColumns(MessageServer s) => new()
    {
        ["id"] = Manifest.Uuid(s.Id), ["name"] = s.Name, ["source_type"] = s.SourceType, ["source_id"] = s.SourceId,
        ["metadata"] = s.Metadata?.DeepClone(), ["created_at"] = Manifest.Timestamp(s.CreatedAt), ["updated_at"] = Manifest.Timestamp(s.UpdatedAt),
    };

    private static Dictionary<string, JsonNode?> ChannelColumns(Channel c) => new()
    {
        ["id"] = Manifest.Uuid(c.Id), ["message_server_id"] = Manifest.Uuid(c.MessageServerId), ["name"] = c.Name, ["type"] = c.Type,
        ["source_type"] = c.SourceType, ["source_id"] = c.SourceId, ["topic"] = c.Topic, ["metadata"] = c.Metadata?.DeepClone(),
        ["created_at"] = Manifest.Timestamp(c.CreatedAt), ["updated_at"] = Manifest.Timestamp(c.UpdatedAt),
    };

    private static Dictionary<string, JsonNode?> MessageColumns(CentralMessage m) => new()
    {
        ["id"] = Manifest.Uuid(m.Id), ["channel_id"] = Manifest.Uuid(m.ChannelId), ["author_id"] = Manifest.Uuid(m.AuthorId), ["content"] = m.Content,
        ["raw_message"] = m.RawMessage?.DeepClone(), ["in_reply_to_root_message_id"] = Manifest.Uuid(m.InReplyToRootMessageId),
        ["source_type"] = m.SourceType, ["source_id"] = m.SourceId, ["metadata"] = m.Metadata?.DeepClone(),
        ["created_at"] = Manifest.Timestamp(m.CreatedAt), ["updated_at"] = Manifest.Timestamp(m.UpdatedAt),
    };
}
