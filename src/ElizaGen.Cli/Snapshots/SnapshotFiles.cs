using System.Text;
using ElizaGen.Schema;

namespace ElizaGen.Cli.Snapshots;

/// <summary>
/// Writes a plugin's compiled schema as files to commit and review: <c>schemas/&lt;plugin-folder&gt;/snapshot.json</c>
/// (the canonical JSON, byte for byte what the hash is taken of) and <c>create.sql</c> (the DDL for an empty database).
/// </summary>
internal static class SnapshotFiles
{
    /// <summary>The file names inside a plugin's folder.</summary>
    public const string SnapshotFileName = "snapshot.json";

    /// <inheritdoc cref="SnapshotFileName"/>
    public const string CreateSqlFileName = "create.sql";

    /// <summary>
    /// The folder name of a plugin: its name in lower case without <c>@</c>, every run of characters other than
    /// <c>a-z 0-9 . _ -</c> (the scope's <c>/</c>, say) turned into one <c>-</c>: <c>@elizaos/plugin-sql</c> →
    /// <c>elizaos-plugin-sql</c>.
    /// </summary>
    public static string FolderName(string pluginName)
    {
        var folder = new StringBuilder(pluginName.Length);
        foreach (var c in pluginName.ToLowerInvariant().Replace("@", string.Empty, StringComparison.Ordinal))
        {
            if (char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-') folder.Append(c);
            else if (folder.Length > 0 && folder[^1] != '-') folder.Append('-');
        }
        var name = folder.ToString().Trim('-', '.');
        return name.Length == 0 ? "plugin" : name;
    }

    /// <summary>Writes both files of one plugin under <c>&lt;root&gt;/schemas/&lt;folder&gt;</c>; returns their paths.</summary>
    /// <remarks>Each file is written beside its target and then moved over it, so that no reader sees half a file.</remarks>
    public static (string Snapshot, string CreateSql) Write(string root, PluginSchema plugin)
    {
        var folder = Path.Combine(root, "schemas", FolderName(plugin.Name));
        Directory.CreateDirectory(folder);
        var snapshot = Path.Combine(folder, SnapshotFileName);
        var createSql = Path.Combine(folder, CreateSqlFileName);
        WriteWhole(snapshot, plugin.CanonicalJson);
        WriteWhole(createSql, plugin.CreateSql);
        return (snapshot, createSql);
    }

    private static void WriteWhole(string path, string content)
    {
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        File.Move(temporary, path, overwrite: true);
    }
}
