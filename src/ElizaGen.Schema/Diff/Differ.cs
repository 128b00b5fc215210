using System;
using ElizaGen.Schema.Ddl;
using ElizaGen.Schema.Snapshots;

namespace ElizaGen.Schema.Diff;

/// <summary>
/// Compares two snapshots and plans the statements that turn the previous schema into the desired one,
/// classifying each step by DESIGN §5 (safe, warning, destructive).
/// </summary>
/// <remarks>
/// <para>
/// Only what the previous snapshot declares is ever altered or dropped: tables, columns and constraints of
/// the database that no snapshot declares are never named, and nothing is dropped with CASCADE (a drop that
/// something else depends on fails, and the migration's transaction changes nothing).
/// </para>
/// <para>
/// Order of the steps: create schemas; rename tables, then columns; create enums and add enum values;
/// drop foreign keys that change or hang on something that changes; drop tables (referencing tables first);
/// drop indexes, checks, unique constraints and primary keys that change; rename keys and indexes whose
/// definition did not change; turn generated columns plain and drop generated columns that go (PostgreSQL
/// refuses to retype a column a generated column is computed from); replace enums that lose or reorder values;
/// create tables (referenced first); add columns; drop generated columns to rebuild; alter column types,
/// defaults and NOT NULL; add generated columns, new or rebuilt (computed with the new types); drop columns;
/// add primary keys, unique and check constraints; create indexes; add foreign keys; drop enums, then schemas.
/// </para>
/// <para>
/// Classes beyond the letter of DESIGN §5: a column that becomes NOT NULL and has a default first gets the
/// default where it is NULL (<c>UPDATE … SET c = DEFAULT WHERE c IS NULL</c>, a warning: it rewrites NULLs),
/// then <c>SET NOT NULL</c> (safe); without a default <c>SET NOT NULL</c> is destructive. A generated column
/// whose expression or type changes is dropped and added again, safely (its values are computed, not
/// stored by users), unless it is NOT NULL (its expression can give NULL: a warning); a plain column becoming
/// generated is destructive. Keys, constraints and indexes added on a new table, or re-created unchanged around
/// a change they hang on, are safe, unless the values under them change (a column made generated or computed
/// anew, a type change that is not a safe widening): then unique ones, checks, primary and foreign keys are
/// warnings, as when they are added on an existing table. Checks, index expressions and defaults over a retyped
/// column are re-created or set again from their declared text, so that PostgreSQL parses them for the new type. A schema or enum is dropped destructively when
/// the previous snapshot still used it, safely otherwise (never with CASCADE, so it fails if anything else
/// uses it).
/// </para>
/// <para>
/// A value added to an enum (<c>ALTER TYPE … ADD VALUE</c>) works inside the migration's transaction on
/// PostgreSQL 12 and later, but cannot be used until that transaction commits. When a default, check, index
/// or column of the same plan uses a new value, the enum is replaced instead (a new type, whose values can be
/// used at once, and every column converted to it), so that the migration does not fail.
/// </para>
/// </remarks>
public static class Differ
{
    /// <summary>Plans the migration from <paramref name="previous"/> to <paramref name="desired"/>.</summary>
    /// <param name="previous">What the database holds now (the journal's last snapshot, or <see cref="SchemaSnapshot.Empty"/>).</param>
    /// <param name="desired">What the code declares.</param>
    /// <param name="hints">Renames declared in code; without them a renamed table or column is dropped and created.</param>
    /// <returns>The plan; empty when the snapshots mean the same schema.</returns>
    /// <exception cref="SchemaDefinitionException">The desired snapshot cannot be written as valid DDL.</exception>
    public static MigrationPlan Diff(SchemaSnapshot previous, SchemaSnapshot desired, RenameHints? hints = null)
    {
        if (previous is null) throw new ArgumentNullException(nameof(previous));
        if (desired is null) throw new ArgumentNullException(nameof(desired));
        SnapshotValidator.Validate(desired);
        var planner = new Planner(previous, desired, hints ?? RenameHints.None);
        var plan = planner.Plan();
        if (planner.EnumsToReplace.Count == 0) return plan;
        return new Planner(previous, desired, hints ?? RenameHints.None, planner.EnumsToReplace).Plan();
    }
}
