namespace ElizaGen.PluginSql.Schema;

/// <summary>A row of <c>message_server_agents</c>: an agent that serves a message server.</summary>
/// <param name="MessageServerId">The message server.</param>
/// <param name="AgentId">The agent.</param>
[Table("message_server_agents")]
public sealed partial record MessageServerAgentRow(
    [property: PrimaryKey(Order = 0), References(typeof(MessageServerRow), OnDelete = ReferentialAction.Cascade)] Guid MessageServerId,
    [property: PrimaryKey(Order = 1), References(typeof(AgentRow), OnDelete = ReferentialAction.Cascade)] Guid AgentId);
