using ElizaGen.Schema;

namespace ElizaGen.Runtime.Migrations;

/// <summary>Orders plugins so that a plugin comes after the plugins whose tables it references.</summary>
internal static class PluginOrder
{
    public static IReadOnlyList<PluginSchema> Sort(IReadOnlyList<PluginSchema> plugins)
    {
        var duplicate = plugins.GroupBy(p => p.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Plugin '{duplicate.Key}' was passed more than once; pass each plugin schema once.", nameof(plugins));
        }

        var byName = plugins.ToDictionary(p => p.Name, StringComparer.Ordinal);
        var result = new List<PluginSchema>(plugins.Count);
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 = visiting, 2 = done
        void Visit(PluginSchema plugin)
        {
            if (state.TryGetValue(plugin.Name, out var s)) return; // done, or a cycle: keep the given order
            state[plugin.Name] = 1;
            foreach (var dependency in plugin.Dependencies)
            {
                if (byName.TryGetValue(dependency, out var other)) Visit(other);
            }
            state[plugin.Name] = 2;
            result.Add(plugin);
        }
        foreach (var plugin in plugins) Visit(plugin);
        return result;
    }
}
