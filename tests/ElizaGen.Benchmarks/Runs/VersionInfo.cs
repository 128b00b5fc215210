using System.Reflection;
using System.Runtime.InteropServices;
using Npgsql;

namespace ElizaGen.Benchmarks.Runs;

/// <summary>What ran: server and extension versions, server settings that matter here, and the client libraries.</summary>
public sealed record VersionInfo(
    string PostgreSql,
    string PgVector,
    IReadOnlyList<(string Name, string Value)> ServerSettings,
    string DotNet,
    string Npgsql,
    string Dapper,
    string EfCore,
    string EfCoreNpgsql,
    string PgvectorEfCore,
    string BenchmarkDotNet)
{
    private static readonly string[] Settings =
        ["shared_buffers", "work_mem", "maintenance_work_mem", "max_parallel_workers_per_gather", "max_parallel_maintenance_workers",
         "fsync", "synchronous_commit", "full_page_writes", "jit"];

    public static async Task<VersionInfo> ReadAsync(string adminConnectionString)
    {
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        var server = (string)(await new NpgsqlCommand("SHOW server_version", connection).ExecuteScalarAsync())!;
        var vector = (string?)await new NpgsqlCommand(
            "SELECT default_version FROM pg_available_extensions WHERE name = 'vector'", connection).ExecuteScalarAsync() ?? "not installed";
        var settings = new List<(string, string)>();
        await using (var command = new NpgsqlCommand(
            "SELECT name, setting, coalesce(unit, '') FROM pg_settings WHERE name = ANY($1) ORDER BY name", connection))
        {
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = Settings });
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) settings.Add((reader.GetString(0), Readable(reader.GetString(1), reader.GetString(2))));
        }
        return new VersionInfo(
            server.Split(' ')[0], vector, settings, RuntimeInformation.FrameworkDescription,
            Version(typeof(NpgsqlConnection)), Version(typeof(Dapper.SqlMapper)),
            Version(typeof(Microsoft.EntityFrameworkCore.DbContext)),
            Version(typeof(Microsoft.EntityFrameworkCore.NpgsqlDbContextOptionsBuilderExtensions)),
            Version(typeof(Microsoft.EntityFrameworkCore.VectorDbContextOptionsBuilderExtensions)),
            Version(typeof(BenchmarkDotNet.Running.BenchmarkRunner)));
    }

    private static string Readable(string setting, string unit) => unit switch
    {
        "8kB" when long.TryParse(setting, out var pages) => Size(pages * 8),
        "kB" when long.TryParse(setting, out var kb) => Size(kb),
        _ => setting + unit,
    };

    private static string Size(long kilobytes) => kilobytes % (1024 * 1024) == 0 ? kilobytes / (1024 * 1024) + " GB"
        : kilobytes % 1024 == 0 ? kilobytes / 1024 + " MB" : kilobytes + " kB";

    private static string Version(Type type)
    {
        var informational = type.Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        return informational?.Split('+')[0] ?? type.Assembly.GetName().Version?.ToString() ?? "?";
    }
}
