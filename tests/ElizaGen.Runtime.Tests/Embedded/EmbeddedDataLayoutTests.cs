using ElizaGen.Runtime.Embedded;

namespace ElizaGen.Runtime.Tests.Embedded;

public sealed class EmbeddedDataLayoutTests
{
    private const string Cwd = "/work/app";
    private const string Home = "/home/eliza";

    [Theory]
    [InlineData("/opt/options", "/opt/eliza", "/opt/pglite", "/opt/options")]
    [InlineData(null, "/opt/eliza", "/opt/pglite", "/opt/eliza")]
    [InlineData(null, "  ", "/opt/pglite", "/opt/pglite")]
    [InlineData(null, null, null, "/work/app/.eliza/.elizadb")]
    [InlineData("data/db/", null, null, "/work/app/data/db")]
    [InlineData("~/.eliza/db", null, null, "/home/eliza/.eliza/db")]
    [InlineData(null, "~", null, "/home/eliza")]
    public void The_data_folder_comes_from_options_then_ELIZA_DATA_DIR_then_PGLITE_DATA_DIR_then_the_default(
        string? configured, string? elizaDataDir, string? pgliteDataDir, string expected)
    {
        var environment = new Dictionary<string, string?> { ["ELIZA_DATA_DIR"] = elizaDataDir, ["PGLITE_DATA_DIR"] = pgliteDataDir };

        var resolved = EmbeddedDataLayout.ResolveDataDirectory(configured, name => environment.GetValueOrDefault(name), Cwd, Home);

        Assert.Equal(expected, resolved);
    }

    [Fact]
    public void The_socket_lives_in_the_data_folder_when_its_path_fits()
    {
        var layout = EmbeddedDataLayout.For("/srv/agent/.eliza/.elizadb", "postgres");

        Assert.Equal("/srv/agent/.eliza/.elizadb/run", layout.SocketDirectory);
        Assert.False(layout.SocketOutsideDataDirectory);
        Assert.Equal("/srv/agent/.eliza/.elizadb/pgdata", layout.ClusterDirectory);
        Assert.Equal("/srv/agent/.eliza/.elizadb/log/postgres.log", layout.LogFile);
    }

    [Fact]
    public void A_data_folder_too_deep_for_the_socket_gets_a_short_socket_folder_of_its_own_under_tmp()
    {
        var deep = "/srv/" + new string('a', 100);
        var other = "/srv/" + new string('b', 100);

        var layout = EmbeddedDataLayout.For(deep, "postgres");

        Assert.False(EmbeddedDataLayout.SocketPathFits(Path.Combine(deep, "run")));
        Assert.StartsWith("/tmp/elizagen-", layout.SocketDirectory, StringComparison.Ordinal);
        Assert.True(layout.SocketOutsideDataDirectory);
        Assert.True(EmbeddedDataLayout.SocketPathFits(layout.SocketDirectory));
        Assert.Equal(layout.SocketDirectory, EmbeddedDataLayout.For(deep, "postgres").SocketDirectory);
        Assert.NotEqual(layout.SocketDirectory, EmbeddedDataLayout.For(other, "postgres").SocketDirectory);
        Assert.NotEqual(layout.SocketDirectory, EmbeddedDataLayout.For(deep, "alice").SocketDirectory);
    }

    [Fact]
    public void A_postmaster_pid_file_gives_the_pid_port_socket_folder_and_status()
    {
        var ready = PostmasterPidFile.Parse(["7207", "/tmp/x/pgdata", "1795639894", "5432", "/tmp/x/run", string.Empty, " 11657355         4", "ready   "]);
        var starting = PostmasterPidFile.Parse(["7207", "/tmp/x/pgdata", "1795639894", "5432", string.Empty]);

        Assert.Equal(new PostmasterPidFile(7207, 5432, "/tmp/x/run", "ready"), ready);
        Assert.True(ready!.IsReady);
        Assert.False(starting!.IsReady);
        Assert.Null(PostmasterPidFile.Parse([]));
    }

    [Fact]
    public async Task Server_options_survive_the_shell_pg_ctl_passes_them_through()
    {
        var layout = EmbeddedDataLayout.For("/tmp/it's a \"dir\", really", "postgres");
        var control = new ClusterControl(new PostgresBinaries("/usr/bin", "test"), ServerAccount.ForCurrentProcess(), layout);

        var options = control.ServerOptions(new Dictionary<string, string> { ["application_name"] = "a 'b' $c" });
        var echoed = await CommandRunner.RunAsync(
            new CommandLine("/bin/sh", ["-c", "printf '%s\\n' " + options]), "/", TimeSpan.FromSeconds(10), CancellationToken.None);

        Assert.Equal(
            ["-c", "listen_addresses=", "-c", "port=5432", "-c", "unix_socket_directories=\"/tmp/it's a \"\"dir\"\", really/run\"",
             "-c", "application_name=a 'b' $c"],
            echoed.StandardOutput.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void A_setting_name_that_is_not_one_is_refused()
    {
        var control = new ClusterControl(new PostgresBinaries("/usr/bin", "test"), ServerAccount.ForCurrentProcess(),
            EmbeddedDataLayout.For("/tmp/x", "postgres"));

        var error = Assert.Throws<EmbeddedPostgresException>(
            () => control.ServerOptions(new Dictionary<string, string> { ["work_mem; rm -rf /"] = "1" }));

        Assert.Contains("is not a PostgreSQL setting name", error.Message, StringComparison.Ordinal);
    }
}
