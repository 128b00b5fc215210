using ElizaGen;

[assembly: ElizaPlugin("@elizaos/plugin-sql", Extensions = new[] { "fuzzystrmatch" })]

namespace ElizaGen.PluginSql;

/// <summary>
/// The ElizaOS core schema (<c>@elizaos/plugin-sql</c> 1.7.2, schema <c>public</c>): its generated
/// <c>Plugin</c> (<see cref="ElizaGen.Schema.PluginSchema"/>) with the snapshot, DDL and hash the source generator
/// computed from the records in <see cref="ElizaGen.PluginSql.Schema"/>.
/// </summary>
[ElizaPluginSchema]
public static partial class PluginSqlSchema;
