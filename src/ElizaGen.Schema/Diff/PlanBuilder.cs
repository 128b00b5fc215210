using System.Collections.Generic;
using System.Linq;

namespace ElizaGen.Schema.Diff;

/// <summary>
/// The order in which kinds of change run. Each change lands in its phase whatever order the differ finds it
/// in; within a phase, steps keep the order they were added (deterministic: tables and constraints by name,
/// columns in declaration order).
/// </summary>
internal enum Phase
{
    CreateSchemas,
    RenameTables,
    RenameColumns,
    CreateEnums,

    // Foreign keys go first: they hang on the keys and columns dropped next.
    DropForeignKeys,

    // Dropped tables go early: their foreign keys then hold nothing else back, and the names of their
    // indexes and constraints (unique in the schema) are free for what is created next.
    DropTables,
    DropIndexes,
    DropChecks,
    DropUniques,
    DropPrimaryKeys,
    RenameConstraints,

    // Generated columns that become plain or go: PostgreSQL refuses to change the type of a column a generated
    // column is computed from, and the enum swaps and type changes come next.
    DropExpressions,

    // After the drops (checks on the columns are gone) and before new columns use the new type.
    SwapEnums,
    CreateTables,
    AddColumns,
    DropRebuiltColumns,
    AlterColumns,

    // Generated columns, new or rebuilt, once the columns they are computed from have their new types.
    AddRebuiltColumns,
    DropColumns,
    AddPrimaryKeys,
    AddUniques,
    AddChecks,

    // Indexes before foreign keys: a foreign key may reference a unique index.
    CreateIndexes,
    AddForeignKeys,
    DropEnums,
    DropSchemas,
}

/// <summary>Collects steps by phase and builds the plan.</summary>
internal sealed class PlanBuilder
{
    private readonly List<(Phase Phase, int Order, MigrationStep Step)> _steps = new();
    private readonly List<string> _notes = new();
    private readonly List<string> _tablesToRemove = new();
    private readonly List<string> _columnsToRemove = new();
    private readonly List<string> _typeChanges = new();

    public void Add(Phase phase, MigrationStep step) => _steps.Add((phase, _steps.Count, step));

    /// <summary>A warning that belongs to no warning step (a destructive cast that can also fail).</summary>
    public void Note(string warning) => _notes.Add(warning);

    public void TableRemoved(string schema, string table) => _tablesToRemove.Add(schema + "." + table);

    public void ColumnRemoved(string schema, string table, string column) => _columnsToRemove.Add(schema + "." + table + "." + column);

    public void TypeChanged(string schema, string table, string column, string from, string to) =>
        _typeChanges.Add($"{schema}.{table}.{column}: {from} -> {to}");

    public IEnumerable<MigrationStep> Ordered => _steps.OrderBy(s => s.Phase).ThenBy(s => s.Order).Select(s => s.Step);

    public MigrationPlan Build()
    {
        var steps = Ordered.ToArray();
        var warnings = steps.Where(s => s.Class == StepClass.Warning).Select(s => s.Description).Concat(_notes);
        return new MigrationPlan(steps, warnings, _tablesToRemove, _columnsToRemove, _typeChanges);
    }
}
