using ElizaGen.Generators.Diagnostics;
using ElizaGen.Schema;

namespace ElizaGen.Generators.Model;

/// <summary>The assembly's [assembly: ElizaPlugin] declarations (normally one) and its name.</summary>
internal sealed record PluginInfo(string AssemblyName, EquatableArray<PluginDeclaration> Declarations);

/// <summary>One [assembly: ElizaPlugin(...)].</summary>
internal sealed record PluginDeclaration(string Name, string? Schema, string? JsonContextType, EquatableArray<string> Extensions, LocationInfo? Location);

/// <summary>A class marked [ElizaPluginSchema].</summary>
internal sealed record SchemaClassSpec(
    string Namespace,
    string TypeName,
    string Accessibility,
    bool IsStaticPartial,
    bool IsTopLevel,
    LocationInfo? Location);

/// <summary>
/// The resolved plugin the per-table outputs need: null when the assembly declares no usable plugin.
/// </summary>
internal sealed record PluginContext(
    string Name,
    string SchemaName,
    string SchemaClassNamespace,
    string SchemaClassName,
    string SchemaClassAccessibility,
    bool UserSchemaClass,
    string? JsonContextType,
    EquatableArray<string> Extensions,
    LocationInfo? Location)
{
    public string SchemaClassFullName => (SchemaClassNamespace.Length == 0 ? "global::" : "global::" + SchemaClassNamespace + ".") + SchemaClassName;
}

/// <summary>
/// The resolved plugin, or null (none declared, or declared wrongly: see <see cref="Declared"/>), and the
/// plugin-level diagnostics.
/// </summary>
internal sealed record PluginContextResult(PluginContext? Context, bool Declared, EquatableArray<DiagnosticInfo> Diagnostics);
