using ElizaGen.PluginSql;
using ElizaGen.PluginSql.Compatibility;
using ElizaGen.Testing;
using ElizaGen.Tests.SamplePlugin;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace ElizaGen.Hosting.Tests;

public sealed class ElizaOSAdapterTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static readonly Guid AgentId = Guid.Parse("0b6f5f3e-8d6a-4c1e-9a63-5a1f2b7c9d10");

    [Fact]
    public async Task The_adapter_works_once_the_host_has_started_and_the_core_schema_stays_openable_by_plugin_sql()
    {
        await using var database = await postgres.CreateDatabaseAsync();
        var builder = TestHost.Builder(database.ConnectionString);
        builder.Services.AddElizaGen().AddElizaOSAdapter(AgentId).AddPlugin(SampleNotesSchema.Plugin);
        using var host = builder.Build();
        await host.StartAsync();

        var adapter = host.Services.GetRequiredService<ElizaDatabaseAdapter>();
        Assert.Equal(AgentId, adapter.AgentId);
        Assert.True(await adapter.CreateAgentAsync(new PluginSql.Models.Agent { Id = AgentId, Name = "Eliza" }));
        Assert.Equal("Eliza", (await adapter.GetAgentAsync(AgentId))?.Name);
        Assert.True(await IsMarkedForPluginSqlAsync(database.ConnectionString));
        Assert.True(await TestHost.ExistsAsync(database.ConnectionString, "elizagen_sample_notes.notes"));

        var health = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        Assert.Equal(HealthStatus.Healthy, health.Entries[ElizaGenHealthCheck.Name].Status);
        await host.StopAsync();
        Assert.True(host.Services.GetRequiredService<ElizaGen.Runtime.Connections.ElizaDatabase>().IsClosed);
    }

    [Fact]
    public async Task A_second_start_finds_everything_up_to_date_and_writes_no_journal_row()
    {
        await using var database = await postgres.CreateDatabaseAsync();
        await StartAndStopAsync(database.ConnectionString);
        var rows = await TestHost.ScalarAsync<long>(database.ConnectionString, "SELECT count(*) FROM migrations._migrations");

        await StartAndStopAsync(database.ConnectionString);

        Assert.Equal(rows, await TestHost.ScalarAsync<long>(database.ConnectionString, "SELECT count(*) FROM migrations._migrations"));
        Assert.True(await IsMarkedForPluginSqlAsync(database.ConnectionString));
    }

    [Fact]
    public void An_empty_agent_id_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new ServiceCollection().AddElizaGen().AddElizaOSAdapter(Guid.Empty));

        Assert.Contains("agent id", error.Message);
    }

    private static async Task StartAndStopAsync(string connectionString)
    {
        var builder = TestHost.Builder(connectionString);
        builder.Services.AddElizaGen().AddElizaOSCore();
        using var host = builder.Build();
        await host.StartAsync();
        await host.StopAsync();
    }

    private static async Task<bool> IsMarkedForPluginSqlAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return await PluginSqlJournal.IsMarkedAsync(connection, PluginSqlSchema.Plugin.Hash, CancellationToken.None);
    }
}
