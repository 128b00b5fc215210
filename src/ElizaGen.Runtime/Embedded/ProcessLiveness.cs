using System.Diagnostics;
using System.Globalization;

namespace ElizaGen.Runtime.Embedded;

/// <summary>Whether a process id names a live process, and which one (name and start time, against pid reuse).</summary>
internal static class ProcessLiveness
{
    public static bool HasProc => Directory.Exists("/proc/self");

    /// <summary>True when the process runs; a zombie (exited, not yet reaped) counts as dead.</summary>
    public static bool IsAlive(int pid)
    {
        if (pid <= 0)
            return false;
        if (!HasProc)
            return FallbackIsAlive(pid);
        var state = StatFields(pid) is { } fields ? fields[0] : null;
        return state is not null and not "Z" and not "X" and not "x";
    }

    /// <summary>The process's command name (e.g. "postgres"), or null when it does not exist.</summary>
    public static string? CommandName(int pid)
    {
        if (!HasProc)
            return FallbackCommandName(pid);
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The process's start time in clock ticks since boot (Linux), so that a reused pid is told apart.</summary>
    public static long? StartTime(int pid)
    {
        if (!HasProc)
            return FallbackStartTime(pid);
        var fields = StatFields(pid);
        // Fields after "(comm)": state is field 3 of stat(5), starttime is field 22.
        return fields is { Length: > 19 } && long.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            ? ticks
            : null;
    }

    /// <summary>The fields of /proc/pid/stat after the parenthesised command name (which may contain spaces).</summary>
    private static string[]? StatFields(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        var end = stat.LastIndexOf(')');
        return end < 0 ? null : stat[(end + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    private static bool FallbackIsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    private static string? FallbackCommandName(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.ProcessName;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }

    private static long? FallbackStartTime(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.StartTime.ToUniversalTime().Ticks;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
