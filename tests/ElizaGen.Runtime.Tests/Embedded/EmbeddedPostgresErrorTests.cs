using System.Runtime.Versioning;
using ElizaGen.Runtime.Embedded;

namespace ElizaGen.Runtime.Tests.Embedded;

/// <summary>Every error a user can cause names what happened and the fix.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class EmbeddedPostgresErrorTests
{
    [Fact]
    public async Task A_bin_folder_without_the_server_programs_names_the_setup_script()
    {
        await using var folder = new TestFolder();
        var bin = folder.Combine("bin");
        Directory.CreateDirectory(bin);

        var error = await Assert.ThrowsAsync<EmbeddedPostgresException>(() => EmbeddedPostgres.StartAsync(
            new EmbeddedPostgresOptions { BinDirectory = bin, DataDirectory = folder.Combine("data") }));

        Assert.Contains($"missing from {bin}", error.Message, StringComparison.Ordinal);
        Assert.Contains("initdb, pg_ctl, postgres", error.Message, StringComparison.Ordinal);
        Assert.Contains("eng/setup-postgres.sh", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder.Combine("data")));
    }

    [Fact]
    public async Task Binaries_without_pgvector_name_the_setup_script_and_write_nothing()
    {
        await using var folder = new TestFolder();
        var real = await PostgresBinaries.LocateAsync(null, Environment.GetEnvironmentVariable, CancellationToken.None);
        // The same server programs, in a folder with no pgvector next to it.
        var bin = folder.Combine("pg", "bin");
        Directory.CreateDirectory(bin);
        foreach (var program in new[] { "initdb", "pg_ctl", "postgres" })
            File.CreateSymbolicLink(Path.Combine(bin, program), Path.Combine(real.BinDirectory, program));

        var error = await Assert.ThrowsAsync<EmbeddedPostgresException>(() => EmbeddedPostgres.StartAsync(
            new EmbeddedPostgresOptions { BinDirectory = bin, DataDirectory = folder.Combine("data") }));

        Assert.Contains("pgvector extension is not installed", error.Message, StringComparison.Ordinal);
        Assert.Contains(folder.Combine("pg", "share", "extension"), error.Message, StringComparison.Ordinal);
        Assert.Contains("eng/setup-postgres.sh", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder.Combine("data")));
    }

    [Fact]
    public async Task A_folder_that_already_is_a_PGlite_or_other_cluster_is_refused_with_advice()
    {
        await using var folder = new TestFolder();
        File.WriteAllText(folder.Combine("PG_VERSION"), "17\n");

        var error = await Assert.ThrowsAsync<EmbeddedPostgresException>(
            () => EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions { DataDirectory = folder.Path }));

        Assert.Contains("PG_VERSION 17", error.Message, StringComparison.Ordinal);
        Assert.Contains("ELIZA_DATA_DIR", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder.Combine("pgdata")));
    }

    [RootFact]
    public async Task As_root_a_data_folder_behind_a_folder_postgres_may_not_enter_is_refused_naming_both_and_the_user()
    {
        await using var folder = new TestFolder();
        var locked = folder.Combine("locked");
        Directory.CreateDirectory(locked, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var data = Path.Combine(locked, "data");

        var error = await Assert.ThrowsAsync<EmbeddedPostgresException>(
            () => EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions { DataDirectory = data }));

        Assert.Contains($"'postgres' cannot reach the data folder {data}", error.Message, StringComparison.Ordinal);
        Assert.Contains($"it may not enter {locked} (mode 700)", error.Message, StringComparison.Ordinal);
        Assert.Contains($"setfacl -m u:postgres:x {locked}", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(data, "pgdata")));
    }

    [Fact]
    public async Task A_data_folder_the_user_may_not_write_is_refused_naming_it_and_the_user()
    {
        await using var folder = new TestFolder();
        var readOnly = folder.Combine("read-only");
        Directory.CreateDirectory(readOnly);
        File.SetUnixFileMode(readOnly, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead
            | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var data = Path.Combine(readOnly, "data");

        string message, user;
        if (Environment.IsPrivilegedProcess)
        {
            // Root may write anywhere: the user who may not is an ordinary one, here postgres, in a child process.
            user = "postgres";
            var program = await ProgramCopy.AssemblyReadableByAsync(user, folder);
            await using var child = OpenerProcess.Start(data, asUser: user, assemblyPath: program);
            message = await child.ErrorAsync();
        }
        else
        {
            user = Environment.UserName;
            message = (await Assert.ThrowsAsync<EmbeddedPostgresException>(
                () => EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions { DataDirectory = data }))).Message;
        }

        Assert.Contains($"The data folder {data} is not writable by user '{user}'", message, StringComparison.Ordinal);
        Assert.Contains("ELIZA_DATA_DIR", message, StringComparison.Ordinal);
    }
}
