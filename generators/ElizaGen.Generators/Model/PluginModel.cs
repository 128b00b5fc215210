using ElizaGen.Generators.Diagnostics;
using ElizaGen.Schema;
using ElizaGen.Schema.Snapshots;

namespace ElizaGen.Generators.Model;

/// <summary>Everything the schema class is emitted from: the snapshot and what ElizaGen.Schema computed from it.</summary>
internal sealed record PluginModel(
    PluginContext Plugin,
    SchemaSnapshot Snapshot,
    string CanonicalJson,
    string Hash,
    string CreateSql,
    EquatableArray<TableRenameSpec> TableRenames,
    EquatableArray<ColumnRenameSpec> ColumnRenames,
    EquatableArray<string> Dependencies);

internal sealed record TableRenameSpec(string Schema, string OldName, string NewName);

internal sealed record ColumnRenameSpec(string Schema, string Table, string OldName, string NewName);

/// <summary>The plugin model, or null when there is nothing valid to emit, and the cross-table diagnostics.</summary>
internal sealed record PluginModelResult(PluginModel? Model, EquatableArray<DiagnosticInfo> Diagnostics);
