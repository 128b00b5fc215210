using System;
using System.Collections.Generic;
using System.Linq;
using ElizaGen.Schema.Ddl;
using ElizaGen.Schema.Snapshots;
using ElizaGen.Schema.Sql;

namespace ElizaGen.Schema.Diff;

internal sealed partial class Planner
{
    private enum AddReason
    {
        /// <summary>Declared only by the desired snapshot.</summary>
        New,

        /// <summary>Declared by both under one name, with another definition.</summary>
        Changed,

        /// <summary>Unchanged, re-created because something it hangs on is re-created.</summary>
        Rebuilt,
    }

    /// <summary>Primary keys, unique constraints, check constraints and indexes of the paired tables.</summary>
    private void Keys()
    {
        foreach (var pair in _tables.Pairs)
        {
            var changes = _changes[(pair.Schema, pair.Name)];
            var before = pair.PreviousView;
            var after = pair.DesiredView;
            var table = pair.Desired;
            var rebuilt = changes.Rebuilt.Keys.ToArray();
            // PostgreSQL re-parses a check or an index expression over a column whose type changes from the text it
            // printed for the old type, constants cast to the old type included ('2000-01-01'::timestamptz stays
            // timestamptz when the column becomes timestamp): they are re-created from their declared text instead.
            var typeChanged = rebuilt.Concat(changes.Swapped).Concat(changes.Retyped).ToArray();
            bool UsesRebuilt(IEnumerable<string> columns) => columns.Any(changes.Rebuilt.ContainsKey);
            bool ExpressionUses(string? sql, IEnumerable<string> columns) => sql is not null && columns.Any(c => SqlExpression.References(sql, c));
            string Because(bool overReplacedValues, string what) => overReplacedValues ? $": their values change, and the migration fails if the rows now break {what}" : "";
            var on = Qualified(pair.Schema, pair.Name);

            DiffObjects(
                before.CompositePrimaryKeys, after.CompositePrimaryKeys, k => k.Name, Definitions.SamePrimaryKey, k => UsesRebuilt(k.Columns),
                k =>
                {
                    changes.DroppedKeys.Add(new HashSet<string>(k.Columns, StringComparer.Ordinal));
                    _plan.Add(Phase.DropPrimaryKeys, new MigrationStep(StepKind.DropPrimaryKey, StepClass.Safe, DdlStatements.DropConstraint(table, k.Name),
                        $"Drops primary key {k.Name} of {on}.", pair.Name, Schema: pair.Schema));
                },
                (k, reason) => _plan.Add(Phase.AddPrimaryKeys, reason == AddReason.Rebuilt
                    ? new MigrationStep(StepKind.AddPrimaryKey, Recreated(k.Columns.Any(changes.ValuesReplaced.Contains)), DdlStatements.AddPrimaryKey(table, k),
                        $"Re-creates primary key {k.Name} of {on} over its rebuilt columns{Because(k.Columns.Any(changes.ValuesReplaced.Contains), "it")}.", pair.Name, Schema: pair.Schema)
                    : new MigrationStep(StepKind.AddPrimaryKey, StepClass.Warning, DdlStatements.AddPrimaryKey(table, k),
                        $"Adds primary key {k.Name} on {on} ({string.Join(", ", k.Columns)}): the migration fails if existing rows hold duplicates or NULLs there.",
                        pair.Name, Schema: pair.Schema)),
                (old, @new) => RenameConstraint(pair, old.Name, @new.Name, "primary key"));

            DiffObjects(
                before.UniqueConstraints, after.UniqueConstraints, u => u.Name, Definitions.SameUnique, u => UsesRebuilt(u.Columns),
                u =>
                {
                    changes.DroppedKeys.Add(new HashSet<string>(u.Columns, StringComparer.Ordinal));
                    _plan.Add(Phase.DropUniques, new MigrationStep(StepKind.DropUniqueConstraint, StepClass.Safe, DdlStatements.DropConstraint(table, u.Name),
                        $"Drops unique constraint {u.Name} of {on}.", pair.Name, Schema: pair.Schema));
                },
                (u, reason) => _plan.Add(Phase.AddUniques, reason == AddReason.Rebuilt
                    ? new MigrationStep(StepKind.AddUniqueConstraint, Recreated(u.Columns.Any(changes.ValuesReplaced.Contains)), DdlStatements.AddUnique(table, u),
                        $"Re-creates unique constraint {u.Name} of {on} over its rebuilt columns{Because(u.Columns.Any(changes.ValuesReplaced.Contains), "it")}.", pair.Name, Schema: pair.Schema)
                    : new MigrationStep(StepKind.AddUniqueConstraint, StepClass.Warning, DdlStatements.AddUnique(table, u),
                        $"Adds unique constraint {u.Name} on {on} ({string.Join(", ", u.Columns)}): the migration fails if existing rows hold duplicates there.",
                        pair.Name, Schema: pair.Schema)),
                (old, @new) => RenameConstraint(pair, old.Name, @new.Name, "unique constraint"));

            DiffObjects(
                before.CheckConstraints, after.CheckConstraints, c => c.Name, Definitions.SameCheck, c => ExpressionUses(c.Value, typeChanged),
                c => _plan.Add(Phase.DropChecks, new MigrationStep(StepKind.DropCheckConstraint, StepClass.Safe, DdlStatements.DropConstraint(table, c.Name),
                    $"Drops check constraint {c.Name} of {on}.", pair.Name, Schema: pair.Schema)),
                (c, reason) => _plan.Add(Phase.AddChecks, reason == AddReason.Rebuilt
                    ? new MigrationStep(StepKind.AddCheckConstraint, Recreated(ExpressionUses(c.Value, changes.ValuesReplaced)), DdlStatements.AddCheck(table, c),
                        $"Re-creates check constraint {c.Name} of {on} over its changed columns{Because(ExpressionUses(c.Value, changes.ValuesReplaced), "it")}.", pair.Name, Schema: pair.Schema)
                    : new MigrationStep(StepKind.AddCheckConstraint, StepClass.Warning, DdlStatements.AddCheck(table, c),
                        $"Adds check constraint {c.Name} on {on} ({c.Value.Trim()}): the migration fails if an existing row breaks it.",
                        pair.Name, Schema: pair.Schema)),
                (old, @new) => RenameConstraint(pair, old.Name, @new.Name, "check constraint"));

            DiffObjects(
                before.Indexes, after.Indexes, i => i.Name, Definitions.SameIndex,
                i => i.Columns.Any(p => p.IsExpression ? ExpressionUses(p.Expression, typeChanged) : changes.Rebuilt.ContainsKey(p.Expression))
                     || ExpressionUses(i.Where, typeChanged),
                i =>
                {
                    if (i.IsUnique) changes.DroppedKeys.Add(new HashSet<string>(i.Columns.Select(p => p.Expression), StringComparer.Ordinal));
                    _plan.Add(Phase.DropIndexes, new MigrationStep(StepKind.DropIndex, StepClass.Safe, DdlStatements.DropIndex(pair.Schema, i.Name),
                        $"Drops index {i.Name} of {on}.", pair.Name, Schema: pair.Schema));
                },
                (i, reason) => _plan.Add(Phase.CreateIndexes, i.IsUnique && (reason != AddReason.Rebuilt || IndexUses(i, changes.ValuesReplaced))
                    ? new MigrationStep(StepKind.CreateIndex, StepClass.Warning, DdlStatements.CreateIndex(table, i),
                        $"{(reason == AddReason.Rebuilt ? "Re-creates" : "Creates")} unique index {i.Name} on {on}: the migration fails if existing rows hold duplicates.", pair.Name, Schema: pair.Schema)
                    : new MigrationStep(StepKind.CreateIndex, StepClass.Safe, DdlStatements.CreateIndex(table, i),
                        reason == AddReason.Rebuilt ? $"Re-creates index {i.Name} of {on} over its changed columns." : $"Creates index {i.Name} on {on}.",
                        pair.Name, Schema: pair.Schema)),
                (old, @new) => _plan.Add(Phase.RenameConstraints, new MigrationStep(StepKind.RenameIndex, StepClass.Safe,
                    DdlStatements.RenameIndex(pair.Schema, old.Name, @new.Name), $"Renames index {old.Name} of {on} to {@new.Name}.", pair.Name, Schema: pair.Schema)));
        }
    }

    private void ForeignKeys()
    {
        foreach (var pair in _tables.Pairs)
        {
            var changes = _changes[(pair.Schema, pair.Name)];
            var table = pair.Desired;
            var on = Qualified(pair.Schema, pair.Name);
            DiffObjects(
                pair.PreviousView.ForeignKeys, pair.DesiredView.ForeignKeys, f => f.Name, Definitions.SameForeignKey, f => MustRebuild(changes, f),
                f => _plan.Add(Phase.DropForeignKeys, new MigrationStep(StepKind.DropForeignKey, StepClass.Safe, DdlStatements.DropConstraint(table, f.Name),
                    $"Drops foreign key {f.Name} of {on}.", pair.Name, Schema: pair.Schema)),
                (f, reason) => _plan.Add(Phase.AddForeignKeys, reason == AddReason.Rebuilt
                    ? new MigrationStep(StepKind.AddForeignKey, Recreated(JoinsReplacedValues(changes, f)), DdlStatements.AddForeignKey(table, f),
                        $"Re-creates foreign key {f.Name} of {on} after the columns or key it joins changed"
                        + (JoinsReplacedValues(changes, f) ? ": their values change, and the migration fails if a row now references a missing row." : "."),
                        pair.Name, Schema: pair.Schema)
                    : new MigrationStep(StepKind.AddForeignKey, StepClass.Warning, DdlStatements.AddForeignKey(table, f),
                        $"Adds foreign key {f.Name} from {on} ({string.Join(", ", f.ColumnsFrom)}) to {Qualified(f.SchemaTo, f.TableTo)}: the migration fails if an existing row references a missing row.",
                        pair.Name, Schema: pair.Schema)),
                (old, @new) => RenameConstraint(pair, old.Name, @new.Name, "foreign key"));
        }
    }

    /// <summary>Re-created over columns whose values change, a key, check or foreign key can fail on the rows: a warning, not safe.</summary>
    private static StepClass Recreated(bool overReplacedValues) => overReplacedValues ? StepClass.Warning : StepClass.Safe;

    private bool JoinsReplacedValues(TableChanges changes, ForeignKeySnapshot fk) =>
        fk.ColumnsFrom.Any(changes.ValuesReplaced.Contains) || (ChangesOf(fk.SchemaTo, fk.TableTo) is { } target && fk.ColumnsTo.Any(target.ValuesReplaced.Contains));

    private static bool IndexUses(IndexSnapshot index, ICollection<string> columns) =>
        index.Columns.Any(p => p.IsExpression ? columns.Any(c => SqlExpression.References(p.Expression, c)) : columns.Contains(p.Expression))
        || (index.Where is not null && columns.Any(c => SqlExpression.References(index.Where, c)));

    /// <summary>
    /// A foreign key is dropped and re-created around a type change of its columns on either side, and around
    /// the drop of the key it references (PostgreSQL refuses to drop a key a foreign key depends on).
    /// </summary>
    private bool MustRebuild(TableChanges changes, ForeignKeySnapshot fk)
    {
        if (fk.ColumnsFrom.Any(changes.TypeTouched)) return true;
        var target = ChangesOf(fk.SchemaTo, fk.TableTo);
        if (target is null) return false;
        return fk.ColumnsTo.Any(target.TypeTouched) || target.DroppedKeys.Any(k => k.SetEquals(fk.ColumnsTo));
    }

    private void RenameConstraint(TablePair pair, string oldName, string newName, string what) =>
        _plan.Add(Phase.RenameConstraints, new MigrationStep(StepKind.RenameConstraint, StepClass.Safe,
            DdlStatements.RenameConstraint(pair.Desired, oldName, newName),
            $"Renames {what} {oldName} of {Qualified(pair.Schema, pair.Name)} to {newName}.", pair.Name, Schema: pair.Schema));

    /// <summary>
    /// Compares one kind of named object: same name and definition → nothing (or drop and add when
    /// <paramref name="mustRebuild"/>); same name, other definition → drop and add; a dropped and an added
    /// object with the same definition → rename; the rest → drop or add.
    /// </summary>
    private static void DiffObjects<T>(
        IEnumerable<T> before,
        IEnumerable<T> after,
        Func<T, string> name,
        Func<T, T, bool> same,
        Func<T, bool> mustRebuild,
        Action<T> drop,
        Action<T, AddReason> add,
        Action<T, T> rename)
        where T : class
    {
        var beforeList = before.OrderBy(name, StringComparer.Ordinal).ToList();
        var afterList = after.OrderBy(name, StringComparer.Ordinal).ToList();
        var beforeByName = beforeList.ToDictionary(x => Definitions.NameKey(name(x)), StringComparer.Ordinal);
        var afterByName = afterList.ToDictionary(x => Definitions.NameKey(name(x)), StringComparer.Ordinal);

        var removed = beforeList.Where(x => !afterByName.ContainsKey(Definitions.NameKey(name(x)))).ToList();
        var added = afterList.Where(x => !beforeByName.ContainsKey(Definitions.NameKey(name(x)))).ToList();
        var drops = new List<T>();
        var adds = new List<(T Item, AddReason Reason)>();

        foreach (var x in afterList)
        {
            if (!beforeByName.TryGetValue(Definitions.NameKey(name(x)), out var old)) continue;
            if (!same(old, x))
            {
                drops.Add(old);
                adds.Add((x, AddReason.Changed));
            }
            else if (mustRebuild(old))
            {
                drops.Add(old);
                adds.Add((x, AddReason.Rebuilt));
            }
        }

        foreach (var old in removed.ToArray())
        {
            if (mustRebuild(old)) continue;
            var match = added.FirstOrDefault(x => same(old, x));
            if (match is null) continue;
            rename(old, match);
            removed.Remove(old);
            added.Remove(match);
        }

        drops.AddRange(removed);
        foreach (var old in drops.OrderBy(name, StringComparer.Ordinal)) drop(old);
        foreach (var x in added) adds.Add((x, AddReason.New));
        foreach (var (item, reason) in adds.OrderBy(a => name(a.Item), StringComparer.Ordinal)) add(item, reason);
    }
}
