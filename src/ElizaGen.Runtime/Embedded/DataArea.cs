using System.Globalization;
using System.Runtime.Versioning;

namespace ElizaGen.Runtime.Embedded;

/// <summary>
/// Creates the folders of a <see cref="EmbeddedDataLayout"/> with the owner and modes PostgreSQL needs, and turns
/// permission problems into errors that name the folder, the user and the fix.
/// </summary>
[UnsupportedOSPlatform("windows")]
internal static class DataArea
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Creates the data folder itself, as this process; refuses a folder that is already a cluster (say, PGlite's).</summary>
    public static void CreateDataDirectory(EmbeddedDataLayout layout)
    {
        try
        {
            Directory.CreateDirectory(layout.DataDirectory);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw EmbeddedPostgresException.NotWritable(layout.DataDirectory, Environment.UserName, e);
        }
        var foreignVersion = Path.Combine(layout.DataDirectory, "PG_VERSION");
        if (File.Exists(foreignVersion))
        {
            var version = File.ReadAllText(foreignVersion).Trim();
            throw new EmbeddedPostgresException(
                $"The data folder {layout.DataDirectory} is itself a PostgreSQL data directory (PG_VERSION {version}), " +
                "for example one written by PGlite; the embedded server keeps its cluster in a pgdata/ subfolder and " +
                "cannot open it. Point ELIZA_DATA_DIR at a new folder; to keep the data, export it with pg_dump and " +
                "restore it into the new database.");
        }
    }

    /// <summary>Creates the cluster, socket and log folders, owned by the server's user; run under the data folder lock.</summary>
    public static async Task PrepareAsync(EmbeddedDataLayout layout, ServerAccount account, CancellationToken ct)
    {
        if (account.SwitchesUser)
            await PrepareForOtherUserAsync(layout, account, ct).ConfigureAwait(false);
        else
            PrepareForCurrentUser(layout, account);
    }

    private static void PrepareForCurrentUser(EmbeddedDataLayout layout, ServerAccount account)
    {
        try
        {
            CreateOwnerOnly(layout.ClusterDirectory);
            CreateOwnerOnly(layout.LogDirectory);
            if (!layout.SocketOutsideDataDirectory)
                CreateOwnerOnly(layout.SocketDirectory);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw EmbeddedPostgresException.NotWritable(layout.DataDirectory, account.UserName, e);
        }
        if (!layout.SocketOutsideDataDirectory)
            return;
        RefuseSymlink(layout.SocketDirectory);
        try
        {
            // chmod succeeds only for the owner: this also proves that an existing socket folder under /tmp is ours.
            CreateOwnerOnly(layout.SocketDirectory);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new EmbeddedPostgresException(
                $"The socket folder {layout.SocketDirectory} (used because the data folder's path is too long for a Unix " +
                $"socket) cannot be made private to user '{account.UserName}' ({e.Message}); it may belong to another " +
                "user. Remove it, or use a shorter data folder path.", e);
        }
    }

    private static async Task PrepareForOtherUserAsync(EmbeddedDataLayout layout, ServerAccount account, CancellationToken ct)
    {
        // One shell as the server user checks that it can reach the data folder and, when a cluster exists, owns it.
        var check = await RunAsync(account.Command(
            "/bin/sh", "-c", "cd \"$1\" || exit 10; if [ -e pgdata/PG_VERSION ] && [ ! -O pgdata ]; then exit 11; fi",
            "sh", layout.DataDirectory), ct).ConfigureAwait(false);
        if (check.ExitCode == 10)
            throw await UnreachableAsync(layout.DataDirectory, account, ct).ConfigureAwait(false);
        if (check.ExitCode == 11)
        {
            throw new EmbeddedPostgresException(
                $"The cluster in {layout.ClusterDirectory} belongs to another user than '{account.UserName}', which " +
                $"runs the server when this process is root. Run this process as the cluster's owner, or hand the " +
                $"cluster over: chown -R {account.UserName}: {layout.ClusterDirectory}");
        }
        if (!check.Succeeded)
        {
            throw new EmbeddedPostgresException(
                $"Checking the data folder {layout.DataDirectory} as user '{account.UserName}' failed: {check.Output}. " +
                $"PostgreSQL's packages create that user; {PostgresBinaries.SetupHint}");
        }

        if (layout.SocketOutsideDataDirectory)
            RefuseSymlink(layout.SocketDirectory);
        foreach (var folder in new[] { layout.ClusterDirectory, layout.LogDirectory, layout.SocketDirectory })
            CreateOwnerOnly(folder);
        // Not recursive into the cluster: an existing one is already the user's (checked above), a new one is empty.
        var chown = await RunAsync(new CommandLine("/bin/sh", [
            "-c", "chown -R \"$1:\" \"$2\" \"$3\" && chown \"$1:\" \"$4\"",
            "sh", account.UserName, layout.LogDirectory, layout.SocketDirectory, layout.ClusterDirectory]), ct).ConfigureAwait(false);
        if (!chown.Succeeded)
        {
            throw new EmbeddedPostgresException(
                $"Could not give the folders of {layout.DataDirectory} to user '{account.UserName}': {chown.Output}");
        }
    }

    /// <summary>Names the first folder on the way to <paramref name="path"/> that the server's user may not enter.</summary>
    private static async Task<EmbeddedPostgresException> UnreachableAsync(string path, ServerAccount account, CancellationToken ct)
    {
        var blocking = path;
        foreach (var folder in Ancestors(path))
        {
            var enter = await RunAsync(account.Command("/bin/sh", "-c", "cd \"$1\"", "sh", folder), ct).ConfigureAwait(false);
            if (!enter.Succeeded)
            {
                blocking = folder;
                break;
            }
        }
        var mode = Convert.ToString((int)File.GetUnixFileMode(blocking), 8).PadLeft(3, '0');
        return new EmbeddedPostgresException(
            $"PostgreSQL refuses to run as root, so ElizaGen runs it as user '{account.UserName}', and " +
            $"'{account.UserName}' cannot reach the data folder {path}: it may not enter {blocking} (mode " +
            $"{mode.ToString(CultureInfo.InvariantCulture)}). Use a data folder outside {blocking} (set ELIZA_DATA_DIR, " +
            $"e.g. ELIZA_DATA_DIR=/var/lib/elizagen/.elizadb), or let '{account.UserName}' pass through it: " +
            $"setfacl -m u:{account.UserName}:x {blocking}");
    }

    /// <summary>"/", "/a", "/a/b", … "/a/b/c" for "/a/b/c".</summary>
    private static IEnumerable<string> Ancestors(string path)
    {
        var chain = new List<string>();
        for (var current = path; !string.IsNullOrEmpty(current); current = Path.GetDirectoryName(current))
            chain.Add(current);
        chain.Reverse();
        return chain;
    }

    private static void CreateOwnerOnly(string folder)
    {
        Directory.CreateDirectory(folder, OwnerOnly);
        File.SetUnixFileMode(folder, OwnerOnly);
    }

    private static void RefuseSymlink(string folder)
    {
        if (new DirectoryInfo(folder).LinkTarget is { } target)
        {
            throw new EmbeddedPostgresException(
                $"The socket folder {folder} is a symbolic link (to {target}); remove it, or use a shorter data folder " +
                "path so that the socket lives inside it.");
        }
    }

    private static Task<CommandResult> RunAsync(CommandLine command, CancellationToken ct) =>
        CommandRunner.RunAsync(command, workingDirectory: "/", CommandTimeout, ct);
}
