using System.Runtime.CompilerServices;
using Npgsql;

namespace ElizaGen.Runtime.Connections;

/// <summary>
/// One <see cref="NpgsqlDataSource"/> per server per process, shared by every <see cref="ElizaDatabase"/> (the
/// ElizaOS plugin's global-singleton rule), and counted so the last one closed disposes it.
/// </summary>
/// <remarks>
/// The table lives in <see cref="AppContext"/> data under a fixed name and holds only BCL types, so every copy of
/// this assembly in the process (plugins loaded into their own AssemblyLoadContext) finds the same table. When a
/// copy sees a data source of another Npgsql copy (not castable to its own type), it keeps one of its own beside it.
/// </remarks>
internal static class DataSourceRegistry
{
    internal const string AppContextKey = "ElizaGen.Runtime.Connections.DataSourceRegistry/1";

    /// <summary>Gets (or creates) the shared data source for <paramref name="key"/> and takes a lease on it.</summary>
    /// <param name="key">The normalised connection string (see <see cref="PostgresConnectionString.Normalize"/>).</param>
    /// <param name="create">Builds the data source when none exists; called under the table's lock.</param>
    /// <param name="leaseKey">The entry the lease belongs to; hand it back to <see cref="Release"/>.</param>
    public static NpgsqlDataSource Acquire(string key, Func<NpgsqlDataSource> create, out string leaseKey)
    {
        var table = Table;
        lock (table)
        {
            leaseKey = key;
            while (table.TryGetValue(leaseKey, out var entry))
            {
                if (entry.DataSource is NpgsqlDataSource shared)
                {
                    table[leaseKey] = (shared, entry.Leases + 1);
                    return shared;
                }

                // Another copy of Npgsql made this one: it cannot be used from here.
                leaseKey += "#npgsql-" + RuntimeHelpers.GetHashCode(typeof(NpgsqlDataSource).Assembly).ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
            }

            var created = create();
            table[leaseKey] = (created, 1);
            return created;
        }
    }

    /// <summary>
    /// Gives a lease back. Returns true when it was the last one: the entry is gone and the caller disposes the
    /// data source (outside the lock).
    /// </summary>
    public static bool Release(string leaseKey, NpgsqlDataSource dataSource)
    {
        var table = Table;
        lock (table)
        {
            if (!table.TryGetValue(leaseKey, out var entry) || !ReferenceEquals(entry.DataSource, dataSource))
            {
                return false;
            }

            if (entry.Leases > 1)
            {
                table[leaseKey] = (entry.DataSource, entry.Leases - 1);
                return false;
            }

            table.Remove(leaseKey);
            return true;
        }
    }

    /// <summary>Leases held on an entry (0 when there is none).</summary>
    internal static int LeaseCount(string leaseKey)
    {
        var table = Table;
        lock (table)
        {
            return table.TryGetValue(leaseKey, out var entry) ? entry.Leases : 0;
        }
    }

    private static Dictionary<string, (object DataSource, int Leases)> Table
    {
        get
        {
            if (AppContext.GetData(AppContextKey) is Dictionary<string, (object DataSource, int Leases)> table)
            {
                return table;
            }

            // The AppDomain object is the one lock every copy of this assembly can see; it is held only to
            // create the table once.
            lock (AppDomain.CurrentDomain)
            {
                if (AppContext.GetData(AppContextKey) is not Dictionary<string, (object DataSource, int Leases)> existing)
                {
                    existing = new Dictionary<string, (object DataSource, int Leases)>(StringComparer.Ordinal);
                    AppContext.SetData(AppContextKey, existing);
                }

                return existing;
            }
        }
    }
}
