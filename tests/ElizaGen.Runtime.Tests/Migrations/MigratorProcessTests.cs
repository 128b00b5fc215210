using System.Diagnostics;
using ElizaGen.Runtime.Migrations;
using ElizaGen.Schema.Snapshots;
using ElizaGen.Testing;
using Npgsql;
using static ElizaGen.Runtime.Tests.Migrations.Plugins;

namespace ElizaGen.Runtime.Tests.Migrations;

/// <summary>Migrations run by separate OS processes: serialisation by the advisory lock, and crash safety.</summary>
public sealed class MigratorProcessTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>, IDisposable
{
    private const string Plugin = "@test/plugin-processes";
    private readonly string _folder = Directory.CreateTempSubdirectory("elizagen-probe-").FullName;

    private static readonly SchemaSnapshot Schema = SchemaSnapshot.Create(
    [
        Table("public", "notes", Id(), Col("title", "text", notNull: true), Col("body", "text")),
        Table("public", "tags", Id(), Col("name", "text", notNull: true)),
    ]);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string WriteSnapshot(SchemaSnapshot snapshot)
    {
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, SnapshotJsonWriter.WriteCanonical(snapshot));
        return path;
    }

    private static Process StartProbe(string connectionString, string snapshotPath)
    {
        var probe = Path.Combine(AppContext.BaseDirectory, "ElizaGen.Runtime.Tests.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { probe, MigrateChild.Verb, connectionString, Plugin, snapshotPath }) start.ArgumentList.Add(arg);
        return Process.Start(start)!;
    }

    [Fact]
    public async Task Eight_processes_migrating_the_same_new_schema_apply_it_exactly_once()
    {
        await using var database = await postgres.CreateDatabaseAsync();
        await using var db = new Db(database.ConnectionString);
        var path = WriteSnapshot(Schema);

        var processes = Enumerable.Range(0, 8).Select(_ => StartProbe(database.ConnectionString, path)).ToArray();
        var outputs = await Task.WhenAll(processes.Select(async p =>
        {
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            await p.WaitForExitAsync();
            return (p.ExitCode, Out: await stdout, Err: await stderr);
        }));

        Assert.All(outputs, o => Assert.True(o.ExitCode == 0, $"a probe failed ({o.ExitCode}): {o.Out} {o.Err}"));
        Assert.Equal(1, outputs.Count(o => o.Out.Contains("OUTCOME Applied", StringComparison.Ordinal)));
        Assert.Equal(7, outputs.Count(o => o.Out.Contains("OUTCOME NoChanges", StringComparison.Ordinal)));
        Assert.Equal(1, await db.MigrationRowsAsync(Plugin));
        Assert.True(await db.TableExistsAsync("public.tags"));
    }

    [Fact]
    public async Task A_process_killed_mid_migration_leaves_the_database_as_it_was_and_the_next_start_completes()
    {
        await using var database = await postgres.CreateDatabaseAsync();
        await using var db = new Db(database.ConnectionString);
        var v1 = SchemaSnapshot.Create([Table("public", "notes", Id(), Col("title", "text", notNull: true))]);
        await db.Migrator.MigrateAsync(Create(Plugin, v1));
        await db.ExecuteAsync("INSERT INTO public.notes (title) VALUES ('before')");

        // Hold the table so the probe's ALTER TABLE waits inside its migration transaction, then kill the probe.
        await using var holder = await db.DataSource.OpenConnectionAsync();
        await using var hold = await holder.BeginTransactionAsync();
        await using (var lockTable = new NpgsqlCommand("LOCK TABLE public.notes IN ACCESS EXCLUSIVE MODE", holder, hold))
        {
            await lockTable.ExecuteNonQueryAsync();
        }
        using var probe = StartProbe(database.ConnectionString, WriteSnapshot(Schema));
        await WaitUntilAsync(async () => await db.ScalarAsync<long>(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = '" + MigrateChild.ApplicationName + "' AND wait_event_type = 'Lock'") > 0,
            TimeSpan.FromSeconds(60), "the probe to wait on the table lock");
        probe.Kill(entireProcessTree: true);
        await probe.WaitForExitAsync();
        await hold.RollbackAsync();

        // The killed client never sent COMMIT: its backend rolls back as soon as it notices the closed socket.
        await WaitUntilAsync(async () => await db.ScalarAsync<long>(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = '" + MigrateChild.ApplicationName + "'") == 0,
            TimeSpan.FromSeconds(60), "the killed probe's backend to end");
        Assert.False(await db.TableExistsAsync("public.tags"));
        Assert.Equal(["id:uuid", "title:text"], await db.ColumnsAsync("public", "notes"));
        Assert.Equal(1, await db.MigrationRowsAsync(Plugin));

        var next = await db.Migrator.MigrateAsync(Create(Plugin, Schema));
        Assert.Equal(MigrationOutcome.Applied, next[Plugin].Outcome);
        Assert.True(await db.TableExistsAsync("public.tags"));
        Assert.Equal(1, await db.CountAsync("public.notes"));
        Assert.Equal(2, await db.MigrationRowsAsync(Plugin));
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Timed out after {timeout.TotalSeconds} s waiting for {what}.");
            await Task.Delay(50);
        }
    }
}
