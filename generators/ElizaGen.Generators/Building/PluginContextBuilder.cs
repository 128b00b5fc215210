using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using ElizaGen.Generators.Diagnostics;
using ElizaGen.Generators.Model;
using ElizaGen.Schema;
using ElizaGen.Schema.Naming;
using Microsoft.CodeAnalysis.CSharp;

namespace ElizaGen.Generators.Building;

/// <summary>Resolves the plugin declaration and the schema class into a <see cref="PluginContext"/>.</summary>
internal static class PluginContextBuilder
{
    public static PluginContextResult Build(PluginInfo info, ImmutableArray<SchemaClassSpec> schemaClasses)
    {
        var diagnostics = new List<DiagnosticInfo>();
        if (info.Declarations.IsEmpty) return new PluginContextResult(null, false, default);

        var declaration = info.Declarations[0];
        for (var i = 1; i < info.Declarations.Count; i++)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MultiplePlugins, info.Declarations[i].Location, declaration.Name, info.Declarations[i].Name));
        }

        var usable = true;
        if (!IsUsablePluginName(declaration.Name, out var nameError))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidIdentifier, declaration.Location, "plugin", nameError));
            usable = false;
        }

        string schema;
        string error;
        if (declaration.Schema is { } explicitSchema)
        {
            schema = explicitSchema;
            if (!PluginNaming.TryValidateSchemaName(explicitSchema, out error))
            {
                // A valid identifier that is refused is a reserved one; anything else is a bad identifier.
                diagnostics.Add(Identifier.TryValidate(explicitSchema, out _)
                    ? DiagnosticInfo.Create(DiagnosticDescriptors.ReservedSchemaName, declaration.Location, error)
                    : DiagnosticInfo.Create(DiagnosticDescriptors.InvalidIdentifier, declaration.Location, "schema", error));
                usable = false;
            }
        }
        else if (!PluginNaming.TrySchemaNameFor(declaration.Name, out schema, out error))
        {
            // The name yields no schema: either nothing to build one from, or a reserved one.
            diagnostics.Add(HasSchemaCharacters(declaration.Name)
                ? DiagnosticInfo.Create(DiagnosticDescriptors.ReservedSchemaName, declaration.Location, error)
                : DiagnosticInfo.Create(DiagnosticDescriptors.InvalidIdentifier, declaration.Location, "plugin", error));
            usable = false;
        }

        var ordered = schemaClasses.OrderBy(c => c.Location?.FilePath, StringComparer.Ordinal).ThenBy(c => c.Location?.Start).ToList();
        var schemaClass = ordered.FirstOrDefault();
        foreach (var extra in ordered.Skip(1))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MultipleSchemaClasses, extra.Location, schemaClass!.TypeName));
        }
        if (schemaClass is not null && !(schemaClass.IsStaticPartial && schemaClass.IsTopLevel))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MustBePartial, schemaClass.Location, schemaClass.TypeName, "a top-level static partial class", "the plugin's Plugin property"));
            usable = false;
        }

        if (!usable) return new PluginContextResult(null, true, diagnostics.ToEquatableArray());

        var context = schemaClass is not null
            ? new PluginContext(declaration.Name, schema, schemaClass.Namespace, schemaClass.TypeName, schemaClass.Accessibility, true, declaration.JsonContextType, declaration.Extensions, declaration.Location)
            : new PluginContext(declaration.Name, schema, NamespaceFor(info.AssemblyName), ClassNameFor(declaration.Name), "public", false, declaration.JsonContextType, declaration.Extensions, declaration.Location);
        return new PluginContextResult(context, true, diagnostics.ToEquatableArray());
    }

    /// <summary>
    /// A plugin name is stored in the migration journal (text), keys the advisory lock and appears in logs: it must
    /// have a visible character and no control character (NUL, line breaks).
    /// </summary>
    private static bool IsUsablePluginName(string name, out string error)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            error = "The plugin name is empty: give the plugin its package name, such as \"@your-org/plugin-name\".";
            return false;
        }
        if (name.Any(char.IsControl) || name.Any(c => c is '\u2028' or '\u2029'))
        {
            error = "The plugin name holds a control character (NUL, a line break or a tab), which the migration journal and logs cannot show: use a package name such as \"@your-org/plugin-name\".";
            return false;
        }
        error = string.Empty;
        return true;
    }

    /// <summary>True when a plugin name has a character a schema name can be built from ([a-z0-9] after lower-casing).</summary>
    private static bool HasSchemaCharacters(string pluginName)
        => pluginName.ToLowerInvariant().Any(c => c is >= 'a' and <= 'z' or >= '0' and <= '9');

    /// <summary><c>@acme/plugin-notes</c> → <c>AcmePluginNotesSchema</c>.</summary>
    public static string ClassNameFor(string pluginName)
    {
        var builder = new StringBuilder();
        var upper = true;
        foreach (var c in pluginName)
        {
            if (c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9')
            {
                builder.Append(upper ? char.ToUpperInvariant(c) : c);
                upper = false;
            }
            else
            {
                upper = true;
            }
        }
        if (builder.Length == 0 || char.IsDigit(builder[0])) builder.Insert(0, "Plugin");
        return builder.Append("Schema").ToString();
    }

    /// <summary>The assembly name as a namespace (each dotted part made a valid identifier).</summary>
    public static string NamespaceFor(string assemblyName)
    {
        var parts = assemblyName.Split('.')
            .Select(part =>
            {
                var builder = new StringBuilder();
                foreach (var c in part) builder.Append(char.IsLetterOrDigit(c) || c == '_' ? c : '_');
                if (builder.Length == 0 || char.IsDigit(builder[0])) builder.Insert(0, '_');
                var text = builder.ToString();
                return SyntaxFacts.GetKeywordKind(text) != SyntaxKind.None ? "@" + text : text;
            })
            .ToArray();
        return assemblyName.Length == 0 ? "ElizaGen.Generated" : string.Join(".", parts);
    }
}
