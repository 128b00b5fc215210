using System.Collections.Generic;
using System.Linq;
using ElizaGen.Schema.Ddl;
using ElizaGen.Schema.Snapshots;
using ElizaGen.Schema.Sql;

namespace ElizaGen.Schema.Diff;

/// <summary>A table present in both snapshots (under the same name, or renamed through a hint).</summary>
internal sealed class TablePair
{
    public TablePair(TableSnapshot previous, TableSnapshot desired, IReadOnlyList<(string Old, string New)> columnRenames)
    {
        Previous = previous;
        Desired = desired;
        ColumnRenames = columnRenames;
        DesiredView = ExplicitKey(desired);
        PreviousView = Rename(ExplicitKey(previous), desired.Name, columnRenames);
    }

    /// <summary>The table as the previous snapshot declares it.</summary>
    public TableSnapshot Previous { get; }

    /// <summary>The table as the desired snapshot declares it.</summary>
    public TableSnapshot Desired { get; }

    /// <summary>
    /// The previous table as it is once the renames ran: desired table name, renamed columns (in keys,
    /// constraints and expressions too), and its primary key as a named table constraint.
    /// </summary>
    public TableSnapshot PreviousView { get; private set; }

    /// <summary>The desired table with its primary key as a named table constraint.</summary>
    public TableSnapshot DesiredView { get; }

    public bool IsRenamed => Previous.Name != Desired.Name;

    public IReadOnlyList<(string Old, string New)> ColumnRenames { get; }

    public string Schema => Desired.Schema;

    public string Name => Desired.Name;

    /// <summary>Points the previous foreign keys at renamed tables and columns.</summary>
    public void FollowReferencedRenames(IReadOnlyDictionary<(string Schema, string Name), TablePair> pairsByPreviousName)
    {
        var foreignKeys = PreviousView.ForeignKeys.Select(fk =>
        {
            if (!pairsByPreviousName.TryGetValue((fk.SchemaTo, fk.TableTo), out var target)) return fk;
            var columnsTo = fk.ColumnsTo.Select(c => RenamedColumn(target.ColumnRenames, c)).ToEquatableArray();
            return fk with { TableTo = target.Desired.Name, ColumnsTo = columnsTo };
        });
        PreviousView = PreviousView with { ForeignKeys = foreignKeys.ToEquatableArray() };
    }

    private static TableSnapshot ExplicitKey(TableSnapshot table)
    {
        var key = DdlStatements.PrimaryKey(table);
        return table with
        {
            Columns = table.Columns.Select(c => c.PrimaryKey ? c with { PrimaryKey = false } : c).ToEquatableArray(),
            CompositePrimaryKeys = key is null ? EquatableArray<PrimaryKeySnapshot>.Empty : EquatableArray.Create(key),
        };
    }

    private static TableSnapshot Rename(TableSnapshot table, string newName, IReadOnlyList<(string Old, string New)> renames)
    {
        string Column(string name) => RenamedColumn(renames, name);
        string Expression(string sql) => renames.Aggregate(sql, (text, r) => SqlExpression.RenameColumn(text, r.Old, r.New));
        EquatableArray<string> Columns(EquatableArray<string> names) => names.Select(Column).ToEquatableArray();

        if (renames.Count == 0) return table with { Name = newName };
        return table with
        {
            Name = newName,
            Columns = table.Columns.Select(c => c with
            {
                Name = Column(c.Name),
                Generated = c.Generated is null ? null : new GeneratedColumnSnapshot(Expression(c.Generated.As)),
            }).ToEquatableArray(),
            CompositePrimaryKeys = table.CompositePrimaryKeys.Select(k => k with { Columns = Columns(k.Columns) }).ToEquatableArray(),
            UniqueConstraints = table.UniqueConstraints.Select(u => u with { Columns = Columns(u.Columns) }).ToEquatableArray(),
            CheckConstraints = table.CheckConstraints.Select(c => c with { Value = Expression(c.Value) }).ToEquatableArray(),
            ForeignKeys = table.ForeignKeys.Select(f => f with { ColumnsFrom = Columns(f.ColumnsFrom) }).ToEquatableArray(),
            Indexes = table.Indexes.Select(i => i with
            {
                Columns = i.Columns.Select(p => p with { Expression = p.IsExpression ? Expression(p.Expression) : Column(p.Expression) }).ToEquatableArray(),
                Where = i.Where is null ? null : Expression(i.Where),
            }).ToEquatableArray(),
        };
    }

    private static string RenamedColumn(IReadOnlyList<(string Old, string New)> renames, string name)
    {
        foreach (var (old, @new) in renames)
        {
            if (old == name) return @new;
        }
        return name;
    }
}

/// <summary>Pairs the tables of two snapshots, following the rename hints that apply.</summary>
internal sealed class TableMatching
{
    private TableMatching(IReadOnlyList<TablePair> pairs, IReadOnlyList<TableSnapshot> created, IReadOnlyList<TableSnapshot> dropped)
    {
        Pairs = pairs;
        Created = created;
        Dropped = dropped;
    }

    /// <summary>Tables in both snapshots, by desired schema and name.</summary>
    public IReadOnlyList<TablePair> Pairs { get; }

    /// <summary>Tables only the desired snapshot declares.</summary>
    public IReadOnlyList<TableSnapshot> Created { get; }

    /// <summary>Tables only the previous snapshot declares.</summary>
    public IReadOnlyList<TableSnapshot> Dropped { get; }

    public static TableMatching Match(SchemaSnapshot previous, SchemaSnapshot desired, RenameHints hints)
    {
        var renamedFrom = new Dictionary<(string, string), TableSnapshot>();
        var claimed = new HashSet<(string, string)>();
        foreach (var hint in hints.Tables)
        {
            var old = previous.FindTable(hint.Schema, hint.OldName);
            var @new = desired.FindTable(hint.Schema, hint.NewName);
            if (old is null || @new is null || hint.OldName == hint.NewName) continue;
            if (desired.FindTable(hint.Schema, hint.OldName) is not null || previous.FindTable(hint.Schema, hint.NewName) is not null) continue;
            if (!claimed.Add((hint.Schema, hint.OldName)) || renamedFrom.ContainsKey((hint.Schema, hint.NewName))) continue;
            renamedFrom[(hint.Schema, hint.NewName)] = old;
        }

        var pairs = new List<TablePair>();
        var created = new List<TableSnapshot>();
        foreach (var table in desired.Tables)
        {
            var before = previous.FindTable(table.Schema, table.Name);
            if (before is null) renamedFrom.TryGetValue((table.Schema, table.Name), out before);
            if (before is null) created.Add(table);
            else pairs.Add(new TablePair(before, table, ColumnRenames(before, table, hints)));
        }
        var paired = new HashSet<(string, string)>(pairs.Select(p => (p.Previous.Schema, p.Previous.Name)));
        var dropped = previous.Tables.Where(t => !paired.Contains((t.Schema, t.Name))).ToArray();

        var byPreviousName = pairs.ToDictionary(p => (p.Previous.Schema, p.Previous.Name));
        foreach (var pair in pairs) pair.FollowReferencedRenames(byPreviousName);
        return new TableMatching(pairs, created, dropped);
    }

    private static IReadOnlyList<(string Old, string New)> ColumnRenames(TableSnapshot previous, TableSnapshot desired, RenameHints hints)
    {
        var renames = new List<(string Old, string New)>();
        foreach (var hint in hints.Columns)
        {
            if (hint.Schema != desired.Schema || (hint.Table != desired.Name && hint.Table != previous.Name)) continue;
            if (hint.OldName == hint.NewName) continue;
            if (previous.FindColumn(hint.OldName) is null || desired.FindColumn(hint.OldName) is not null) continue;
            if (desired.FindColumn(hint.NewName) is null || previous.FindColumn(hint.NewName) is not null) continue;
            if (renames.Any(r => r.Old == hint.OldName || r.New == hint.NewName)) continue;
            renames.Add((hint.OldName, hint.NewName));
        }
        return renames;
    }
}
