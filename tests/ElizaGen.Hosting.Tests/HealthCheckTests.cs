using ElizaGen.Testing;
using ElizaGen.Tests.SamplePlugin;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace ElizaGen.Hosting.Tests;

public sealed class HealthCheckTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task Healthy_once_the_server_answers_and_every_plugin_is_migrated()
    {
        await using var database = await postgres.CreateDatabaseAsync();
        var builder = TestHost.Builder(database.ConnectionString);
        builder.Services.AddElizaGen().AddPlugin(SampleNotesSchema.Plugin);
        using var host = builder.Build();
        await host.StartAsync();

        var entry = await CheckAsync(host);

        Assert.Equal(HealthStatus.Healthy, entry.Status);
        Assert.Empty((string[])entry.Data["pending"]);
        await host.StopAsync();
    }

    [Fact]
    public async Task Unhealthy_while_a_plugin_is_not_migrated_then_healthy_after_migration()
    {
        await using var database = await postgres.CreateDatabaseAsync();
        var builder = TestHost.Builder(database.ConnectionString, ("ElizaGen:MigrateOnStartup", "false"));
        builder.Services.AddElizaGen().AddPlugin(SampleNotesSchema.Plugin);
        using var host = builder.Build();
        await host.StartAsync();

        var before = await CheckAsync(host);
        Assert.Equal(HealthStatus.Unhealthy, before.Status);
        Assert.Contains("@elizagen/sample-notes", before.Description);
        Assert.Equal(["@elizagen/sample-notes"], (string[])before.Data["pending"]);

        await host.Services.GetRequiredService<Runtime.Migrations.Migrator>().MigrateAsync(SampleNotesSchema.Plugin);

        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(host)).Status);
        await host.StopAsync();
    }

    [Fact]
    public async Task Unhealthy_when_the_server_does_not_answer()
    {
        await using var database = await postgres.CreateDatabaseAsync();
        var missing = new Npgsql.NpgsqlConnectionStringBuilder(database.ConnectionString) { Database = database.Name + "_missing" }.ConnectionString;
        var builder = TestHost.Builder(missing, ("ElizaGen:MigrateOnStartup", "false"));
        builder.Services.AddElizaGen().AddPlugin(SampleNotesSchema.Plugin);
        using var host = builder.Build();
        await host.StartAsync();

        var entry = await CheckAsync(host);

        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Contains("does not answer", entry.Description);
        await host.StopAsync();
    }

    private static async Task<HealthReportEntry> CheckAsync(IHost host)
    {
        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        return report.Entries[ElizaGenHealthCheck.Name];
    }
}
