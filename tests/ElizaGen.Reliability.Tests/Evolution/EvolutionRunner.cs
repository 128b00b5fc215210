using System.Collections.Concurrent;
using System.Diagnostics;
using ElizaGen.Runtime.Migrations;
using ElizaGen.Schema;
using ElizaGen.Schema.Ddl;
using ElizaGen.Schema.Diff;
using ElizaGen.Schema.Snapshots;
using ElizaGen.Schema.Sql;
using Npgsql;

namespace ElizaGen.Reliability.Tests.Evolution;

/// <summary>A broken invariant: its name (what the shrinker keeps failing) and what was seen.</summary>
internal sealed record CaseFailure(string Invariant, string Message, string? Detail = null)
{
    /// <summary>The invariant and a detail that tells failures of one invariant apart (a SQLSTATE), for grouping.</summary>
    public string Signature => Detail is null ? Invariant : Invariant + " " + Detail;
}

/// <summary>How a case ended: a category for the statistics, and the failure when an invariant broke.</summary>
internal sealed record CaseOutcome(string Category, CaseFailure? Failure);

/// <summary>
/// Runs evolution cases on one database, reused from case to case (the plugin's schemas are dropped and its journal
/// rows deleted in between), and checks the invariants:
/// <list type="bullet">
/// <item>the "before" schema is created by the migrator (or by its DDL, to be adopted);</item>
/// <item>a plan with destructive steps is blocked without Force, and a blocked plan changes nothing (catalog, rows, journal);</item>
/// <item>a plan that fails does so on a warned or destructive step, on the data (SQLSTATE class 22 or 23), and changes nothing;</item>
/// <item>an applied plan keeps every row and every value of the columns that survive unchanged (or safely widened);</item>
/// <item>the catalog then is what creating "after" directly gives (every object, and the library's own introspection);</item>
/// <item>the journal agrees with the catalog (no drift), and adopting the directly created schema plans nothing.</item>
/// </list>
/// </summary>
internal sealed class EvolutionRunner(NpgsqlDataSource source)
{
    public const string Plugin = "@reliability/evolution";

    private static readonly string[] KnownSchemas = [SchemaGenerator.MainSchema, SchemaGenerator.OtherSchema];

    private readonly Stopwatch _clock = new();
    private string? _step;

    /// <summary>Time spent per step of the cases, summed over every runner (where a run's seconds go).</summary>
    public static ConcurrentDictionary<string, long> Milliseconds { get; } = new(StringComparer.Ordinal);

    public async Task<CaseOutcome> RunAsync(EvolutionCase c)
    {
        try
        {
            return await RunGuardedAsync(c);
        }
        finally
        {
            Step(null);
        }
    }

    private async Task<CaseOutcome> RunGuardedAsync(EvolutionCase c)
    {
        try
        {
            return await RunCheckedAsync(c);
        }
        catch (InvariantBrokenException e)
        {
            return new CaseOutcome("broken", new CaseFailure(e.Invariant, e.Message, e.Detail));
        }
        catch (Exception e) when (e is NpgsqlException or MigrationException or MigrationFailedException or SchemaDefinitionException or InvalidOperationException)
        {
            return new CaseOutcome("broken", new CaseFailure("no-unexpected-exception", e.ToString()));
        }
    }

    private async Task<CaseOutcome> RunCheckedAsync(EvolutionCase c)
    {
        var schemas = KnownSchemas.Concat(c.Before.Schemas).Concat(c.After.Schemas).Append(SchemaSnapshot.PublicSchema).Distinct().ToArray();
        Step("reset");
        await ResetAsync(schemas);

        Step("create before");
        var before = PluginOf(c.Before, RenameHints.None);
        var after = PluginOf(c.After, c.Hints);
        if (c.AdoptBefore)
        {
            var error = await ExecuteAsync(DdlWriter.CreateStatements(c.Before));
            Check(error is null, "before-applies", $"Creating the before schema from its DDL failed: {error}");
        }
        else
        {
            var first = await MigrateAsync(before, new MigrationOptions { ThrowOnFailure = false });
            Check(first.Outcome is MigrationOutcome.Applied or MigrationOutcome.NoChanges, "before-applies",
                $"Migrating an empty database to the before schema ended {first.Outcome}: {first.Error}");
        }
        Step("insert rows");
        if (c.RowsSql.Length > 0)
        {
            var error = await ExecuteAsync([c.RowsSql]);
            Check(error is null, "rows-insert", $"The generated rows did not insert (a generator bug): {error}");
        }

        Step("capture state");
        var initial = await CaptureAsync(c, schemas);
        var preserved = Preserved(c);
        var preservedBefore = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in preserved) preservedBefore[p.AfterKey] = await CatalogState.ChecksumAsync(source, p.BeforeRowsSql);

        Step("dry run");
        if (c.DryRunFirst)
        {
            var dry = await MigrateAsync(after, new MigrationOptions { DryRun = true, Force = true, ThrowOnFailure = false });
            Check(dry.Outcome is MigrationOutcome.Planned or MigrationOutcome.Failed or MigrationOutcome.NoChanges, "dry-run-leaves-nothing",
                $"A dry run ended {dry.Outcome}: {dry.Error}");
            await ExpectUnchangedAsync(c, schemas, initial, "dry-run-leaves-nothing", "after a dry run");
        }

        Step("migrate after");
        var result = await MigrateAsync(after, new MigrationOptions { ThrowOnFailure = false });
        var destructive = result.Steps.Where(s => s.Class == StepClass.Destructive).ToArray();
        var category = result.Outcome.ToString().ToLowerInvariant();
        if (destructive.Length > 0)
        {
            Check(result.Outcome == MigrationOutcome.Blocked, "blocked-iff-destructive",
                $"A plan with destructive steps ({string.Join(" ", destructive.Select(s => s.Sql))}) ended {result.Outcome} without Force: {result.Error}");
            await ExpectUnchangedAsync(c, schemas, initial, "blocked-changes-nothing", "after a blocked migration");
            result = await MigrateAsync(after, new MigrationOptions { Force = true, ThrowOnFailure = false });
            category = "blocked, then forced: " + result.Outcome.ToString().ToLowerInvariant();
        }
        else
        {
            Check(result.Outcome != MigrationOutcome.Blocked, "blocked-iff-destructive", $"A plan without destructive steps was blocked: {result.Error}");
        }

        if (result.Outcome == MigrationOutcome.Failed)
        {
            ExpectDataFailure(result);
            await ExpectUnchangedAsync(c, schemas, initial, "failure-rolls-back", "after a failed migration");
            return new CaseOutcome(category, null);
        }
        Check(result.Outcome is MigrationOutcome.Applied or MigrationOutcome.NoChanges, "migration-completes", $"The migration ended {result.Outcome}: {result.Error}", result.Outcome.ToString());

        Step("check rows");
        foreach (var p in preserved)
        {
            var now = await CatalogState.ChecksumAsync(source, p.AfterRowsSql);
            Check(now == preservedBefore[p.AfterKey], "rows-survive",
                $"Table {p.AfterKey}: rows or values of the unchanged columns differ after the migration (count:md5 before {preservedBefore[p.AfterKey]}, after {now}); compared: {p.AfterRowsSql}");
        }
        var journal = await CatalogState.JournalAsync(source, Plugin);
        Check(journal.LastHash == after.Hash, "journal-records",
            $"After the migration the journal holds {journal.Count} rows ending in {journal.LastHash}; expected the after hash {after.Hash}.");

        Step("status (drift)");
        var status = await new Migrator(source).GetStatusAsync(Plugin);
        Check(status.Drift.Count == 0, "no-drift", "The journal disagrees with the migrated catalog:\n" + string.Join("\n", status.Drift.Select(s => "  " + s.Sql)));

        Step("read catalogs");
        var migratedInventory = await CatalogState.InventoryAsync(source, schemas);
        var migratedSnapshot = await CatalogState.IntrospectAsync(source, c.After);

        Step("create after directly");
        await ResetAsync(schemas);
        var direct = await ExecuteAsync(DdlWriter.CreateStatements(c.After));
        Check(direct is null, "after-created-directly", $"Creating the after schema from its DDL failed: {direct}");
        Step("read catalogs");
        var directInventory = await CatalogState.InventoryAsync(source, schemas);
        Check(migratedInventory.SequenceEqual(directInventory, StringComparer.Ordinal), "catalog-matches-after",
            "The migrated catalog differs from the after schema created directly (- direct only, + migrated only):\n"
            + CatalogState.Difference(directInventory, migratedInventory));
        var directSnapshot = await CatalogState.IntrospectAsync(source, c.After);
        Check(directSnapshot.Equals(migratedSnapshot), "introspection-matches-after",
            $"The introspected migrated schema differs from the one created directly.\nmigrated: {SnapshotJsonWriter.WriteCanonical(migratedSnapshot)}\ndirect:   {SnapshotJsonWriter.WriteCanonical(directSnapshot)}");

        Step("adopt after");
        var adopted = await MigrateAsync(after, new MigrationOptions { ThrowOnFailure = false });
        Check(adopted.Outcome == MigrationOutcome.NoChanges && adopted.Steps.Count == 0, "adoption-plans-nothing",
            $"Adopting the after schema created directly ended {adopted.Outcome} with steps:\n" + string.Join("\n", adopted.Steps.Select(s => "  " + s.Sql)) + $"\n{adopted.Error}");
        return new CaseOutcome(category, null);
    }

    private void Step(string? name)
    {
        if (_step is not null) Milliseconds.AddOrUpdate(_step, _clock.ElapsedMilliseconds, (_, ms) => ms + _clock.ElapsedMilliseconds);
        _step = name;
        _clock.Restart();
    }

    /// <summary>A failed migration must have failed on a step that warned it could, because of the rows.</summary>
    private static void ExpectDataFailure(PluginMigrationResult result)
    {
        if (result.Error is not MigrationStatementException failed)
        {
            throw new InvariantBrokenException("failure-is-a-warned-data-failure", $"The migration failed without a failing statement: {result.Error}");
        }
        var step = result.Steps.FirstOrDefault(s => s.Sql == failed.Statement);
        Check(step is not null && step.Class != StepClass.Safe && (failed.SqlState.StartsWith("22", StringComparison.Ordinal) || failed.SqlState.StartsWith("23", StringComparison.Ordinal)),
            "failure-is-a-warned-data-failure",
            $"Step classified {step?.Class.ToString() ?? "(not in the plan)"} failed with SQLSTATE {failed.SqlState}: {failed.Message}\nplan:\n"
            + string.Join("\n", result.Steps.Select(s => $"  [{s.Class}] {s.Sql}")), failed.SqlState);
    }

    private sealed record State(List<string> Inventory, Dictionary<string, string> Rows, (long Count, string? LastHash) Journal);

    private async Task<State> CaptureAsync(EvolutionCase c, string[] schemas) => new(
        await CatalogState.InventoryAsync(source, schemas),
        await CatalogState.FullChecksumsAsync(source, c.Before),
        await CatalogState.JournalAsync(source, Plugin));

    private async Task ExpectUnchangedAsync(EvolutionCase c, string[] schemas, State initial, string invariant, string when)
    {
        var now = await CaptureAsync(c, schemas);
        Check(now.Inventory.SequenceEqual(initial.Inventory, StringComparer.Ordinal), invariant,
            $"The catalog changed {when}:\n" + CatalogState.Difference(initial.Inventory, now.Inventory));
        foreach (var (table, checksum) in initial.Rows)
        {
            Check(now.Rows[table] == checksum, invariant, $"The rows of {table} changed {when}: {checksum} -> {now.Rows[table]}");
        }
        Check(now.Journal == initial.Journal, invariant, $"The journal changed {when}: {initial.Journal} -> {now.Journal}");
    }

    /// <summary>Per surviving table, the columns whose values must not change, read before (cast to their new type) and after.</summary>
    private sealed record PreservedTable(string AfterKey, string BeforeRowsSql, string AfterRowsSql);

    private static List<PreservedTable> Preserved(EvolutionCase c)
    {
        var result = new List<PreservedTable>();
        foreach (var table in c.Before.Tables)
        {
            var afterName = RenamedTable(c, table);
            var target = c.After.FindTable(table.Schema, afterName);
            if (target is null) continue;
            var beforeExpressions = new List<string>();
            var afterExpressions = new List<string>();
            foreach (var column in table.Columns)
            {
                var now = target.FindColumn(RenamedColumn(c, table, target, column.Name));
                if (now is null) continue;
                if (column.Generated is not null || now.Generated is not null) continue; // computed, not kept
                var wasNotNull = column.NotNull || table.PrimaryKeyColumns.Contains(column.Name) || SqlTypes.IsSerial(column.Type);
                var isNotNull = now.NotNull || target.PrimaryKeyColumns.Contains(now.Name) || SqlTypes.IsSerial(now.Type);
                if (!wasNotNull && isNotNull && (now.Default is not null || SqlTypes.IsSerial(now.Type))) continue; // NULLs get the default
                var oldName = SqlText.QuoteIdentifier(column.Name);
                var newName = SqlText.QuoteIdentifier(now.Name);
                if (column.TypeSchema is not null || now.TypeSchema is not null)
                {
                    if (column.TypeSchema != now.TypeSchema || column.Type != now.Type) continue;
                    beforeExpressions.Add(oldName + "::text");
                    afterExpressions.Add(newName + "::text");
                }
                else if (SqlTypes.AreEquivalent(column.Type, now.Type))
                {
                    beforeExpressions.Add(oldName);
                    afterExpressions.Add(newName);
                }
                else if (SqlTypes.IsSafeWidening(column.Type, now.Type))
                {
                    beforeExpressions.Add($"CAST({oldName} AS {SqlTypes.Normalize(now.Type)})");
                    afterExpressions.Add(newName);
                }
            }
            string Rows(TableSnapshot t, List<string> expressions) => expressions.Count == 0
                ? $"SELECT '' AS r FROM {SqlText.QualifiedName(t.Schema, t.Name)}"
                : $"SELECT ROW({string.Join(", ", expressions)})::text AS r FROM {SqlText.QualifiedName(t.Schema, t.Name)}";
            result.Add(new PreservedTable(target.Key, Rows(table, beforeExpressions), Rows(target, afterExpressions)));
        }
        return result;
    }

    /// <summary>The table's name in "after", following a hint where the differ applies it (see TableMatching).</summary>
    private static string RenamedTable(EvolutionCase c, TableSnapshot table)
    {
        foreach (var hint in c.Hints.Tables)
        {
            if (hint.Schema != table.Schema || hint.OldName != table.Name || hint.OldName == hint.NewName) continue;
            if (c.After.FindTable(hint.Schema, hint.NewName) is null || c.After.FindTable(hint.Schema, hint.OldName) is not null) continue;
            if (c.Before.FindTable(hint.Schema, hint.NewName) is not null) continue;
            return hint.NewName;
        }
        return table.Name;
    }

    private static string RenamedColumn(EvolutionCase c, TableSnapshot previous, TableSnapshot desired, string column)
    {
        foreach (var hint in c.Hints.Columns)
        {
            if (hint.Schema != desired.Schema || (hint.Table != desired.Name && hint.Table != previous.Name) || hint.OldName != column) continue;
            if (hint.OldName == hint.NewName || desired.FindColumn(hint.OldName) is not null || previous.FindColumn(hint.NewName) is not null) continue;
            if (desired.FindColumn(hint.NewName) is null) continue;
            return hint.NewName;
        }
        return column;
    }

    private async Task<PluginMigrationResult> MigrateAsync(PluginSchema plugin, MigrationOptions options)
    {
        var report = await new Migrator(source).MigrateAsync(plugin, options);
        return report[Plugin];
    }

    public static PluginSchema PluginOf(SchemaSnapshot snapshot, RenameHints hints) => new(
        Plugin,
        snapshot.Tables.IsEmpty ? SchemaGenerator.MainSchema : snapshot.Tables[0].Schema,
        snapshot,
        SnapshotJsonWriter.WriteCanonical(snapshot),
        SnapshotHash.Compute(snapshot),
        DdlWriter.CreateSql(snapshot),
        hints,
        default);

    private async Task ResetAsync(IEnumerable<string> schemas)
    {
        var drops = string.Concat(schemas.Where(s => s != SchemaSnapshot.PublicSchema).Select(s => $"DROP SCHEMA IF EXISTS {SqlText.QuoteIdentifier(s)} CASCADE; "));
        await using var command = source.CreateCommand(drops + """
            DO $reset$ BEGIN
              IF to_regclass('migrations._migrations') IS NOT NULL THEN
                DELETE FROM migrations._migrations; DELETE FROM migrations._journal; DELETE FROM migrations._snapshots;
              END IF;
            END $reset$;
            """);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Runs statements in one transaction; the error as text, or null.</summary>
    private async Task<string?> ExecuteAsync(IEnumerable<string> statements)
    {
        await using var connection = await source.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        foreach (var sql in statements)
        {
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            try
            {
                await command.ExecuteNonQueryAsync();
            }
            catch (PostgresException e)
            {
                return $"{e.MessageText} (SQLSTATE {e.SqlState}) in: {sql}";
            }
        }
        await transaction.CommitAsync();
        return null;
    }

    private static void Check(bool condition, string invariant, string message, string? detail = null)
    {
        if (!condition) throw new InvariantBrokenException(invariant, message, detail);
    }

    private sealed class InvariantBrokenException(string invariant, string message, string? detail = null) : Exception(message)
    {
        public string Invariant { get; } = invariant;

        public string? Detail { get; } = detail;
    }
}
