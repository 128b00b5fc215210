using ElizaGen.Schema;
using ElizaGen.Schema.Snapshots;
using ElizaGen.Tests.SamplePlugin;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace ElizaGen.Hosting.Tests;

/// <summary>Builds generic hosts the way an application does, with settings given as configuration.</summary>
internal static class TestHost
{
    public static HostApplicationBuilder Builder(IReadOnlyDictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        return builder;
    }

    public static HostApplicationBuilder Builder(string connectionString, params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string?> { ["ElizaGen:ConnectionString"] = connectionString };
        foreach (var (key, value) in more) settings[key] = value;
        return Builder(settings);
    }

    /// <summary>
    /// The sample plugin as an older release declared it: its <c>notes</c> table also had a <c>legacy</c> column,
    /// which the current release drops (a destructive step).
    /// </summary>
    public static PluginSchema SampleWithLegacyColumn()
        => SampleWithNotes(t => t with { Columns = t.Columns.Append(new ColumnSnapshot("legacy", "text")).ToArray() });

    /// <summary>
    /// The sample plugin as an older release declared it: <c>notes.title</c> was nullable, so rows without a title
    /// make the current release's NOT NULL fail.
    /// </summary>
    public static PluginSchema SampleWithOptionalTitle()
        => SampleWithNotes(t => t with { Columns = t.Columns.Select(c => c.Name == "title" ? c with { NotNull = false } : c).ToArray() });

    private static PluginSchema SampleWithNotes(Func<TableSnapshot, TableSnapshot> change)
    {
        var current = SampleNotesSchema.Plugin;
        var tables = current.Snapshot.Tables.Select(t => t.Name == "notes" ? change(t) : t);
        var snapshot = SchemaSnapshot.Create(tables, current.Snapshot.Enums, current.Snapshot.Schemas);
        return PluginSchema.FromSnapshot(current.Name, current.SchemaName, snapshot, current.Renames, current.Dependencies, current.Extensions);
    }

    public static async Task<T?> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull or null ? default : (T)value;
    }

    public static Task<bool> ExistsAsync(string connectionString, string relation)
        => ScalarAsync<bool>(connectionString, $"SELECT to_regclass('{relation}') IS NOT NULL");
}

/// <summary>
/// A hosted service of the application: it writes through a generated repository in StartAsync, which works only
/// when the schema is migrated before other hosted services start.
/// </summary>
internal sealed class WritesAtStart(NotebookRepository notebooks) : IHostedService
{
    public static readonly Guid NotebookId = Guid.Parse("6d1f9f5e-2f57-4d3c-9f3e-1b2a3c4d5e6f");

    public bool Started { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await notebooks.InsertAsync(new Notebook(NotebookId, "written at start", DateTimeOffset.UtcNow), cancellationToken);
        Started = true;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

internal static class ServiceCollectionTestExtensions
{
    /// <summary>Registers <see cref="WritesAtStart"/> as a hosted service, resolvable as itself.</summary>
    public static IServiceCollection AddWritesAtStart(this IServiceCollection services)
    {
        services.AddSingleton<WritesAtStart>();
        services.AddHostedService(sp => sp.GetRequiredService<WritesAtStart>());
        return services;
    }
}
