using ElizaGen.Schema;

namespace ElizaGen.Runtime.Migrations;

public sealed partial class Migrator
{
    /// <summary>
    /// The plugins a migration would work on: those whose compiled hash differs from the last hash the journal
    /// recorded for them (never migrated here, or changed since). The fast path's one query; changes nothing and
    /// takes no lock, so it suits health checks.
    /// </summary>
    /// <returns>The pending plugins, in the order given; empty when the database is up to date.</returns>
    public async Task<IReadOnlyList<PluginSchema>> FindPendingAsync(IEnumerable<PluginSchema> plugins, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plugins);
        var list = plugins.ToList();
        if (list.Count == 0) return [];
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var lastHashes = await JournalStore.LastHashesAsync(connection, list.Select(p => p.Name).ToArray(), cancellationToken).ConfigureAwait(false);
        return list.Where(p => !lastHashes.TryGetValue(p.Name, out var hash) || hash != p.Hash).ToArray();
    }
}
