namespace ElizaGen.Schema.Diff;

/// <summary>
/// Renames declared in code (<c>[RenamedFrom]</c>), so that the differ renames instead of dropping and
/// re-creating. A hint applies only when the old name exists in the previous snapshot and not in the desired
/// one, and the new name the other way round; otherwise it is ignored (it was already applied).
/// </summary>
/// <param name="Tables">Table renames.</param>
/// <param name="Columns">Column renames.</param>
public sealed record RenameHints(EquatableArray<TableRename> Tables = default, EquatableArray<ColumnRename> Columns = default)
{
    /// <summary>No renames.</summary>
    public static RenameHints None { get; } = new();
}

/// <summary>A table renamed within its schema.</summary>
/// <param name="Schema">The schema.</param>
/// <param name="OldName">The name in the previous snapshot.</param>
/// <param name="NewName">The name in the desired snapshot.</param>
public sealed record TableRename(string Schema, string OldName, string NewName);

/// <summary>A column renamed.</summary>
/// <param name="Schema">The table's schema.</param>
/// <param name="Table">The table's name in the desired snapshot (its previous name is accepted too).</param>
/// <param name="OldName">The column's name in the previous snapshot.</param>
/// <param name="NewName">The column's name in the desired snapshot.</param>
public sealed record ColumnRename(string Schema, string Table, string OldName, string NewName);
