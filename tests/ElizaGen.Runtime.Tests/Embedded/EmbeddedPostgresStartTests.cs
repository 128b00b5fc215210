using System.Globalization;
using System.Runtime.Versioning;
using ElizaGen.Runtime.Embedded;
using Npgsql;

namespace ElizaGen.Runtime.Tests.Embedded;

[UnsupportedOSPlatform("windows")]
public sealed class EmbeddedPostgresStartTests
{
    [Fact]
    public async Task First_start_initialises_a_cluster_listening_only_on_a_socket_in_the_data_folder_with_pgvector()
    {
        await using var folder = new TestFolder();
        var data = folder.Combine("data folder");
        var logger = new ListLogger();

        await using var server = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions { DataDirectory = data, Logger = logger });

        Assert.True(server.OwnsServer);
        Assert.Equal(data, server.DataDirectory);
        var settings = new NpgsqlConnectionStringBuilder(server.ConnectionString);
        Assert.Equal(Path.Combine(data, "run"), settings.Host);
        Assert.Equal("postgres", settings.Username);
        Assert.Equal("postgres", settings.Database);
        var connection = Sql.Unpooled(server.ConnectionString);
        Assert.Equal(string.Empty, await Sql.ScalarAsync<string>(connection, "SHOW listen_addresses"));
        Assert.Equal("UTF8", await Sql.ScalarAsync<string>(connection, "SHOW server_encoding"));
        Assert.Equal("C", await Sql.ScalarAsync<string>(connection, "SHOW lc_collate"));
        await Sql.ExecuteAsync(connection, "CREATE EXTENSION vector");
        Assert.Equal("[1,2,3]", await Sql.ScalarAsync<string>(connection, "SELECT '[1,2,3]'::vector::text"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute,
            File.GetUnixFileMode(Path.Combine(data, "pgdata")));
        Assert.Contains(logger.Messages, m => m.StartsWith("Initialised a new PostgreSQL cluster in ", StringComparison.Ordinal));
        Assert.Contains(logger.Messages, m => m.StartsWith("Started the embedded PostgreSQL server", StringComparison.Ordinal));
    }

    [RootFact]
    public async Task As_root_the_server_runs_as_the_postgres_user()
    {
        await using var folder = new TestFolder();
        await using var server = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions { DataDirectory = folder.Path });

        var pid = PostmasterPidFile.TryRead(folder.Combine("pgdata"))!.Pid;
        var uid = File.ReadLines($"/proc/{pid}/status").Single(l => l.StartsWith("Uid:", StringComparison.Ordinal))
            .Split('\t', StringSplitOptions.RemoveEmptyEntries)[1];
        var postgresUid = await CommandRunner.RunAsync(new CommandLine("id", ["-u", "postgres"]), "/", TimeSpan.FromSeconds(10), CancellationToken.None);
        Assert.Equal(postgresUid.StandardOutput.Trim(), uid);
        Assert.Equal("postgres", await Sql.ScalarAsync<string>(Sql.Unpooled(server.ConnectionString), "SELECT current_user"));
    }

    [Fact]
    public async Task A_second_start_on_an_existing_cluster_keeps_its_data_and_skips_initdb()
    {
        await using var folder = new TestFolder();
        var options = new EmbeddedPostgresOptions { DataDirectory = folder.Path };
        await using (var first = await EmbeddedPostgres.StartAsync(options))
            await Sql.ExecuteAsync(Sql.Unpooled(first.ConnectionString), "CREATE TABLE kept AS SELECT 42 AS answer");

        var logger = new ListLogger();
        await using var second = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions { DataDirectory = folder.Path, Logger = logger });

        Assert.True(second.OwnsServer);
        Assert.Equal(42, await Sql.ScalarAsync<int>(Sql.Unpooled(second.ConnectionString), "SELECT answer FROM kept"));
        Assert.DoesNotContain(logger.Messages, m => m.StartsWith("Initialised", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Dispose_stops_the_server_and_a_second_stop_does_nothing()
    {
        await using var folder = new TestFolder();
        var server = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions { DataDirectory = folder.Path });
        var pid = PostmasterPidFile.TryRead(folder.Combine("pgdata"))!.Pid;

        await server.DisposeAsync();

        Assert.False(File.Exists(folder.Combine("pgdata", PostmasterPidFile.FileName)));
        Assert.False(ProcessLiveness.IsAlive(pid));
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => Sql.ScalarAsync<int>(Sql.Unpooled(server.ConnectionString), "SELECT 1"));
        await server.StopAsync();
    }

    [Fact]
    public async Task A_data_folder_too_deep_for_a_socket_path_gets_a_short_socket_folder_under_tmp()
    {
        await using var folder = new TestFolder();
        var data = folder.Combine(new string('d', 90));

        string socketFolder;
        await using (var server = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions { DataDirectory = data }))
        {
            socketFolder = new NpgsqlConnectionStringBuilder(server.ConnectionString).Host!;
            Assert.StartsWith("/tmp/elizagen-", socketFolder, StringComparison.Ordinal);
            Assert.True(EmbeddedDataLayout.SocketPathFits(socketFolder));
            Assert.Equal(1, await Sql.ScalarAsync<int>(Sql.Unpooled(server.ConnectionString), "SELECT 1"));
        }
        Assert.False(Directory.Exists(socketFolder));
    }

    [Fact]
    public async Task A_stale_postmaster_pid_of_a_server_that_died_does_not_prevent_a_start()
    {
        await using var folder = new TestFolder();
        var pidFile = folder.Combine("pgdata", PostmasterPidFile.FileName);
        string leftOver;
        await using (await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions { DataDirectory = folder.Path }))
            leftOver = File.ReadAllText(pidFile);
        File.WriteAllText(pidFile, leftOver);

        await using var server = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions { DataDirectory = folder.Path });

        Assert.True(server.OwnsServer);
        Assert.Equal(1, await Sql.ScalarAsync<int>(Sql.Unpooled(server.ConnectionString), "SELECT 1"));
    }

    [Fact]
    public async Task A_stale_postmaster_pid_whose_pid_now_belongs_to_another_program_does_not_prevent_a_start()
    {
        await using var folder = new TestFolder();
        var pidFile = folder.Combine("pgdata", PostmasterPidFile.FileName);
        string leftOver;
        await using (await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions { DataDirectory = folder.Path }))
            leftOver = File.ReadAllText(pidFile);
        // As after a container restart: the dead server's pid is now a live process of something else (this test).
        var lines = leftOver.Split('\n');
        lines[0] = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        File.WriteAllText(pidFile, string.Join('\n', lines));

        await using var server = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions { DataDirectory = folder.Path });

        Assert.True(server.OwnsServer);
        Assert.Equal(1, await Sql.ScalarAsync<int>(Sql.Unpooled(server.ConnectionString), "SELECT 1"));
    }

    [Fact]
    public async Task Server_settings_reach_the_server()
    {
        await using var folder = new TestFolder();
        await using var server = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions
        {
            DataDirectory = folder.Path,
            ServerSettings = new Dictionary<string, string> { ["work_mem"] = "7MB", ["application_name"] = "it's mine" },
        });

        var connection = Sql.Unpooled(server.ConnectionString);
        Assert.Equal("7MB", await Sql.ScalarAsync<string>(connection, "SHOW work_mem"));
        Assert.Equal("it's mine", await Sql.ScalarAsync<string>(connection, "SELECT setting FROM pg_settings WHERE name = 'application_name'"));
    }

    [Fact]
    public async Task A_start_cancelled_while_the_cluster_is_being_set_up_leaves_no_server_running()
    {
        await using var folder = new TestFolder();
        using var cancel = new CancellationTokenSource();
        var logger = new ListLogger(message =>
        {
            if (message.StartsWith("Initialised", StringComparison.Ordinal))
                cancel.Cancel();
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => EmbeddedPostgres.StartAsync(
            new EmbeddedPostgresOptions { DataDirectory = folder.Path, Logger = logger }, cancel.Token));

        Assert.False(File.Exists(folder.Combine("pgdata", PostmasterPidFile.FileName)));
        await using var next = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions { DataDirectory = folder.Path });
        Assert.True(next.OwnsServer);
    }

    [Fact]
    public async Task A_server_that_fails_to_start_reports_the_tail_of_its_log()
    {
        await using var folder = new TestFolder();

        var error = await Assert.ThrowsAsync<EmbeddedPostgresException>(() => EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions
        {
            DataDirectory = folder.Path,
            ServerSettings = new Dictionary<string, string> { ["shared_buffers"] = "plenty" },
        }));

        Assert.Contains("pg_ctl could not start", error.Message, StringComparison.Ordinal);
        Assert.Contains(folder.Combine("log", "postgres.log"), error.Message, StringComparison.Ordinal);
        Assert.Contains("invalid value for parameter \"shared_buffers\": \"plenty\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_initdb_failure_reports_its_output()
    {
        await using var folder = new TestFolder();
        Directory.CreateDirectory(folder.Combine("pgdata"));
        File.WriteAllText(folder.Combine("pgdata", "stray.txt"), "not a cluster");

        var error = await Assert.ThrowsAsync<EmbeddedPostgresException>(
            () => EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions { DataDirectory = folder.Path }));

        Assert.Contains("initdb could not create a PostgreSQL cluster in " + folder.Combine("pgdata"), error.Message, StringComparison.Ordinal);
        Assert.Contains("exists but is not empty", error.Message, StringComparison.Ordinal);
    }
}
