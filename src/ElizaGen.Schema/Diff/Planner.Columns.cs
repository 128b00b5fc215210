using System;
using System.Collections.Generic;
using System.Linq;
using ElizaGen.Schema.Ddl;
using ElizaGen.Schema.Snapshots;
using ElizaGen.Schema.Sql;

namespace ElizaGen.Schema.Diff;

internal sealed partial class Planner
{
    /// <summary>Finds, per paired table, the columns whose type changes and those that are dropped and added again.</summary>
    private void AnalyseColumns()
    {
        foreach (var changes in _changes.Values)
        {
            var previous = changes.Pair.PreviousView;
            var desired = changes.Pair.DesiredView;
            foreach (var column in desired.Columns)
            {
                var before = previous.FindColumn(column.Name);
                if (before is null) continue;
                var typeBefore = ColumnType.Of(previous, before, _previous);
                var typeAfter = ColumnType.Of(desired, column, _desired);

                if (before.Generated is null && column.Generated is not null)
                {
                    changes.Rebuilt[column.Name] = RebuildReason.PlainToGenerated;
                }
                else if (before.Generated is not null && column.Generated is not null && !SqlExpression.AreEquivalent(before.Generated.As, column.Generated.As))
                {
                    changes.Rebuilt[column.Name] = RebuildReason.GeneratedChanged;
                }
                else if (typeBefore.Parsed.Canonical != typeAfter.Parsed.Canonical)
                {
                    // A generated column takes no USING: where its type needs one, it is added again instead.
                    if (before.Generated is not null && column.Generated is not null && SqlTypes.RequiresUsing(typeBefore.Parsed, typeAfter.Parsed))
                    {
                        changes.Rebuilt[column.Name] = RebuildReason.GeneratedRetyped;
                    }
                    else
                    {
                        changes.Retyped.Add(column.Name);
                        if (!SqlTypes.IsSafeWidening(typeBefore.Parsed, typeAfter.Parsed)) changes.ValuesReplaced.Add(column.Name);
                    }
                }
                else if (typeAfter.IsEnum && _swappedEnums.ContainsKey((typeAfter.EnumSchema!, typeAfter.EnumName!)))
                {
                    changes.Swapped.Add(column.Name);
                }
            }

            // PostgreSQL cannot change the type of a column a generated column is computed from: rebuild it.
            foreach (var column in desired.Columns)
            {
                var before = previous.FindColumn(column.Name);
                if (column.Generated is null || before?.Generated is null || changes.Rebuilt.ContainsKey(column.Name)) continue;
                if (changes.Retyped.Concat(changes.Swapped).Any(c => SqlExpression.References(column.Generated.As, c)))
                {
                    changes.Rebuilt[column.Name] = RebuildReason.DependsOnRetyped;
                    changes.Retyped.Remove(column.Name);
                }
            }
            foreach (var column in changes.Rebuilt.Keys) changes.ValuesReplaced.Add(column);
        }
    }

    private void Columns()
    {
        foreach (var pair in _tables.Pairs)
        {
            var changes = _changes[(pair.Schema, pair.Name)];
            AddedColumns(pair);
            foreach (var column in pair.DesiredView.Columns)
            {
                var before = pair.PreviousView.FindColumn(column.Name);
                if (before is null) continue;
                if (changes.Rebuilt.TryGetValue(column.Name, out var reason)) RebuildColumn(pair, before, column, reason);
                else AlterColumn(pair, changes, before, column);
            }
            foreach (var column in pair.PreviousView.Columns.Where(c => pair.Desired.FindColumn(c.Name) is null))
            {
                _plan.Add(column.Generated is null ? Phase.DropColumns : Phase.DropExpressions, new MigrationStep(StepKind.DropColumn, StepClass.Destructive, DdlStatements.DropColumn(pair.Desired, column.Name),
                    $"Drops column {Where(pair, column.Name)} with all its values.", pair.Name, column.Name, pair.Schema));
                _plan.ColumnRemoved(pair.Schema, pair.Name, column.Name);
            }
        }
    }

    private void AddedColumns(TablePair pair)
    {
        var keyColumns = KeyColumns(pair.DesiredView);
        foreach (var column in pair.Desired.Columns.Where(c => pair.PreviousView.FindColumn(c.Name) is null))
        {
            var type = ColumnType.Of(pair.Desired, column, _desired);
            var notNull = column.NotNull || keyColumns.Contains(column.Name);
            var sql = DdlStatements.AddColumn(pair.Desired, column, _desired, keyColumns.Contains(column.Name));
            var filled = column.Default is not null || type.Parsed.IsSerial;
            var step = column.Generated is not null
                ? GeneratedColumnAdded(pair, column, notNull, sql, $"Adds generated column {Where(pair, column.Name)} computed from {column.Generated.As.Trim()}")
                : notNull && !filled
                ? new MigrationStep(StepKind.AddColumn, StepClass.Warning, sql,
                    $"Adds column {Where(pair, column.Name)} NOT NULL without a default: the migration fails if the table has rows.", pair.Name, column.Name, pair.Schema)
                : new MigrationStep(StepKind.AddColumn, StepClass.Safe, sql, $"Adds column {Where(pair, column.Name)}.", pair.Name, column.Name, pair.Schema);
            _plan.Add(column.Generated is null ? Phase.AddColumns : Phase.AddRebuiltColumns, step);
        }
    }

    private void RebuildColumn(TablePair pair, ColumnSnapshot before, ColumnSnapshot after, RebuildReason reason)
    {
        var where = Where(pair, after.Name);
        var drop = reason switch
        {
            RebuildReason.PlainToGenerated => new MigrationStep(StepKind.DropColumn, StepClass.Destructive, DdlStatements.DropColumn(pair.Desired, after.Name),
                $"Turns {where} into a generated column: its current values are dropped and computed from {after.Generated!.As.Trim()} instead (the column moves to the end of the table).",
                pair.Name, after.Name, pair.Schema),
            RebuildReason.GeneratedChanged => new MigrationStep(StepKind.DropColumn, StepClass.Safe, DdlStatements.DropColumn(pair.Desired, after.Name),
                $"Drops generated column {where} to compute it from a new expression (PostgreSQL 15 cannot change it in place); its values are computed again.",
                pair.Name, after.Name, pair.Schema),
            RebuildReason.GeneratedRetyped => new MigrationStep(StepKind.DropColumn, StepClass.Safe, DdlStatements.DropColumn(pair.Desired, after.Name),
                $"Drops generated column {where} to give it type {after.Type.Trim()} (a generated column cannot be converted with USING); its values are computed again.",
                pair.Name, after.Name, pair.Schema),
            _ => new MigrationStep(StepKind.DropColumn, StepClass.Safe, DdlStatements.DropColumn(pair.Desired, after.Name),
                $"Drops generated column {where} while a column it is computed from changes type; its values are computed again.",
                pair.Name, after.Name, pair.Schema),
        };
        _plan.Add(Phase.DropRebuiltColumns, drop);
        var inKey = KeyColumns(pair.DesiredView).Contains(after.Name);
        _plan.Add(Phase.AddRebuiltColumns, GeneratedColumnAdded(pair, after, after.NotNull || inKey, DdlStatements.AddColumn(pair.Desired, after, _desired, inKey),
            $"Adds generated column {where} computed from {after.Generated!.As.Trim()}"));
    }

    /// <summary>A generated column is computed for every row; NOT NULL fails where the expression gives NULL.</summary>
    private static MigrationStep GeneratedColumnAdded(TablePair pair, ColumnSnapshot column, bool notNull, string sql, string description) => notNull
        ? new MigrationStep(StepKind.AddColumn, StepClass.Warning, sql,
            description + " NOT NULL: the migration fails if the expression gives NULL for an existing row.", pair.Name, column.Name, pair.Schema)
        : new MigrationStep(StepKind.AddColumn, StepClass.Safe, sql, description + ".", pair.Name, column.Name, pair.Schema);

    private void AlterColumn(TablePair pair, TableChanges changes, ColumnSnapshot before, ColumnSnapshot after)
    {
        var table = pair.Desired;
        var where = Where(pair, after.Name);
        var typeBefore = ColumnType.Of(pair.PreviousView, before, _previous);
        var typeAfter = ColumnType.Of(pair.DesiredView, after, _desired);
        void Add(StepKind kind, StepClass cls, string sql, string description) =>
            _plan.Add(Phase.AlterColumns, new MigrationStep(kind, cls, sql, description, pair.Name, after.Name, pair.Schema));

        if (before.Generated is not null && after.Generated is null)
        {
            _plan.Add(Phase.DropExpressions, new MigrationStep(StepKind.DropExpression, StepClass.Safe, DdlStatements.DropExpression(table, after.Name),
                $"Turns generated column {where} into a plain column, keeping its current values.", pair.Name, after.Name, pair.Schema));
        }

        var defaultBefore = before.Generated is null ? before.Default : null;
        var reparseDefault = false;
        if (changes.Retyped.Contains(after.Name))
        {
            var from = typeBefore.Parsed;
            var to = typeAfter.Parsed;
            var usingExpression = SqlTypes.UsingExpression(after.Name, from, to);
            if (usingExpression is not null && (defaultBefore is not null || from.IsSerial))
            {
                Add(StepKind.DropDefault, StepClass.Safe, DdlStatements.DropDefault(table, after.Name),
                    $"Drops the default of {where}, which cannot be converted to {to.Canonical} with the column.");
                defaultBefore = null;
            }
            var target = to.IsSerial || typeAfter.IsEnum ? to.Canonical : typeAfter.Sql;
            var sql = DdlStatements.AlterColumnType(table, after.Name, target, usingExpression);
            var fromText = from.IsSerial ? before.Type.Trim() : typeBefore.Sql;
            var toText = to.IsSerial ? after.Type.Trim() : typeAfter.Sql;
            if (SqlTypes.IsSafeWidening(from, to))
            {
                Add(StepKind.AlterColumnType, StepClass.Safe, sql, $"Widens {where} from {fromText} to {toText}; every value converts.");
            }
            else if (before.Generated is not null && after.Generated is not null)
            {
                var canFail = SqlTypes.CastCanFail(from, to);
                Add(StepKind.AlterColumnType, canFail ? StepClass.Warning : StepClass.Safe, sql,
                    $"Changes the type of generated column {where} from {fromText} to {toText}; its values follow from the expression"
                    + (canFail ? ", and the migration fails if one of them does not convert." : "."));
            }
            else
            {
                var canFail = SqlTypes.CastCanFail(from, to);
                var description = $"Changes the type of {where} from {fromText} to {toText}, which is not a safe widening: values can be altered or lost."
                    + (canFail ? " The conversion fails on values it cannot convert, which aborts the migration." : "");
                Add(StepKind.AlterColumnType, StepClass.Destructive, sql, description);
                if (canFail) _plan.Note($"Converting {where} from {fromText} to {toText} fails if a row holds a value that does not convert; the migration then changes nothing.");
            }
            _plan.TypeChanged(pair.Schema, pair.Name, after.Name, fromText, toText);
            // PostgreSQL keeps a default across the type change as the old expression cast to the new type
            // (''::character varying stays so in a text column): setting it again parses it for the new type.
            reparseDefault = defaultBefore is not null;
            if (from.IsSerial && to.IsSerial) Add(StepKind.AlterSequence, StepClass.Safe, WidenSequence(table, after.Name, to.Canonical), $"Widens the sequence of {where} to {to.Canonical}.");
        }

        if (!changes.DefaultHandled.Contains(after.Name))
        {
            AlterDefault(pair, after, typeBefore.Parsed, typeAfter.Parsed, defaultBefore, reparseDefault, Add);
        }

        var keyBefore = KeyColumns(pair.PreviousView);
        var keyAfter = KeyColumns(pair.DesiredView);
        var notNullBefore = before.NotNull || keyBefore.Contains(before.Name) || typeBefore.Parsed.IsSerial;
        var notNullAfter = after.NotNull || keyAfter.Contains(after.Name) || typeAfter.Parsed.IsSerial;
        if (notNullBefore && !notNullAfter)
        {
            Add(StepKind.DropNotNull, StepClass.Safe, DdlStatements.DropNotNull(table, after.Name), $"Lets {where} hold NULL.");
        }
        else if (!notNullBefore && notNullAfter)
        {
            var hasDefault = after.Default is not null || typeAfter.Parsed.IsSerial;
            if (hasDefault)
            {
                Add(StepKind.FillNulls, StepClass.Warning, DdlStatements.FillNulls(table, after.Name),
                    $"Sets {where} to its default where it is NULL, so that it can become NOT NULL.");
                Add(StepKind.SetNotNull, StepClass.Safe, DdlStatements.SetNotNull(table, after.Name), $"Makes {where} NOT NULL.");
            }
            else
            {
                Add(StepKind.SetNotNull, StepClass.Destructive, DdlStatements.SetNotNull(table, after.Name),
                    $"Makes {where} NOT NULL without a default: the migration fails if a row holds NULL there, and no row can hold NULL there again.");
            }
        }
    }

    private void AlterDefault(TablePair pair, ColumnSnapshot after, SqlType typeBefore, SqlType typeAfter, string? defaultBefore, bool reparse, Action<StepKind, StepClass, string, string> add)
    {
        var table = pair.Desired;
        var where = Where(pair, after.Name);
        var defaultAfter = after.Generated is null ? after.Default : null;
        var serialBefore = typeBefore.IsSerial || IsSequenceDefault(defaultBefore);
        var serialAfter = typeAfter.IsSerial || IsSequenceDefault(defaultAfter);
        if (typeBefore.IsSerial || typeAfter.IsSerial)
        {
            // serial is integer + nextval('…_seq') default: the two spellings are the same column.
            if (serialBefore && serialAfter) return;
            if (typeAfter.IsSerial)
            {
                var sequence = SqlText.QualifiedName(table.Schema, SqlText.ImplicitObjectName(table.Name, after.Name, "seq"));
                var column = SqlText.QuoteIdentifier(after.Name);
                add(StepKind.CreateSequence, StepClass.Safe,
                    $"CREATE SEQUENCE {sequence} AS {typeAfter.Canonical} OWNED BY {SqlText.QualifiedName(table.Schema, table.Name)}.{column};",
                    $"Creates the sequence that numbers {where}, which becomes {after.Type.Trim()}.");
                add(StepKind.CreateSequence, StepClass.Safe,
                    $"SELECT setval({SqlText.QuoteLiteral(sequence)}, GREATEST(COALESCE(MAX({column}), 0), 0) + 1, false) FROM {SqlText.QualifiedName(table.Schema, table.Name)};",
                    $"Starts the sequence of {where} after the largest value already there.");
                add(StepKind.SetDefault, StepClass.Safe, DdlStatements.SetDefault(table, after.Name, $"nextval({SqlText.QuoteLiteral(sequence)}::regclass)"),
                    $"Numbers new rows of {where} from its sequence.");
                return;
            }
            if (defaultAfter is null)
            {
                add(StepKind.DropDefault, StepClass.Safe, DdlStatements.DropDefault(table, after.Name), $"Stops numbering {where} from its sequence.");
            }
            else
            {
                add(StepKind.SetDefault, StepClass.Safe, DdlStatements.SetDefault(table, after.Name, defaultAfter), $"Sets the default of {where} to {defaultAfter.Trim()}.");
            }
            // A sequence left behind would make the column serial again fail (CREATE SEQUENCE of an existing name).
            add(StepKind.DropSequence, StepClass.Safe, DropOwnedSequence(table, after.Name),
                $"Drops the sequence that numbered {where}, which is no longer serial.");
            return;
        }

        if (SqlExpression.AreEquivalent(defaultBefore, defaultAfter) && !(reparse && defaultAfter is not null)) return;
        if (defaultAfter is null)
        {
            add(StepKind.DropDefault, StepClass.Safe, DdlStatements.DropDefault(table, after.Name), $"Drops the default of {where}.");
        }
        else
        {
            add(StepKind.SetDefault, StepClass.Safe, DdlStatements.SetDefault(table, after.Name, defaultAfter), $"Sets the default of {where} to {defaultAfter.Trim()}.");
        }
    }

    private static string WidenSequence(TableSnapshot table, string column, string type) =>
        "DO $elizagen$ DECLARE s text := pg_get_serial_sequence(" + SqlText.QuoteLiteral(SqlText.QualifiedName(table.Schema, table.Name)) + ", "
        + SqlText.QuoteLiteral(column) + "); BEGIN IF s IS NOT NULL THEN EXECUTE format('ALTER SEQUENCE %s AS " + type + "', s); END IF; END $elizagen$;";

    private static string DropOwnedSequence(TableSnapshot table, string column) =>
        "DO $elizagen$ DECLARE s text := pg_get_serial_sequence(" + SqlText.QuoteLiteral(SqlText.QualifiedName(table.Schema, table.Name)) + ", "
        + SqlText.QuoteLiteral(column) + "); BEGIN IF s IS NOT NULL THEN EXECUTE format('DROP SEQUENCE %s', s); END IF; END $elizagen$;";

    private static bool IsSequenceDefault(string? expression) =>
        expression is not null && SqlExpression.Normalize(expression).StartsWith("nextval(", StringComparison.Ordinal);

    private static HashSet<string> KeyColumns(TableSnapshot explicitKeyTable) =>
        new(explicitKeyTable.CompositePrimaryKeys.SelectMany(k => k.Columns), StringComparer.Ordinal);

    private static string Where(TablePair pair, string column) => Qualified(pair.Schema, pair.Name) + "." + column;
}
