using System;
using System.Collections.Generic;
using System.Linq;
using ElizaGen.Schema.Ddl;
using ElizaGen.Schema.Snapshots;

namespace ElizaGen.Schema.Diff;

/// <summary>What happens to the columns of one paired table, worked out before any step is written.</summary>
internal sealed class TableChanges
{
    public TableChanges(TablePair pair) => Pair = pair;

    public TablePair Pair { get; }

    /// <summary>Columns whose type changes by <c>ALTER COLUMN … TYPE</c>.</summary>
    public HashSet<string> Retyped { get; } = new(StringComparer.Ordinal);

    /// <summary>Enum columns whose enum is replaced by one with other values.</summary>
    public HashSet<string> Swapped { get; } = new(StringComparer.Ordinal);

    /// <summary>Columns dropped and added again (generated columns that change, or depend on a retyped column).</summary>
    public Dictionary<string, RebuildReason> Rebuilt { get; } = new(StringComparer.Ordinal);

    /// <summary>Columns whose default the enum swap already set.</summary>
    public HashSet<string> DefaultHandled { get; } = new(StringComparer.Ordinal);

    /// <summary>Column sets of primary keys, unique constraints and unique indexes the plan drops.</summary>
    public List<HashSet<string>> DroppedKeys { get; } = new();

    /// <summary>
    /// Columns whose values the plan may change: generated columns computed anew, and type changes that are not safe
    /// widenings. A key, check or foreign key re-created over them can fail on the rows.
    /// </summary>
    public HashSet<string> ValuesReplaced { get; } = new(StringComparer.Ordinal);

    /// <summary>True when the column's type changes in any way (foreign keys over it are re-created).</summary>
    public bool TypeTouched(string column) => Retyped.Contains(column) || Swapped.Contains(column) || Rebuilt.ContainsKey(column);
}

internal enum RebuildReason
{
    PlainToGenerated,
    GeneratedChanged,
    GeneratedRetyped,
    DependsOnRetyped,
}

/// <summary>Works out one migration plan. Single use.</summary>
internal sealed partial class Planner
{
    private readonly SchemaSnapshot _previous;
    private readonly SchemaSnapshot _desired;
    private readonly RenameHints _hints;
    private readonly ISet<(string Schema, string Name)> _replacedEnums;
    private readonly PlanBuilder _plan = new();
    private readonly Dictionary<(string Schema, string Name), TableChanges> _changes = new();
    private TableMatching _tables = null!;

    /// <param name="previous">The previous snapshot.</param>
    /// <param name="desired">The desired snapshot.</param>
    /// <param name="hints">Rename hints.</param>
    /// <param name="replacedEnums">Enums to replace even though values were only added (see <see cref="EnumsToReplace"/>).</param>
    public Planner(SchemaSnapshot previous, SchemaSnapshot desired, RenameHints hints, ISet<(string Schema, string Name)>? replacedEnums = null)
    {
        _previous = previous;
        _desired = desired;
        _hints = hints;
        _replacedEnums = replacedEnums ?? new HashSet<(string, string)>();
    }

    /// <summary>
    /// After <see cref="Plan"/>: enums whose added values a statement of the plan uses. ADD VALUE would make
    /// that statement fail (a new value cannot be used before its transaction commits); planning again with
    /// these enums replaced instead creates the values in a new type, usable at once.
    /// </summary>
    public ISet<(string Schema, string Name)> EnumsToReplace { get; } = new HashSet<(string, string)>();

    public MigrationPlan Plan()
    {
        _tables = TableMatching.Match(_previous, _desired, _hints);
        foreach (var pair in _tables.Pairs) _changes[(pair.Schema, pair.Name)] = new TableChanges(pair);

        Schemas();
        Renames();
        ClassifyEnums();
        AnalyseColumns();
        EnumSteps();
        Keys();
        ForeignKeys();
        DroppedTables();
        CreatedTables();
        Columns();
        FindUsedNewEnumValues();
        return _plan.Build();
    }

    private TableChanges? ChangesOf(string schema, string table) => _changes.TryGetValue((schema, table), out var c) ? c : null;

    private static string Qualified(string schema, string name) => schema + "." + name;

    private void Schemas()
    {
        var before = new HashSet<string>(_previous.Schemas, StringComparer.Ordinal);
        var after = new HashSet<string>(_desired.Schemas, StringComparer.Ordinal);
        foreach (var schema in _desired.Schemas.Where(s => !before.Contains(s)))
        {
            _plan.Add(Phase.CreateSchemas, new MigrationStep(StepKind.CreateSchema, StepClass.Safe, DdlStatements.CreateSchema(schema),
                $"Creates schema {schema}.", Schema: schema));
        }
        foreach (var schema in _previous.Schemas.Where(s => !after.Contains(s)))
        {
            var inUse = _previous.Tables.Any(t => t.Schema == schema) || _previous.Enums.Any(e => e.Schema == schema);
            var description = inUse
                ? $"Drops schema {schema}, which held tables or types of the previous schema; it fails if the schema still holds anything else."
                : $"Drops schema {schema}; it fails if the schema still holds anything.";
            _plan.Add(Phase.DropSchemas, new MigrationStep(StepKind.DropSchema, inUse ? StepClass.Destructive : StepClass.Safe,
                DdlStatements.DropSchema(schema), description, Schema: schema));
        }
    }

    private void Renames()
    {
        foreach (var pair in _tables.Pairs)
        {
            if (pair.IsRenamed)
            {
                _plan.Add(Phase.RenameTables, new MigrationStep(StepKind.RenameTable, StepClass.Safe,
                    DdlStatements.RenameTable(pair.Schema, pair.Previous.Name, pair.Name),
                    $"Renames table {Qualified(pair.Schema, pair.Previous.Name)} to {pair.Name}, keeping its rows.", pair.Name, Schema: pair.Schema));
            }
            foreach (var (old, @new) in pair.ColumnRenames)
            {
                _plan.Add(Phase.RenameColumns, new MigrationStep(StepKind.RenameColumn, StepClass.Safe,
                    DdlStatements.RenameColumn(pair.Desired, old, @new),
                    $"Renames column {Qualified(pair.Schema, pair.Name)}.{old} to {@new}, keeping its values.", pair.Name, @new, pair.Schema));
            }
        }
    }

    private void CreatedTables()
    {
        var ordered = TableOrder.ReferencedFirst(_tables.Created);
        foreach (var table in ordered)
        {
            _plan.Add(Phase.CreateTables, new MigrationStep(StepKind.CreateTable, StepClass.Safe, DdlStatements.CreateTable(table, _desired),
                $"Creates table {Qualified(table.Schema, table.Name)}.", table.Name, Schema: table.Schema));
        }
        foreach (var table in ordered)
        {
            foreach (var unique in DdlStatements.UniquesAddedAfterCreate(table))
            {
                _plan.Add(Phase.AddUniques, new MigrationStep(StepKind.AddUniqueConstraint, StepClass.Safe, DdlStatements.AddUnique(table, unique),
                    $"Adds unique constraint {unique.Name} to the new table {Qualified(table.Schema, table.Name)} (CREATE TABLE would drop it as a repeat).", table.Name, Schema: table.Schema));
            }
            foreach (var index in table.Indexes)
            {
                _plan.Add(Phase.CreateIndexes, new MigrationStep(StepKind.CreateIndex, StepClass.Safe, DdlStatements.CreateIndex(table, index),
                    $"Creates index {index.Name} on the new table {Qualified(table.Schema, table.Name)}.", table.Name, Schema: table.Schema));
            }
            foreach (var fk in table.ForeignKeys)
            {
                _plan.Add(Phase.AddForeignKeys, new MigrationStep(StepKind.AddForeignKey, StepClass.Safe, DdlStatements.AddForeignKey(table, fk),
                    $"Adds foreign key {fk.Name} from the new table {Qualified(table.Schema, table.Name)} to {Qualified(fk.SchemaTo, fk.TableTo)}.", table.Name, Schema: table.Schema));
            }
        }
    }

    private void DroppedTables()
    {
        var ordered = TableOrder.ReferencingFirst(_tables.Dropped);
        var gone = new HashSet<(string, string)>();
        foreach (var table in ordered)
        {
            // A cycle: tables still to drop that reference this one lose that foreign key first.
            foreach (var other in ordered)
            {
                if (other == table || gone.Contains((other.Schema, other.Name))) continue;
                foreach (var fk in other.ForeignKeys.Where(f => f.SchemaTo == table.Schema && f.TableTo == table.Name))
                {
                    _plan.Add(Phase.DropTables, new MigrationStep(StepKind.DropForeignKey, StepClass.Safe, DdlStatements.DropConstraint(other, fk.Name),
                        $"Drops foreign key {fk.Name} of {Qualified(other.Schema, other.Name)}, which is dropped too, so that {Qualified(table.Schema, table.Name)} can be dropped first.",
                        other.Name, Schema: other.Schema));
                }
            }
            _plan.Add(Phase.DropTables, new MigrationStep(StepKind.DropTable, StepClass.Destructive, DdlStatements.DropTable(table.Schema, table.Name),
                $"Drops table {Qualified(table.Schema, table.Name)} with all its rows.", table.Name, Schema: table.Schema));
            _plan.TableRemoved(table.Schema, table.Name);
            gone.Add((table.Schema, table.Name));
        }
    }
}
