using ElizaGen.Schema.Diff;

namespace ElizaGen.Runtime.Migrations;

/// <summary>How <see cref="Migrator.MigrateAsync(IEnumerable{ElizaGen.Schema.PluginSchema}, MigrationOptions?, CancellationToken)"/> runs.</summary>
public sealed record MigrationOptions
{
    /// <summary>Log every statement at information level (otherwise debug).</summary>
    public bool Verbose { get; init; }

    /// <summary>
    /// Apply destructive steps (dropping tables or columns, narrowing types…). Also switched on by the environment
    /// variable <c>ELIZA_ALLOW_DESTRUCTIVE_MIGRATIONS=true</c>.
    /// </summary>
    public bool Force { get; init; }

    /// <summary>Plan and execute everything, then roll back: nothing is left behind, not even the journal tables.</summary>
    public bool DryRun { get; init; }

    /// <summary>
    /// Throw a <see cref="MigrationFailedException"/> (carrying the whole report) when any plugin was blocked or
    /// failed. Default true; set false to inspect the report instead.
    /// </summary>
    public bool ThrowOnFailure { get; init; } = true;

    /// <summary>
    /// Roles the application connects as, when it runs as another role than the migrator (least privilege). Every
    /// migration grants each of them USAGE on the plugin's schemas, SELECT, INSERT, UPDATE and DELETE on its tables,
    /// and USAGE and SELECT on the sequences the tables own, in the migration's own transaction; a start that finds
    /// a grant missing (a role added here later) grants it again. Nothing lets these roles change the schema, and
    /// they get nothing on the migration journal (the application does not migrate). Empty by default.
    /// </summary>
    public IReadOnlyList<string> GrantTo { get; init; } = [];
}

/// <summary>What happened to one plugin.</summary>
public enum MigrationOutcome
{
    /// <summary>The database already matched the compiled schema.</summary>
    NoChanges,

    /// <summary>The plan was applied and recorded.</summary>
    Applied,

    /// <summary>A dry run: the plan was executed and rolled back.</summary>
    Planned,

    /// <summary>The plan holds destructive steps and neither Force nor the environment variable allowed them.</summary>
    Blocked,

    /// <summary>A statement failed; everything was rolled back.</summary>
    Failed,
}

/// <summary>The result for one plugin.</summary>
/// <param name="PluginName">The plugin.</param>
/// <param name="Outcome">What happened.</param>
/// <param name="Steps">The planned steps with their SQL and class (empty when nothing changed).</param>
/// <param name="Warnings">Steps that may fail on existing rows, in words.</param>
/// <param name="Duration">Wall-clock time spent on this plugin.</param>
/// <param name="Error">The exception for <see cref="MigrationOutcome.Blocked"/> and <see cref="MigrationOutcome.Failed"/>.</param>
public sealed record PluginMigrationResult(
    string PluginName,
    MigrationOutcome Outcome,
    IReadOnlyList<MigrationStep> Steps,
    IReadOnlyList<string> Warnings,
    TimeSpan Duration,
    Exception? Error = null);

/// <summary>The result of one <see cref="Migrator.MigrateAsync(IEnumerable{ElizaGen.Schema.PluginSchema}, MigrationOptions?, CancellationToken)"/> call, one entry per plugin in migration order.</summary>
/// <param name="Plugins">The per-plugin results.</param>
public sealed record MigrationReport(IReadOnlyList<PluginMigrationResult> Plugins)
{
    /// <summary>True when no plugin was blocked or failed.</summary>
    public bool Succeeded => Plugins.All(p => p.Outcome is not (MigrationOutcome.Blocked or MigrationOutcome.Failed));

    /// <summary>The result for a plugin.</summary>
    public PluginMigrationResult this[string pluginName] => Plugins.First(p => p.PluginName == pluginName);
}

/// <summary>What <see cref="Migrator.GetStatusAsync"/> reports (the ElizaOS plugin's shape, plus drift).</summary>
/// <param name="PluginName">The plugin.</param>
/// <param name="HasRun">True when the plugin has at least one recorded migration.</param>
/// <param name="LastMigration">The last <c>_migrations</c> row.</param>
/// <param name="Journal">The <c>_journal</c> row.</param>
/// <param name="Snapshots">How many snapshots are recorded.</param>
/// <param name="Drift">
/// Differences between the live catalog and the last recorded snapshot (somebody altered the database by hand),
/// as the steps that would turn the recorded schema into what the catalog now holds. Empty when none.
/// </param>
public sealed record MigrationStatus(
    string PluginName,
    bool HasRun,
    MigrationRecord? LastMigration,
    JournalInfo? Journal,
    int Snapshots,
    IReadOnlyList<MigrationStep> Drift);

/// <summary>What <see cref="Migrator.CheckAsync"/> reports: the plan, changing nothing.</summary>
/// <param name="PluginName">The plugin.</param>
/// <param name="HasDataLoss">True when a step would lose data.</param>
/// <param name="RequiresConfirmation">True when the plan would be blocked without Force.</param>
/// <param name="Warnings">Steps that may fail on existing rows.</param>
/// <param name="TablesToRemove">Tables the plan drops.</param>
/// <param name="ColumnsToRemove">Columns the plan drops, as <c>table.column</c>.</param>
/// <param name="TypeChanges">Type changes, in words.</param>
/// <param name="Statements">The SQL statements in order.</param>
/// <param name="Steps">The steps.</param>
public sealed record MigrationCheck(
    string PluginName,
    bool HasDataLoss,
    bool RequiresConfirmation,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<string> TablesToRemove,
    IReadOnlyList<string> ColumnsToRemove,
    IReadOnlyList<string> TypeChanges,
    IReadOnlyList<string> Statements,
    IReadOnlyList<MigrationStep> Steps);
