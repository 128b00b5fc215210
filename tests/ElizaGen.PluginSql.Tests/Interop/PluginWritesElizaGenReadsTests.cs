using System.Text.Json.Nodes;
using ElizaGen.PluginSql.Compatibility;
using ElizaGen.Runtime.Migrations;
using ElizaGen.Schema.Diff;
using ElizaGen.Testing;
using Npgsql;

namespace ElizaGen.PluginSql.Tests.Interop;

/// <summary>
/// A database that <c>@elizaos/plugin-sql</c> 1.7.2 migrated and filled (eng/interop.sh fill) is opened by ElizaGen:
/// no destructive step, every manifest row intact and readable through the adapter, and the plugin can still open it.
/// </summary>
public sealed class PluginWritesElizaGenReadsTests(PostgresFixture postgres, Xunit.Abstractions.ITestOutputHelper log) : IClassFixture<PostgresFixture>
{
    [NodeFact]
    public async Task A_database_the_plugin_filled_is_opened_without_destructive_steps_and_every_row_reads_back()
    {
        var output = Directory.CreateTempSubdirectory("elizagen-interop-");
        var environment = new Dictionary<string, string> { ["POSTGRES_URL"] = NodeInterop.ToUrl(postgres.AdminConnectionString), ["INTEROP_OUT"] = output.FullName };
        var fill = await NodeInterop.RunAsync(environment, "fill");
        Assert.True(fill.ExitCode == 0, $"eng/interop.sh fill failed ({fill.ExitCode}):\n{fill.Error}\n{fill.Output}");
        var url = fill.Output.Split('\n').Single(l => l.StartsWith("database: ", StringComparison.Ordinal))["database: ".Length..].Trim();
        var manifestPath = fill.Output.Split('\n').Single(l => l.StartsWith("manifest: ", StringComparison.Ordinal))["manifest: ".Length..].Trim();
        var databaseName = NodeInterop.DatabaseOf(url);
        var connectionString = new NpgsqlConnectionStringBuilder(postgres.AdminConnectionString) { Database = databaseName }.ConnectionString;
        try
        {
            var manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!.AsObject();
            Assert.Equal(PluginSqlJournal.PluginSql172Hash, manifest["migration"]!["hash"]!.GetValue<string>());

            await using var database = await AdapterDatabase.OpenAsync(connectionString);
            var alice = Guid.Parse(manifest["tables"]!["agents"]!["rows"]![0]!["id"]!.GetValue<string>());
            Runtime.Migrations.MigrationReport report;
            await using (var adapter = new ElizaDatabaseAdapter(database, alice))
            {
                report = await adapter.InitAsync();
                var core = report[PluginSqlJournal.PluginName];
                Assert.Equal(MigrationOutcome.Applied, core.Outcome);
                Assert.DoesNotContain(core.Steps, s => s.Class == StepClass.Destructive);
                Assert.All(core.Steps, s => Assert.True(
                    s.Sql.Contains("hnsw", StringComparison.Ordinal) || s.Sql.Contains("PRIMARY KEY", StringComparison.Ordinal), s.Sql));
            }

            // Every row is intact (SQL, exact) and the tables hold exactly what the plugin wrote.
            await using (var connection = await database.DataSource.OpenConnectionAsync())
            {
                var tables = manifest["tables"]!.AsObject();
                foreach (var (table, spec) in tables)
                {
                    var (_, rows) = await Manifest.DumpAsync(connection, table);
                    Assert.Equal(manifest["row_counts"]![table]!.GetValue<int>(), rows.Count);
                    var types = spec!["columns"]!.AsObject();
                    var expectedRows = spec["rows"]!.AsArray();
                    Assert.Equal(expectedRows.Count, rows.Count);
                    for (var i = 0; i < rows.Count; i++)
                    {
                        foreach (var (column, value) in expectedRows[i]!.AsObject())
                        {
                            Assert.True(rows[i].ContainsKey(column), $"{table}.{column} is missing");
                            Assert.Null(Manifest.Compare(types[column]!.GetValue<string>(), value, rows[i][column]));
                        }
                    }
                }
            }

            // Every row reads back through the adapter's API.
            var readBack = new ApiReadBack(database, manifest);
            var failures = await readBack.RunAsync();
            Assert.True(failures.Count == 0, $"{failures.Count} of {readBack.Checks} API checks failed:\n{string.Join("\n", failures)}");
            Assert.True(readBack.Checks > 60, $"only {readBack.Checks} checks ran");
            log.WriteLine($"{readBack.Checks} API checks passed; migration steps: {string.Join("; ", report[PluginSqlJournal.PluginName].Steps.Select(s => s.Sql))}");

            // And the plugin still opens it: its migrator finds its own hash and everything reads back through its API.
            var read = await NodeInterop.RunAsync(new Dictionary<string, string> { ["INTEROP_OUT"] = output.FullName }, "read", url, manifestPath);
            Assert.True(read.ExitCode == 0, $"the plugin could not read the database after ElizaGen opened it ({read.ExitCode}):\n{Summary(read.Output)}\n{read.Error}");
            log.WriteLine("plugin read-back: " + Summary(read.Output));
        }
        finally
        {
            await using var admin = new NpgsqlConnection(postgres.AdminConnectionString);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{databaseName}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
            output.Delete(recursive: true);
        }
    }

    internal static string Summary(string verdictJson)
    {
        try
        {
            var verdict = JsonNode.Parse(verdictJson)!;
            var failed = verdict["failed_checks"]?.AsArray().Take(30).Select(c => $"  {c!["table"]} {c["id"]} {c["via"]}: {c["detail"]}") ?? [];
            var runs = verdict["migration"]?["runs"]?.AsArray().Select(r => $"  run: {r!["outcome"]} {r["schema_change_statements"]?.ToJsonString()} {r["error"]}") ?? [];
            return $"ok={verdict["ok"]} summary={verdict["summary"]?.ToJsonString()} warnings={verdict["migration"]?["warnings"]?.ToJsonString()}\n{string.Join("\n", runs)}\n{string.Join("\n", failed)}";
        }
        catch (System.Text.Json.JsonException)
        {
            return verdictJson.Length > 4000 ? verdictJson[..4000] : verdictJson;
        }
    }
}
