using System.Globalization;

namespace ElizaGen.Runtime.Embedded;

/// <summary>
/// The server's <c>postmaster.pid</c>: line 1 the pid, 4 the port, 5 the socket folder, 8 the status
/// ("starting", "ready", "stopping"). PostgreSQL fills the later lines while it starts.
/// </summary>
internal sealed record PostmasterPidFile(int Pid, int? Port, string? SocketDirectory, string? Status)
{
    public const string FileName = "postmaster.pid";

    public bool IsReady => Status == "ready" && Port is not null && !string.IsNullOrEmpty(SocketDirectory);

    public static string PathIn(string clusterDirectory) => Path.Combine(clusterDirectory, FileName);

    /// <summary>The file's content, or null when there is none (or it is being written and has no pid yet).</summary>
    public static PostmasterPidFile? TryRead(string clusterDirectory)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(PathIn(clusterDirectory));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        return Parse(lines);
    }

    public static PostmasterPidFile? Parse(IReadOnlyList<string> lines)
    {
        if (lines.Count == 0 || !int.TryParse(lines[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            return null;
        int? port = lines.Count > 3 && int.TryParse(lines[3].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var p)
            ? p
            : null;
        var socket = lines.Count > 4 ? lines[4].Trim() : null;
        var status = lines.Count > 7 ? lines[7].Trim() : null;
        return new PostmasterPidFile(pid, port, string.IsNullOrEmpty(socket) ? null : socket, status);
    }
}
