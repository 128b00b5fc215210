using ElizaGen.PluginSql;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ElizaGen.Hosting;

/// <summary>
/// The <c>elizagen</c> health check: healthy when PostgreSQL answers <c>SELECT 1</c> (and the circuit breaker is
/// closed) and every registered plugin's schema hash is the last one its journal recorded; otherwise the
/// registration's failure status, with what is wrong in words.
/// </summary>
public sealed class ElizaGenHealthCheck : IHealthCheck
{
    /// <summary>The name the check is registered under.</summary>
    public const string Name = "elizagen";

    private readonly ElizaDatabaseLifetime _lifetime;
    private readonly ElizaGenPlugins _plugins;

    /// <summary>Created by the health-check service.</summary>
    public ElizaGenHealthCheck(ElizaDatabaseLifetime lifetime, ElizaGenPlugins plugins)
    {
        _lifetime = lifetime ?? throw new ArgumentNullException(nameof(lifetime));
        _plugins = plugins ?? throw new ArgumentNullException(nameof(plugins));
    }

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var failure = context?.Registration?.FailureStatus ?? HealthStatus.Unhealthy;
        try
        {
            var database = await _lifetime.GetDatabaseAsync(cancellationToken).ConfigureAwait(false);
            var data = new Dictionary<string, object> { ["server"] = database.Server, ["source"] = database.Source.ToString() };
            if (!await database.IsReadyAsync(cancellationToken).ConfigureAwait(false))
            {
                return new HealthCheckResult(failure, $"PostgreSQL at {database.Server} does not answer (or its circuit breaker is open).", data: data);
            }

            var pending = await PluginSqlMigrations.FindPendingAsync(database, _plugins.All, cancellationToken).ConfigureAwait(false);
            data["plugins"] = _plugins.All.Select(p => p.Name).ToArray();
            data["pending"] = pending.Select(p => p.Name).ToArray();
            if (pending.Count > 0)
            {
                return new HealthCheckResult(failure,
                    $"PostgreSQL at {database.Server} answers, but {pending.Count} of {_plugins.All.Count} plugins are not migrated to their compiled schema: " +
                    string.Join(", ", pending.Select(p => p.Name)) + ". Migrate them (at start-up, or `elizagen migrate`).", data: data);
            }
            return HealthCheckResult.Healthy($"PostgreSQL at {database.Server} answers; {_plugins.All.Count} plugins up to date.", data);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(failure, $"ElizaGen database check failed: {e.Message}", e);
        }
    }
}
