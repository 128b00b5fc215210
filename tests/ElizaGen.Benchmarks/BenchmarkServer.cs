using ElizaGen.Runtime.Embedded;
using Npgsql;

namespace ElizaGen.Benchmarks;

/// <summary>
/// The server benchmarks run against: <c>ELIZAGEN_BENCH_CONNECTION</c> when set, else a private embedded cluster in a
/// temporary folder (started once per benchmark process, stopped at its end). Each caller gets its own database.
/// </summary>
internal static class BenchmarkServer
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static EmbeddedPostgres? s_embedded;
    private static string? s_admin;

    /// <summary>True when the benchmarks run on the private embedded cluster (no ELIZAGEN_BENCH_CONNECTION).</summary>
    public static bool IsEmbedded => s_embedded is not null;

    public static async Task<string> AdminConnectionStringAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (s_admin is not null) return s_admin;
            var configured = Environment.GetEnvironmentVariable("ELIZAGEN_BENCH_CONNECTION");
            if (!string.IsNullOrWhiteSpace(configured)) return s_admin = configured;

            var folder = Path.Combine(Path.GetTempPath(), "elizagen-bench-" + Environment.ProcessId);
            s_embedded = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions
            {
                DataDirectory = folder,
                ServerSettings = new Dictionary<string, string> { ["fsync"] = "off", ["synchronous_commit"] = "off", ["full_page_writes"] = "off" },
            });
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                s_embedded.StopAsync().GetAwaiter().GetResult();
                try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            };
            return s_admin = s_embedded.ConnectionString;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Creates a fresh database (with <c>vector</c>) and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string prefix)
    {
        var admin = await AdminConnectionStringAsync();
        var name = prefix + "_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        await using (var connection = new NpgsqlConnection(builder.ConnectionString))
        {
            await connection.OpenAsync();
            await using var vector = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS vector", connection);
            await vector.ExecuteNonQueryAsync();
        }
        return builder.ConnectionString;
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(await AdminConnectionStringAsync());
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
