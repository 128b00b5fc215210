namespace ElizaGen.Runtime.Embedded;

/// <summary>
/// The operating-system user the PostgreSQL tools run as. PostgreSQL refuses to run as root, so a root process
/// runs them as <c>postgres</c> through <c>runuser</c>; any other process runs them as itself.
/// </summary>
internal sealed class ServerAccount
{
    public const string PostgresUser = "postgres";

    private static readonly string[] RunuserLocations = ["/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser", "/bin/runuser"];

    private ServerAccount(string userName, string? runuser)
    {
        UserName = userName;
        Runuser = runuser;
    }

    /// <summary>The user the server and its tools run as.</summary>
    public string UserName { get; }

    /// <summary>True when this process is root and switches to <see cref="PostgresUser"/> for every tool.</summary>
    public bool SwitchesUser => Runuser is not null;

    private string? Runuser { get; }

    public static ServerAccount ForCurrentProcess()
    {
        if (!Environment.IsPrivilegedProcess)
            return new ServerAccount(Environment.UserName, runuser: null);
        var runuser = RunuserLocations.FirstOrDefault(File.Exists) ?? throw new EmbeddedPostgresException(
            "This process runs as root, and PostgreSQL refuses to run as root, so ElizaGen runs it as the " +
            $"'{PostgresUser}' user through runuser, which was not found. Install util-linux (it provides runuser), " +
            "or run this process as an ordinary user.");
        return new ServerAccount(PostgresUser, runuser);
    }

    /// <summary>The command line that runs <paramref name="executable"/> as <see cref="UserName"/>.</summary>
    public CommandLine Command(string executable, params string[] arguments) =>
        Runuser is null
            ? new CommandLine(executable, arguments)
            : new CommandLine(Runuser, ["-u", UserName, "--", executable, .. arguments]);
}
