namespace ElizaGen.Schema.Diff;

/// <summary>How a migration step treats existing data (DESIGN §5).</summary>
public enum StepClass
{
    /// <summary>Cannot lose data and cannot fail on existing rows.</summary>
    Safe,

    /// <summary>
    /// Loses nothing, but can fail on existing rows (a NOT NULL column without default, a new UNIQUE, CHECK,
    /// FOREIGN KEY or primary key, a removed enum value) or rewrites values in a way the user should know.
    /// A failure rolls the whole migration back. Shown, never blocking.
    /// </summary>
    Warning,

    /// <summary>
    /// Can lose data: dropping a table or a column, a type change outside the safe widenings, making an
    /// existing column NOT NULL without a default, turning a plain column into a generated one, dropping a
    /// schema or an enum type still in use. Blocked unless forced.
    /// </summary>
    Destructive,
}
