using ElizaGen.Schema;

namespace ElizaGen.Hosting;

/// <summary>The plugin schemas registered with <see cref="ElizaGenBuilder.AddPlugin"/>, in registration order.</summary>
public sealed class ElizaGenPlugins
{
    private readonly List<PluginSchema> _plugins = [];

    /// <summary>The registered plugins; the migrator orders them by their dependencies itself.</summary>
    public IReadOnlyList<PluginSchema> All => _plugins;

    /// <summary>Adds a plugin; the same schema twice is kept once.</summary>
    /// <exception cref="ArgumentException">Another schema with the same plugin name is registered.</exception>
    internal void Add(PluginSchema plugin)
    {
        foreach (var existing in _plugins)
        {
            if (existing.Name != plugin.Name) continue;
            if (existing.Hash == plugin.Hash) return;
            throw new ArgumentException(
                $"Two different schemas are registered for plugin '{plugin.Name}' (hashes {existing.Hash[..12]}… and {plugin.Hash[..12]}…). " +
                "Register each plugin once: one AddPlugin call with its generated Plugin property.", nameof(plugin));
        }
        _plugins.Add(plugin);
    }
}
