using System.Globalization;
using System.Text;
using ElizaGen.Tests.Shared;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ElizaGen.Schema.Ddl;

namespace ElizaGen.PluginSql.Tests.Schema;

/// <summary>The files under <c>schemas/plugin-sql/</c> and how they are written from the generated schema.</summary>
public static class CommittedSchema
{
    public const string AcceptVariable = "ELIZAGEN_ACCEPT";

    /// <summary>The repository's <c>schemas/plugin-sql</c> folder.</summary>
    public static string Folder() => RepositoryPaths.Combine("schemas", "plugin-sql");

    /// <summary>The reference DDL copied into this test project.</summary>
    public static string ReferenceDdlPath() => RepositoryPaths.Combine("tests", "ElizaGen.PluginSql.Tests", "Reference", "plugin-sql-1.7.2-schema.sql");

    /// <summary>The generated snapshot's canonical JSON, indented for review (same keys, same order), as <c>elizagen snapshot</c> writes it.</summary>
    public static string SnapshotText()
    {
        var node = JsonNode.Parse(PluginSqlSchema.Plugin.CanonicalJson)!;
        var options = new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        return node.ToJsonString(options).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
    }

    /// <summary>
    /// The DDL that creates the core schema in an empty database: the extensions, then the tables. The same text as
    /// <c>elizagen snapshot</c> writes (src/ElizaGen.Cli/Snapshots/SnapshotFiles.cs), so either can refresh the files.
    /// </summary>
    public static string CreateSqlText()
    {
        var plugin = PluginSqlSchema.Plugin;
        var extensions = DdlWriter.RequiredExtensions(plugin.Snapshot).Concat(plugin.Extensions).Distinct(StringComparer.Ordinal);
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"-- The schema of plugin {plugin.Name} (PostgreSQL schema \"{plugin.SchemaName}\") as ElizaGen creates it.\n")
            .Append("-- Written by `elizagen snapshot` from the plugin's compiled schema: do not edit; change the [Table] records and rerun.\n")
            .Append(CultureInfo.InvariantCulture, $"-- Snapshot hash: {plugin.Hash}\n\n");
        foreach (var extension in extensions) text.Append(CultureInfo.InvariantCulture, $"CREATE EXTENSION IF NOT EXISTS \"{extension}\";\n");
        return text.Append('\n').Append(plugin.CreateSql.Replace("\r\n", "\n", StringComparison.Ordinal)).ToString();
    }

    public static bool Accepting => Environment.GetEnvironmentVariable(AcceptVariable) == "1";
}
