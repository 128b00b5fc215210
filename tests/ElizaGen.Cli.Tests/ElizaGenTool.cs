using System.Diagnostics;
using System.Text;
using ElizaGen.Runtime.Connections;
using ElizaGen.Schema;
using ElizaGen.Schema.Snapshots;
using ElizaGen.Tests.SamplePlugin;
using Npgsql;

namespace ElizaGen.Cli.Tests;

/// <summary>What one run of the tool printed and returned.</summary>
internal sealed record ToolRun(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

/// <summary>Runs the built tool as a separate process (<c>dotnet elizagen.dll …</c>), the way users and scripts do.</summary>
internal static class ElizaGenTool
{
    private static readonly string BuildFolder = FindBuildFolder();

    /// <summary>The sample plugin's DLL in its own build output (its NuGet dependencies are not beside it there).</summary>
    public static string SamplePluginPath { get; } = Path.Combine(
        RepositoryRoot, "tests", "ElizaGen.Tests.SamplePlugin", "bin", Configuration, Framework, "ElizaGen.Tests.SamplePlugin.dll");

    private static string TestOutput => AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);

    private static string Framework => Path.GetFileName(TestOutput);

    private static string Configuration => Path.GetFileName(Path.GetDirectoryName(TestOutput)!);

    public static string RepositoryRoot => Path.GetFullPath(Path.Combine(TestOutput, "..", "..", "..", "..", ".."));

    public static Task<ToolRun> RunAsync(params string[] args) => RunAsync(new Dictionary<string, string>(), args);

    /// <summary>Runs the tool with extra environment variables.</summary>
    public static async Task<ToolRun> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(Path.Combine(BuildFolder, "elizagen.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        // The server comes from --connection in these tests, never from the machine's environment.
        start.Environment.Remove("POSTGRES_URL");
        start.Environment.Remove("DATABASE_URL");
        start.Environment.Remove("ELIZA_ALLOW_DESTRUCTIVE_MIGRATIONS");
        foreach (var (name, value) in environment) start.Environment[name] = value;

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"elizagen {string.Join(' ', args)} did not finish; killed. Output so far: {await stdout}{await stderr}");
        }
        return new ToolRun(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>
    /// The sample plugin as an older release declared it: its <c>notes</c> table also had a <c>legacy</c> column,
    /// which the current release drops (a destructive step).
    /// </summary>
    public static PluginSchema SampleWithLegacyColumn()
        => SampleWithNotes(t => t with { Columns = t.Columns.Append(new ColumnSnapshot("legacy", "text")).ToArray() });

    /// <summary>
    /// The sample plugin as an older release declared it: <c>notes.title</c> was nullable, so rows without a title
    /// make the current release's NOT NULL fail.
    /// </summary>
    public static PluginSchema SampleWithOptionalTitle()
        => SampleWithNotes(t => t with { Columns = t.Columns.Select(c => c.Name == "title" ? c with { NotNull = false } : c).ToArray() });

    private static PluginSchema SampleWithNotes(Func<TableSnapshot, TableSnapshot> change)
    {
        var current = SampleNotesSchema.Plugin;
        var tables = current.Snapshot.Tables.Select(t => t.Name == "notes" ? change(t) : t);
        var snapshot = SchemaSnapshot.Create(tables, current.Snapshot.Enums, current.Snapshot.Schemas);
        return PluginSchema.FromSnapshot(current.Name, current.SchemaName, snapshot, current.Renames, current.Dependencies, current.Extensions);
    }

    /// <summary>Migrates <paramref name="plugin"/> in this process, as an earlier deployment would have.</summary>
    public static async Task MigrateAsync(string connectionString, PluginSchema plugin)
    {
        await using var database = await ElizaDatabase.OpenAsync(new ElizaDatabaseOptions { ConnectionString = connectionString, ShutdownSignals = ShutdownSignalBehavior.Ignore });
        await database.Migrator.MigrateAsync(plugin);
    }

    public static async Task<T?> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull or null ? default : (T)value;
    }

    public static Task<bool> ExistsAsync(string connectionString, string relation)
        => ScalarAsync<bool>(connectionString, $"SELECT to_regclass('{relation}') IS NOT NULL");

    public static Task<long> LegacyColumnsAsync(string connectionString) => ScalarAsync<long>(connectionString,
        "SELECT count(*) FROM information_schema.columns WHERE table_schema = 'elizagen_sample_notes' AND table_name = 'notes' AND column_name = 'legacy'");

    private static string FindBuildFolder()
    {
        var folder = Path.Combine(RepositoryRoot, "src", "ElizaGen.Cli", "bin", Configuration, Framework);
        if (!File.Exists(Path.Combine(folder, "elizagen.dll")))
        {
            throw new FileNotFoundException($"The elizagen tool is not built at {folder}. Build src/ElizaGen.Cli (building these tests builds it).");
        }
        return folder;
    }
}
