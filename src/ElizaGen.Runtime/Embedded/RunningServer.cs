using Microsoft.Extensions.Logging;

namespace ElizaGen.Runtime.Embedded;

/// <summary>Finds the server already running a cluster, from its postmaster.pid, and waits until it accepts connections.</summary>
internal static class RunningServer
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// The ready server's pid file, or null when no server runs this cluster. A pid file left by a server that is
    /// gone (its pid dead, a zombie, or reused by another process) is removed, so that a normal start follows.
    /// </summary>
    public static async Task<PostmasterPidFile?> FindAsync(
        ClusterControl control, ILogger logger, TimeSpan timeout, CancellationToken ct)
    {
        var cluster = control.Layout.ClusterDirectory;
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var pidFile = PostmasterPidFile.TryRead(cluster);
            if (pidFile is null)
                return null;
            if (!IsServerOf(pidFile.Pid, cluster))
            {
                EmbeddedPostgresLog.RemovedStalePidFile(logger, pidFile.Pid, cluster);
                File.Delete(PostmasterPidFile.PathIn(cluster));
                return null;
            }
            if (pidFile.IsReady)
                return pidFile;
            if (DateTime.UtcNow > deadline)
            {
                throw new EmbeddedPostgresException(
                    $"The PostgreSQL server (pid {pidFile.Pid}) running in {cluster} did not become ready within " +
                    $"{timeout.TotalSeconds:0} s (status: {pidFile.Status ?? "starting"}). Stop it " +
                    $"(pg_ctl stop -D {cluster}) and try again.{Environment.NewLine}{control.LogTail()}");
            }
            await Task.Delay(PollInterval, ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// True when <paramref name="pid"/> is the live postmaster of <paramref name="clusterDirectory"/>. The postmaster
    /// works inside its data directory, so its pid file seen through /proc/pid/cwd is this cluster's own file.
    /// </summary>
    public static bool IsServerOf(int pid, string clusterDirectory)
    {
        if (!ProcessLiveness.IsAlive(pid))
            return false;
        if (!ProcessLiveness.HasProc)
            return IsPostgresProgram(pid);
        try
        {
            var seenByProcess = File.ReadLines($"/proc/{pid}/cwd/{PostmasterPidFile.FileName}").Take(3).ToList();
            var ours = File.ReadLines(PostmasterPidFile.PathIn(clusterDirectory)).Take(3).ToList();
            return seenByProcess.SequenceEqual(ours);
        }
        catch (UnauthorizedAccessException)
        {
            // Not allowed to look into another user's process: fall back to its program name.
            return IsPostgresProgram(pid);
        }
        catch (IOException)
        {
            // Its working folder has no pid file: the pid now belongs to another program.
            return false;
        }
    }

    private static bool IsPostgresProgram(int pid) => ProcessLiveness.CommandName(pid) is "postgres" or "postmaster";
}
