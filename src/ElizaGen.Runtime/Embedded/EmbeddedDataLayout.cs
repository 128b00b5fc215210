using System.Security.Cryptography;
using System.Text;

namespace ElizaGen.Runtime.Embedded;

/// <summary>
/// Where everything of one embedded server lives. Inside the data folder: <c>pgdata/</c> (the cluster),
/// <c>run/</c> (the Unix socket), <c>log/postgres.log</c>, the start/stop lock and the owner record.
/// </summary>
internal sealed record EmbeddedDataLayout(
    string DataDirectory, string ClusterDirectory, string SocketDirectory, string LogDirectory)
{
    public const int Port = 5432;

    /// <summary>A Unix socket path (folder + "/.s.PGSQL.5432") must fit in sun_path: 107 bytes and a NUL.</summary>
    public const int MaxSocketPathBytes = 107;

    public const string DefaultDataDirectory = "./.eliza/.elizadb";

    public string LogFile => Path.Combine(LogDirectory, "postgres.log");

    public string LockFile => Path.Combine(DataDirectory, "elizagen.lock");

    public string OwnerFile => Path.Combine(DataDirectory, "server.owner");

    public string VersionFile => Path.Combine(ClusterDirectory, "PG_VERSION");

    /// <summary>True when the socket folder is the short one under /tmp (the data folder's path is too long).</summary>
    public bool SocketOutsideDataDirectory => !SocketDirectory.StartsWith(DataDirectory + "/", StringComparison.Ordinal);

    public static EmbeddedDataLayout For(string dataDirectory, string serverUser)
    {
        var socket = Path.Combine(dataDirectory, "run");
        if (!SocketPathFits(socket))
            socket = "/tmp/elizagen-" + ShortHash(serverUser + "\0" + dataDirectory);
        return new EmbeddedDataLayout(
            dataDirectory, Path.Combine(dataDirectory, "pgdata"), socket, Path.Combine(dataDirectory, "log"));
    }

    public static bool SocketPathFits(string socketDirectory) =>
        Encoding.UTF8.GetByteCount(socketDirectory) + $"/.s.PGSQL.{Port}".Length <= MaxSocketPathBytes;

    /// <summary>
    /// The data folder as an absolute path: <paramref name="configured"/>, else ELIZA_DATA_DIR, else
    /// PGLITE_DATA_DIR, else ./.eliza/.elizadb; a leading ~ is <paramref name="home"/>.
    /// </summary>
    public static string ResolveDataDirectory(
        string? configured, Func<string, string?> environment, string currentDirectory, string home)
    {
        var chosen = new[] { configured, environment("ELIZA_DATA_DIR"), environment("PGLITE_DATA_DIR") }
            .FirstOrDefault(value => !string.IsNullOrWhiteSpace(value)) ?? DefaultDataDirectory;
        chosen = chosen.Trim();
        if (chosen == "~")
            chosen = home;
        else if (chosen.StartsWith("~/", StringComparison.Ordinal))
            chosen = Path.Combine(home, chosen[2..]);
        return Path.TrimEndingDirectorySeparator(Path.GetFullPath(chosen, currentDirectory));
    }

    private static string ShortHash(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
}
