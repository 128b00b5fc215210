using System;
using System.Collections.Generic;
using System.Linq;

namespace ElizaGen.Schema.Diff;

/// <summary>
/// The ordered statements that turn the previous schema into the desired one, with what they do to data:
/// whether any step is destructive (blocked unless forced), the warnings to show, and summaries of what is
/// removed or retyped.
/// </summary>
public sealed class MigrationPlan
{
    /// <summary>Creates a plan.</summary>
    /// <param name="steps">The steps, in the order they must run.</param>
    /// <param name="warnings">
    /// The warnings to show: the descriptions of the warning steps and notes on destructive ones, each once.
    /// </param>
    /// <param name="tablesToRemove">The dropped tables, as <c>schema.table</c>.</param>
    /// <param name="columnsToRemove">The dropped columns, as <c>schema.table.column</c>.</param>
    /// <param name="typeChanges">The column type changes, as <c>schema.table.column: old -&gt; new</c>.</param>
    public MigrationPlan(
        IEnumerable<MigrationStep> steps,
        IEnumerable<string>? warnings = null,
        IEnumerable<string>? tablesToRemove = null,
        IEnumerable<string>? columnsToRemove = null,
        IEnumerable<string>? typeChanges = null)
    {
        Steps = (steps ?? throw new ArgumentNullException(nameof(steps))).ToArray();
        Warnings = (warnings ?? Enumerable.Empty<string>()).Distinct(StringComparer.Ordinal).ToArray();
        TablesToRemove = (tablesToRemove ?? Enumerable.Empty<string>()).ToArray();
        ColumnsToRemove = (columnsToRemove ?? Enumerable.Empty<string>()).ToArray();
        TypeChanges = (typeChanges ?? Enumerable.Empty<string>()).ToArray();
    }

    /// <summary>A plan that changes nothing.</summary>
    public static MigrationPlan Empty { get; } = new(Array.Empty<MigrationStep>());

    /// <summary>The steps, in the order they must run (one transaction).</summary>
    public IReadOnlyList<MigrationStep> Steps { get; }

    /// <summary>True when some step can lose data (DESIGN §5): the migration is blocked unless forced.</summary>
    public bool HasDestructiveSteps => Steps.Any(s => s.Class == StepClass.Destructive);

    /// <summary>The destructive steps, in plan order.</summary>
    public IReadOnlyList<MigrationStep> DestructiveSteps => Steps.Where(s => s.Class == StepClass.Destructive).ToArray();

    /// <summary>What to show the user before or while migrating; does not block.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>True when there is nothing to do.</summary>
    public bool IsEmpty => Steps.Count == 0;

    /// <summary>The tables the plan drops, as <c>schema.table</c>.</summary>
    public IReadOnlyList<string> TablesToRemove { get; }

    /// <summary>The columns the plan drops, as <c>schema.table.column</c>.</summary>
    public IReadOnlyList<string> ColumnsToRemove { get; }

    /// <summary>The column type changes, as <c>schema.table.column: old -&gt; new</c>.</summary>
    public IReadOnlyList<string> TypeChanges { get; }

    /// <summary>The statements alone, in order.</summary>
    public IReadOnlyList<string> Statements => Steps.Select(s => s.Sql).ToArray();

    /// <summary>The statements as one script, one per paragraph, ending in a newline (empty for an empty plan).</summary>
    public string ToSql() => IsEmpty ? "" : string.Join("\n\n", Steps.Select(s => s.Sql)) + "\n";
}
