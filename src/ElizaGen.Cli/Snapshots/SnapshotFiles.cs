using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ElizaGen.Schema;
using ElizaGen.Schema.Ddl;

namespace ElizaGen.Cli.Snapshots;

/// <summary>
/// Writes a plugin's compiled schema as files to commit and review: <c>schemas/&lt;plugin-folder&gt;/snapshot.json</c>
/// (the canonical JSON — same keys, same order — indented so that a schema change is a readable diff; written compact,
/// it is what the hash is taken of) and <c>create.sql</c> (the extensions and DDL that create the schema in an empty
/// database, under a header naming the plugin and its hash).
/// </summary>
internal static class SnapshotFiles
{
    /// <summary>The snapshot's file name inside a plugin's folder.</summary>
    public const string SnapshotFileName = "snapshot.json";

    /// <summary>The DDL's file name inside a plugin's folder.</summary>
    public const string CreateSqlFileName = "create.sql";

    /// <summary>
    /// The folder name of a plugin: its package name without the scope, in lower case, every run of characters other
    /// than <c>a-z 0-9 . _ -</c> turned into one <c>-</c>: <c>@elizaos/plugin-sql</c> → <c>plugin-sql</c>.
    /// </summary>
    public static string FolderName(string pluginName)
    {
        var name = pluginName.StartsWith('@') && pluginName.IndexOf('/') is > 0 and var slash ? pluginName[(slash + 1)..] : pluginName;
        var folder = new StringBuilder(name.Length);
        foreach (var c in name.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-') folder.Append(c);
            else if (folder.Length > 0 && folder[^1] != '-') folder.Append('-');
        }
        var result = folder.ToString().Trim('-', '.');
        return result.Length == 0 ? "plugin" : result;
    }

    /// <summary>The snapshot file's text: the canonical JSON indented, ending with a newline.</summary>
    public static string SnapshotText(PluginSchema plugin)
    {
        var options = new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        return JsonNode.Parse(plugin.CanonicalJson)!.ToJsonString(options).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
    }

    /// <summary>The create.sql text: a header, the extensions the schema needs, then its DDL.</summary>
    public static string CreateSqlText(PluginSchema plugin)
    {
        var extensions = DdlWriter.RequiredExtensions(plugin.Snapshot).Concat(plugin.Extensions).Distinct(StringComparer.Ordinal);
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"-- The schema of plugin {plugin.Name} (PostgreSQL schema \"{plugin.SchemaName}\") as ElizaGen creates it.\n")
            .Append("-- Written by `elizagen snapshot` from the plugin's compiled schema: do not edit; change the [Table] records and rerun.\n")
            .Append(CultureInfo.InvariantCulture, $"-- Snapshot hash: {plugin.Hash}\n\n");
        foreach (var extension in extensions) text.Append(CultureInfo.InvariantCulture, $"CREATE EXTENSION IF NOT EXISTS \"{extension}\";\n");
        return text.Append('\n').Append(plugin.CreateSql.Replace("\r\n", "\n", StringComparison.Ordinal)).ToString();
    }

    /// <summary>Writes both files of one plugin under <c>&lt;root&gt;/schemas/&lt;folder&gt;</c>; returns their paths.</summary>
    /// <remarks>Each file is written beside its target and then moved over it, so that no reader sees half a file.</remarks>
    public static (string Snapshot, string CreateSql) Write(string root, PluginSchema plugin)
    {
        var folder = Path.Combine(root, "schemas", FolderName(plugin.Name));
        Directory.CreateDirectory(folder);
        var snapshot = Path.Combine(folder, SnapshotFileName);
        var createSql = Path.Combine(folder, CreateSqlFileName);
        WriteWhole(snapshot, SnapshotText(plugin));
        WriteWhole(createSql, CreateSqlText(plugin));
        return (snapshot, createSql);
    }

    private static void WriteWhole(string path, string content)
    {
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        File.Move(temporary, path, overwrite: true);
    }
}
