using System.Linq;
using ElizaGen.Generators.Model;

namespace ElizaGen.Generators.Emitting;

/// <summary>Renders the plugin's schema class with its <c>Plugin</c> property.</summary>
internal static class PluginSchemaEmitter
{
    public static string Emit(PluginModel model)
    {
        var plugin = model.Plugin;
        return Templates.PluginSchema(new
        {
            Namespace = plugin.SchemaClassNamespace,
            PluginName = CSharp.CommentText(plugin.Name),
            PluginNameDoc = CSharp.Xml(plugin.Name),
            SchemaNameDoc = CSharp.Xml(plugin.SchemaName),
            GeneratorVersion = GeneratorInfo.Version,
            Accessibility = plugin.UserSchemaClass ? string.Empty : plugin.SchemaClassAccessibility + " ",
            ClassName = plugin.SchemaClassName,
            HashLiteral = CSharp.Literal(model.Hash),
            CanonicalJsonLiteral = CSharp.Literal(model.CanonicalJson),
            CreateSqlLiteral = CSharp.Literal(model.CreateSql),
            PluginNameLiteral = CSharp.Literal(plugin.Name),
            SchemaNameLiteral = CSharp.Literal(plugin.SchemaName),
            RenamesCode = RenamesCode(model),
            DependenciesCode = model.Dependencies.IsEmpty
                ? "default"
                : "new string[] { " + string.Join(", ", model.Dependencies.Select(d => CSharp.Literal(d))) + " }",
            ExtensionsCode = plugin.Extensions.IsEmpty
                ? string.Empty
                : ",\n        new string[] { " + string.Join(", ", plugin.Extensions.Select(e => CSharp.Literal(e))) + " }",
            SnapshotCode = SnapshotCodeWriter.Write(model.Snapshot, 2),
        });
    }

    private static string RenamesCode(PluginModel model)
    {
        const string Ns = "global::ElizaGen.Schema.Diff.";
        if (model.TableRenames.IsEmpty && model.ColumnRenames.IsEmpty) return Ns + "RenameHints.None";
        var tables = model.TableRenames.IsEmpty
            ? "new " + Ns + "TableRename[0]"
            : "new " + Ns + "TableRename[] { " + string.Join(", ", model.TableRenames.Select(r => "new " + Ns + "TableRename(" + CSharp.Literal(r.Schema) + ", " + CSharp.Literal(r.OldName) + ", " + CSharp.Literal(r.NewName) + ")")) + " }";
        var columns = model.ColumnRenames.IsEmpty
            ? "new " + Ns + "ColumnRename[0]"
            : "new " + Ns + "ColumnRename[] { " + string.Join(", ", model.ColumnRenames.Select(r => "new " + Ns + "ColumnRename(" + CSharp.Literal(r.Schema) + ", " + CSharp.Literal(r.Table) + ", " + CSharp.Literal(r.OldName) + ", " + CSharp.Literal(r.NewName) + ")")) + " }";
        return "new " + Ns + "RenameHints(" + tables + ", " + columns + ")";
    }
}
