using System.Runtime.Versioning;
using ElizaGen.Runtime.Embedded;
using Npgsql;

namespace ElizaGen.Runtime.Tests.Embedded;

/// <summary>Several openers of one data folder, in this process and in other OS processes, share one server.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class EmbeddedPostgresSharingTests
{
    [Fact]
    public async Task A_second_opener_in_the_same_process_connects_to_the_running_server_and_leaves_it_running()
    {
        await using var folder = new TestFolder();
        var options = new EmbeddedPostgresOptions { DataDirectory = folder.Path };
        await using var first = await EmbeddedPostgres.StartAsync(options);

        await using (var second = await EmbeddedPostgres.StartAsync(options))
        {
            Assert.False(second.OwnsServer);
            Assert.Equal(first.ConnectionString, second.ConnectionString);
            Assert.Equal(1, await Sql.ScalarAsync<int>(Sql.Unpooled(second.ConnectionString), "SELECT 1"));
        }

        Assert.Equal(1, await Sql.ScalarAsync<int>(Sql.Unpooled(first.ConnectionString), "SELECT 1"));
        await first.DisposeAsync();
        Assert.False(File.Exists(folder.Combine("pgdata", PostmasterPidFile.FileName)));
    }

    [Fact]
    public async Task Concurrent_openers_in_the_same_process_start_one_server()
    {
        await using var folder = new TestFolder();
        var options = new EmbeddedPostgresOptions { DataDirectory = folder.Path };

        var servers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => EmbeddedPostgres.StartAsync(options))));
        try
        {
            Assert.Single(servers, s => s.OwnsServer);
            Assert.Single(servers.Select(s => s.ConnectionString).Distinct());
            Assert.Equal(1, await Sql.ScalarAsync<int>(Sql.Unpooled(servers[0].ConnectionString), "SELECT 1"));
        }
        finally
        {
            foreach (var server in servers.OrderBy(s => s.OwnsServer))
                await server.DisposeAsync();
        }
    }

    [Fact]
    public async Task An_opener_in_another_process_connects_to_the_running_server_and_leaves_it_running()
    {
        await using var folder = new TestFolder();
        await using var server = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions { DataDirectory = folder.Path });
        await Sql.ExecuteAsync(Sql.Unpooled(server.ConnectionString), "CREATE TABLE seen_by_both(id int)");

        await using (var child = OpenerProcess.Start(folder.Path))
        {
            var (childOwns, childConnection) = await child.ReadyAsync();
            Assert.False(childOwns);
            Assert.Equal(server.ConnectionString, childConnection);
            Assert.Equal(0L, await Sql.ScalarAsync<long>(Sql.Unpooled(childConnection), "SELECT count(*) FROM seen_by_both"));
            await child.StopAsync();
        }

        Assert.Equal(1, await Sql.ScalarAsync<int>(Sql.Unpooled(server.ConnectionString), "SELECT 1"));
    }

    [Fact]
    public async Task The_process_that_started_the_server_stops_it_and_other_openers_do_not()
    {
        await using var folder = new TestFolder();
        await using var child = OpenerProcess.Start(folder.Path);
        var (childOwns, _) = await child.ReadyAsync();
        Assert.True(childOwns);

        await using var joined = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions { DataDirectory = folder.Path });
        Assert.False(joined.OwnsServer);
        Assert.Equal(1, await Sql.ScalarAsync<int>(Sql.Unpooled(joined.ConnectionString), "SELECT 1"));

        await child.StopAsync();

        Assert.False(File.Exists(folder.Combine("pgdata", PostmasterPidFile.FileName)));
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => Sql.ScalarAsync<int>(Sql.Unpooled(joined.ConnectionString), "SELECT 1"));
        await joined.DisposeAsync();
    }

    [Fact]
    public async Task Openers_in_two_processes_at_once_start_one_server()
    {
        await using var folder = new TestFolder();

        await using var child = OpenerProcess.Start(folder.Path);
        await using var local = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions { DataDirectory = folder.Path });
        var (childOwns, childConnection) = await child.ReadyAsync();

        Assert.NotEqual(local.OwnsServer, childOwns);
        Assert.Equal(local.ConnectionString, childConnection);
        Assert.Equal(1, await Sql.ScalarAsync<int>(Sql.Unpooled(childConnection), "SELECT 1"));
        if (local.OwnsServer)
        {
            await child.StopAsync();
            await local.DisposeAsync();
        }
        else
        {
            await local.DisposeAsync();
            await child.StopAsync();
        }
        Assert.False(File.Exists(folder.Combine("pgdata", PostmasterPidFile.FileName)));
    }

    [Fact]
    public async Task A_server_whose_starting_process_exits_without_disposing_it_shuts_down()
    {
        await using var folder = new TestFolder();
        await using var child = OpenerProcess.Start(folder.Path);
        Assert.True((await child.ReadyAsync()).OwnsServer);
        var server = PostmasterPidFile.TryRead(folder.Combine("pgdata"))!.Pid;

        await child.ExitWithoutDisposingAsync();

        await Until(() => !ProcessLiveness.IsAlive(server));
        Assert.False(File.Exists(folder.Combine("pgdata", PostmasterPidFile.FileName)));
        Assert.False(File.Exists(folder.Combine("server.owner")));
    }

    [Fact]
    public async Task A_server_left_running_by_a_killed_process_is_taken_over_and_stopped_by_the_next_opener()
    {
        await using var folder = new TestFolder();
        await using (var child = OpenerProcess.Start(folder.Path))
        {
            Assert.True((await child.ReadyAsync()).OwnsServer);
            await child.KillAsync();
        }
        var orphan = PostmasterPidFile.TryRead(folder.Combine("pgdata"))!.Pid;
        Assert.True(RunningServer.IsServerOf(orphan, folder.Combine("pgdata")));

        var next = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions { DataDirectory = folder.Path });
        Assert.True(next.OwnsServer);
        Assert.Equal(orphan, PostmasterPidFile.TryRead(folder.Combine("pgdata"))!.Pid);
        await next.DisposeAsync();

        Assert.False(ProcessLiveness.IsAlive(orphan));
        Assert.False(File.Exists(folder.Combine("pgdata", PostmasterPidFile.FileName)));
    }

    /// <summary>Waits for a condition another process brings about (polling, with a generous deadline).</summary>
    private static async Task Until(Func<bool> condition)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!condition())
            await Task.Delay(TimeSpan.FromMilliseconds(20), deadline.Token);
    }
}
