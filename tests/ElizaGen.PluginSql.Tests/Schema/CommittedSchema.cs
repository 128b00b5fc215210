using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ElizaGen.PluginSql.Tests.Schema;

/// <summary>The files under <c>schemas/plugin-sql/</c> and how they are written from the generated schema.</summary>
public static class CommittedSchema
{
    public const string AcceptVariable = "ELIZAGEN_ACCEPT";

    /// <summary>The repository's <c>schemas/plugin-sql</c> folder.</summary>
    public static string Folder() => Path.GetFullPath(Path.Combine(ThisFolder(), "..", "..", "..", "schemas", "plugin-sql"));

    /// <summary>The reference DDL copied into this test project.</summary>
    public static string ReferenceDdlPath() => Path.GetFullPath(Path.Combine(ThisFolder(), "..", "Reference", "plugin-sql-1.7.2-schema.sql"));

    private static string ThisFolder([CallerFilePath] string sourceFile = "") => Path.GetDirectoryName(sourceFile)!;

    /// <summary>The generated snapshot's canonical JSON, indented for review (same keys, same order).</summary>
    public static string SnapshotText()
    {
        var node = JsonNode.Parse(PluginSqlSchema.Plugin.CanonicalJson)!;
        var options = new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        return node.ToJsonString(options).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
    }

    /// <summary>The DDL that creates the core schema in a database that has none of it.</summary>
    public static string CreateSqlText()
    {
        var plugin = PluginSqlSchema.Plugin;
        var extensions = new[] { "vector" }.Concat(plugin.Extensions).Distinct();
        return $"""
            -- The ElizaOS core schema (@elizaos/plugin-sql 1.7.2) as ElizaGen creates it, schema "public".
            -- Generated from src/ElizaGen.PluginSql/Schema: do not edit; run the tests with {AcceptVariable}=1 to rewrite.
            -- Snapshot hash: {plugin.Hash}

            {string.Join("\n", extensions.Select(e => $"CREATE EXTENSION IF NOT EXISTS \"{e}\";"))}

            {plugin.CreateSql}
            """.Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    public static bool Accepting => Environment.GetEnvironmentVariable(AcceptVariable) == "1";
}
