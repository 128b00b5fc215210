using System.Reflection;
using System.Runtime.Loader;

namespace ElizaGen.Cli.Plugins;

/// <summary>
/// Loads one plugin assembly and its own dependencies from its folder, but every assembly the tool itself carries
/// (ElizaGen.Schema above all, and Npgsql, Pgvector, the framework) from the tool: the plugin's
/// <c>PluginSchema</c> must be the tool's type, and a class library's bin folder often lacks its packages.
/// </summary>
internal sealed class PluginLoadContext(string assemblyPath) : AssemblyLoadContext(Path.GetFileNameWithoutExtension(assemblyPath))
{
    private static readonly HashSet<string> ToolAssemblies = FindToolAssemblies();
    private readonly AssemblyDependencyResolver _resolver = new(assemblyPath);

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (assemblyName.Name is { } name && ToolAssemblies.Contains(name)) return null;
        var path = _resolver.ResolveAssemblyToPath(assemblyName);
        return path is null ? null : LoadFromAssemblyPath(path);
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = _resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }

    private static HashSet<string> FindToolAssemblies()
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") is string list)
        {
            foreach (var path in list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                names.Add(Path.GetFileNameWithoutExtension(path));
            }
        }
        return names;
    }
}
