using ElizaGen.Runtime.Embedded;

namespace ElizaGen.Runtime.Connections;

/// <summary>
/// Shares one embedded server per data directory among the databases of this process and stops it when the
/// last of them closes. Starts and stops are serialised, so a stop never races a start.
/// </summary>
internal static class EmbeddedServerRegistry
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly Dictionary<string, (EmbeddedPostgres Server, int Leases)> Servers = new(StringComparer.Ordinal);

    public static async Task<EmbeddedPostgres> AcquireAsync(EmbeddedPostgresOptions options, CancellationToken cancellationToken)
    {
        var key = options.DataDirectory is { Length: > 0 } directory ? Path.GetFullPath(directory) : string.Empty;
        await Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Servers.TryGetValue(key, out var entry))
            {
                Servers[key] = (entry.Server, entry.Leases + 1);
                return entry.Server;
            }

            var server = await EmbeddedPostgres.StartAsync(options, cancellationToken).ConfigureAwait(false);

            // Two spellings of one folder ("~/x" and "/home/u/x"): the second start joined the running server.
            foreach (var (otherKey, other) in Servers)
            {
                if (!server.OwnsServer && other.Server.DataDirectory == server.DataDirectory)
                {
                    await server.DisposeAsync().ConfigureAwait(false);
                    Servers[otherKey] = (other.Server, other.Leases + 1);
                    return other.Server;
                }
            }

            Servers[key] = (server, 1);
            return server;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Gives a lease back; the last one stops the server (when this process started it).</summary>
    public static async Task ReleaseAsync(EmbeddedPostgres server)
    {
        await Gate.WaitAsync().ConfigureAwait(false);
        try
        {
            foreach (var (key, entry) in Servers)
            {
                if (!ReferenceEquals(entry.Server, server))
                {
                    continue;
                }

                if (entry.Leases > 1)
                {
                    Servers[key] = (server, entry.Leases - 1);
                    return;
                }

                Servers.Remove(key);
                break;
            }

            await server.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            Gate.Release();
        }
    }
}
