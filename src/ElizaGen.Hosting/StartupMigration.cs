using ElizaGen.PluginSql;
using ElizaGen.Runtime.Migrations;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ElizaGen.Hosting;

/// <summary>
/// Migrates the registered plugins in <see cref="StartingAsync"/>: the host calls every lifecycle service's
/// <c>StartingAsync</c> before any hosted service's <c>StartAsync</c>, and this service is registered first, so the
/// schema is in place before anything else runs. A blocked or failed migration fails start-up with the report.
/// Closes the database in <see cref="StoppedAsync"/>, after every hosted service has stopped.
/// </summary>
internal sealed partial class StartupMigration(
    ElizaDatabaseLifetime lifetime, ElizaGenPlugins plugins, IOptions<ElizaGenOptions> options, ILogger<StartupMigration>? logger = null)
    : IHostedLifecycleService
{
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var database = await lifetime.GetDatabaseAsync(cancellationToken).ConfigureAwait(false);
        if (!settings.MigrateOnStartup)
        {
            LogSkipped(plugins.All.Count);
            return;
        }
        if (plugins.All.Count == 0)
        {
            LogNoPlugins();
            return;
        }

        var migrationOptions = new MigrationOptions { Force = settings.Force, DryRun = settings.DryRun, Verbose = settings.Verbose, ThrowOnFailure = true };
        MigrationReport report;
        try
        {
            report = await PluginSqlMigrations.MigrateAsync(
                database, database.Migrator, plugins.All, migrationOptions, settings.KeepPluginSqlCompatible, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            throw new InvalidOperationException(
                $"ElizaGen could not migrate at start-up: PostgreSQL at {database.Server} (from {database.Source}) did not answer ({e.Message.TrimEnd('.')}). " +
                $"Check that the server runs and that {ElizaGenOptions.SectionName}:ConnectionString (or POSTGRES_URL) points at it.", e);
        }

        foreach (var result in report.Plugins)
        {
            switch (result.Outcome)
            {
                case MigrationOutcome.Applied:
                    LogApplied(result.PluginName, result.Steps.Count, (long)result.Duration.TotalMilliseconds);
                    break;
                case MigrationOutcome.Planned:
                    LogPlanned(result.PluginName, result.Steps.Count, string.Join(Environment.NewLine, result.Steps.Select(s => s.Sql)));
                    break;
                default:
                    LogUpToDate(result.PluginName);
                    break;
            }
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => lifetime.CloseAsync();

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "ElizaGen: start-up migration is off (MigrateOnStartup=false); {Count} plugins registered")]
    private partial void LogSkipped(int count);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "ElizaGen: no plugin registered, nothing to migrate; register one with AddElizaGen().AddPlugin(MySchema.Plugin)")]
    private partial void LogNoPlugins();

    [LoggerMessage(EventId = 103, Level = LogLevel.Information, Message = "ElizaGen: plugin {Plugin} migrated ({Count} statements, {ElapsedMs} ms)")]
    private partial void LogApplied(string plugin, int count, long elapsedMs);

    [LoggerMessage(EventId = 104, Level = LogLevel.Warning, Message = "ElizaGen: dry run, plugin {Plugin} would run {Count} statements (rolled back, nothing changed):\n{Sql}")]
    private partial void LogPlanned(string plugin, int count, string sql);

    [LoggerMessage(EventId = 105, Level = LogLevel.Information, Message = "ElizaGen: plugin {Plugin} is up to date")]
    private partial void LogUpToDate(string plugin);
}
