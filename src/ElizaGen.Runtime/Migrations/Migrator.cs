using System.Diagnostics;
using ElizaGen.Schema;
using ElizaGen.Schema.Ddl;
using ElizaGen.Schema.Diff;
using ElizaGen.Schema.Snapshots;
using ElizaGen.Runtime.Snapshots;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace ElizaGen.Runtime.Migrations;

/// <summary>
/// Brings a database in step with compiled plugin schemas at start-up (DESIGN §2, §4, §5). The fast path asks
/// one question for all plugins; a plugin whose hash differs is migrated in its own transaction on one dedicated
/// connection, under a transaction-scoped advisory lock, and either fully applied and recorded or not at all.
/// </summary>
public sealed partial class Migrator
{
    /// <summary>The environment variable that allows destructive steps, as <see cref="MigrationOptions.Force"/> does.</summary>
    public const string AllowDestructiveVariable = "ELIZA_ALLOW_DESTRUCTIVE_MIGRATIONS";

    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger _logger;

    /// <summary>Creates a migrator over a data source.</summary>
    public Migrator(NpgsqlDataSource dataSource, ILogger<Migrator>? logger = null)
    {
        _dataSource = dataSource ?? throw new ArgumentNullException(nameof(dataSource));
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>
    /// Migrates every plugin, in dependency order (a plugin whose tables reference another's comes after it).
    /// One plugin's failure neither stops nor hides the others: the report lists all. When any was blocked or
    /// failed and <see cref="MigrationOptions.ThrowOnFailure"/> is set, a <see cref="MigrationFailedException"/>
    /// carrying the report is thrown after all were tried.
    /// </summary>
    public async Task<MigrationReport> MigrateAsync(IEnumerable<PluginSchema> plugins, MigrationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plugins);
        options ??= new MigrationOptions();
        var ordered = PluginOrder.Sort(plugins.ToList());
        var results = new List<PluginMigrationResult>(ordered.Count);

        ValidateRoles(options.GrantTo);
        Dictionary<string, string> lastHashes;
        var grantsMissing = new HashSet<string>(StringComparer.Ordinal);
        await using (var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
        {
            lastHashes = await JournalStore.LastHashesAsync(connection, ordered.Select(p => p.Name).ToArray(), cancellationToken).ConfigureAwait(false);
            foreach (var plugin in ordered.Where(p => options.GrantTo.Count > 0 && lastHashes.GetValueOrDefault(p.Name) == p.Hash))
            {
                if (!await Grants.AreInPlaceAsync(connection, plugin, options.GrantTo, cancellationToken).ConfigureAwait(false)) grantsMissing.Add(plugin.Name);
            }
        }

        foreach (var plugin in ordered)
        {
            if (lastHashes.TryGetValue(plugin.Name, out var hash) && hash == plugin.Hash && !grantsMissing.Contains(plugin.Name))
            {
                LogNoChanges(plugin.Name);
                results.Add(new PluginMigrationResult(plugin.Name, MigrationOutcome.NoChanges, [], [], TimeSpan.Zero));
                continue;
            }
            results.Add(await MigratePluginAsync(plugin, options, cancellationToken).ConfigureAwait(false));
        }

        var report = new MigrationReport(results);
        if (report.Plugins.Any(p => p.Outcome == MigrationOutcome.Applied))
        {
            // The data source learns types (vector, enums) when it first loads them: new ones need a reload.
            await _dataSource.ReloadTypesAsync(cancellationToken).ConfigureAwait(false);
        }
        if (!report.Succeeded && options.ThrowOnFailure) throw new MigrationFailedException(report);
        return report;
    }

    /// <summary>Migrates one plugin. See <see cref="MigrateAsync(IEnumerable{PluginSchema}, MigrationOptions?, CancellationToken)"/>.</summary>
    public Task<MigrationReport> MigrateAsync(PluginSchema plugin, MigrationOptions? options = null, CancellationToken cancellationToken = default)
        => MigrateAsync([plugin], options, cancellationToken);

    private async Task<PluginMigrationResult> MigratePluginAsync(PluginSchema plugin, MigrationOptions options, CancellationToken ct)
    {
        var stopwatch = Stopwatch.StartNew();
        LogStarting(plugin.Name, plugin.SchemaName);
        IReadOnlyList<MigrationStep> steps = [];
        IReadOnlyList<string> warnings = [];
        var committing = false;

        await using var connection = await _dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        try
        {
            await JournalStore.EnsureCreatedAsync(connection, transaction, ct).ConfigureAwait(false);
            await AdvisoryLocks.AcquireTransactionLockAsync(connection, transaction, plugin.Name, ct).ConfigureAwait(false);

            // Another process may have finished this very migration while we waited for the lock.
            var last = await JournalStore.LastMigrationAsync(connection, transaction, plugin.Name, ct).ConfigureAwait(false);
            if (last?.Hash == plugin.Hash)
            {
                // Nothing to migrate, but maybe grants to give (a role added to GrantTo since the last migration).
                await Grants.ApplyAsync(connection, transaction, plugin, options.GrantTo, ct).ConfigureAwait(false);
                if (options.GrantTo.Count > 0 && !options.DryRun) await transaction.CommitAsync(ct).ConfigureAwait(false);
                else await transaction.RollbackAsync(ct).ConfigureAwait(false);
                LogNoChanges(plugin.Name);
                return new PluginMigrationResult(plugin.Name, MigrationOutcome.NoChanges, [], [], stopwatch.Elapsed);
            }

            await Extensions.EnsureAsync(connection, transaction, plugin.Name, RequiredExtensions(plugin), ct).ConfigureAwait(false);
            var planned = await PlanAsync(connection, transaction, plugin, ct).ConfigureAwait(false);
            steps = planned.Plan.Steps;
            warnings = planned.Plan.Warnings;

            if (planned.Plan.HasDestructiveSteps && !AllowsDestructive(options))
            {
                var destructive = steps.Where(s => s.Class == StepClass.Destructive).ToArray();
                LogBlocked(plugin.Name, destructive.Length);
                throw new DestructiveMigrationBlockedException(plugin.Name, destructive, ProductionVariable());
            }
            foreach (var warning in warnings) LogWarning(plugin.Name, warning);

            if (steps.Count > 0) LogExecuting(plugin.Name, steps.Count);
            foreach (var step in steps)
            {
                if (options.Verbose) LogStatementVerbose(plugin.Name, step.Sql);
                else LogStatement(plugin.Name, step.Sql);
                await using var command = new NpgsqlCommand(step.Sql, connection, transaction);
                try
                {
                    await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }
                catch (PostgresException e)
                {
                    throw new MigrationStatementException(plugin.Name, step.Sql, e);
                }
            }

            await Grants.ApplyAsync(connection, transaction, plugin, options.GrantTo, ct).ConfigureAwait(false);

            if (planned.AdoptedFromCatalog is not null && steps.Count > 0)
            {
                // Tables that existed without a journal: their state as found is entry 0, this migration entry 1.
                await JournalStore.RecordAsync(connection, transaction, plugin.Name,
                    SnapshotHash.Compute(planned.AdoptedFromCatalog), SnapshotJsonWriter.WriteCanonical(planned.AdoptedFromCatalog), ct).ConfigureAwait(false);
            }
            await JournalStore.RecordAsync(connection, transaction, plugin.Name, plugin.Hash, plugin.CanonicalJson, ct).ConfigureAwait(false);

            if (options.DryRun)
            {
                await transaction.RollbackAsync(ct).ConfigureAwait(false);
                LogDryRun(plugin.Name, steps.Count);
                return new PluginMigrationResult(plugin.Name, MigrationOutcome.Planned, steps, warnings, stopwatch.Elapsed);
            }

            committing = true;
            await transaction.CommitAsync(ct).ConfigureAwait(false);
            if (steps.Count == 0) LogNoChanges(plugin.Name);
            else LogCompleted(plugin.Name, steps.Count, stopwatch.ElapsedMilliseconds);
            return new PluginMigrationResult(plugin.Name, steps.Count == 0 ? MigrationOutcome.NoChanges : MigrationOutcome.Applied, steps, warnings, stopwatch.Elapsed);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (DestructiveMigrationBlockedException e)
        {
            await SafeRollbackAsync(transaction).ConfigureAwait(false);
            return new PluginMigrationResult(plugin.Name, MigrationOutcome.Blocked, steps, warnings, stopwatch.Elapsed, e);
        }
        catch (NpgsqlException e) when (e is not PostgresException && connection.State is not System.Data.ConnectionState.Open)
        {
            // The connection broke (the server died or the network failed): PostgreSQL rolls back a transaction whose
            // client is gone, unless its COMMIT was already on its way.
            await SafeRollbackAsync(transaction).ConfigureAwait(false);
            var lost = new MigrationException(plugin.Name, committing
                ? $"The connection to PostgreSQL was lost while committing the migration of plugin '{plugin.Name}' ({e.Message}): it may or may not " +
                  "have been applied. Start again once the server is back: the next start reads the journal and finishes the migration, or finds it done."
                : $"The connection to PostgreSQL was lost while migrating plugin '{plugin.Name}' ({e.Message}). The server rolls the migration back: " +
                  "nothing was changed. Start again once the server is back.", e);
            LogFailed(plugin.Name, lost.Message);
            return new PluginMigrationResult(plugin.Name, MigrationOutcome.Failed, steps, warnings, stopwatch.Elapsed, lost);
        }
        catch (Exception e) when (e is MigrationException or NpgsqlException or SnapshotFormatException)
        {
            await SafeRollbackAsync(transaction).ConfigureAwait(false);
            LogFailed(plugin.Name, e.Message);
            return new PluginMigrationResult(plugin.Name, MigrationOutcome.Failed, steps, warnings, stopwatch.Elapsed, e);
        }
    }

    /// <summary>
    /// Computes the plan for a plugin against the database as it is, changing nothing (everything runs in a
    /// transaction that is rolled back).
    /// </summary>
    public async Task<MigrationCheck> CheckAsync(PluginSchema plugin, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Extensions.EnsureAsync(connection, transaction, plugin.Name, RequiredExtensions(plugin), cancellationToken).ConfigureAwait(false);
            var plan = (await PlanAsync(connection, transaction, plugin, cancellationToken).ConfigureAwait(false)).Plan;
            return new MigrationCheck(
                plugin.Name,
                HasDataLoss: plan.HasDestructiveSteps,
                RequiresConfirmation: plan.HasDestructiveSteps && !AllowsDestructive(new MigrationOptions()),
                Warnings: plan.Warnings,
                TablesToRemove: plan.TablesToRemove,
                ColumnsToRemove: plan.ColumnsToRemove,
                TypeChanges: plan.TypeChanges,
                Statements: plan.Steps.Select(s => s.Sql).ToArray(),
                Steps: plan.Steps);
        }
        finally
        {
            await SafeRollbackAsync(transaction).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The journal's view of a plugin (the ElizaOS plugin's status shape) and the drift between the live catalog
    /// and the last recorded snapshot. Changes nothing.
    /// </summary>
    public async Task<MigrationStatus> GetStatusAsync(string pluginName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(pluginName);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!await JournalStore.ExistsAsync(connection, transaction, cancellationToken).ConfigureAwait(false))
            {
                return new MigrationStatus(pluginName, false, null, null, 0, []);
            }
            var last = await JournalStore.LastMigrationAsync(connection, transaction, pluginName, cancellationToken).ConfigureAwait(false);
            var journal = await JournalStore.JournalAsync(connection, transaction, pluginName, cancellationToken).ConfigureAwait(false);
            var count = await JournalStore.SnapshotCountAsync(connection, transaction, pluginName, cancellationToken).ConfigureAwait(false);
            // Drift is measured from what ElizaGen last applied; another tool's snapshot (written beside ours for
            // @elizaos/plugin-sql's sake) may list objects that tool never creates.
            var snapshot = await JournalStore.LastTrustedSnapshotAsync(connection, transaction, pluginName, journal, cancellationToken).ConfigureAwait(false);
            IReadOnlyList<MigrationStep> drift = [];
            if (snapshot is { } s)
            {
                var recorded = SnapshotJsonReader.Read(s.Json);
                var live = await CatalogIntrospector.ReadAsync(connection, transaction, recorded, null, cancellationToken).ConfigureAwait(false);
                await Extensions.EnsureAsync(connection, transaction, pluginName, DdlWriter.RequiredExtensions(recorded), cancellationToken).ConfigureAwait(false);
                var canonical = await SchemaCanonicalizer.CanonicalizeAsync(connection, transaction, recorded, cancellationToken).ConfigureAwait(false);
                drift = Differ.Diff(canonical, live).Steps;
            }
            return new MigrationStatus(pluginName, last is not null, last, journal, count, drift);
        }
        finally
        {
            await SafeRollbackAsync(transaction).ConfigureAwait(false);
        }
    }

    private sealed record PlannedMigration(MigrationPlan Plan, SchemaSnapshot? AdoptedFromCatalog);

    /// <summary>
    /// The previous snapshot is the journal's last, when ElizaGen wrote it; otherwise (no journal, or a journal
    /// another tool wrote) the plugin's own tables as the catalog describes them (adoption). Adopted tables are
    /// compared in the catalog's own terms, so that a schema written differently but stored identically plans
    /// nothing.
    /// </summary>
    /// <remarks>
    /// ElizaGen tags its journal entries (<see cref="JournalStore.TagMarker"/>). A last snapshot under another tool's
    /// entry — <c>@elizaos/plugin-sql</c> writes the same three tables — may describe objects that tool never
    /// created: plugin-sql 1.7.2 records <c>fk_room</c> and <c>fk_user</c> on <c>memories</c> and <c>logs</c>, but
    /// creates them only on <c>participants</c>. Diffing from it would plan statements that fail, so the catalog is
    /// read instead. (The hash cannot tell: jsonb does not keep key order, so a stored snapshot's canonical text, and
    /// with it the hash, cannot be rebuilt from the database.)
    /// </remarks>
    private static async Task<PlannedMigration> PlanAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, PluginSchema plugin, CancellationToken ct)
    {
        var journalExists = await JournalStore.ExistsAsync(connection, transaction, ct).ConfigureAwait(false);
        var recorded = journalExists ? await JournalStore.LastSnapshotAsync(connection, transaction, plugin.Name, ct).ConfigureAwait(false) : null;
        if (recorded is { } r)
        {
            var journal = await JournalStore.JournalAsync(connection, transaction, plugin.Name, ct).ConfigureAwait(false);
            if (JournalStore.RecordedByElizaGen(journal, r.Index))
            {
                return new PlannedMigration(Differ.Diff(SnapshotJsonReader.Read(r.Json), plugin.Snapshot, plugin.Renames), null);
            }
        }

        var live = await CatalogIntrospector.ReadAsync(connection, transaction, plugin.Snapshot, plugin.Renames, ct).ConfigureAwait(false);
        if (live.Tables.IsEmpty && live.Enums.IsEmpty)
        {
            return new PlannedMigration(Differ.Diff(SchemaSnapshot.Empty, plugin.Snapshot, plugin.Renames), null);
        }
        var canonicalDesired = await SchemaCanonicalizer.CanonicalizeAsync(connection, transaction, plugin.Snapshot, ct).ConfigureAwait(false);
        return new PlannedMigration(Differ.Diff(live, canonicalDesired, plugin.Renames), live);
    }

    private static void ValidateRoles(IReadOnlyList<string> roles)
    {
        ArgumentNullException.ThrowIfNull(roles, nameof(MigrationOptions.GrantTo));
        foreach (var role in roles)
        {
            if (string.IsNullOrWhiteSpace(role) || role.Contains('\0', StringComparison.Ordinal))
            {
                throw new ArgumentException(
                    $"MigrationOptions.GrantTo holds an empty role name or one with a NUL character (\"{role?.Replace("\0", "\\0", StringComparison.Ordinal)}\"): list the names of existing PostgreSQL roles.",
                    nameof(MigrationOptions.GrantTo));
            }
        }
    }

    private static IEnumerable<string> RequiredExtensions(PluginSchema plugin)
        => DdlWriter.RequiredExtensions(plugin.Snapshot).Concat(plugin.Extensions).Distinct(StringComparer.Ordinal);

    private static bool AllowsDestructive(MigrationOptions options)
        => options.Force || string.Equals(Environment.GetEnvironmentVariable(AllowDestructiveVariable), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The variable that says Production, when one does.</summary>
    private static string? ProductionVariable()
    {
        foreach (var name in new[] { "DOTNET_ENVIRONMENT", "ASPNETCORE_ENVIRONMENT", "NODE_ENV" })
        {
            if (string.Equals(Environment.GetEnvironmentVariable(name), "production", StringComparison.OrdinalIgnoreCase)) return name;
        }
        return null;
    }

    private static async Task SafeRollbackAsync(NpgsqlTransaction transaction)
    {
        try
        {
            if (transaction.Connection is not null) await transaction.RollbackAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            // The connection is gone or the transaction already ended: the server has rolled it back.
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Starting migration for plugin {Plugin} (schema {Schema})")]
    private partial void LogStarting(string plugin, string schema);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "No changes detected for plugin {Plugin}")]
    private partial void LogNoChanges(string plugin);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Executing {Count} SQL statements for plugin {Plugin}")]
    private partial void LogExecuting(string plugin, int count);

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug, Message = "{Plugin}: {Sql}")]
    private partial void LogStatement(string plugin, string sql);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "{Plugin}: {Sql}")]
    private partial void LogStatementVerbose(string plugin, string sql);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "Migration completed successfully for plugin {Plugin}: {Count} statements in {ElapsedMs} ms")]
    private partial void LogCompleted(string plugin, int count, long elapsedMs);

    [LoggerMessage(EventId = 7, Level = LogLevel.Error, Message = "Destructive migration blocked for plugin {Plugin}: {Count} destructive steps")]
    private partial void LogBlocked(string plugin, int count);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning, Message = "Plugin {Plugin}: {Warning}")]
    private partial void LogWarning(string plugin, string warning);

    [LoggerMessage(EventId = 9, Level = LogLevel.Information, Message = "Dry run for plugin {Plugin}: {Count} statements executed and rolled back")]
    private partial void LogDryRun(string plugin, int count);

    [LoggerMessage(EventId = 10, Level = LogLevel.Error, Message = "Migration failed for plugin {Plugin}: {Error}")]
    private partial void LogFailed(string plugin, string error);
}
