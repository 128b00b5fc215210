using ElizaGen.PluginSql.Compatibility;
using ElizaGen.PluginSql.Embeddings;
using ElizaGen.PluginSql.Internal;
using ElizaGen.Runtime.Connections;
using ElizaGen.Runtime.Migrations;
using ElizaGen.Runtime.Resilience;
using ElizaGen.Schema;
using Npgsql;

namespace ElizaGen.PluginSql;

/// <summary>
/// The ElizaOS database adapter for one agent (the C# counterpart of <c>@elizaos/plugin-sql</c> 1.7.2's
/// <c>IDatabaseAdapter</c>): agents, entities and components, memories with vector search, rooms, participants,
/// worlds, relationships, cache, tasks, logs and the messaging tables, over the core schema
/// (<see cref="PluginSqlSchema"/>).
/// </summary>
/// <remarks>
/// Every call goes through <see cref="ElizaDatabase"/>'s resilience pipeline once (retry of transient failures as the
/// operation allows, circuit breaker). Writes that span several statements run in one transaction. Methods that
/// act "for the agent" use <see cref="AgentId"/>, as the original does.
/// </remarks>
public sealed partial class ElizaDatabaseAdapter : IAsyncDisposable
{
    private readonly ElizaDatabase _database;
    private readonly bool _ownsDatabase;
    private readonly ElizaDatabaseAdapterOptions _options;
    private readonly List<PluginSchema> _plugins;
    private int _dimension = EmbeddingDimensions.Default;

    /// <summary>Creates an adapter for <paramref name="agentId"/> over an open database (which the adapter does not close).</summary>
    /// <param name="database">The database.</param>
    /// <param name="agentId">The agent this adapter works for.</param>
    /// <param name="options">Plugins to migrate and migration options.</param>
    public ElizaDatabaseAdapter(ElizaDatabase database, Guid agentId, ElizaDatabaseAdapterOptions? options = null)
        : this(database, agentId, options, ownsDatabase: false)
    {
    }

    private ElizaDatabaseAdapter(ElizaDatabase database, Guid agentId, ElizaDatabaseAdapterOptions? options, bool ownsDatabase)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (agentId == Guid.Empty) throw new ArgumentException("The agent id must not be empty: pass the id of the agent this adapter works for.", nameof(agentId));
        _database = database;
        _ownsDatabase = ownsDatabase;
        _options = options ?? new ElizaDatabaseAdapterOptions();
        _plugins = [.. _options.Plugins];
        AgentId = agentId;
    }

    /// <summary>
    /// Opens a database (<see cref="ElizaDatabaseAdapterOptions.Database"/>: a connection string, <c>POSTGRES_URL</c>,
    /// or the embedded server) and creates an adapter that closes it in <see cref="CloseAsync"/>. Call
    /// <see cref="InitAsync"/> next.
    /// </summary>
    public static async Task<ElizaDatabaseAdapter> OpenAsync(Guid agentId, ElizaDatabaseAdapterOptions? options = null, CancellationToken cancellationToken = default)
    {
        var database = await ElizaDatabase.OpenAsync(options?.Database, cancellationToken).ConfigureAwait(false);
        try
        {
            return new ElizaDatabaseAdapter(database, agentId, options, ownsDatabase: true);
        }
        catch
        {
            await database.CloseAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The agent this adapter works for.</summary>
    public Guid AgentId { get; }

    /// <summary>The database.</summary>
    public ElizaDatabase Database => _database;

    /// <summary>The embedding dimension of the agent (384 until <see cref="EnsureEmbeddingDimensionAsync"/> sets another).</summary>
    public int EmbeddingDimension => Volatile.Read(ref _dimension);

    private string EmbeddingColumn => EmbeddingDimensions.Column(EmbeddingDimension);

    /// <summary>Adds a plugin schema that <see cref="InitAsync"/> migrates with the core schema.</summary>
    public void RegisterPlugin(PluginSchema plugin)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        if (plugin.Name == PluginSqlSchema.Plugin.Name) return;
        lock (_plugins)
        {
            if (_plugins.Any(p => p.Name == plugin.Name)) throw new ArgumentException($"Plugin '{plugin.Name}' is already registered; register each plugin once.", nameof(plugin));
            _plugins.Add(plugin);
        }
    }

    /// <summary>
    /// Migrates the core schema and the registered plugins (see <see cref="RunPluginMigrationsAsync"/>). Safe to call
    /// at every start: an up-to-date database costs one or two queries.
    /// </summary>
    /// <exception cref="MigrationFailedException">A plugin was blocked (destructive changes) or failed; nothing of it was applied.</exception>
    public Task<MigrationReport> InitAsync(CancellationToken cancellationToken = default)
    {
        PluginSchema[] plugins;
        lock (_plugins) plugins = [PluginSqlSchema.Plugin, .. _plugins];
        return RunPluginMigrationsAsync(plugins, _options.Migration, cancellationToken);
    }

    /// <summary>
    /// Migrates plugin schemas through ElizaGen's migrator (each in its own transaction under the plugin's advisory
    /// lock; destructive changes blocked unless <see cref="MigrationOptions.Force"/>). When the core schema is among
    /// them, the database is also kept openable by <c>@elizaos/plugin-sql</c> 1.7.2 unless
    /// <see cref="ElizaDatabaseAdapterOptions.KeepPluginSqlCompatible"/> is false.
    /// </summary>
    /// <exception cref="MigrationFailedException">A plugin was blocked or failed (when <see cref="MigrationOptions.ThrowOnFailure"/>).</exception>
    public Task<MigrationReport> RunPluginMigrationsAsync(IEnumerable<PluginSchema> plugins, MigrationOptions? options = null, CancellationToken cancellationToken = default)
        => PluginSqlMigrations.MigrateAsync(_database, _database.Migrator, plugins, options, _options.KeepPluginSqlCompatible, cancellationToken);

    /// <summary>True when the server answers now (one attempt, no retry).</summary>
    public Task<bool> IsReadyAsync(CancellationToken cancellationToken = default) => _database.IsReadyAsync(cancellationToken);

    /// <summary>
    /// Closes the database when this adapter opened it (<see cref="OpenAsync"/>); an adapter built over a database
    /// leaves it open for its owner.
    /// </summary>
    public Task CloseAsync(CancellationToken cancellationToken = default)
        => _ownsDatabase ? _database.CloseAsync().WaitAsync(cancellationToken) : Task.CompletedTask;

    /// <summary>Same as <see cref="CloseAsync"/>.</summary>
    public ValueTask DisposeAsync() => new(CloseAsync());

    /// <summary>
    /// Sets the agent's embedding dimension (one of <see cref="EmbeddingDimensions.Supported"/>). Once the agent has
    /// embeddings of one dimension, another is refused: vectors of different sizes cannot be compared.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The dimension has no column.</exception>
    /// <exception cref="InvalidOperationException">The agent already has embeddings of another dimension.</exception>
    public async Task EnsureEmbeddingDimensionAsync(int dimension, CancellationToken cancellationToken = default)
    {
        _ = EmbeddingDimensions.Column(dimension);
        var existing = await ReadAsync(async (connection, ct) =>
        {
            await using var command = connection.Command("""
                SELECT CASE WHEN e.dim_384 IS NOT NULL THEN 384 WHEN e.dim_512 IS NOT NULL THEN 512
                            WHEN e.dim_768 IS NOT NULL THEN 768 WHEN e.dim_1024 IS NOT NULL THEN 1024
                            WHEN e.dim_1536 IS NOT NULL THEN 1536 WHEN e.dim_3072 IS NOT NULL THEN 3072 END
                FROM embeddings e JOIN memories m ON m.id = e.memory_id
                WHERE m.agent_id = $1
                  AND num_nonnulls(e.dim_384, e.dim_512, e.dim_768, e.dim_1024, e.dim_1536, e.dim_3072) > 0
                LIMIT 1
                """).With(AgentId);
            var value = await command.ExecuteScalarAsync(ct).ConfigureAwait(false);
            return value is int d ? d : (int?)null;
        }, cancellationToken).ConfigureAwait(false);

        if (existing is { } used && used != dimension)
        {
            throw new InvalidOperationException(
                $"Cannot change embedding dimension for agent {AgentId} from {used} to {dimension}: its memories already have " +
                $"{used}-dimension embeddings (column {EmbeddingDimensions.Column(used)}), and vectors of different sizes cannot be compared. " +
                $"Keep the {used}-dimension embedding model, or delete the agent's memories first.");
        }
        Volatile.Write(ref _dimension, dimension);
    }

    private ValueTask<T> ReadAsync<T>(Func<NpgsqlConnection, CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
        => _database.ExecuteAsync(OperationKind.Read, operation, static async (connection, op, ct) => await op(connection, ct).ConfigureAwait(false), cancellationToken);

    private ValueTask<T> WriteAsync<T>(OperationKind kind, Func<NpgsqlConnection, CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
        => _database.ExecuteAsync(kind, operation, static async (connection, op, ct) => await op(connection, ct).ConfigureAwait(false), cancellationToken);

    /// <summary>Runs <paramref name="operation"/> in one transaction (committed when it returns) as one attempt of the pipeline.</summary>
    private ValueTask<T> TransactionAsync<T>(OperationKind kind, Func<NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
        => _database.ExecuteAsync(kind, operation, static async (connection, op, ct) =>
        {
            await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            var result = await op(connection, transaction, ct).ConfigureAwait(false);
            await transaction.CommitAsync(ct).ConfigureAwait(false);
            return result;
        }, cancellationToken);
}
