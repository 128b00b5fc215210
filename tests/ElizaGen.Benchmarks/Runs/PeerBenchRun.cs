using System.Diagnostics;
using System.Text.Json;
using Npgsql;

namespace ElizaGen.Benchmarks.Runs;

/// <summary>What the ElizaOS peer benchmark printed (its JSON), or why it did not run.</summary>
public sealed record PeerBenchResult(string? Json, string? Problem, double Seconds, IReadOnlyList<(string Name, string Value)> Settings)
{
    /// <summary>A number inside the JSON by path (e.g. "summary.noop_migrate_ms"), when present.</summary>
    public double? Number(string path)
    {
        if (Json is null) return null;
        using var document = JsonDocument.Parse(Json);
        var element = document.RootElement;
        foreach (var part in path.Split('.'))
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(part, out element)) return null;
        }
        return element.ValueKind == JsonValueKind.Number ? element.GetDouble() : null;
    }
}

/// <summary>
/// Runs the ElizaOS plugin's benchmark (<c>@elizaos/plugin-sql</c> 1.7.2 on node: <c>run.sh</c> in a copy of
/// peer-bench) against the same server, through its Unix socket.
/// </summary>
public static class PeerBenchRun
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(25);

    public static async Task<PeerBenchResult> RunAsync(string directory, string adminConnectionString, bool quick, Action<string> log)
    {
        var script = Path.Combine(directory, "run.sh");
        var settings = new List<(string Name, string Value)> { ("BENCH_WRITE_SCHEMA", "0") };
        if (quick) settings.AddRange([("BENCH_N", "500"), ("BENCH_N_LARGE", "0"), ("BENCH_WARM_MIGRATIONS", "1")]);
        if (!File.Exists(script)) return new PeerBenchResult(null, "no run.sh in " + directory, 0, settings);

        var server = new NpgsqlConnectionStringBuilder(adminConnectionString);
        if (server.Host is null || !server.Host.StartsWith('/'))
        {
            return new PeerBenchResult(null, "the peer benchmark runs over the embedded server's Unix socket; this server is " + server.Host, 0, settings);
        }
        var url = $"postgresql://{server.Username}@/{server.Database ?? "postgres"}?host={server.Host}&port={server.Port}";
        var start = new ProcessStartInfo("bash", [script])
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["POSTGRES_URL"] = url;
        foreach (var (name, value) in settings) start.Environment[name] = value;

        log($"peer benchmark: {script} with POSTGRES_URL={url} {string.Join(' ', settings.Select(s => s.Name + "=" + s.Value))}");
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start bash " + script);
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return new PeerBenchResult(null, $"it did not finish within {Timeout.TotalMinutes} minutes", clock.Elapsed.TotalSeconds, settings);
        }
        var json = (await output).Trim();
        var stderr = (await errors).Trim();
        if (stderr.Length > 0) log("peer benchmark (stderr): " + stderr);
        if (process.ExitCode != 0 || json.Length == 0)
        {
            var tail = string.Join('\n', stderr.Split('\n').TakeLast(5));
            return new PeerBenchResult(json.Length > 0 ? json : null, $"run.sh exited with {process.ExitCode}: {tail}", clock.Elapsed.TotalSeconds, settings);
        }
        try
        {
            using var _ = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            return new PeerBenchResult(null, "run.sh printed no JSON: " + e.Message, clock.Elapsed.TotalSeconds, settings);
        }
        return new PeerBenchResult(json, null, clock.Elapsed.TotalSeconds, settings);
    }
}
