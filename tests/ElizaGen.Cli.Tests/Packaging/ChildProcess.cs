using System.Diagnostics;
using System.Text;

namespace ElizaGen.Cli.Tests.Packaging;

/// <summary>Runs a program (dotnet, the installed tool, the consumer app) and collects what it printed.</summary>
internal static class ChildProcess
{
    /// <summary>
    /// Runs <paramref name="program"/> in <paramref name="workingDirectory"/>. The child does not inherit the test
    /// host's MSBuild variables (they point a nested build at the test run's own MSBuild) nor the machine's server
    /// settings; <paramref name="environment"/> is applied last.
    /// </summary>
    public static async Task<ToolRun> RunAsync(
        string program, IEnumerable<string> args, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var name in start.Environment.Keys.ToList())
        {
            if (name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || name.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase))
            {
                start.Environment.Remove(name);
            }
        }
        start.Environment.Remove("POSTGRES_URL");
        start.Environment.Remove("DATABASE_URL");
        start.Environment.Remove("ELIZA_ALLOW_DESTRUCTIVE_MIGRATIONS");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish in 5 minutes; killed. Output so far: {await stdout}{await stderr}");
        }
        return new ToolRun(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs <paramref name="program"/> and throws with its whole output unless it exits 0.</summary>
    public static async Task<ToolRun> RunCheckedAsync(
        string program, IEnumerable<string> args, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null)
    {
        var argList = args.ToList();
        var run = await RunAsync(program, argList, workingDirectory, environment);
        return run.ExitCode == 0
            ? run
            : throw new InvalidOperationException($"{program} {string.Join(' ', argList)} failed in {workingDirectory}: {run}");
    }
}
