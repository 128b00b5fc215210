using System.Globalization;
using System.Runtime.Versioning;

namespace ElizaGen.Runtime.Embedded;

/// <summary>The PostgreSQL server programs the embedded server runs, and where they were found.</summary>
internal sealed record PostgresBinaries(string BinDirectory, string FoundThrough)
{
    public const string SetupHint =
        "Run eng/setup-postgres.sh from the ElizaGen repository (as root; it installs PostgreSQL and pgvector), " +
        "or set ELIZA_PG_BIN to the bin folder of a PostgreSQL installation that has pgvector.";

    private static readonly string[] RequiredPrograms = ["initdb", "pg_ctl", "postgres"];
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);

    public string InitDb => Path.Combine(BinDirectory, "initdb");

    public string PgCtl => Path.Combine(BinDirectory, "pg_ctl");

    /// <summary>
    /// <paramref name="configured"/> (options), else ELIZA_PG_BIN, else <c>pg_config --bindir</c> of the
    /// pg_config on PATH, else the newest <c>/usr/lib/postgresql/N/bin</c>.
    /// </summary>
    [UnsupportedOSPlatform("windows")]
    public static async Task<PostgresBinaries> LocateAsync(
        string? configured, Func<string, string?> environment, CancellationToken ct)
    {
        var (explicitDirectory, source) = !string.IsNullOrWhiteSpace(configured)
            ? (configured, "EmbeddedPostgresOptions.BinDirectory")
            : (environment("ELIZA_PG_BIN"), "ELIZA_PG_BIN");
        if (!string.IsNullOrWhiteSpace(explicitDirectory))
        {
            var directory = Path.GetFullPath(explicitDirectory.Trim());
            var missing = RequiredPrograms.Where(p => !IsExecutable(Path.Combine(directory, p))).ToList();
            if (missing.Count > 0)
            {
                throw new EmbeddedPostgresException(
                    $"PostgreSQL server programs are missing from {directory} (from {source}): " +
                    $"{string.Join(", ", missing)}. {SetupHint}");
            }
            return new PostgresBinaries(directory, source);
        }

        if (FindOnPath("pg_config", environment("PATH")) is { } pgConfig)
        {
            var result = await CommandRunner.RunAsync(new CommandLine(pgConfig, ["--bindir"]), "/", CommandTimeout, ct)
                .ConfigureAwait(false);
            var directory = result.StandardOutput.Trim();
            if (result.Succeeded && HasAllPrograms(directory))
                return new PostgresBinaries(directory, $"{pgConfig} --bindir");
        }

        if (NewestDistributionBinDirectory() is { } newest)
            return new PostgresBinaries(newest, "/usr/lib/postgresql");

        throw new EmbeddedPostgresException(
            "No PostgreSQL server programs (initdb, pg_ctl, postgres) were found: ELIZA_PG_BIN is not set, no " +
            $"pg_config on PATH names a bin folder that has them, and /usr/lib/postgresql has none. {SetupHint}");
    }

    /// <summary>Fails with the set-up command when pgvector's control file is not installed for these binaries.</summary>
    [UnsupportedOSPlatform("windows")]
    public async Task EnsureVectorExtensionAsync(CancellationToken ct)
    {
        var shareDirectories = await ShareDirectoriesAsync(ct).ConfigureAwait(false);
        if (shareDirectories.Any(share => File.Exists(Path.Combine(share, "extension", "vector.control"))))
            return;
        var looked = string.Join(", ", shareDirectories.Select(share => Path.Combine(share, "extension")));
        throw new EmbeddedPostgresException(
            $"The pgvector extension is not installed for the PostgreSQL in {BinDirectory}: no vector.control in " +
            $"{looked}. {SetupHint}");
    }

    /// <summary>pg_config --sharedir when the bin folder has pg_config; else the usual places beside the bin folder.</summary>
    [UnsupportedOSPlatform("windows")]
    private async Task<IReadOnlyList<string>> ShareDirectoriesAsync(CancellationToken ct)
    {
        var pgConfig = Path.Combine(BinDirectory, "pg_config");
        if (IsExecutable(pgConfig))
        {
            var result = await CommandRunner.RunAsync(new CommandLine(pgConfig, ["--sharedir"]), "/", CommandTimeout, ct)
                .ConfigureAwait(false);
            if (result.Succeeded && result.StandardOutput.Trim() is { Length: > 0 } share)
                return [share];
        }
        var installation = Path.GetDirectoryName(BinDirectory) ?? BinDirectory;
        var candidates = new List<string>();
        // Debian and Ubuntu: /usr/lib/postgresql/15/bin -> /usr/share/postgresql/15
        var version = Path.GetFileName(installation);
        if (int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            candidates.Add(Path.Combine("/usr/share/postgresql", version));
        candidates.Add(Path.Combine(installation, "share", "postgresql"));
        candidates.Add(Path.Combine(installation, "share"));
        return candidates;
    }

    [UnsupportedOSPlatform("windows")]
    private static string? NewestDistributionBinDirectory()
    {
        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root))
            return null;
        return Directory.EnumerateDirectories(root)
            .Select(d => (Directory: Path.Combine(d, "bin"),
                Version: int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : -1))
            .Where(c => c.Version >= 0 && HasAllPrograms(c.Directory))
            .OrderByDescending(c => c.Version)
            .Select(c => c.Directory)
            .FirstOrDefault();
    }

    [UnsupportedOSPlatform("windows")]
    private static bool HasAllPrograms(string directory) =>
        directory.Length > 0 && RequiredPrograms.All(p => IsExecutable(Path.Combine(directory, p)));

    [UnsupportedOSPlatform("windows")]
    private static string? FindOnPath(string program, string? path) =>
        (path ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, program))
            .FirstOrDefault(IsExecutable);

    [UnsupportedOSPlatform("windows")]
    private static bool IsExecutable(string file) =>
        File.Exists(file) && (File.GetUnixFileMode(file) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
}
