using ElizaGen.Runtime.Connections;
using ElizaGen.Runtime.Migrations;
using ElizaGen.Runtime.Resilience;
using ElizaGen.Schema;
using ElizaGen.Schema.Snapshots;
using Npgsql;

namespace ElizaGen.Reliability.Tests.Faults;

/// <summary>
/// The connections' promises across a killed server (SIGKILL of the postmaster and its processes): calls through
/// <see cref="ElizaDatabase"/> are retried while the failures are transient, the breaker opens and then rejects at once
/// with <see cref="DatabaseUnavailableException"/>, and after the restart a trial call gets through, the breaker
/// closes, and the next start-up migration completes with the journal agreeing with the catalog.
/// </summary>
public sealed class BreakerAcrossCrashTests(CrashServerFixture fixture) : IClassFixture<CrashServerFixture>
{
    private const string Plugin = "@elizagen/breaker-crash";
    private const string Schema = "breaker_crash";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static readonly TableSnapshot NotesV1 = new(Schema, "notes", new[]
    {
        new ColumnSnapshot("id", "uuid", PrimaryKey: true, NotNull: true, Default: "gen_random_uuid()"),
        new ColumnSnapshot("title", "text", NotNull: true),
    });

    private static readonly TableSnapshot NotesV2 = NotesV1 with
    {
        Columns = new[]
        {
            new ColumnSnapshot("id", "uuid", PrimaryKey: true, NotNull: true, Default: "gen_random_uuid()"),
            new ColumnSnapshot("title", "text", NotNull: true),
            new ColumnSnapshot("body", "text"),
        },
    };

    [Fact]
    public async Task While_the_server_is_down_the_breaker_opens_and_after_the_restart_it_closes_and_the_next_migration_completes()
    {
        var server = fixture.Server;
        await using (var admin = NpgsqlDataSource.Create(server.ConnectionString))
        {
            await using var create = admin.CreateCommand("DROP DATABASE IF EXISTS breaker_crash WITH (FORCE); CREATE DATABASE breaker_crash");
            await create.ExecuteNonQueryAsync();
        }
        await using var database = await ElizaDatabase.OpenAsync(new ElizaDatabaseOptions
        {
            ConnectionString = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = "breaker_crash" }.ConnectionString,
            Resilience = new ResilienceOptions
            {
                MaxRetries = 2,
                BaseDelay = TimeSpan.FromMilliseconds(10),
                MaxDelay = TimeSpan.FromMilliseconds(50),
                JitterMax = TimeSpan.FromMilliseconds(10),
                ResetTimeout = TimeSpan.FromSeconds(1),
            },
            ShutdownSignals = ShutdownSignalBehavior.Ignore,
        });
        Assert.Equal(MigrationOutcome.Applied, (await database.Migrator.MigrateAsync(PluginOf(NotesV1)))[Plugin].Outcome);
        await ExecuteAsync(database, $"INSERT INTO {Schema}.notes (title) SELECT 'note ' || g FROM generate_series(1, 20) g");

        await server.CrashAsync();

        // Transient failures (nothing listens on the socket) are retried and counted until the breaker opens.
        var transientFailures = 0;
        await Wait.UntilAsync(async () =>
        {
            try
            {
                await CountAsync(database);
                return false;
            }
            catch (NpgsqlException e) when (e.IsTransient)
            {
                transientFailures++;
                return false;
            }
            catch (DatabaseUnavailableException)
            {
                return true;
            }
        }, Patience, "the breaker to open while the server is down");
        Assert.True(transientFailures > 0, "calls failed with a transient error before the breaker opened");
        Assert.Equal(CircuitState.Open, database.Resilience.CircuitState);
        var rejected = await Assert.ThrowsAsync<DatabaseUnavailableException>(() => CountAsync(database));
        Assert.Equal(CircuitState.Open, rejected.State);
        Assert.IsAssignableFrom<NpgsqlException>(rejected.InnerException);

        await server.RestartAsync();

        // After the break, a trial call reaches the recovered server and closes the breaker.
        long count = 0;
        await Wait.UntilAsync(async () =>
        {
            try
            {
                count = await CountAsync(database);
                return true;
            }
            catch (Exception e) when (e is DatabaseUnavailableException or NpgsqlException)
            {
                return false;
            }
        }, Patience, "a call to get through after the restart");
        Assert.Equal(20, count);
        Assert.Equal(CircuitState.Closed, database.Resilience.CircuitState);

        // The next start-up: the migration completes and the journal agrees with the catalog.
        var next = await database.Migrator.MigrateAsync(PluginOf(NotesV2));
        Assert.Equal(MigrationOutcome.Applied, next[Plugin].Outcome);
        var status = await database.Migrator.GetStatusAsync(Plugin);
        Assert.Empty(status.Drift);
        Assert.Equal(PluginOf(NotesV2).Hash, status.LastMigration!.Hash);
        Assert.Equal(MigrationOutcome.NoChanges, (await database.Migrator.MigrateAsync(PluginOf(NotesV2)))[Plugin].Outcome);
        Assert.Equal(20, await CountAsync(database));
    }

    private static Task<long> CountAsync(ElizaDatabase database) =>
        database.ExecuteAsync(OperationKind.Read, static async (connection, ct) =>
        {
            await using var command = new NpgsqlCommand($"SELECT count(*) FROM {Schema}.notes", connection);
            return (long)(await command.ExecuteScalarAsync(ct))!;
        }).AsTask();

    private static async Task ExecuteAsync(ElizaDatabase database, string sql) =>
        await database.ExecuteAsync(OperationKind.NonIdempotentWrite, async (connection, ct) =>
        {
            await using var command = new NpgsqlCommand(sql, connection);
            return await command.ExecuteNonQueryAsync(ct);
        });

    private static PluginSchema PluginOf(params TableSnapshot[] tables) =>
        PluginSchema.FromSnapshot(Plugin, Schema, SchemaSnapshot.Create(tables));
}
