namespace ElizaGen.Reliability.Tests.Evolution;

/// <summary>
/// Makes a model valid again after a mutation or a shrinking step removed or retyped something: what no longer
/// fits (a check on a column that became text, a foreign key whose key is gone, a default of another type) is
/// dropped, never invented. A valid model is one PostgreSQL accepts when created from scratch.
/// </summary>
internal static class ModelRepair
{
    public static void Repair(SchemaModel model)
    {
        foreach (var e in model.Enums)
        {
            e.Values = e.Values.Distinct(StringComparer.Ordinal).ToList();
            if (e.Values.Count == 0) e.Values.Add("a");
        }
        foreach (var table in model.Tables) RepairTable(model, table);
        foreach (var table in model.Tables) table.ForeignKeys.RemoveAll(fk => !IsValid(model, table, fk));
    }

    private static void RepairTable(SchemaModel model, TableModel table)
    {
        foreach (var column in table.Columns)
        {
            if (column.Type.Kind == ColumnKind.Enum && model.Enum(column.Type.EnumId) is null) column.Type = new ColumnType(ColumnKind.Text);
            if (column.Default is not null && !ColumnKinds.Defaults(column.Type, model).Contains(column.Default)) column.Default = null;
            if (column.Serial && !ColumnKinds.IsInteger(column.Type.Kind)) column.Serial = false;
        }
        foreach (var column in table.Columns.Where(c => c.Generated != Generation.None))
        {
            // PostgreSQL computes a generated column from plain columns of its row only.
            var source = table.Column(column.GeneratedFrom);
            if (source is null || source.Generated != Generation.None || column.Serial || !ColumnKinds.Fits(column.Generated, column.Type.Kind, source.Type.Kind))
            {
                column.Generated = Generation.None;
            }
        }
        foreach (var column in table.Columns.Where(c => c.Serial || c.Generated != Generation.None)) column.Default = null;

        ColumnKind? Kind(int id) => table.Column(id)?.Type.Kind;
        bool Keyable(IReadOnlyCollection<int> ids) =>
            ids.Count > 0 && ids.Distinct().Count() == ids.Count && ids.All(id => Kind(id) is { } k && ColumnKinds.IsKeyable(k));

        bool Generated(int id) => table.Column(id)?.Generated is not (null or Generation.None);
        if (table.PrimaryKey is { } pk && (!Keyable(pk.Columns) || pk.Columns.Any(Generated))) table.PrimaryKey = null;
        table.Uniques.RemoveAll(u => !Keyable(u.Columns));
        table.Checks.RemoveAll(c =>
        {
            if (c.Columns.Any(id => Kind(id) is null)) return true;
            if (!ColumnKinds.Fits(c.Template, c.Columns.Select(id => Kind(id)!.Value).ToArray())) return true;
            return c.Template == CheckTemplate.EnumNot && !model.Enum(table.Column(c.Columns[0])!.Type.EnumId)!.Values.Contains(c.Label!);
        });
        table.Indexes.RemoveAll(i => !IsValid(table, i));
        foreach (var hnsw in table.Indexes.Where(i => i.Method == IndexMethod.Hnsw))
        {
            // pgvector: ef_construction must be at least 2 * m (defaults 64 and 16).
            if ((hnsw.EfConstruction == 0 ? 64 : hnsw.EfConstruction) < 2 * (hnsw.M == 0 ? 16 : hnsw.M)) hnsw.EfConstruction = 0;
        }
    }

    private static bool IsValid(TableModel table, IndexModel index)
    {
        if (index.Parts.Count == 0) return false;
        foreach (var part in index.Parts)
        {
            if (table.Column(part.Column) is not { } column || !ColumnKinds.Fits(part.Expression, column.Type.Kind)) return false;
        }
        if (index.Where != Predicate.None && (table.Column(index.WhereColumn) is not { } w || !ColumnKinds.Fits(index.Where, w.Type.Kind))) return false;
        var first = table.Column(index.Parts[0].Column)!.Type;
        return index.Method switch
        {
            IndexMethod.Hnsw => index.Parts.Count == 1 && first.Kind == ColumnKind.Vector && index.Parts[0].Opclass is not null && !index.Unique,
            IndexMethod.Gin => index.Parts.Count == 1 && index.Parts[0].Expression == KeyExpression.None && !index.Unique
                && (first.Kind == ColumnKind.Jsonb || (first.Kind == ColumnKind.TextArray && index.Parts[0].Opclass is null)),
            _ => index.Parts.All(p => p.Opclass is null),
        };
    }

    private static bool IsValid(SchemaModel model, TableModel table, ForeignKeyModel fk)
    {
        var target = model.Table(fk.TargetTable);
        if (target is null || fk.From.Count == 0 || fk.From.Count != fk.To.Count || fk.From.Distinct().Count() != fk.From.Count) return false;
        var keys = new List<List<int>>();
        if (target.PrimaryKey is { } pk) keys.Add(pk.Columns);
        keys.AddRange(target.Uniques.Select(u => u.Columns));
        if (!keys.Any(k => k.Count == fk.To.Count && k.All(fk.To.Contains))) return false;
        for (var i = 0; i < fk.From.Count; i++)
        {
            var from = table.Column(fk.From[i]);
            var to = target.Column(fk.To[i]);
            if (from is null || to is null || from.Type != to.Type || from.Generated != Generation.None) return false;
        }
        return true;
    }
}
