using ElizaGen.Runtime.Connections;
using ElizaGen.Runtime.Resilience;

namespace ElizaGen.Hosting;

/// <summary>
/// Settings of <see cref="ElizaGenServiceCollectionExtensions.AddElizaGen"/>, bound from the configuration section
/// <c>ElizaGen</c> (<c>ElizaGen:ConnectionString</c>, <c>ElizaGen:Force</c>, <c>ElizaGen:Pool:MaxPoolSize</c>, …; as
/// environment variables <c>ElizaGen__Force=true</c>), then changed by the delegate given to <c>AddElizaGen</c>.
/// </summary>
public sealed class ElizaGenOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "ElizaGen";

    /// <summary>The name looked up under <c>ConnectionStrings</c> when <see cref="ConnectionString"/> is not set.</summary>
    public const string ConnectionStringName = "ElizaGen";

    /// <summary>
    /// The server: a <c>postgres://</c> URL or an Npgsql key=value string. When empty: <c>ConnectionStrings:ElizaGen</c>,
    /// else the <c>POSTGRES_URL</c> environment variable, else <c>DATABASE_URL</c>, else the embedded server.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>Migrate the registered plugins when the host starts, before any other hosted service starts. Default true.</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>
    /// Apply destructive steps (dropped tables or columns, narrowed types…) at start-up. Default false: start-up fails
    /// with the plan instead. <c>ELIZA_ALLOW_DESTRUCTIVE_MIGRATIONS=true</c> has the same effect.
    /// </summary>
    public bool Force { get; set; }

    /// <summary>Run the start-up migration and roll it back: the plan is logged, nothing is changed. Default false.</summary>
    public bool DryRun { get; set; }

    /// <summary>Log every migration statement at information level (otherwise debug). Default false.</summary>
    public bool Verbose { get; set; }

    /// <summary>
    /// When the ElizaOS core schema is registered, keep the database openable by the TypeScript
    /// <c>@elizaos/plugin-sql</c> 1.7.2 (its journal mark; see <c>PluginSqlJournal</c>). Default true.
    /// </summary>
    public bool KeepPluginSqlCompatible { get; set; } = true;

    /// <summary>Connection-pool settings (<c>ElizaGen:Pool:MaxPoolSize</c>, …).</summary>
    public ConnectionPoolOptions Pool { get; set; } = new();

    /// <summary>Retry, circuit-breaker and connection-timeout settings (<c>ElizaGen:Resilience:MaxRetries</c>, …).</summary>
    public ResilienceOptions Resilience { get; set; } = new();

    /// <summary>How long closing the database on host stop waits for running calls. Default 5 s.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The embedded server's data folder, used only when no connection string is found. When empty:
    /// <c>ELIZA_DATA_DIR</c>, else <c>PGLITE_DATA_DIR</c>, else <c>./.eliza/.elizadb</c>.
    /// </summary>
    public string? DataDirectory { get; set; }

    /// <summary>The PostgreSQL <c>bin</c> folder for the embedded server. When empty: <c>ELIZA_PG_BIN</c>, else found on the machine.</summary>
    public string? BinDirectory { get; set; }
}
