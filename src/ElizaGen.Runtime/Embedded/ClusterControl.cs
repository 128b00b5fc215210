using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ElizaGen.Runtime.Embedded;

/// <summary>Runs initdb and pg_ctl on one cluster, as the server's user; failures carry the tail of their log.</summary>
internal sealed partial class ClusterControl(PostgresBinaries binaries, ServerAccount account, EmbeddedDataLayout layout)
{
    public const string Superuser = "postgres";

    private const int LogTailLines = 20;
    private static readonly TimeSpan InitTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan StartStopTimeout = TimeSpan.FromSeconds(60);

    public EmbeddedDataLayout Layout => layout;

    public bool IsInitialized => File.Exists(layout.VersionFile);

    /// <summary>initdb: UTF8, no locale, trust on the local socket only (the server listens on nothing else).</summary>
    public async Task InitializeAsync(CancellationToken ct)
    {
        var result = await RunAsync(account.Command(binaries.InitDb,
            "-D", layout.ClusterDirectory, "-U", Superuser, "-E", "UTF8", "--no-locale",
            "--auth-local=trust", "--auth-host=reject"), InitTimeout, ct).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new EmbeddedPostgresException(
                $"initdb could not create a PostgreSQL cluster in {layout.ClusterDirectory} (exit {result.ExitCode}). " +
                $"Its output ends with:{Environment.NewLine}{Tail(result.Output)}{Environment.NewLine}" +
                "Fix the cause above, or remove that folder to start over.");
        }
    }

    /// <summary>pg_ctl start, listening on the Unix socket only; returns once the server accepts connections.</summary>
    public async Task StartAsync(IReadOnlyDictionary<string, string>? settings, CancellationToken ct)
    {
        var result = await RunAsync(account.Command(binaries.PgCtl,
            "start", "-D", layout.ClusterDirectory, "-l", layout.LogFile, "-w", "-t",
            ((int)StartStopTimeout.TotalSeconds).ToString(CultureInfo.InvariantCulture),
            "-o", ServerOptions(settings)), StartStopTimeout + TimeSpan.FromSeconds(10), ct).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new EmbeddedPostgresException(
                $"pg_ctl could not start the PostgreSQL server in {layout.ClusterDirectory} (exit {result.ExitCode}): " +
                $"{result.Output}{Environment.NewLine}{LogTail()}");
        }
    }

    /// <summary>pg_ctl stop in fast mode: open sessions are ended, committed work is kept.</summary>
    public async Task StopAsync(CancellationToken ct)
    {
        var result = await RunAsync(account.Command(binaries.PgCtl,
            "stop", "-D", layout.ClusterDirectory, "-m", "fast", "-w", "-t",
            ((int)StartStopTimeout.TotalSeconds).ToString(CultureInfo.InvariantCulture)),
            StartStopTimeout + TimeSpan.FromSeconds(10), ct).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new EmbeddedPostgresException(
                $"pg_ctl could not stop the PostgreSQL server in {layout.ClusterDirectory} (exit {result.ExitCode}): " +
                $"{result.Output}{Environment.NewLine}{LogTail()}");
        }
    }

    /// <summary>The last lines of the server log, introduced by its path, for error messages.</summary>
    public string LogTail()
    {
        try
        {
            return $"Last lines of {layout.LogFile}:{Environment.NewLine}{Tail(File.ReadAllText(layout.LogFile))}";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"(the server log {layout.LogFile} could not be read: {e.Message})";
        }
    }

    /// <summary>
    /// The postgres options pg_ctl passes through a shell: every -c value is single-quoted, and the socket folder is
    /// double-quoted inside its setting because that setting is a comma-separated list.
    /// </summary>
    internal string ServerOptions(IReadOnlyDictionary<string, string>? settings)
    {
        var options = new StringBuilder();
        void Add(string name, string value) => options.Append("-c ").Append(ShellQuote($"{name}={value}")).Append(' ');
        Add("listen_addresses", string.Empty);
        Add("port", EmbeddedDataLayout.Port.ToString(CultureInfo.InvariantCulture));
        Add("unix_socket_directories", "\"" + layout.SocketDirectory.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"");
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            if (!SettingName().IsMatch(name))
            {
                throw new EmbeddedPostgresException(
                    $"'{name}' is not a PostgreSQL setting name (EmbeddedPostgresOptions.ServerSettings): use names such as fsync or shared_buffers.");
            }
            Add(name, value);
        }
        return options.ToString().TrimEnd();
    }

    private static string ShellQuote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static string Tail(string text)
    {
        var lines = text.ReplaceLineEndings("\n").TrimEnd().Split('\n');
        return string.Join(Environment.NewLine, lines.Skip(Math.Max(0, lines.Length - LogTailLines)).Select(l => "  " + l));
    }

    private Task<CommandResult> RunAsync(CommandLine command, TimeSpan timeout, CancellationToken ct) =>
        // The tools run in the data folder: the server's user can enter it, which is not true of every current folder.
        CommandRunner.RunAsync(command, layout.DataDirectory, timeout, ct);

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_.]*$")]
    private static partial Regex SettingName();
}
