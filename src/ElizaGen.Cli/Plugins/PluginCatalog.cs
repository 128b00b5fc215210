using ElizaGen.PluginSql;
using ElizaGen.Schema;

namespace ElizaGen.Cli.Plugins;

/// <summary>The plugins a command works on: the built-in core schema (unless left out) and those of <c>--assembly</c>.</summary>
internal static class PluginCatalog
{
    /// <summary>The schemas the tool carries itself: the ElizaOS core schema (<c>@elizaos/plugin-sql</c>).</summary>
    public static IReadOnlyList<PluginSchema> BuiltIn { get; } = [PluginSqlSchema.Plugin];

    /// <summary>The plugins in the order found: built-in first, then each assembly's.</summary>
    /// <exception cref="CliException">An assembly cannot be read, two different schemas share a plugin name, or there is no plugin at all.</exception>
    public static IReadOnlyList<PluginSchema> Load(IReadOnlyList<string> assemblies, bool includeBuiltIn)
    {
        var found = new List<(PluginSchema Schema, string From)>();
        if (includeBuiltIn) found.AddRange(BuiltIn.Select(p => (p, "the built-in core schema")));
        foreach (var path in assemblies) found.AddRange(PluginAssemblyReader.Read(path).Select(p => (p, path)));

        var result = new List<PluginSchema>();
        var seen = new Dictionary<string, (PluginSchema Schema, string From)>(StringComparer.Ordinal);
        foreach (var (schema, from) in found)
        {
            if (seen.TryGetValue(schema.Name, out var earlier))
            {
                if (earlier.Schema.Hash == schema.Hash) continue;
                throw new CliException(
                    $"Plugin '{schema.Name}' comes twice with different schemas: from {earlier.From} (hash {earlier.Schema.Hash[..12]}) " +
                    $"and from {from} (hash {schema.Hash[..12]}). Pass one build of each plugin.");
            }
            seen.Add(schema.Name, (schema, from));
            result.Add(schema);
        }

        if (result.Count == 0)
        {
            throw new CliException("No plugin to work on: --no-core leaves out the core schema, so pass a plugin's built DLL with --assembly path/to/MyPlugin.dll (repeatable).");
        }
        return result;
    }
}
