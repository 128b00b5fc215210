using ElizaGen.Reliability.Tests.Evolution;
using ElizaGen.Reliability.Tests.Faults;
using ElizaGen.Runtime.Connections;
using ElizaGen.Runtime.Migrations;
using ElizaGen.Schema;
using ElizaGen.Schema.Naming;
using ElizaGen.Schema.Snapshots;
using ElizaGen.Testing;
using Npgsql;

namespace ElizaGen.Reliability.Tests.PgBouncer;

/// <summary>
/// Eight migrators (eight "processes": eight data sources) start at once through PgBouncer in transaction pooling
/// mode. The test holds the plugin's advisory lock on the server until all eight wait for it on their own server
/// connections, so the race is certain, not likely; then it lets go. The transaction-scoped lock lives and dies with
/// each migration's transaction, which PgBouncer keeps on one server connection: exactly one applies, the other
/// seven find its journal row once they get the lock and change nothing.
/// </summary>
public sealed class ConcurrentMigrationTests(PgBouncerFixture fixture) : IClassFixture<PgBouncerFixture>
{
    private const int Migrators = 8;
    private const string Plugin = "@acme/plugin-ledger";
    private const string Schema = "acme_plugin_ledger";
    private static readonly TimeSpan WaitTimeout = TimeSpan.FromSeconds(30);

    private static readonly TableSnapshot Accounts = new(Schema, "accounts", new[]
    {
        new ColumnSnapshot("id", "serial", PrimaryKey: true, NotNull: true),
        new ColumnSnapshot("owner", "text", NotNull: true),
        new ColumnSnapshot("profile", "vector(3)"),
    }, Indexes: new[] { new IndexSnapshot("accounts_owner_idx", new[] { new IndexColumnSnapshot("owner") }, IsUnique: true) });

    private static readonly TableSnapshot AccountsV2 = Accounts with
    {
        Columns = new[] { Accounts.Columns[0], Accounts.Columns[1], Accounts.Columns[2], new ColumnSnapshot("closed", "boolean", NotNull: true, Default: "false") },
    };

    private static readonly TableSnapshot Entries = new(Schema, "entries", new[]
    {
        new ColumnSnapshot("id", "bigserial", PrimaryKey: true, NotNull: true),
        new ColumnSnapshot("account_id", "integer", NotNull: true),
        new ColumnSnapshot("amount", "numeric(12, 2)", NotNull: true),
    }, ForeignKeys: new[] { new ForeignKeySnapshot("entries_account_fk", "entries", new[] { "account_id" }, Schema, "accounts", new[] { "id" }, OnDelete: "cascade") });

    private static readonly PluginSchema V1 = PluginOf(Accounts);
    private static readonly PluginSchema V2 = PluginOf(AccountsV2, Entries);

    [Fact]
    public async Task Eight_migrators_racing_through_PgBouncer_on_a_new_database_apply_the_plugin_exactly_once()
    {
        await using var database = await fixture.Postgres.CreateDatabaseAsync();

        var outcomes = await RaceAsync(database, V1);

        Assert.Equal(1, outcomes.Count(o => o == MigrationOutcome.Applied));
        Assert.Equal(Migrators - 1, outcomes.Count(o => o == MigrationOutcome.NoChanges));
        await AssertJournalAndCatalogAsync(database, V1, expectedJournalRows: 1);
    }

    [Fact]
    public async Task Eight_migrators_racing_through_PgBouncer_to_a_new_version_apply_it_exactly_once()
    {
        await using var database = await fixture.Postgres.CreateDatabaseAsync();
        await using (var first = await fixture.OpenThroughBouncerAsync(database))
            Assert.Equal(MigrationOutcome.Applied, (await first.Migrator.MigrateAsync(V1))[Plugin].Outcome);

        var outcomes = await RaceAsync(database, V2);

        Assert.Equal(1, outcomes.Count(o => o == MigrationOutcome.Applied));
        Assert.Equal(Migrators - 1, outcomes.Count(o => o == MigrationOutcome.NoChanges));
        await AssertJournalAndCatalogAsync(database, V2, expectedJournalRows: 2);
    }

    [Fact]
    public async Task Eight_migrators_starting_together_on_an_up_to_date_database_change_nothing()
    {
        await using var database = await fixture.Postgres.CreateDatabaseAsync();
        await using (var first = await fixture.OpenThroughBouncerAsync(database))
            await first.Migrator.MigrateAsync(V1);
        var databases = await OpenMigratorsAsync(database);
        try
        {
            var reports = await Task.WhenAll(databases.Select(d => d.Migrator.MigrateAsync(V1)));

            Assert.All(reports, r => Assert.Equal(MigrationOutcome.NoChanges, r[Plugin].Outcome));
            await AssertJournalAndCatalogAsync(database, V1, expectedJournalRows: 1);
        }
        finally
        {
            foreach (var d in databases) await d.CloseAsync();
        }
    }

    /// <summary>
    /// Starts <see cref="Migrators"/> migrations of <paramref name="plugin"/> while the test holds the plugin's lock,
    /// waits until every one of them waits for an advisory lock on a server connection of its own, lets go, and
    /// returns their outcomes.
    /// </summary>
    private async Task<MigrationOutcome[]> RaceAsync(TestDatabase database, PluginSchema plugin)
    {
        var databases = await OpenMigratorsAsync(database);
        try
        {
            await using var gate = new NpgsqlConnection(database.ConnectionString + ";Pooling=false");
            await gate.OpenAsync();
            await using var held = await gate.BeginTransactionAsync();
            await using (var take = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1)", gate, held))
            {
                take.Parameters.Add(new NpgsqlParameter<long> { TypedValue = PluginNaming.AdvisoryLockKey(plugin.Name) });
                await take.ExecuteNonQueryAsync();
            }

            var migrations = databases
                .Select(d => d.Migrator.MigrateAsync(plugin, new MigrationOptions { ThrowOnFailure = false }))
                .ToArray();
            await Wait.UntilAsync(
                async () => migrations.Any(m => m.IsCompleted) || await WaitingOnAdvisoryLocksAsync(database) == Migrators,
                WaitTimeout, $"{Migrators} migrations to wait for the plugin's advisory lock");
            Assert.DoesNotContain(migrations, m => m.IsCompleted);

            await held.CommitAsync();
            var reports = await Task.WhenAll(migrations);
            foreach (var failed in reports.Select(r => r[plugin.Name]).Where(r => r.Error is not null))
                Assert.Fail($"A migrator failed through PgBouncer: {failed.Outcome} {failed.Error}");
            return reports.Select(r => r[plugin.Name].Outcome).ToArray();
        }
        finally
        {
            foreach (var d in databases) await d.CloseAsync();
        }
    }

    /// <summary>Eight applications, each with a pool of its own, all reaching the database through PgBouncer.</summary>
    private async Task<ElizaDatabase[]> OpenMigratorsAsync(TestDatabase database)
    {
        var databases = new ElizaDatabase[Migrators];
        for (var i = 0; i < Migrators; i++)
            databases[i] = await fixture.OpenThroughBouncerAsync(database, applicationName: $"migrator-{i}", maxPoolSize: 2);
        return databases;
    }

    /// <summary>Server backends of the database that wait for an advisory lock (read on the server directly).</summary>
    private static async Task<long> WaitingOnAdvisoryLocksAsync(TestDatabase database)
    {
        await using var observer = new NpgsqlConnection(database.ConnectionString + ";Pooling=false");
        await observer.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND wait_event = 'advisory'",
            observer);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// The journal has <paramref name="expectedJournalRows"/> rows for the plugin, the last with its hash, and the
    /// catalog is what one uncontended migration makes (compared with a second database migrated straight on the
    /// server), which the migrator also finds nothing left to do about.
    /// </summary>
    private async Task AssertJournalAndCatalogAsync(TestDatabase database, PluginSchema plugin, int expectedJournalRows)
    {
        await using var direct = NpgsqlDataSource.Create(database.ConnectionString);
        var journal = await CatalogState.JournalAsync(direct, plugin.Name);
        Assert.Equal((long)expectedJournalRows, journal.Count);
        Assert.Equal(plugin.Hash, journal.LastHash);
        Assert.Equal((long)expectedJournalRows, await ScalarAsync(direct, "SELECT count(*) FROM migrations._snapshots WHERE plugin_name = $1", plugin.Name));

        Assert.Empty((await new Migrator(direct).CheckAsync(plugin)).Steps);
        await using var reference = await fixture.Postgres.CreateDatabaseAsync();
        await using var referenceSource = NpgsqlDataSource.Create(reference.ConnectionString);
        await new Migrator(referenceSource).MigrateAsync(plugin);
        Assert.Equal(await CatalogState.InventoryAsync(referenceSource, [Schema]), await CatalogState.InventoryAsync(direct, [Schema]));
    }

    private static async Task<object?> ScalarAsync(NpgsqlDataSource source, string sql, string parameter)
    {
        await using var command = source.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = parameter });
        return await command.ExecuteScalarAsync();
    }

    private static PluginSchema PluginOf(params TableSnapshot[] tables) =>
        PluginSchema.FromSnapshot(Plugin, Schema, SchemaSnapshot.Create(tables, []));
}
