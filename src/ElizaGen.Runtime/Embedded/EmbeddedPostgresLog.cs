using Microsoft.Extensions.Logging;

namespace ElizaGen.Runtime.Embedded;

/// <summary>What the embedded server did and how long it took.</summary>
internal static partial class EmbeddedPostgresLog
{
    [LoggerMessage(1, LogLevel.Debug, "Using the PostgreSQL programs in {BinDirectory} (found through {FoundThrough})")]
    public static partial void UsingBinaries(ILogger logger, string binDirectory, string foundThrough);

    [LoggerMessage(2, LogLevel.Information, "Initialised a new PostgreSQL cluster in {ClusterDirectory} in {ElapsedMs} ms")]
    public static partial void Initialized(ILogger logger, string clusterDirectory, long elapsedMs);

    [LoggerMessage(3, LogLevel.Information, "Started the embedded PostgreSQL server (pid {Pid}, socket folder {SocketDirectory}) in {ElapsedMs} ms")]
    public static partial void Started(ILogger logger, int pid, string socketDirectory, long elapsedMs);

    [LoggerMessage(4, LogLevel.Information, "Connected to the embedded PostgreSQL server already running in {ClusterDirectory} (pid {Pid}); the process that started it stops it")]
    public static partial void Joined(ILogger logger, string clusterDirectory, int pid);

    [LoggerMessage(5, LogLevel.Warning, "Adopted the embedded PostgreSQL server running in {ClusterDirectory} (pid {Pid}): the process that started it (pid {OwnerPid}) is gone, so this process will stop it")]
    public static partial void Adopted(ILogger logger, string clusterDirectory, int pid, int ownerPid);

    [LoggerMessage(6, LogLevel.Warning, "Removed a stale postmaster.pid from {ClusterDirectory}: pid {Pid} is not a server of this cluster any more")]
    public static partial void RemovedStalePidFile(ILogger logger, int pid, string clusterDirectory);

    [LoggerMessage(7, LogLevel.Information, "Embedded PostgreSQL ready in {ElapsedMs} ms: {ConnectionString}")]
    public static partial void Ready(ILogger logger, long elapsedMs, string connectionString);

    [LoggerMessage(8, LogLevel.Information, "Stopped the embedded PostgreSQL server in {ClusterDirectory} (pid {Pid}) in {ElapsedMs} ms")]
    public static partial void Stopped(ILogger logger, string clusterDirectory, int pid, long elapsedMs);

    [LoggerMessage(9, LogLevel.Information, "The embedded PostgreSQL server in {ClusterDirectory} (pid {Pid}) had already stopped")]
    public static partial void AlreadyStopped(ILogger logger, string clusterDirectory, int pid);

    [LoggerMessage(10, LogLevel.Error, "Asking the embedded PostgreSQL server in {ClusterDirectory} to stop at process exit failed")]
    public static partial void StopAtExitFailed(ILogger logger, Exception exception, string clusterDirectory);

    [LoggerMessage(11, LogLevel.Information, "Asked the embedded PostgreSQL server in {ClusterDirectory} (pid {Pid}) to shut down, as this process exits without having stopped it")]
    public static partial void SignalledAtExit(ILogger logger, string clusterDirectory, int pid);
}
