using System.Globalization;

namespace ElizaGen.Runtime.Embedded;

/// <summary>
/// The process that started the embedded server and stops it, recorded in the data folder as "pid starttime".
/// The start time tells a live owner apart from an unrelated process that got the same pid later.
/// </summary>
internal sealed record ServerOwner(int Pid, long? StartTime)
{
    public static ServerOwner CurrentProcess { get; } =
        new(Environment.ProcessId, ProcessLiveness.StartTime(Environment.ProcessId));

    public bool IsAlive =>
        ProcessLiveness.IsAlive(Pid) && (StartTime is null || ProcessLiveness.StartTime(Pid) == StartTime);

    public static ServerOwner? TryRead(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        var parts = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            return null;
        long? start = parts.Length > 1 && long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : null;
        return new ServerOwner(pid, start);
    }

    public void WriteTo(string path)
    {
        var start = StartTime?.ToString(CultureInfo.InvariantCulture) ?? "-";
        File.WriteAllText(path, string.Create(CultureInfo.InvariantCulture, $"{Pid} {start}\n"));
    }

    public static void Delete(string path) => File.Delete(path);
}
