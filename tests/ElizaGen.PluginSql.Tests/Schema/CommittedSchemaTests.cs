using ElizaGen.Runtime.Snapshots;
using ElizaGen.Schema.Snapshots;

namespace ElizaGen.PluginSql.Tests.Schema;

/// <summary>
/// The generated core schema must equal the committed <c>schemas/plugin-sql/snapshot.json</c> and <c>create.sql</c>:
/// a change to the records is a reviewed change of the shipped schema.
/// </summary>
public sealed class CommittedSchemaTests
{
    [Fact]
    public void The_generated_snapshot_equals_the_committed_one() => Check("snapshot.json", CommittedSchema.SnapshotText());

    [Fact]
    public void The_generated_ddl_equals_the_committed_one() => Check("create.sql", CommittedSchema.CreateSqlText());

    [Fact]
    public void The_hash_is_the_hash_of_the_canonical_json_and_survives_a_round_trip_through_the_reader()
    {
        var plugin = PluginSqlSchema.Plugin;
        Assert.Equal(SnapshotHash.Compute(plugin.Snapshot), plugin.Hash);
        // The reader loses nothing the writer puts in the canonical text.
        Assert.Equal(plugin.Hash, SnapshotHash.Compute(SnapshotJsonReader.Read(plugin.CanonicalJson)));
        Assert.Equal(plugin.Hash, SnapshotHash.Compute(SnapshotJsonReader.Read(File.ReadAllText(Path.Combine(CommittedSchema.Folder(), "snapshot.json")))));
    }

    [Fact]
    public void The_schema_declares_the_eighteen_tables_in_public_and_asks_for_fuzzystrmatch()
    {
        var plugin = PluginSqlSchema.Plugin;
        Assert.Equal("@elizaos/plugin-sql", plugin.Name);
        Assert.Equal("public", plugin.SchemaName);
        Assert.Equal(["fuzzystrmatch"], plugin.Extensions);
        Assert.Equal(
            ["agents", "cache", "central_messages", "channel_participants", "channels", "components", "embeddings", "entities", "logs",
             "memories", "message_server_agents", "message_servers", "participants", "relationships", "rooms", "servers", "tasks", "worlds"],
            plugin.Snapshot.Tables.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.All(plugin.Snapshot.Tables, t => Assert.Equal("public", t.Schema));
    }

    private static void Check(string fileName, string generated)
    {
        var path = Path.Combine(CommittedSchema.Folder(), fileName);
        if (CommittedSchema.Accepting)
        {
            Directory.CreateDirectory(CommittedSchema.Folder());
            File.WriteAllText(path, generated);
            return;
        }
        var committed = File.Exists(path) ? File.ReadAllText(path) : null;
        if (committed != generated)
        {
            Assert.Fail(
                $"schemas/plugin-sql/{fileName} differs from the schema generated from src/ElizaGen.PluginSql/Schema " +
                (committed is null ? "(the file does not exist). " : $"(first difference at character {FirstDifference(committed, generated)}). ") +
                $"If the change is intended, rewrite it with: {CommittedSchema.AcceptVariable}=1 dotnet test tests/ElizaGen.PluginSql.Tests " +
                "--filter FullyQualifiedName~CommittedSchemaTests, review the diff and commit it.");
        }
    }

    private static int FirstDifference(string a, string b)
    {
        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i]) i++;
        return i;
    }
}
