using System.Reflection;
using ElizaGen.Schema;

namespace ElizaGen.Cli.Plugins;

/// <summary>
/// Finds the plugin schemas in a compiled plugin assembly: the values of its public static <see cref="PluginSchema"/>
/// properties and fields (the generator emits one, <c>Plugin</c>, per plugin assembly).
/// </summary>
internal static class PluginAssemblyReader
{
    /// <summary>Loads the assembly in its own load context and reads every schema it exposes.</summary>
    /// <exception cref="CliException">The file is missing, is not a .NET assembly, or exposes no schema.</exception>
    public static IReadOnlyList<PluginSchema> Read(string path)
    {
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new CliException($"--assembly {path}: no such file. Pass the plugin's built DLL (for example bin/Release/net10.0/MyPlugin.dll).");
        }

        Assembly assembly;
        try
        {
            assembly = new PluginLoadContext(fullPath).LoadFromAssemblyPath(fullPath);
        }
        catch (BadImageFormatException e)
        {
            throw new CliException($"--assembly {path}: not a .NET assembly ({e.Message}).", e);
        }
        catch (FileLoadException e)
        {
            throw new CliException($"--assembly {path}: could not be loaded: {e.Message}", e);
        }

        var schemas = new List<PluginSchema>();
        foreach (var type in LoadableTypes(assembly))
        {
            if (type.ContainsGenericParameters) continue;
            const BindingFlags flags = BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly;
            foreach (var property in type.GetProperties(flags))
            {
                if (property.GetIndexParameters().Length == 0 && IsSchemaType(property.PropertyType, path, type, property.Name))
                {
                    schemas.Add(ReadValue(() => property.GetValue(null), path, type, property.Name));
                }
            }
            foreach (var field in type.GetFields(flags))
            {
                if (IsSchemaType(field.FieldType, path, type, field.Name))
                {
                    schemas.Add(ReadValue(() => field.GetValue(null), path, type, field.Name));
                }
            }
        }

        if (schemas.Count == 0)
        {
            throw new CliException(
                $"--assembly {path}: no plugin schema found (no public static PluginSchema property). Build the plugin with the " +
                "ElizaGen generator ([assembly: ElizaPlugin(\"…\")] and [Table] records), which adds one.");
        }
        return schemas.DistinctBy(s => (s.Name, s.Hash)).ToArray();
    }

    private static bool IsSchemaType(Type type, string path, Type owner, string member)
    {
        if (type == typeof(PluginSchema)) return true;
        if (type.FullName == typeof(PluginSchema).FullName)
        {
            throw new CliException(
                $"--assembly {path}: {owner.FullName}.{member} is a PluginSchema from another copy of ElizaGen.Schema " +
                $"({type.Assembly.GetName().Version}) than this tool's ({typeof(PluginSchema).Assembly.GetName().Version}). Use the elizagen tool of the plugin's ElizaGen version.");
        }
        return false;
    }

    private static PluginSchema ReadValue(Func<object?> read, string path, Type owner, string member)
    {
        try
        {
            return read() as PluginSchema
                ?? throw new CliException($"--assembly {path}: {owner.FullName}.{member} is null; it should hold the plugin's schema.");
        }
        catch (TargetInvocationException e) when (e.InnerException is { } inner)
        {
            throw new CliException($"--assembly {path}: reading {owner.FullName}.{member} failed: {inner.GetType().Name}: {inner.Message}", inner);
        }
        catch (TypeInitializationException e) when (e.InnerException is { } inner)
        {
            throw new CliException($"--assembly {path}: initialising {owner.FullName} failed: {inner.GetType().Name}: {inner.Message}", inner);
        }
    }

    /// <summary>
    /// The assembly's types; those whose dependencies cannot be loaded (a repository over a missing package, say) are
    /// skipped: the schema classes need nothing beyond ElizaGen.Schema.
    /// </summary>
    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return e.Types.OfType<Type>();
        }
    }
}
