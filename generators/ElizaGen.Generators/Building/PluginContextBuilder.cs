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
        var schema = declaration.Schema ?? PluginNaming.SchemaNameFor(declaration.Name);
        if (declaration.Name.Length == 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidIdentifier, declaration.Location, declaration.Name, "plugin", "it is empty"));
            usable = false;
        }
        else if (!Identifier.TryValidate(schema, out var error))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidIdentifier, declaration.Location, schema, "schema", error ?? "invalid"));
            usable = false;
        }
        else if (IsReserved(schema))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ReservedSchemaName, declaration.Location, declaration.Name, schema));
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
            ? new PluginContext(declaration.Name, schema, schemaClass.Namespace, schemaClass.TypeName, schemaClass.Accessibility, true, declaration.JsonContextType)
            : new PluginContext(declaration.Name, schema, NamespaceFor(info.AssemblyName), ClassNameFor(declaration.Name), "public", false, declaration.JsonContextType);
        return new PluginContextResult(context, true, diagnostics.ToEquatableArray());
    }

    /// <summary>Schemas a plugin may not own: PostgreSQL's own and the migration journal's.</summary>
    public static bool IsReserved(string schema)
        => schema.StartsWith("pg_", StringComparison.Ordinal)
            || schema == "information_schema"
            || schema == "migrations";

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
