using System.Globalization;
using ElizaGen.Schema;
using ElizaGen.Schema.Diff;
using ElizaGen.Schema.Snapshots;
using ElizaGen.Schema.Sql;

namespace ElizaGen.Reliability.Tests.Evolution;

/// <summary>Writes a model as the snapshot a plugin would compile to, and a pair of models as rename hints.</summary>
internal static class SnapshotRenderer
{
    public static SchemaSnapshot Render(SchemaModel model) =>
        SchemaSnapshot.Create(model.Tables.Select(t => Table(model, t)), model.Enums.Select(e => new EnumSnapshot(e.Schema, e.Name, e.Values.ToArray())));

    /// <summary>The renames between two models: tables and columns with one id and two names.</summary>
    public static RenameHints Hints(SchemaModel before, SchemaModel after)
    {
        var tables = new List<TableRename>();
        var columns = new List<ColumnRename>();
        foreach (var table in after.Tables)
        {
            if (before.Table(table.Id) is not { } old || old.Schema != table.Schema) continue;
            if (old.Name != table.Name) tables.Add(new TableRename(table.Schema, old.Name, table.Name));
            foreach (var column in table.Columns)
            {
                if (old.Column(column.Id) is { } was && was.Name != column.Name) columns.Add(new ColumnRename(table.Schema, table.Name, was.Name, column.Name));
            }
        }
        return new RenameHints(tables.ToArray(), columns.ToArray());
    }

    private static TableSnapshot Table(SchemaModel model, TableModel table)
    {
        string Name(int column) => table.Column(column)!.Name;
        string Q(int column) => SqlText.QuoteIdentifier(Name(column));
        var flagged = table.PrimaryKey is { Name: null } pk ? pk.Columns : [];

        var columns = table.Columns.Select(c =>
        {
            var spellings = c.Serial ? ColumnKinds.SerialSpellings(c.Type.Kind) : ColumnKinds.Spellings(c.Type, model);
            var isEnum = c.Type.Kind == ColumnKind.Enum;
            return new ColumnSnapshot(
                c.Name,
                spellings[c.Spelling % spellings.Length],
                PrimaryKey: flagged.Contains(c.Id),
                NotNull: c.NotNull,
                Default: c.Default,
                TypeSchema: isEnum ? model.Enum(c.Type.EnumId)!.Schema : null,
                Generated: c.Generated switch
                {
                    Generation.None => null,
                    Generation.PlusOne => new GeneratedColumnSnapshot($"{Q(c.GeneratedFrom)} + 1"),
                    Generation.Twice => new GeneratedColumnSnapshot($"{Q(c.GeneratedFrom)} * 2"),
                    _ => new GeneratedColumnSnapshot($"lower({Q(c.GeneratedFrom)})"),
                });
        }).ToArray();

        var composite = table.PrimaryKey is { Name: { } name } named
            ? new[] { new PrimaryKeySnapshot(name, named.Columns.Select(Name).ToArray()) }
            : [];

        var checks = table.Checks.Select(c => new CheckConstraintSnapshot(c.Name, c.Template switch
        {
            CheckTemplate.NonNegative => $"{Q(c.Columns[0])} >= 0",
            CheckTemplate.ShortText => $"length({Q(c.Columns[0])}) <= 20",
            CheckTemplate.NotEmpty => $"{Q(c.Columns[0])} <> ''",
            CheckTemplate.JsonObject => $"jsonb_typeof({Q(c.Columns[0])}) = 'object'",
            CheckTemplate.ArrayShort => $"cardinality({Q(c.Columns[0])}) < 4",
            CheckTemplate.EnumNot => $"{Q(c.Columns[0])} <> {SqlText.QuoteLiteral(c.Label!)}",
            CheckTemplate.AfterY2K => $"{Q(c.Columns[0])} >= '2000-01-01'",
            CheckTemplate.NullImplies => $"{Q(c.Columns[0])} IS NOT NULL OR {Q(c.Columns[1])} IS NULL",
            CheckTemplate.NotFalse => $"{Q(c.Columns[0])} IS NOT FALSE",
            CheckTemplate.VectorDims => $"vector_dims({Q(c.Columns[0])}) = {table.Column(c.Columns[0])!.Type.Size.ToString(CultureInfo.InvariantCulture)}",
            CheckTemplate.ByteaShort => $"octet_length({Q(c.Columns[0])}) < 64",
            CheckTemplate.UuidNotZero => $"{Q(c.Columns[0])} <> '00000000-0000-0000-0000-000000000000'",
            _ => throw new ArgumentOutOfRangeException(nameof(model)),
        })).ToArray();

        var indexes = table.Indexes.Select(i => new IndexSnapshot(
            i.Name,
            i.Parts.Select(p => p.Expression switch
            {
                KeyExpression.None => new IndexColumnSnapshot(Name(p.Column), Asc: !p.Descending, Nulls: p.NullsFirst ? "first" : "last", Opclass: p.Opclass),
                KeyExpression.Lower => new IndexColumnSnapshot($"lower({Q(p.Column)})", IsExpression: true, Asc: !p.Descending, Nulls: p.NullsFirst ? "first" : "last"),
                KeyExpression.JsonField => new IndexColumnSnapshot($"({Q(p.Column)} ->> 'k')", IsExpression: true, Asc: !p.Descending, Nulls: p.NullsFirst ? "first" : "last"),
                _ => new IndexColumnSnapshot($"abs({Q(p.Column)})", IsExpression: true, Asc: !p.Descending, Nulls: p.NullsFirst ? "first" : "last"),
            }).ToArray(),
            IsUnique: i.Unique,
            Method: i.Method.ToString().ToLowerInvariant(),
            Where: i.Where switch
            {
                Predicate.None => null,
                Predicate.NotNull => $"{Q(i.WhereColumn)} IS NOT NULL",
                Predicate.Positive => $"{Q(i.WhereColumn)} > 0",
                _ => Q(i.WhereColumn),
            },
            With: Parameters(i))).ToArray();

        var foreignKeys = table.ForeignKeys.Select(f =>
        {
            var target = model.Table(f.TargetTable)!;
            return new ForeignKeySnapshot(f.Name, table.Name, f.From.Select(Name).ToArray(), target.Schema, target.Name,
                f.To.Select(id => target.Column(id)!.Name).ToArray(), f.OnDelete, f.OnUpdate);
        }).ToArray();

        return new TableSnapshot(table.Schema, table.Name, columns, indexes, foreignKeys, composite,
            table.Uniques.Select(u => new UniqueConstraintSnapshot(u.Name, u.Columns.Select(Name).ToArray(), u.NullsNotDistinct)).ToArray(),
            checks);
    }

    private static EquatableArray<IndexParameter> Parameters(IndexModel index)
    {
        var list = new List<IndexParameter>();
        if (index.Method != IndexMethod.Hnsw) return list.ToArray();
        if (index.EfConstruction > 0) list.Add(new IndexParameter("ef_construction", index.EfConstruction.ToString(CultureInfo.InvariantCulture)));
        if (index.M > 0) list.Add(new IndexParameter("m", index.M.ToString(CultureInfo.InvariantCulture)));
        return list.ToArray();
    }
}
