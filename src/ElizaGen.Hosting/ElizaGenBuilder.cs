using System.Reflection;
using ElizaGen.PluginSql;
using ElizaGen.Runtime.Connections;
using ElizaGen.Schema;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ElizaGen.Hosting;

/// <summary>What <see cref="ElizaGenServiceCollectionExtensions.AddElizaGen"/> returns: registers plugins and repositories.</summary>
public sealed class ElizaGenBuilder
{
    private readonly ElizaGenPlugins _plugins;

    internal ElizaGenBuilder(IServiceCollection services, ElizaGenPlugins plugins)
    {
        Services = services;
        _plugins = plugins;
    }

    /// <summary>The service collection, for extensions that build on ElizaGen (say, a database adapter).</summary>
    public IServiceCollection Services { get; }

    /// <summary>
    /// Registers a plugin's schema, migrated at start-up: pass the generated <c>Plugin</c> property
    /// (<c>.AddPlugin(AcmePluginNotesSchema.Plugin)</c>).
    /// </summary>
    /// <exception cref="ArgumentException">A different schema with the same plugin name is already registered.</exception>
    public ElizaGenBuilder AddPlugin(PluginSchema plugin)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        _plugins.Add(plugin);
        return this;
    }

    /// <summary>
    /// Registers the ElizaOS core schema (<c>@elizaos/plugin-sql</c>: agents, memories, rooms, …) for the start-up
    /// migration, without an adapter (for hosts that build one <see cref="ElizaDatabaseAdapter"/> per agent themselves:
    /// <c>new ElizaDatabaseAdapter(sp.GetRequiredService&lt;ElizaDatabase&gt;(), agentId)</c>).
    /// </summary>
    public ElizaGenBuilder AddElizaOSCore() => AddPlugin(PluginSqlSchema.Plugin);

    /// <summary>
    /// Registers the ElizaOS core schema and an <see cref="ElizaDatabaseAdapter"/> singleton for
    /// <paramref name="agentId"/> over the host's database (which the host closes; the adapter leaves it open). The
    /// schema is migrated at start-up with the other plugins, so the adapter needs no <c>InitAsync</c>.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="agentId"/> is empty.</exception>
    public ElizaGenBuilder AddElizaOSAdapter(Guid agentId)
    {
        if (agentId == Guid.Empty) throw new ArgumentException("The agent id must not be empty: pass the id of the agent the adapter works for.", nameof(agentId));
        AddElizaOSCore();
        Services.TryAddSingleton(sp => new ElizaDatabaseAdapter(
            sp.GetRequiredService<ElizaDatabase>(), agentId,
            new ElizaDatabaseAdapterOptions
            {
                Plugins = _plugins.All.Where(p => p.Name != PluginSqlSchema.Plugin.Name).ToArray(),
                KeepPluginSqlCompatible = sp.GetRequiredService<IOptions<ElizaGenOptions>>().Value.KeepPluginSqlCompatible,
            }));
        return this;
    }

    /// <summary>
    /// Registers a generated repository (<c>NoteRepository</c>) as a singleton over the host's database. A constructor
    /// taking an <see cref="IDatabaseExecutor"/> is preferred (every call then goes through the database's retry and
    /// circuit-breaker pipeline); else one taking an <see cref="NpgsqlDataSource"/> (one attempt per call). Any other
    /// parameters come from the container.
    /// </summary>
    /// <exception cref="ArgumentException"><typeparamref name="TRepository"/> has neither constructor.</exception>
    public ElizaGenBuilder AddRepository<TRepository>() where TRepository : class
    {
        var type = typeof(TRepository);
        var parameterTypes = type.GetConstructors(BindingFlags.Public | BindingFlags.Instance)
            .SelectMany(c => c.GetParameters())
            .Select(p => p.ParameterType)
            .ToHashSet();
        if (parameterTypes.Contains(typeof(IDatabaseExecutor)) || parameterTypes.Contains(typeof(ElizaDatabase)))
        {
            Services.TryAddSingleton(sp => ActivatorUtilities.CreateInstance<TRepository>(sp, sp.GetRequiredService<ElizaDatabase>()));
        }
        else if (parameterTypes.Contains(typeof(NpgsqlDataSource)))
        {
            Services.TryAddSingleton(sp => ActivatorUtilities.CreateInstance<TRepository>(sp, sp.GetRequiredService<ElizaDatabase>().DataSource));
        }
        else
        {
            throw new ArgumentException(
                $"{type.FullName} has no public constructor that takes an IDatabaseExecutor or an NpgsqlDataSource, so AddRepository " +
                "cannot build it. Pass a repository the ElizaGen generator emitted (<Record>Repository), or register the type " +
                "yourself: services.AddSingleton(sp => new MyType(sp.GetRequiredService<ElizaDatabase>())).", nameof(TRepository));
        }
        return this;
    }
}
