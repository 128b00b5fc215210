using ElizaGen.Reliability.Tests.Evolution;
using ElizaGen.Runtime.Migrations;
using ElizaGen.Schema;
using ElizaGen.Schema.Diff;
using ElizaGen.Schema.Naming;
using ElizaGen.Schema.Snapshots;
using Npgsql;
using Xunit.Abstractions;

namespace ElizaGen.Reliability.Tests.Faults;

/// <summary>Where in a migration the server dies.</summary>
public enum CrashPoint
{
    /// <summary>Creating the journal tables of a database never migrated (waiting for the bootstrap lock).</summary>
    JournalBootstrap,

    /// <summary>The one start-up query that compares hashes.</summary>
    FastPath,

    /// <summary>Waiting for the plugin's advisory lock, held by another migrator.</summary>
    AdvisoryLock,

    /// <summary>Halfway through the plan: a table created, the next statement waiting for a table lock.</summary>
    MidPlan,

    /// <summary>Writing the journal: the migration row written, the snapshot row waiting.</summary>
    JournalWrite,

    /// <summary>COMMIT written to the log, the server waiting for a (missing) synchronous standby to confirm it.</summary>
    Commit,
}

/// <summary>
/// Kills the PostgreSQL server (SIGKILL to every server process) while a migration is at a given point, reached
/// deterministically: the test holds the lock the migration must wait for (a table lock, the advisory lock) or makes
/// its COMMIT wait for a synchronous standby that never answers, and watches <c>pg_stat_activity</c> until the
/// migration waits there. After a restart (crash recovery) the database must hold the previous schema or the new
/// one, never a mix; the journal must agree with the catalog; the rows must be intact; and the next start must
/// complete the migration.
/// </summary>
public sealed class MigrationCrashTests(CrashServerFixture fixture, ITestOutputHelper output) : IClassFixture<CrashServerFixture>
{
    private const string Plugin = "@reliability/crash";
    private const string Schema = "crash";
    private const string MigratorApplication = "elizagen-migrator-under-test";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static readonly TableSnapshot NotesV1 = new(Schema, "notes", new[]
    {
        new ColumnSnapshot("id", "uuid", PrimaryKey: true, NotNull: true, Default: "gen_random_uuid()"),
        new ColumnSnapshot("title", "text", NotNull: true),
    });

    private static readonly TableSnapshot NotesV2 = NotesV1 with
    {
        Columns = NotesV1.Columns.Append(new ColumnSnapshot("tag", "text", Default: "'none'")).ToArray(),
        Indexes = new[] { new IndexSnapshot("notes_title_idx", new[] { new IndexColumnSnapshot("title") }) },
    };

    private static readonly TableSnapshot Tags = new(Schema, "tags", new[]
    {
        new ColumnSnapshot("id", "uuid", PrimaryKey: true, NotNull: true, Default: "gen_random_uuid()"),
        new ColumnSnapshot("note_id", "uuid", NotNull: true),
    }, ForeignKeys: new[] { new ForeignKeySnapshot("tags_note_fk", "tags", new[] { "note_id" }, Schema, "notes", new[] { "id" }, OnDelete: "cascade") });

    private static readonly PluginSchema Before = PluginOf(NotesV1);
    private static readonly PluginSchema After = PluginOf(NotesV2, Tags);

    [Theory]
    [InlineData(CrashPoint.JournalBootstrap)]
    [InlineData(CrashPoint.FastPath)]
    [InlineData(CrashPoint.AdvisoryLock)]
    [InlineData(CrashPoint.MidPlan)]
    [InlineData(CrashPoint.JournalWrite)]
    [InlineData(CrashPoint.Commit)]
    public async Task A_crash_leaves_the_previous_or_the_new_schema_and_the_next_start_completes(CrashPoint point)
    {
        var server = fixture.Server;
        var name = "crash_" + point.ToString().ToLowerInvariant();
        var newState = await ReferenceStateAsync(name + "_ref");

        await CreateDatabaseAsync(name);
        State previous;
        await using (var owner = TestSource(name))
        {
            if (point != CrashPoint.JournalBootstrap)
            {
                await new Migrator(owner).MigrateAsync(Before);
                await Execute(owner, $"INSERT INTO {Schema}.notes (title) SELECT 'note ' || g FROM generate_series(1, 50) g");
            }
            previous = await CaptureAsync(owner);
        }

        await using (var blocker = await HoldAsync(name, point))
        await using (var migratorSource = MigratorSource(name))
        {
            var migrating = Task.Run(() => new Migrator(migratorSource).MigrateAsync(After, new MigrationOptions { ThrowOnFailure = false }));
            await Wait.UntilAsync(() => MigrationWaitsAtAsync(name, point), Patience, $"the migration to wait at {point}");

            var clock = System.Diagnostics.Stopwatch.StartNew();
            await server.CrashAsync();
            output.WriteLine($"Server killed at {point} in {clock.ElapsedMilliseconds} ms.");

            try
            {
                var report = await migrating.WaitAsync(Patience);
                output.WriteLine($"The migration reported {report[Plugin].Outcome}: {report[Plugin].Error?.Message}");
                Assert.Equal(MigrationOutcome.Failed, report[Plugin].Outcome);
                Assert.Contains(point == CrashPoint.Commit ? "may or may not have been applied" : "nothing was changed", report[Plugin].Error!.Message);
            }
            catch (NpgsqlException e)
            {
                output.WriteLine($"The migration threw {e.GetType().Name}: {e.Message}");
            }
        }

        var restart = System.Diagnostics.Stopwatch.StartNew();
        await server.RestartAsync();
        output.WriteLine($"Server restarted (crash recovery) in {restart.ElapsedMilliseconds} ms.");
        if (point == CrashPoint.Commit) await ForgetPhantomStandbyAsync();

        await using (var owner = TestSource(name))
        {
            var afterCrash = await CaptureAsync(owner);
            var expected = point == CrashPoint.Commit ? newState : previous;
            Assert.True(expected.Catalog.SequenceEqual(afterCrash.Catalog),
                $"After the crash at {point} the catalog is neither what it was nor what the migration makes it:\n"
                + CatalogState.Difference(expected.Catalog, afterCrash.Catalog));
            Assert.Equal(expected.LastHash, afterCrash.LastHash);
            Assert.Equal(previous.Rows, afterCrash.Rows);
            if (afterCrash.LastHash is not null) Assert.Empty((await new Migrator(owner).GetStatusAsync(Plugin)).Drift);

            var next = await new Migrator(owner).MigrateAsync(After);
            Assert.Equal(point == CrashPoint.Commit ? MigrationOutcome.NoChanges : MigrationOutcome.Applied, next[Plugin].Outcome);
            var completed = await CaptureAsync(owner);
            Assert.Equal(newState.Catalog, completed.Catalog);
            Assert.Equal(After.Hash, completed.LastHash);
            Assert.Equal(point == CrashPoint.JournalBootstrap ? newState.Rows : previous.Rows, completed.Rows);
            Assert.Empty((await new Migrator(owner).GetStatusAsync(Plugin)).Drift);
        }
    }

    /// <summary>The catalog of the plugin's schema, the journal's last hash, and a checksum of the rows the test inserted.</summary>
    private sealed record State(List<string> Catalog, string? LastHash, string Rows);

    private static async Task<State> CaptureAsync(NpgsqlDataSource source)
    {
        var catalog = await CatalogState.InventoryAsync(source, [Schema]);
        var (_, lastHash) = await CatalogState.JournalAsync(source, Plugin);
        await using var exists = source.CreateCommand($"SELECT to_regclass('{Schema}.notes') IS NOT NULL");
        var rows = await exists.ExecuteScalarAsync() is true
            ? await CatalogState.ChecksumAsync(source, $"SELECT ROW(id, title)::text AS r FROM {Schema}.notes")
            : "no table";
        return new State(catalog, lastHash, rows);
    }

    /// <summary>The state a clean migration from Before to After gives, in a database of its own.</summary>
    private async Task<State> ReferenceStateAsync(string database)
    {
        await CreateDatabaseAsync(database);
        await using var source = TestSource(database);
        await new Migrator(source).MigrateAsync(Before);
        await new Migrator(source).MigrateAsync(After);
        return await CaptureAsync(source);
    }

    /// <summary>Takes, on a connection of the test, what makes the migration wait at <paramref name="point"/>.</summary>
    private async Task<Blocker> HoldAsync(string database, CrashPoint point)
    {
        if (point == CrashPoint.Commit)
        {
            // COMMIT now waits for a synchronous standby that does not exist (the test's own connections commit locally).
            await using var admin = TestSource("postgres");
            await Execute(admin, "ALTER SYSTEM SET synchronous_standby_names = 'elizagen_phantom_standby'");
            await Execute(admin, "SELECT pg_reload_conf()");
            await Wait.UntilAsync(async () => await Scalar(MigratorSource("postgres"), "SHOW synchronous_standby_names") is "elizagen_phantom_standby",
                Patience, "the configuration reload");
            return new Blocker(null, null);
        }
        var connection = new NpgsqlConnection(TestConnectionString(database));
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        var sql = point switch
        {
            CrashPoint.JournalBootstrap => $"SELECT pg_advisory_xact_lock({PluginNaming.AdvisoryLockKey("migrations._journal bootstrap")})",
            CrashPoint.FastPath => "LOCK TABLE migrations._migrations IN ACCESS EXCLUSIVE MODE",
            CrashPoint.AdvisoryLock => $"SELECT pg_advisory_xact_lock({PluginNaming.AdvisoryLockKey(Plugin)})",
            CrashPoint.MidPlan => $"LOCK TABLE {Schema}.notes IN ACCESS SHARE MODE",
            CrashPoint.JournalWrite => "LOCK TABLE migrations._snapshots IN EXCLUSIVE MODE",
            _ => throw new ArgumentOutOfRangeException(nameof(point)),
        };
        await using (var command = new NpgsqlCommand(sql, connection, transaction)) await command.ExecuteNonQueryAsync();
        return new Blocker(connection, transaction);
    }

    /// <summary>True once the migrator's backend waits where <paramref name="point"/> says.</summary>
    private async Task<bool> MigrationWaitsAtAsync(string database, CrashPoint point)
    {
        var (type, wait, query) = point switch
        {
            CrashPoint.JournalBootstrap or CrashPoint.AdvisoryLock => ("Lock", "advisory", "%pg_advisory_xact_lock%"),
            CrashPoint.FastPath => ("Lock", "relation", "%DISTINCT ON (plugin_name)%"),
            CrashPoint.MidPlan => ("Lock", "relation", "ALTER TABLE%"),
            CrashPoint.JournalWrite => ("Lock", "relation", "%INSERT INTO migrations._snapshots%"),
            _ => ("IPC", "SyncRep", "%"),
        };
        await using var source = TestSource(database);
        await using var command = source.CreateCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = $2 AND wait_event = $3 AND query LIKE $4");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = MigratorApplication });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = type });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = wait });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = query });
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }

    private async Task ForgetPhantomStandbyAsync()
    {
        await using var admin = TestSource("postgres");
        await Execute(admin, "ALTER SYSTEM RESET synchronous_standby_names");
        await Execute(admin, "SELECT pg_reload_conf()");
        await Wait.UntilAsync(async () => await Scalar(MigratorSource("postgres"), "SHOW synchronous_standby_names") is "",
            Patience, "the configuration reload");
    }

    private async Task CreateDatabaseAsync(string database)
    {
        await using var admin = TestSource("postgres");
        await Execute(admin, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        await Execute(admin, $"CREATE DATABASE {database}");
    }

    /// <summary>The test's own connections: never pooled across a crash, and committing without waiting for a standby.</summary>
    private string TestConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(fixture.Server.ConnectionString) { Database = database, Pooling = false, Options = "-c synchronous_commit=local" }.ConnectionString;

    private NpgsqlDataSource TestSource(string database) => NpgsqlDataSource.Create(TestConnectionString(database));

    /// <summary>The migrator's connections, named so that pg_stat_activity shows where they wait.</summary>
    private NpgsqlDataSource MigratorSource(string database) => NpgsqlDataSource.Create(
        new NpgsqlConnectionStringBuilder(fixture.Server.ConnectionString) { Database = database, ApplicationName = MigratorApplication }.ConnectionString);

    private static PluginSchema PluginOf(params TableSnapshot[] tables) =>
        PluginSchema.FromSnapshot(Plugin, Schema, SchemaSnapshot.Create(tables));

    private static async Task Execute(NpgsqlDataSource source, string sql)
    {
        await using var command = source.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> Scalar(NpgsqlDataSource source, string sql)
    {
        await using (source)
        {
            await using var command = source.CreateCommand(sql);
            return await command.ExecuteScalarAsync();
        }
    }

    /// <summary>The test's open transaction holding a lock; after a crash its connection is dead, and disposing it is quiet.</summary>
    private sealed class Blocker(NpgsqlConnection? connection, NpgsqlTransaction? transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            if (transaction is not null)
            {
                try
                {
                    await transaction.DisposeAsync();
                }
                catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
                {
                    // The server died under it.
                }
            }
            if (connection is not null) await connection.DisposeAsync();
        }
    }
}

/// <summary>One crashable cluster for the crash tests (they run one after another).</summary>
public sealed class CrashServerFixture : IAsyncLifetime
{
    internal CrashableServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await CrashableServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
