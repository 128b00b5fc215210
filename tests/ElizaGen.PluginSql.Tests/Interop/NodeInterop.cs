using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using Npgsql;

namespace ElizaGen.PluginSql.Tests.Interop;

/// <summary>Runs <c>eng/interop.sh</c> (the TypeScript plugin's side of the interop check) when node and npm exist.</summary>
public static class NodeInterop
{
    private static readonly Lazy<string?> MissingReason = new(FindMissing);

    /// <summary>Why the node side cannot run here, or null when it can.</summary>
    public static string? WhyUnavailable => MissingReason.Value;

    public static string RepositoryRoot([CallerFilePath] string sourceFile = "")
        => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(sourceFile)!, "..", "..", ".."));

    public static string Script => Path.Combine(RepositoryRoot(), "eng", "interop.sh");

    /// <summary>Runs <c>eng/interop.sh</c> with arguments and environment; returns exit code, stdout and stderr.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Script);
        foreach (var a in arguments) start.ArgumentList.Add(a);
        foreach (var (k, v) in environment) start.Environment[k] = v;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start bash for eng/interop.sh.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    /// <summary>A libpq URL for an Npgsql connection string (Unix sockets as <c>?host=/dir</c>).</summary>
    public static string ToUrl(string connectionString, string? database = null)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        var user = Uri.EscapeDataString(b.Username ?? "postgres") + (string.IsNullOrEmpty(b.Password) ? "" : ":" + Uri.EscapeDataString(b.Password));
        var db = Uri.EscapeDataString(database ?? b.Database ?? "postgres");
        var host = b.Host ?? "localhost";
        return host.StartsWith('/')
            ? $"postgresql://{user}@/{db}?host={Uri.EscapeDataString(host)}&port={b.Port}"
            : $"postgresql://{user}@{host}:{b.Port}/{db}";
    }

    /// <summary>The database name of a URL that <see cref="ToUrl"/> or <c>interop.sh</c> printed.</summary>
    public static string DatabaseOf(string url) => Uri.UnescapeDataString(new Uri(url.Replace("@/", "@localhost/", StringComparison.Ordinal)).AbsolutePath.TrimStart('/'));

    private static string? FindMissing()
    {
        var node = Probe("node", "--version");
        if (node is null) return "node is not on PATH: the interop check with @elizaos/plugin-sql needs Node.js 20 or newer.";
        if (!Version.TryParse(node.TrimStart('v').Trim(), out var version) || version.Major < 20) return $"node {node.Trim()} is too old: the interop check needs Node.js 20 or newer.";
        if (Probe("npm", "--version") is null) return "npm is not on PATH: eng/interop.sh installs the pinned @elizaos/plugin-sql with npm ci.";
        return null;
    }

    private static string? Probe(string file, string argument)
    {
        try
        {
            var start = new ProcessStartInfo(file, argument) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            using var process = Process.Start(start);
            if (process is null) return null;
            var text = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? text : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}

/// <summary>A fact that runs only where node and npm exist; elsewhere it is skipped and says why.</summary>
public sealed class NodeFactAttribute : FactAttribute
{
    public NodeFactAttribute()
    {
        if (NodeInterop.WhyUnavailable is { } reason) Skip = reason;
    }
}
