using ElizaGen.PluginSql.Schema;

[assembly: ElizaGen.ElizaPlugin("@test/plugin-notes")]

namespace ElizaGen.PluginSql.Tests.Plugins;

/// <summary>A table of another plugin (schema <c>test_plugin_notes</c>) that references the core schema's agents.</summary>
[ElizaGen.Table("notes")]
public sealed partial record NoteRow(
    [property: ElizaGen.PrimaryKey] Guid Id,
    [property: ElizaGen.References(typeof(AgentRow), OnDelete = ElizaGen.ReferentialAction.Cascade)] Guid AgentId,
    string Text);
