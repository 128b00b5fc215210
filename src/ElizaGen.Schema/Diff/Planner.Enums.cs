using System;
using System.Collections.Generic;
using System.Linq;
using ElizaGen.Schema.Ddl;
using ElizaGen.Schema.Snapshots;
using ElizaGen.Schema.Sql;

namespace ElizaGen.Schema.Diff;

internal sealed partial class Planner
{
    /// <summary>Enums replaced by a new type (values removed or reordered), with the name the old one moves to.</summary>
    private readonly Dictionary<(string Schema, string Name), (EnumSnapshot Before, EnumSnapshot After, string AsideName)> _swappedEnums = new();

    /// <summary>Values added with ADD VALUE, which the same transaction cannot use.</summary>
    private readonly List<(EnumSnapshot Enum, string Value)> _addedValues = new();

    private void ClassifyEnums()
    {
        foreach (var after in _desired.Enums)
        {
            var before = _previous.FindEnum(after.Schema, after.Name);
            if (before is null || before.Values == after.Values) continue;
            if (IsSubsequence(before.Values, after.Values) && !_replacedEnums.Contains((after.Schema, after.Name))) continue;
            _swappedEnums[(after.Schema, after.Name)] = (before, after, AsideName(after));
        }
    }

    private void EnumSteps()
    {
        foreach (var after in _desired.Enums)
        {
            var before = _previous.FindEnum(after.Schema, after.Name);
            var name = Qualified(after.Schema, after.Name);
            if (before is null)
            {
                _plan.Add(Phase.CreateEnums, new MigrationStep(StepKind.CreateEnum, StepClass.Safe,
                    DdlStatements.CreateEnum(after.Schema, after.Name, after.Values), $"Creates enum type {name}.", Schema: after.Schema));
            }
            else if (_swappedEnums.TryGetValue((after.Schema, after.Name), out var swap))
            {
                SwapEnum(swap.Before, swap.After, swap.AsideName);
            }
            else if (before.Values != after.Values)
            {
                AddEnumValues(before, after);
            }
        }

        foreach (var before in _previous.Enums.Where(e => _desired.FindEnum(e.Schema, e.Name) is null))
        {
            var users = RemainingColumnsUsing(before.Schema, before.Name);
            var name = Qualified(before.Schema, before.Name);
            var step = users.Count == 0
                ? new MigrationStep(StepKind.DropEnum, StepClass.Safe, DdlStatements.DropEnum(before.Schema, before.Name),
                    $"Drops enum type {name}, which no declared column uses any more.", Schema: before.Schema)
                : new MigrationStep(StepKind.DropEnum, StepClass.Destructive, DdlStatements.DropEnum(before.Schema, before.Name),
                    $"Drops enum type {name}, which {string.Join(", ", users)} used: their values change type.", Schema: before.Schema);
            _plan.Add(Phase.DropEnums, step);
        }
    }

    private void AddEnumValues(EnumSnapshot before, EnumSnapshot after)
    {
        var existing = new HashSet<string>(before.Values, StringComparer.Ordinal);
        var values = after.Values;
        for (var i = 0; i < values.Count; i++)
        {
            if (existing.Contains(values[i])) continue;
            string? next = null;
            for (var j = i + 1; j < values.Count; j++)
            {
                if (existing.Contains(values[j]))
                {
                    next = values[j];
                    break;
                }
            }
            _plan.Add(Phase.CreateEnums, new MigrationStep(StepKind.AddEnumValue, StepClass.Safe,
                DdlStatements.AddEnumValue(after.Schema, after.Name, values[i], next),
                $"Adds value '{values[i]}' to enum type {Qualified(after.Schema, after.Name)}{(next is null ? "" : " before '" + next + "'")}; the value can be used once the migration has committed.",
                Schema: after.Schema));
            _addedValues.Add((after, values[i]));
            existing.Add(values[i]);
        }
    }

    /// <summary>
    /// PostgreSQL cannot remove or reorder enum values: the old type moves aside, a new one is created, every
    /// column using it converts through text, and the old type is dropped at the end.
    /// </summary>
    private void SwapEnum(EnumSnapshot before, EnumSnapshot after, string asideName)
    {
        var name = Qualified(after.Schema, after.Name);
        var removed = before.Values.Where(v => !after.Values.Contains(v)).ToArray();
        var removedText = string.Join(", ", removed.Select(v => "'" + v + "'"));
        var why = removed.Length > 0 ? "PostgreSQL cannot remove enum values"
            : IsSubsequence(before.Values, after.Values) ? "this migration uses its new values, which ADD VALUE would not allow before commit"
            : "PostgreSQL cannot reorder enum values";
        _plan.Add(Phase.SwapEnums, new MigrationStep(StepKind.RenameEnum, StepClass.Safe, DdlStatements.RenameEnum(after.Schema, after.Name, asideName),
            $"Moves enum type {name} aside as {asideName}, to replace it by a type with the values {string.Join(", ", after.Values.Select(v => "'" + v + "'"))} ({why}).", Schema: after.Schema));
        _plan.Add(Phase.SwapEnums, new MigrationStep(StepKind.CreateEnum, StepClass.Safe, DdlStatements.CreateEnum(after.Schema, after.Name, after.Values),
            $"Creates enum type {name} with its new values.", Schema: after.Schema));

        foreach (var changes in _changes.Values.OrderBy(c => c.Pair.Schema, StringComparer.Ordinal).ThenBy(c => c.Pair.Name, StringComparer.Ordinal))
        {
            var table = changes.Pair.Desired;
            foreach (var column in table.Columns.Where(c => changes.Swapped.Contains(c.Name)))
            {
                var type = ColumnType.Of(table, column, _desired);
                if (!type.Uses(after.Schema, after.Name)) continue;
                var previousColumn = changes.Pair.PreviousView.FindColumn(column.Name)!;
                var where = Qualified(table.Schema, table.Name) + "." + column.Name;
                if (previousColumn.Default is not null)
                {
                    _plan.Add(Phase.SwapEnums, new MigrationStep(StepKind.DropDefault, StepClass.Safe, DdlStatements.DropDefault(table, column.Name),
                        $"Drops the default of {where} while its enum type is replaced.", table.Name, column.Name, table.Schema));
                }
                var usingExpression = SqlText.QuoteIdentifier(column.Name) + "::" + (type.Parsed.IsArray ? "text[]" : "text") + "::" + type.Sql;
                var step = removed.Length == 0
                    ? new MigrationStep(StepKind.AlterColumnType, StepClass.Safe, DdlStatements.AlterColumnType(table, column.Name, type.Sql, usingExpression),
                        $"Converts {where} to the new enum type {name}, which still holds every value of the old one.", table.Name, column.Name, table.Schema)
                    : new MigrationStep(StepKind.AlterColumnType, StepClass.Warning, DdlStatements.AlterColumnType(table, column.Name, type.Sql, usingExpression),
                        $"Converts {where} to enum type {name} without the value(s) {removedText}: the migration fails if a row still holds one of them.",
                        table.Name, column.Name, table.Schema);
                _plan.Add(Phase.SwapEnums, step);
                if (column.Default is not null)
                {
                    _plan.Add(Phase.SwapEnums, new MigrationStep(StepKind.SetDefault, StepClass.Safe, DdlStatements.SetDefault(table, column.Name, column.Default),
                        $"Sets the default of {where} to {column.Default.Trim()}.", table.Name, column.Name, table.Schema));
                }
                changes.DefaultHandled.Add(column.Name);
            }
        }

        _plan.Add(Phase.DropEnums, new MigrationStep(StepKind.DropEnum, StepClass.Safe, DdlStatements.DropEnum(after.Schema, asideName),
            $"Drops the replaced enum type {Qualified(after.Schema, asideName)}.", Schema: after.Schema));
    }

    /// <summary>Columns of the previous snapshot that use the enum and still exist in the desired one.</summary>
    private List<string> RemainingColumnsUsing(string schema, string name)
    {
        var users = new List<string>();
        foreach (var pair in _tables.Pairs)
        {
            foreach (var column in pair.PreviousView.Columns)
            {
                if (pair.Desired.FindColumn(column.Name) is null) continue;
                if (ColumnType.Of(pair.PreviousView, column, _previous).Uses(schema, name))
                {
                    users.Add(Qualified(pair.Schema, pair.Name) + "." + column.Name);
                }
            }
        }
        return users;
    }

    /// <summary>A deterministic name for the replaced type that no type or table of either snapshot uses.</summary>
    private string AsideName(EnumSnapshot e)
    {
        bool Taken(string n) =>
            _previous.FindEnum(e.Schema, n) is not null || _desired.FindEnum(e.Schema, n) is not null
            || _previous.FindTable(e.Schema, n) is not null || _desired.FindTable(e.Schema, n) is not null;

        var candidate = SqlText.ImplicitObjectName(e.Name, null, "old");
        for (var i = 2; Taken(candidate); i++)
        {
            candidate = SqlText.ImplicitObjectName(e.Name, null, "old" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return candidate;
    }

    /// <summary>
    /// Finds the enums whose values added by ADD VALUE a later statement of the plan names (a default, check,
    /// index predicate or conversion mentioning the quoted value): those must be replaced instead.
    /// </summary>
    private void FindUsedNewEnumValues()
    {
        if (_addedValues.Count == 0) return;
        var users = new[] { StepKind.AddColumn, StepKind.SetDefault, StepKind.AddCheckConstraint, StepKind.CreateIndex, StepKind.CreateTable, StepKind.AlterColumnType };
        foreach (var step in _plan.Ordered.Where(s => users.Contains(s.Kind)))
        {
            foreach (var (e, value) in _addedValues)
            {
                if (step.Sql.IndexOf(SqlText.QuoteLiteral(value), StringComparison.Ordinal) >= 0) EnumsToReplace.Add((e.Schema, e.Name));
            }
        }
    }

    private static bool IsSubsequence(EquatableArray<string> shorter, EquatableArray<string> longer)
    {
        var j = 0;
        foreach (var value in longer)
        {
            if (j < shorter.Count && shorter[j] == value) j++;
        }
        return j == shorter.Count;
    }
}
