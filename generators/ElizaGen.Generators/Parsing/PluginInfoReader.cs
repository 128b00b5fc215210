using System.Linq;
using System.Threading;
using ElizaGen.Generators.Model;
using ElizaGen.Schema;
using Microsoft.CodeAnalysis;

namespace ElizaGen.Generators.Parsing;

/// <summary>Reads the assembly's [assembly: ElizaPlugin] declarations into equatable values.</summary>
internal static class PluginInfoReader
{
    public static PluginInfo Read(Compilation compilation, CancellationToken cancellationToken)
    {
        var declarations = compilation.Assembly.GetAttributes()
            .All(AttributeNames.Plugin)
            .Select(a => new PluginDeclaration(
                a.CtorString(0) ?? string.Empty,
                a.NamedString("Schema"),
                a.Named<INamedTypeSymbol>("JsonContext")?.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
                (a.NamedStrings("Extensions") ?? System.Array.Empty<string>())
                    .Where(e => !string.IsNullOrWhiteSpace(e)).Select(e => e.Trim()).Distinct().OrderBy(e => e, System.StringComparer.Ordinal).ToEquatableArray(),
                a.Location(cancellationToken)))
            .ToEquatableArray();
        return new PluginInfo(compilation.AssemblyName ?? string.Empty, declarations);
    }
}
