using ElizaGen.Runtime.Connections;
using ElizaGen.Runtime.Migrations;
using ElizaGen.Schema;

namespace ElizaGen.PluginSql;

/// <summary>Options of <see cref="ElizaDatabaseAdapter"/>.</summary>
public sealed class ElizaDatabaseAdapterOptions
{
    /// <summary>
    /// How <see cref="ElizaDatabaseAdapter.OpenAsync"/> opens its database (connection string, pool, resilience,
    /// logging). Ignored when the adapter is built over an open <see cref="ElizaDatabase"/>.
    /// </summary>
    public ElizaDatabaseOptions? Database { get; init; }

    /// <summary>Other plugins' schemas that <see cref="ElizaDatabaseAdapter.InitAsync"/> migrates with the core schema.</summary>
    public IReadOnlyList<PluginSchema> Plugins { get; init; } = [];

    /// <summary>How <see cref="ElizaDatabaseAdapter.InitAsync"/> migrates (force, dry run, verbose).</summary>
    public MigrationOptions? Migration { get; init; }

    /// <summary>
    /// Make a database ElizaGen migrated openable by the TypeScript <c>@elizaos/plugin-sql</c> 1.7.2 as well (see
    /// <see cref="Compatibility.PluginSqlJournal"/>). Default true.
    /// </summary>
    public bool KeepPluginSqlCompatible { get; init; } = true;
}
