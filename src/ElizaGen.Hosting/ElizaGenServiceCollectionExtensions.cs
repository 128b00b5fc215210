using ElizaGen.Runtime.Connections;
using ElizaGen.Runtime.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ElizaGen.Hosting;

/// <summary>Registers ElizaGen in a Microsoft.Extensions container.</summary>
public static class ElizaGenServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <see cref="ElizaDatabase"/> (also as <see cref="IDatabaseExecutor"/>; opened once, closed when the host stops; SIGINT and SIGTERM are left
    /// to the host), its <see cref="Migrator"/>, a start-up migration that runs before every other hosted service, and
    /// the <c>elizagen</c> health check. Settings come from the <c>ElizaGen</c> configuration section, then from
    /// <paramref name="configure"/>. Add plugins to the returned builder: <c>.AddPlugin(MySchema.Plugin)</c>.
    /// Calling it again returns a builder over the same registrations (and applies <paramref name="configure"/> too).
    /// </summary>
    public static ElizaGenBuilder AddElizaGen(this IServiceCollection services, Action<ElizaGenOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var existing = services.FirstOrDefault(d => d.ServiceType == typeof(ElizaGenPlugins))?.ImplementationInstance as ElizaGenPlugins;
        var plugins = existing ?? Register(services);
        // After the configuration binding (registered first), so that code wins over configuration.
        if (configure is not null) services.Configure(configure);
        return new ElizaGenBuilder(services, plugins);
    }

    private static ElizaGenPlugins Register(IServiceCollection services)
    {
        var plugins = new ElizaGenPlugins();
        services.AddSingleton(plugins);
        services.AddOptions();
        services.AddSingleton<IConfigureOptions<ElizaGenOptions>, ElizaGenConfiguration>();
        services.AddSingleton<ElizaDatabaseLifetime>();
        // Opened by the start-up migration; resolving it earlier (say, in a hosted service's constructor) opens it there.
        services.AddSingleton(sp => sp.GetRequiredService<ElizaDatabaseLifetime>().GetDatabaseAsync().GetAwaiter().GetResult());
        services.AddSingleton<IDatabaseExecutor>(sp => sp.GetRequiredService<ElizaDatabase>());
        services.AddSingleton(sp => sp.GetRequiredService<ElizaDatabase>().Migrator);

        // First in the list, so that its StartingAsync runs before any other lifecycle service's.
        services.Insert(0, ServiceDescriptor.Singleton<IHostedService, StartupMigration>());

        services.AddHealthChecks().AddCheck<ElizaGenHealthCheck>(ElizaGenHealthCheck.Name, tags: [ElizaGenHealthCheck.Name]);
        return plugins;
    }
}
