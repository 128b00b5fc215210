using System.Text.Json;
using System.Text.Json.Nodes;
using ElizaGen.Testing;

namespace ElizaGen.PluginSql.Tests.Interop;

/// <summary>
/// A database ElizaGen migrated and filled is opened by <c>@elizaos/plugin-sql</c> 1.7.2 (eng/interop.sh read): its
/// migrator finds nothing to do, and every manifest row reads back through its API.
/// </summary>
public sealed class ElizaGenWritesPluginReadsTests(PostgresFixture postgres, Xunit.Abstractions.ITestOutputHelper log) : IClassFixture<PostgresFixture>
{
    [NodeFact]
    public async Task A_database_ElizaGen_filled_is_read_back_by_the_plugin()
    {
        await using var testDatabase = await postgres.CreateDatabaseAsync();
        var output = Directory.CreateTempSubdirectory("elizagen-interop-");
        try
        {
            await using (var database = await AdapterDatabase.OpenAsync(testDatabase.ConnectionString))
            {
                await using var alice = new ElizaDatabaseAdapter(database, ElizaGenDataset.Alice);
                await using var bob = new ElizaDatabaseAdapter(database, ElizaGenDataset.Bob);
                await alice.InitAsync();
                await ElizaGenDataset.FillAsync(alice, bob);

                await using var connection = await database.DataSource.OpenConnectionAsync();
                var manifest = await Manifest.WriteAsync(connection, "tests/ElizaGen.PluginSql.Tests (ElizaGenDataset)");
                File.WriteAllText(Path.Combine(output.FullName, "manifest.json"), manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            }

            var url = NodeInterop.ToUrl(testDatabase.ConnectionString);
            var read = await NodeInterop.RunAsync(new Dictionary<string, string> { ["INTEROP_OUT"] = output.FullName }, "read", url, Path.Combine(output.FullName, "manifest.json"));

            Assert.True(read.ExitCode == 0, $"the plugin did not read back what ElizaGen wrote ({read.ExitCode}):\n{PluginWritesElizaGenReadsTests.Summary(read.Output)}\n{read.Error}");
            var verdict = JsonNode.Parse(read.Output)!;
            log.WriteLine(PluginWritesElizaGenReadsTests.Summary(read.Output));
            Assert.True(verdict["ok"]!.GetValue<bool>());
            Assert.Equal(0, verdict["summary"]!["failed"]!.GetValue<int>());
            Assert.True(verdict["summary"]!["checks"]!.GetValue<int>() > 100);
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }
}
