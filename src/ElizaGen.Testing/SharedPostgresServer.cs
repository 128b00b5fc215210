using ElizaGen.Runtime.Connections;
using System.ComponentModel;
using System.Diagnostics;
using DotNet.Testcontainers.Builders;
using ElizaGen.Runtime.Embedded;
using Testcontainers.PostgreSql;

namespace ElizaGen.Testing;

/// <summary>
/// The one PostgreSQL server of a test process, chosen on first use: the configured one
/// (<c>ELIZAGEN_TEST_POSTGRES</c>, else <c>POSTGRES_URL</c>), else a pgvector container when a Docker engine
/// answers, else the embedded server in a temporary folder. A server this process starts stops at process exit.
/// </summary>
internal sealed class SharedPostgresServer
{
    public const string ContainerImage = "pgvector/pgvector:pg16";

    /// <summary>The value of ELIZAGEN_TEST_POSTGRES that skips the Docker probe and uses the embedded server.</summary>
    public const string EmbeddedKeyword = "embedded";

    /// <summary>Settings for a throwaway cluster: durability is not needed, and test classes open many connections.</summary>
    private static readonly Dictionary<string, string> EmbeddedSettings = new()
    {
        ["fsync"] = "off",
        ["synchronous_commit"] = "off",
        ["full_page_writes"] = "off",
        ["max_connections"] = "300",
    };

    private static readonly Lazy<Task<SharedPostgresServer>> Instance = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    private SharedPostgresServer(string adminConnectionString, PostgresServerKind kind)
    {
        AdminConnectionString = adminConnectionString;
        Kind = kind;
    }

    public string AdminConnectionString { get; }

    public PostgresServerKind Kind { get; }

    public static Task<SharedPostgresServer> GetAsync() => Instance.Value;

    private static async Task<SharedPostgresServer> StartAsync()
    {
        var configured = FirstSet("ELIZAGEN_TEST_POSTGRES", "POSTGRES_URL");
        if (configured is not null && !configured.Equals(EmbeddedKeyword, StringComparison.OrdinalIgnoreCase))
            return new SharedPostgresServer(PostgresConnectionString.Parse(configured, "ELIZAGEN_TEST_POSTGRES / POSTGRES_URL").ConnectionString, PostgresServerKind.Configured);
        if (configured is null && await TryStartContainerAsync().ConfigureAwait(false) is { } container)
            return container;
        return await StartEmbeddedAsync().ConfigureAwait(false);
    }

    private static async Task<SharedPostgresServer?> TryStartContainerAsync()
    {
        PostgreSqlContainer container;
        try
        {
            container = new PostgreSqlBuilder(ContainerImage).Build();
        }
        catch (DockerUnavailableException)
        {
            return null;
        }
        try
        {
            await container.StartAsync().ConfigureAwait(false);
        }
        catch (DockerUnavailableException)
        {
            await container.DisposeAsync().ConfigureAwait(false);
            return null;
        }
        AppDomain.CurrentDomain.ProcessExit += (_, _) => container.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return new SharedPostgresServer(container.GetConnectionString(), PostgresServerKind.Container);
    }

    private static async Task<SharedPostgresServer> StartEmbeddedAsync()
    {
        await StaleTestClusters.CleanUpAsync().ConfigureAwait(false);
        var folder = StaleTestClusters.NewFolder();
        EmbeddedPostgres server;
        try
        {
            server = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions
            {
                DataDirectory = folder,
                ServerSettings = EmbeddedSettings,
            }).ConfigureAwait(false);
        }
        catch
        {
            TryDelete(folder);
            throw;
        }
        // The server is never disposed: at process exit EmbeddedPostgres signals it to shut down (it does not wait,
        // because the test host is killed about 100 ms after exit begins), and this removes the folder once it is down.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => RemoveWhenServerIsDown(folder);
        return new SharedPostgresServer(server.ConnectionString, PostgresServerKind.Embedded);
    }

    /// <summary>A detached shell (it outlives this process) waits for the server to remove its pid file, then the folder.</summary>
    private static void RemoveWhenServerIsDown(string folder)
    {
        const string script =
            "( i=0; while [ -e \"$1/pgdata/postmaster.pid\" ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i+1)); done; " +
            "rm -rf \"$1\" ) </dev/null >/dev/null 2>&1 &";
        try
        {
            using var shell = Process.Start(new ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", script, "sh", folder }, UseShellExecute = false });
        }
        catch (Win32Exception)
        {
            // No shell: the next run's clean-up removes the folder.
        }
    }

    private static string? FirstSet(params string[] names) =>
        names.Select(Environment.GetEnvironmentVariable).FirstOrDefault(value => !string.IsNullOrWhiteSpace(value))?.Trim();

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A later run's clean-up removes it.
        }
    }
}
