// Usage: MigrateProbe <connection string> <plugin name> <snapshot json file> [--force]
// Prints "OUTCOME <outcome>" and exits 0 when the migration was applied or had nothing to do.
using ElizaGen.Runtime.Migrations;
using ElizaGen.Runtime.Snapshots;
using ElizaGen.Schema;
using ElizaGen.Schema.Ddl;
using ElizaGen.Schema.Diff;
using ElizaGen.Schema.Snapshots;
using Npgsql;

if (args.Length < 3)
{
    Console.Error.WriteLine("usage: MigrateProbe <connection string> <plugin name> <snapshot json file> [--force]");
    return 2;
}

var snapshot = SnapshotJsonReader.Read(await File.ReadAllTextAsync(args[2]));
var plugin = new PluginSchema(
    args[1],
    snapshot.Tables.IsEmpty ? "public" : snapshot.Tables[0].Schema,
    snapshot,
    SnapshotJsonWriter.WriteCanonical(snapshot),
    SnapshotHash.Compute(snapshot),
    DdlWriter.CreateSql(snapshot),
    RenameHints.None,
    default);

var builder = new NpgsqlConnectionStringBuilder(args[0]) { ApplicationName = "elizagen-migrate-probe", Pooling = false };
await using var dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
var report = await new Migrator(dataSource).MigrateAsync(plugin, new MigrationOptions { Force = args.Contains("--force"), ThrowOnFailure = false });
var result = report.Plugins[0];
Console.WriteLine($"OUTCOME {result.Outcome}");
if (result.Error is not null) Console.Error.WriteLine(result.Error.Message);
return result.Outcome is MigrationOutcome.Applied or MigrationOutcome.NoChanges ? 0 : 1;
