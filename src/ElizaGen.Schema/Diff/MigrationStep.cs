namespace ElizaGen.Schema.Diff;

/// <summary>One SQL statement of a migration plan, with what it does to existing data.</summary>
/// <param name="Kind">What the statement does.</param>
/// <param name="Class">Whether it is safe, warned about, or destructive (DESIGN §5).</param>
/// <param name="Sql">The statement, ending in a semicolon.</param>
/// <param name="Description">What the step does, and for a warning or destructive step, why.</param>
/// <param name="Table">The table the step changes (its name after any rename), or null.</param>
/// <param name="Column">The column the step changes, or null.</param>
/// <param name="Schema">The schema of the table, enum or schema the step changes, or null.</param>
public sealed record MigrationStep(
    StepKind Kind,
    StepClass Class,
    string Sql,
    string Description,
    string? Table = null,
    string? Column = null,
    string? Schema = null);
