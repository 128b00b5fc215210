using ElizaGen.PluginSql.Compatibility;
using ElizaGen.Runtime.Connections;
using ElizaGen.Runtime.Migrations;
using ElizaGen.Schema;

namespace ElizaGen.PluginSql;

/// <summary>
/// Migrates plugin schemas the way every ElizaGen entry point must when the core schema may be among them — the
/// adapter's <see cref="ElizaDatabaseAdapter.InitAsync"/>, the host's start-up migration, the <c>elizagen</c> tool:
/// through the migrator, and, for the core schema, with the <c>@elizaos/plugin-sql</c> journal mark
/// (<see cref="PluginSqlJournal"/>) that keeps the database openable by the TypeScript plugin.
/// </summary>
public static class PluginSqlMigrations
{
    /// <summary>
    /// Migrates <paramref name="plugins"/> with <paramref name="migrator"/> (each in its own transaction under its
    /// advisory lock; destructive changes blocked unless <see cref="MigrationOptions.Force"/>). A core schema already
    /// migrated and marked is reported as <see cref="MigrationOutcome.NoChanges"/> without touching the journal;
    /// one just applied (or found up to date) is marked, unless <paramref name="keepPluginSqlCompatible"/> is false
    /// or this is a dry run.
    /// </summary>
    /// <exception cref="MigrationFailedException">A plugin was blocked or failed (when <see cref="MigrationOptions.ThrowOnFailure"/>).</exception>
    public static async Task<MigrationReport> MigrateAsync(
        ElizaDatabase database, Migrator migrator, IEnumerable<PluginSchema> plugins, MigrationOptions? options = null,
        bool keepPluginSqlCompatible = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(migrator);
        ArgumentNullException.ThrowIfNull(plugins);
        var list = plugins.ToList();
        var core = PluginSqlSchema.Plugin;
        var includesCore = list.Any(p => p.Name == core.Name);
        var compatible = includesCore && keepPluginSqlCompatible && options?.DryRun != true;

        var coreMarked = compatible && await IsCoreMarkedAsync(database, cancellationToken).ConfigureAwait(false);
        var toMigrate = coreMarked ? list.Where(p => p.Name != core.Name).ToList() : list;
        var report = await migrator.MigrateAsync(toMigrate, options, cancellationToken).ConfigureAwait(false);
        if (coreMarked)
        {
            report = new MigrationReport([new PluginMigrationResult(core.Name, MigrationOutcome.NoChanges, [], [], TimeSpan.Zero), .. report.Plugins]);
        }

        if (compatible && !coreMarked && report.Plugins.FirstOrDefault(p => p.PluginName == core.Name)?.Outcome is MigrationOutcome.Applied or MigrationOutcome.NoChanges)
        {
            await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await PluginSqlJournal.MarkAsync(connection, core.Hash, cancellationToken).ConfigureAwait(false);
        }

        return report;
    }

    /// <summary>
    /// The plugins a migration would work on (<see cref="Migrator.FindPendingAsync"/>), counting a core schema that
    /// ElizaGen migrated and marked for <c>@elizaos/plugin-sql</c> as up to date (its journal then ends with the
    /// TypeScript plugin's hash). Changes nothing.
    /// </summary>
    public static async Task<IReadOnlyList<PluginSchema>> FindPendingAsync(
        ElizaDatabase database, IEnumerable<PluginSchema> plugins, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        var pending = await database.Migrator.FindPendingAsync(plugins, cancellationToken).ConfigureAwait(false);
        var core = pending.FirstOrDefault(p => p.Name == PluginSqlSchema.Plugin.Name && p.Hash == PluginSqlSchema.Plugin.Hash);
        if (core is null || !await IsCoreMarkedAsync(database, cancellationToken).ConfigureAwait(false)) return pending;
        return pending.Where(p => !ReferenceEquals(p, core)).ToArray();
    }

    private static async Task<bool> IsCoreMarkedAsync(ElizaDatabase database, CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await PluginSqlJournal.IsMarkedAsync(connection, PluginSqlSchema.Plugin.Hash, cancellationToken).ConfigureAwait(false);
    }
}
