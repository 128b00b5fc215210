using ElizaGen.Runtime.Connections;
using ElizaGen.Tests.SamplePlugin;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ElizaGen.Hosting.Tests;

public sealed class ConfigurationTests
{
    [Fact]
    public void Options_are_bound_from_the_ElizaGen_section()
    {
        var builder = TestHost.Builder(new Dictionary<string, string?>
        {
            ["ElizaGen:ConnectionString"] = "Host=db.example;Database=agents",
            ["ElizaGen:Force"] = "true",
            ["ElizaGen:DryRun"] = "true",
            ["ElizaGen:Verbose"] = "true",
            ["ElizaGen:MigrateOnStartup"] = "false",
            ["ElizaGen:Pool:MaxPoolSize"] = "7",
            ["ElizaGen:Pool:ConnectionIdleLifetime"] = "00:01:00",
            ["ElizaGen:Resilience:MaxRetries"] = "1",
            ["ElizaGen:Resilience:BaseDelay"] = "00:00:02",
            ["ElizaGen:ShutdownTimeout"] = "00:00:09",
            ["ElizaGen:DataDirectory"] = "/var/lib/agent",
        });
        builder.Services.AddElizaGen();
        using var host = builder.Build();

        var options = host.Services.GetRequiredService<IOptions<ElizaGenOptions>>().Value;

        Assert.Equal("Host=db.example;Database=agents", options.ConnectionString);
        Assert.True(options.Force);
        Assert.True(options.DryRun);
        Assert.True(options.Verbose);
        Assert.False(options.MigrateOnStartup);
        Assert.Equal(7, options.Pool.MaxPoolSize);
        Assert.Equal(TimeSpan.FromMinutes(1), options.Pool.ConnectionIdleLifetime);
        Assert.Equal(1, options.Resilience.MaxRetries);
        Assert.Equal(TimeSpan.FromSeconds(2), options.Resilience.BaseDelay);
        Assert.Equal(TimeSpan.FromSeconds(9), options.ShutdownTimeout);

        var runtime = ElizaDatabaseLifetime.BuildDatabaseOptions(options, loggerFactory: null);
        Assert.Equal("Host=db.example;Database=agents", runtime.ConnectionString);
        Assert.Equal(7, runtime.Pool.MaxPoolSize);
        Assert.Equal(1, runtime.Resilience.MaxRetries);
        Assert.Equal(TimeSpan.FromSeconds(9), runtime.ShutdownTimeout);
        Assert.Equal("/var/lib/agent", runtime.Embedded?.DataDirectory);
        Assert.Equal(ShutdownSignalBehavior.Ignore, runtime.ShutdownSignals);
    }

    [Fact]
    public void Defaults_leave_the_server_to_the_runtime_environment_variables()
    {
        var builder = TestHost.Builder(new Dictionary<string, string?>());
        builder.Services.AddElizaGen();
        using var host = builder.Build();

        var options = host.Services.GetRequiredService<IOptions<ElizaGenOptions>>().Value;
        var runtime = ElizaDatabaseLifetime.BuildDatabaseOptions(options, loggerFactory: null);

        Assert.True(options.MigrateOnStartup);
        Assert.False(options.Force);
        Assert.False(options.DryRun);
        Assert.Null(runtime.ConnectionString);   // POSTGRES_URL, DATABASE_URL or the embedded server
        Assert.Null(runtime.Embedded);          // ELIZA_DATA_DIR or the default folder
        Assert.Equal(20, runtime.Pool.MaxPoolSize);
    }

    [Fact]
    public void The_connection_string_may_come_from_ConnectionStrings_and_code_wins_over_configuration()
    {
        var builder = TestHost.Builder(new Dictionary<string, string?>
        {
            ["ConnectionStrings:ElizaGen"] = "Host=from-connection-strings",
            ["ElizaGen:Force"] = "true",
        });
        builder.Services.AddElizaGen(o => o.Force = false);
        using var host = builder.Build();

        var options = host.Services.GetRequiredService<IOptions<ElizaGenOptions>>().Value;

        Assert.Equal("Host=from-connection-strings", options.ConnectionString);
        Assert.False(options.Force);
    }

    [Fact]
    public async Task An_invalid_setting_fails_start_up_naming_the_configuration_section()
    {
        var builder = TestHost.Builder(new Dictionary<string, string?>
        {
            ["ElizaGen:ConnectionString"] = "Host=localhost",
            ["ElizaGen:Pool:MaxPoolSize"] = "0",
        });
        builder.Services.AddElizaGen();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.Contains("MaxPoolSize", error.Message);
        Assert.Contains("'ElizaGen' configuration section", error.Message);
    }

    [Fact]
    public async Task A_value_of_the_wrong_kind_fails_start_up_naming_the_key()
    {
        var builder = TestHost.Builder(new Dictionary<string, string?> { ["ElizaGen:Force"] = "yes please" });
        builder.Services.AddElizaGen();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.Contains("ElizaGen:Force", error.Message);
        Assert.Contains("true/false", error.Message);
    }

    [Fact]
    public void Registering_two_different_schemas_under_one_plugin_name_is_refused()
    {
        var services = new ServiceCollection();
        var builder = services.AddElizaGen().AddPlugin(SampleNotesSchema.Plugin).AddPlugin(SampleNotesSchema.Plugin);

        var error = Assert.Throws<ArgumentException>(() => builder.AddPlugin(TestHost.SampleWithLegacyColumn()));

        Assert.Contains("@elizagen/sample-notes", error.Message);
        Assert.Single(services.BuildServiceProvider().GetRequiredService<ElizaGenPlugins>().All);
    }

    [Fact]
    public void The_start_up_migration_is_the_first_hosted_service_and_AddElizaGen_twice_registers_it_once()
    {
        var services = new ServiceCollection();
        services.AddHostedService<OtherService>();
        services.AddElizaGen().AddPlugin(SampleNotesSchema.Plugin);
        services.AddElizaGen(o => o.Verbose = true);

        var hosted = services.Where(d => d.ServiceType == typeof(IHostedService)).ToList();
        Assert.Equal(typeof(StartupMigration), hosted[0].ImplementationType);
        Assert.Single(hosted, d => d.ImplementationType == typeof(StartupMigration));
        Assert.Single(services, d => d.ServiceType == typeof(ElizaGenPlugins));
    }

    private sealed class OtherService : BackgroundService
    {
        protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.CompletedTask;
    }
}
