using System.Text.Json.Nodes;
using ElizaGen.PluginSql.Internal;
using ElizaGen.PluginSql.Models;
using ElizaGen.PluginSql.Schema;
using ElizaGen.Runtime.Resilience;
using Npgsql;

namespace ElizaGen.PluginSql;

public sealed partial class ElizaDatabaseAdapter
{
    private const string AgentColumns = """
        id, enabled, server_id, created_at, updated_at, name, username, system, bio, message_examples, post_examples,
        topics, adjectives, knowledge, plugins, settings, style
        """;

    /// <summary>The agent with this id, or null.</summary>
    public async Task<Agent?> GetAgentAsync(Guid agentId, CancellationToken cancellationToken = default)
    {
        var row = await ReadAsync((connection, ct) => new AgentRowRepository(_database.DataSource).GetAsync(connection, null, agentId, ct), cancellationToken).ConfigureAwait(false);
        return row is null ? null : ToAgent(row);
    }

    /// <summary>Every agent's id, name and bio.</summary>
    public async Task<IReadOnlyList<AgentSummary>> GetAgentsAsync(CancellationToken cancellationToken = default)
        => await ReadAsync(async (connection, ct) =>
        {
            await using var command = connection.Command("SELECT id, name, bio FROM agents ORDER BY created_at, id");
            return await command.ListAsync(r => new AgentSummary(r.GetGuid(0), r.GetString(1), r.GetJsonNode(2) ?? JsonValue.Create("")), ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);

    /// <summary>Creates an agent; false when an agent with its id exists already (nothing is changed then).</summary>
    public async Task<bool> CreateAgentAsync(Agent agent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentException.ThrowIfNullOrWhiteSpace(agent.Name, nameof(agent) + "." + nameof(agent.Name));
        var now = DateTimeOffset.UtcNow;
        return await WriteAsync(OperationKind.IdempotentWrite, async (connection, ct) =>
        {
            await using var command = connection.Command($"""
                INSERT INTO agents ({AgentColumns})
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, coalesce($9, '[]'::jsonb), $10, $11, $12, $13, $14, $15, $16, $17)
                ON CONFLICT (id) DO NOTHING
                """)
                .With(agent.Id).With(agent.Enabled).With(agent.ServerId)
                .WithTimestampTz(agent.CreatedAt ?? now).WithTimestampTz(agent.UpdatedAt ?? now)
                .With(agent.Name).With(agent.Username).With(agent.System ?? "")
                .WithJsonb(agent.Bio)
                .WithJsonbText(Json.TextOr(agent.MessageExamples, "[]")).WithJsonbText(Json.TextOr(agent.PostExamples, "[]"))
                .WithJsonbText(Json.TextOr(agent.Topics, "[]")).WithJsonbText(Json.TextOr(agent.Adjectives, "[]"))
                .WithJsonbText(Json.TextOr(agent.Knowledge, "[]")).WithJsonbText(Json.TextOr(agent.Plugins, "[]"))
                .WithJsonbText(Json.TextOr(agent.Settings, "{}")).WithJsonbText(Json.TextOr(agent.Style, "{}"));
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Changes an agent: the properties of <paramref name="update"/> that are set replace the stored ones, except
    /// <see cref="AgentUpdate.Settings"/>, which is deep-merged (a key set to JSON null is removed, nested ones too).
    /// <c>updated_at</c> becomes <see cref="AgentUpdate.UpdatedAt"/> or now. False when no agent has this id.
    /// </summary>
    public async Task<bool> UpdateAgentAsync(Guid agentId, AgentUpdate update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        var updatedAt = update.UpdatedAt ?? DateTimeOffset.UtcNow;
        return await TransactionAsync(OperationKind.IdempotentWrite, async (connection, transaction, ct) =>
        {
            string? settings = null;
            if (update.Settings is not null)
            {
                await using var current = connection.Command("SELECT settings FROM agents WHERE id = $1 FOR UPDATE", transaction).With(agentId);
                var found = await current.FirstOrDefaultAsync(r => (Found: true, Settings: r.GetJsonObjectOrNull(0)), ct).ConfigureAwait(false);
                if (!found.Found) return false;
                settings = Json.Text(Json.DeepMerge(found.Settings, update.Settings));
            }

            await using var command = connection.Command("""
                UPDATE agents SET
                    name = coalesce($2, name), username = coalesce($3, username), system = coalesce($4, system),
                    bio = coalesce($5, bio), message_examples = coalesce($6, message_examples),
                    post_examples = coalesce($7, post_examples), topics = coalesce($8, topics),
                    adjectives = coalesce($9, adjectives), knowledge = coalesce($10, knowledge),
                    plugins = coalesce($11, plugins), settings = coalesce($12, settings), style = coalesce($13, style),
                    enabled = coalesce($14, enabled), server_id = coalesce($15, server_id), updated_at = $16
                WHERE id = $1
                """, transaction)
                .With(agentId).With(update.Name).With(update.Username).With(update.System)
                .WithJsonb(update.Bio).WithJsonb(update.MessageExamples).WithJsonb(update.PostExamples)
                .WithJsonb(update.Topics).WithJsonb(update.Adjectives).WithJsonb(update.Knowledge)
                .WithJsonb(update.Plugins).WithJsonbText(settings).WithJsonb(update.Style)
                .With(update.Enabled).With(update.ServerId).WithTimestampTz(updatedAt);
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Deletes an agent and, through the schema's cascading foreign keys, everything it owns (entities, memories and
    /// their embeddings, rooms, participants, worlds, components, relationships, cache, tasks, logs, server links).
    /// False when no agent has this id.
    /// </summary>
    public async Task<bool> DeleteAgentAsync(Guid agentId, CancellationToken cancellationToken = default)
        => await WriteAsync(OperationKind.IdempotentWrite, (connection, ct) => new AgentRowRepository(_database.DataSource).DeleteAsync(connection, null, agentId, ct), cancellationToken).ConfigureAwait(false);

    /// <summary>The number of agents.</summary>
    public async Task<long> CountAgentsAsync(CancellationToken cancellationToken = default)
        => await ReadAsync((connection, ct) => new AgentRowRepository(_database.DataSource).CountAsync(connection, null, ct), cancellationToken).ConfigureAwait(false);

    /// <summary>Deletes every agent (and, by cascade, everything they own).</summary>
    public async Task CleanupAgentsAsync(CancellationToken cancellationToken = default)
        => await WriteAsync(OperationKind.IdempotentWrite, async (connection, ct) =>
        {
            await using var command = connection.Command("DELETE FROM agents");
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);

    private static Agent ToAgent(AgentRow row) => new()
    {
        Id = row.Id,
        Enabled = row.Enabled,
        ServerId = row.ServerId,
        CreatedAt = row.CreatedAt,
        UpdatedAt = row.UpdatedAt,
        Name = row.Name,
        Username = row.Username,
        System = row.System,
        Bio = Json.ToNode(row.Bio),
        MessageExamples = Json.ToArray(row.MessageExamples),
        PostExamples = Json.ToArray(row.PostExamples),
        Topics = Json.ToArray(row.Topics),
        Adjectives = Json.ToArray(row.Adjectives),
        Knowledge = Json.ToArray(row.Knowledge),
        Plugins = Json.ToArray(row.Plugins),
        Settings = Json.ToObject(row.Settings) ?? [],
        Style = Json.ToObject(row.Style) ?? [],
    };
}
