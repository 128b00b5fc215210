using Npgsql;

namespace ElizaGen.Runtime.Migrations;

public sealed partial class Migrator
{
    /// <summary>
    /// The snapshot of the last journal entry ElizaGen tagged, or null. Drift is measured against it rather than the
    /// last entry: after ElizaGen marks the core schema for <c>@elizaos/plugin-sql</c>, the last entry holds that
    /// plugin's own snapshot, which lists foreign keys it never creates.
    /// </summary>
    private static async Task<string?> LastSnapshotRecordedByElizaGenAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string pluginName, JournalInfo? journal, CancellationToken ct)
    {
        if (journal is null) return null;
        var indexes = journal.Entries.Select(e => e.Index).Distinct().Where(i => JournalStore.RecordedByElizaGen(journal, i)).OrderDescending();
        foreach (var index in indexes)
        {
            if (await JournalStore.SnapshotAtAsync(connection, transaction, pluginName, index, ct).ConfigureAwait(false) is { } json) return json;
        }
        return null;
    }
}
