using System.Globalization;
using System.Runtime.InteropServices;

namespace ElizaGen.Benchmarks.Runs;

/// <summary>The machine the figures come from: cores, CPU model, memory, and how busy it was (load averages).</summary>
public sealed record MachineInfo(int Cores, string CpuModel, double MemoryGiB, string OperatingSystem)
{
    public static MachineInfo Read()
    {
        var cpu = ReadProc("/proc/cpuinfo")
            .Select(l => l.Split(':', 2))
            .FirstOrDefault(p => p.Length == 2 && p[0].Trim() == "model name")?[1].Trim() ?? RuntimeInformation.ProcessArchitecture.ToString();
        var memory = ReadProc("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)) is { } line
            ? double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / (1024 * 1024)
            : 0;
        return new MachineInfo(Environment.ProcessorCount, cpu, memory, RuntimeInformation.OSDescription);
    }

    /// <summary>The 1, 5 and 15 minute load averages (Linux), or "unknown".</summary>
    public static string LoadAverage()
    {
        var parts = ReadProc("/proc/loadavg").FirstOrDefault()?.Split(' ');
        return parts is { Length: >= 3 } ? $"{parts[0]} / {parts[1]} / {parts[2]}" : "unknown";
    }

    private static string[] ReadProc(string path) => File.Exists(path) ? File.ReadAllLines(path) : [];
}
