using ElizaGen.Runtime.Migrations;
using ElizaGen.Runtime.Snapshots;
using ElizaGen.Schema;
using ElizaGen.Schema.Snapshots;
using Npgsql;

namespace ElizaGen.Runtime.Tests.Migrations;

/// <summary>
/// The child-process side of the migration process tests: <c>dotnet ElizaGen.Runtime.Tests.dll migrate
/// &lt;connection string&gt; &lt;plugin&gt; &lt;snapshot.json&gt;</c> runs one migration and prints <c>OUTCOME &lt;outcome&gt;</c>.
/// </summary>
internal static class MigrateChild
{
    public const string Verb = "migrate";
    public const string ApplicationName = "elizagen-migrate-child";

    public static async Task<int> RunAsync(string connectionString, string pluginName, string snapshotPath)
    {
        var snapshot = SnapshotJsonReader.Read(await File.ReadAllTextAsync(snapshotPath));
        var plugin = PluginSchema.FromSnapshot(pluginName, snapshot.Tables.IsEmpty ? "public" : snapshot.Tables[0].Schema, snapshot);

        var builder = new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = ApplicationName, Pooling = false };
        await using var dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        var report = await new Migrator(dataSource).MigrateAsync(plugin, new MigrationOptions { ThrowOnFailure = false });
        var result = report.Plugins[0];
        Console.WriteLine($"OUTCOME {result.Outcome}");
        if (result.Error is not null) Console.Error.WriteLine(result.Error.Message);
        return result.Outcome is MigrationOutcome.Applied or MigrationOutcome.NoChanges ? 0 : 1;
    }
}
