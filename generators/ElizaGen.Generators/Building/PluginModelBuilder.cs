using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using ElizaGen.Generators.Diagnostics;
using ElizaGen.Generators.Model;
using ElizaGen.Schema;
using ElizaGen.Schema.Ddl;
using ElizaGen.Schema.Snapshots;

namespace ElizaGen.Generators.Building;

/// <summary>
/// Puts the plugin together: checks across tables, builds the snapshot, and computes its canonical JSON, hash and
/// DDL with ElizaGen.Schema (the same code the runtime uses).
/// </summary>
internal static class PluginModelBuilder
{
    public static PluginModelResult Build(ImmutableArray<TableParseResult> tables, PluginContextResult plugin)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var ordered = tables
            .OrderBy(t => t.Location?.FilePath, StringComparer.Ordinal)
            .ThenBy(t => t.Location?.Start)
            .ThenBy(t => t.TypeName, StringComparer.Ordinal)
            .ToList();

        if (!plugin.Declared)
        {
            foreach (var table in ordered)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TableWithoutPlugin, table.Location, table.TypeName));
            }
            return new PluginModelResult(null, diagnostics.ToEquatableArray());
        }
        var context = plugin.Context;
        if (context is null) return new PluginModelResult(null, default);

        var byName = new Dictionary<string, TableParseResult>(StringComparer.Ordinal);
        var duplicates = new HashSet<TableParseResult>();
        foreach (var table in ordered)
        {
            if (byName.TryGetValue(table.TableName, out var first))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateTableName, table.Location, table.TableName, first.TypeName));
                duplicates.Add(table);
            }
            else
            {
                byName.Add(table.TableName, table);
            }
        }

        var specs = ordered.Where(t => t.Spec is not null && !duplicates.Contains(t)).Select(t => t.Spec!).ToList();
        var jsonTyped = specs.SelectMany(s => s.Columns.Where(c => c.Kind == ValueKind.JsonTyped).Select(c => (Table: s, Column: c))).ToList();
        if (context.JsonContextType is null)
        {
            foreach (var (table, column) in jsonTyped)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.JsonbWithoutContext, column.Location ?? table.Location, column.PropertyName, column.ElementClrType.Replace("global::", string.Empty)));
            }
        }

        var indexNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var spec in specs)
        {
            var names = spec.Indexes.Select(i => i.Name).Concat(spec.Columns.Where(c => c.VectorIndex is not null).Select(c => c.VectorIndex!.Name));
            foreach (var name in names)
            {
                if (!indexNames.Add(name)) diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateConstraintName, spec.Location, name, spec.TableName));
            }
        }

        var schema = context.SchemaName;
        var snapshot = SchemaSnapshot.Create(
            specs.Select(s => SnapshotBuilder.Table(s, schema)),
            specs.SelectMany(s => SnapshotBuilder.Enums(s, schema)).GroupBy(e => e.Name, StringComparer.Ordinal).Select(g => g.First()),
            new[] { schema });

        var tableRenames = specs.Where(s => s.RenamedFrom is not null)
            .Select(s => new TableRenameSpec(schema, s.RenamedFrom!, s.TableName))
            .ToEquatableArray();
        var columnRenames = specs.SelectMany(s => s.Columns.Where(c => c.RenamedFrom is not null)
                .Select(c => new ColumnRenameSpec(schema, s.TableName, c.RenamedFrom!, c.ColumnName)))
            .ToEquatableArray();
        var dependencies = specs.SelectMany(s => s.ForeignKeys)
            .Select(f => f.TargetPlugin)
            .Where(p => p is not null && p != context.Name)
            .Select(p => p!)
            .Distinct(StringComparer.Ordinal)
            .OrderBy(p => p, StringComparer.Ordinal)
            .ToEquatableArray();

        string createSql;
        try
        {
            createSql = DdlWriter.CreateSql(snapshot);
        }
        catch (SchemaDefinitionException e)
        {
            // What the attributes cannot catch one by one (say, a check constraint without an expression).
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidSchemaDefinition, context.Location, e.Message));
            return new PluginModelResult(null, diagnostics.ToEquatableArray());
        }

        var model = new PluginModel(
            context,
            snapshot,
            SnapshotJsonWriter.WriteCanonical(snapshot),
            SnapshotHash.Compute(snapshot),
            createSql,
            tableRenames,
            columnRenames,
            dependencies);
        return new PluginModelResult(model, diagnostics.ToEquatableArray());
    }
}
