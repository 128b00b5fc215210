using System.Diagnostics;
using ElizaGen.Runtime.Embedded;

namespace ElizaGen.Runtime.Tests.Embedded;

/// <summary>The parent side: a second OS process (this test assembly run as a program) that opens an embedded server.</summary>
internal sealed class OpenerProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(90);

    private readonly Process _process;

    private OpenerProcess(Process process) => _process = process;

    public int Pid => _process.Id;

    /// <summary>Starts the child; <paramref name="asUser"/> runs it as another user through runuser (needs root).</summary>
    public static OpenerProcess Start(string dataDirectory, string? asUser = null, string? assemblyPath = null)
    {
        var dotnet = Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
        assemblyPath ??= typeof(OpenerChild).Assembly.Location;
        var info = new ProcessStartInfo(asUser is null ? dotnet : "runuser")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = "/",
        };
        if (asUser is not null)
        {
            foreach (var argument in new[] { "-u", asUser, "--", dotnet })
                info.ArgumentList.Add(argument);
        }
        foreach (var argument in new[] { assemblyPath, OpenerChild.Verb, dataDirectory })
            info.ArgumentList.Add(argument);
        return new OpenerProcess(Process.Start(info)!);
    }

    /// <summary>The child's first report: whether it owns the server and the connection string.</summary>
    public async Task<(bool OwnsServer, string ConnectionString)> ReadyAsync()
    {
        var line = await ReadLineAsync();
        if (line.StartsWith("ready owns=", StringComparison.Ordinal))
        {
            var rest = line["ready owns=".Length..];
            var space = rest.IndexOf(' ', StringComparison.Ordinal);
            return (bool.Parse(rest[..space]), rest[(space + 1)..]);
        }
        throw new InvalidOperationException($"The opener process reported: {line}");
    }

    /// <summary>The child's error report (it failed to open the server), or a failure if it opened it.</summary>
    public async Task<string> ErrorAsync()
    {
        var line = await ReadLineAsync();
        return line.StartsWith("error ", StringComparison.Ordinal)
            ? line["error ".Length..]
            : throw new InvalidOperationException($"Expected the opener process to fail, it reported: {line}");
    }

    /// <summary>Asks the child to dispose its server and exit; waits until it has.</summary>
    public async Task StopAsync()
    {
        await _process.StandardInput.WriteLineAsync("stop");
        await _process.StandardInput.FlushAsync();
        Assert.Equal("stopped", await ReadLineAsync());
        using var timeout = new CancellationTokenSource(ReplyTimeout);
        await _process.WaitForExitAsync(timeout.Token);
        Assert.Equal(0, _process.ExitCode);
    }

    /// <summary>Asks the child to end without disposing its server; waits until it has.</summary>
    public async Task ExitWithoutDisposingAsync()
    {
        await _process.StandardInput.WriteLineAsync("exit");
        await _process.StandardInput.FlushAsync();
        Assert.Equal("exiting", await ReadLineAsync());
        using var timeout = new CancellationTokenSource(ReplyTimeout);
        await _process.WaitForExitAsync(timeout.Token);
        Assert.Equal(0, _process.ExitCode);
    }

    /// <summary>Kills the child at once: nothing of its own clean-up runs.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        using var timeout = new CancellationTokenSource(ReplyTimeout);
        await _process.WaitForExitAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
            await KillAsync();
        _process.Dispose();
    }

    private async Task<string> ReadLineAsync()
    {
        using var timeout = new CancellationTokenSource(ReplyTimeout);
        var line = await _process.StandardOutput.ReadLineAsync(timeout.Token);
        if (line is null)
        {
            var error = await _process.StandardError.ReadToEndAsync(timeout.Token);
            throw new InvalidOperationException($"The opener process ended without a report. Its error output: {error}");
        }
        return line;
    }
}
