using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace ElizaGen.Runtime.Embedded;

/// <summary>What a finished command printed and returned.</summary>
internal sealed record CommandResult(int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>Both streams, for error messages.</summary>
    public string Output => (StandardOutput + Environment.NewLine + StandardError).Trim();
}

/// <summary>Runs a command to completion, capturing its output, within a deadline.</summary>
internal static class CommandRunner
{
    public static async Task<CommandResult> RunAsync(
        CommandLine command, string? workingDirectory, TimeSpan timeout, CancellationToken ct)
    {
        var startInfo = new ProcessStartInfo(command.FileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? string.Empty,
        };
        foreach (var argument in command.Arguments)
            startInfo.ArgumentList.Add(argument);

        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new EmbeddedPostgresException($"Could not run {command}: {e.Message}.", e);
        }
        process.StandardInput.Close();

        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            TryKill(process);
            ct.ThrowIfCancellationRequested();
            throw new EmbeddedPostgresException(
                $"{command} did not finish within {timeout.TotalSeconds:0} s and was stopped.");
        }
        return new CommandResult(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }

    private static void TryKill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited meanwhile.
        }
    }
}

/// <summary>An executable and its arguments, shown in messages the way a shell would take them.</summary>
internal sealed record CommandLine(string FileName, IReadOnlyList<string> Arguments)
{
    public override string ToString()
    {
        var text = new StringBuilder(Quote(FileName));
        foreach (var argument in Arguments)
            text.Append(' ').Append(Quote(argument));
        return text.ToString();
    }

    private static string Quote(string value) =>
        value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || "/._-=,:+@%".Contains(c))
            ? value
            : "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
