using System.Runtime.InteropServices;

namespace ElizaGen.Runtime.Embedded;

/// <summary>Signals to the postmaster, for the moments when running pg_ctl and waiting for it takes too long.</summary>
internal static partial class ServerSignal
{
    /// <summary>SIGINT: PostgreSQL's "fast" shutdown (sessions ended, committed work kept). Same number on Linux and macOS.</summary>
    private const int Interrupt = 2;

    /// <summary>Asks the postmaster to shut down in fast mode and returns at once; false when the signal could not be sent.</summary>
    public static bool RequestFastShutdown(int postmasterPid) => Kill(postmasterPid, Interrupt) == 0;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
