using ElizaGen.Tests.Shared;
using System.Text.Json;
using ElizaGen.Runtime.Snapshots;
using ElizaGen.Schema;
using ElizaGen.Schema.Snapshots;

namespace ElizaGen.Runtime.Tests.Snapshots;

/// <summary>The snapshot @elizaos/plugin-sql 1.7.2 really stored (Fixtures/README.md says where it comes from).</summary>
public sealed class SnapshotJsonReaderPluginSqlTests
{
    private static readonly string PluginSqlJson = File.ReadAllText(FixturePath("plugin-sql-1.7.2-snapshot.json"));

    [Fact]
    public void Reads_all_eighteen_core_tables_into_public()
    {
        var snapshot = SnapshotJsonReader.Read(PluginSqlJson);

        Assert.Equal(18, snapshot.Tables.Count);
        Assert.All(snapshot.Tables, t => Assert.Equal("public", t.Schema));
        Assert.True(snapshot.Schemas.IsEmpty);
        Assert.True(snapshot.Enums.IsEmpty);
        Assert.NotNull(snapshot.FindTable("public", "memories"));
        Assert.NotNull(snapshot.FindTable("public", "message_server_agents"));
    }

    [Fact]
    public void Columns_keep_types_defaults_and_flags()
    {
        var agents = SnapshotJsonReader.Read(PluginSqlJson).FindTable("public", "agents")!;

        Assert.Equal(new ColumnSnapshot("id", "uuid", PrimaryKey: true, NotNull: true, Default: "gen_random_uuid()"), agents.FindColumn("id"));
        Assert.Equal("true", agents.FindColumn("enabled")!.Default); // stored as the JSON boolean true
        Assert.Equal("name", agents.Columns[agents.Columns.ToList().FindIndex(c => c.Name == "name")].Name);
        Assert.Equal(new[] { "id" }, agents.PrimaryKeyColumns);
    }

    [Fact]
    public void Expression_index_parts_without_asc_and_nulls_get_drizzle_defaults()
    {
        var memories = SnapshotJsonReader.Read(PluginSqlJson).FindTable("public", "memories")!;

        var index = Assert.Single(memories.Indexes, i => i.Name == "idx_fragments_order");
        Assert.Equal(
            new[]
            {
                new IndexColumnSnapshot("((metadata->>'documentId'))", IsExpression: true, Asc: true, Nulls: "last"),
                new IndexColumnSnapshot("((metadata->>'position'))", IsExpression: true, Asc: true, Nulls: "last"),
            },
            index.Columns);
        Assert.Equal("btree", index.Method);
        Assert.False(index.Concurrently);
        Assert.Null(index.Where);
    }

    [Fact]
    public void Constraints_are_read_and_a_name_over_63_bytes_is_cut_as_the_database_holds_it()
    {
        var snapshot = SnapshotJsonReader.Read(PluginSqlJson);

        var cache = snapshot.FindTable("public", "cache")!;
        Assert.Equal(new PrimaryKeySnapshot("cache_key_agent_id_pk", new[] { "key", "agent_id" }), Assert.Single(cache.CompositePrimaryKeys));

        var relationships = snapshot.FindTable("public", "relationships")!;
        Assert.Equal(
            new UniqueConstraintSnapshot("unique_relationship", new[] { "source_entity_id", "target_entity_id", "agent_id" }),
            Assert.Single(relationships.UniqueConstraints));

        var embeddings = snapshot.FindTable("public", "embeddings")!;
        Assert.Equal(new CheckConstraintSnapshot("embedding_source_check", "\"memory_id\" IS NOT NULL"), Assert.Single(embeddings.CheckConstraints));

        var centralMessages = snapshot.FindTable("public", "central_messages")!;
        Assert.Contains(
            new ForeignKeySnapshot(
                "central_messages_in_reply_to_root_message_id_central_messages_i",
                "central_messages",
                new[] { "in_reply_to_root_message_id" },
                "public",
                "central_messages",
                new[] { "id" },
                OnDelete: "set null"),
            centralMessages.ForeignKeys);
    }

    /// <summary>
    /// plugin-sql's migrator diffs its own snapshot against the last one in the journal field by field. When
    /// ElizaGen wrote that last one, every table must look the same to it, or it would alter or recreate objects
    /// that did not change. The only difference allowed: foreign key names over 63 bytes, which we store as the
    /// database holds them.
    /// </summary>
    [Fact]
    public void Our_canonical_json_of_the_plugin_sql_schema_matches_what_plugin_sql_wrote_table_by_table()
    {
        var ours = SnapshotJsonWriter.WriteCanonical(SnapshotJsonReader.Read(PluginSqlJson));
        using var theirsDocument = JsonDocument.Parse(PluginSqlJson);
        using var oursDocument = JsonDocument.Parse(ours);
        var oursTables = oursDocument.RootElement.GetProperty("tables");

        var compared = 0;
        foreach (var theirTable in theirsDocument.RootElement.GetProperty("tables").EnumerateObject())
        {
            var ourTable = oursTables.GetProperty(theirTable.Name);
            foreach (var map in new[] { "columns", "indexes", "compositePrimaryKeys", "uniqueConstraints", "checkConstraints" })
            {
                Assert.True(
                    JsonSemantics.Equal(theirTable.Value.GetProperty(map), ourTable.GetProperty(map)),
                    $"{theirTable.Name}.{map} differs:\n theirs {theirTable.Value.GetProperty(map).GetRawText()}\n ours   {ourTable.GetProperty(map).GetRawText()}");
            }
            var theirKeys = theirTable.Value.GetProperty("foreignKeys").EnumerateObject().ToList();
            var ourKeys = ourTable.GetProperty("foreignKeys").EnumerateObject().ToDictionary(p => p.Name, p => p.Value);
            Assert.Equal(theirKeys.Count, ourKeys.Count);
            foreach (var theirKey in theirKeys)
            {
                var name = Schema.Naming.Identifier.TruncateToMaxBytes(theirKey.Name);
                var expected = theirKey.Value.GetRawText().Replace(theirKey.Name, name, StringComparison.Ordinal);
                using var expectedDocument = JsonDocument.Parse(expected);
                Assert.True(JsonSemantics.Equal(expectedDocument.RootElement, ourKeys[name]), $"{theirTable.Name} foreign key {name} differs");
            }
            Assert.Equal(theirTable.Value.GetProperty("name").GetString(), ourTable.GetProperty("name").GetString());
            Assert.Equal(theirTable.Value.GetProperty("schema").GetString(), ourTable.GetProperty("schema").GetString());
            compared++;
        }
        Assert.Equal(18, compared);
    }

    [Fact]
    public void Reading_our_json_of_it_again_gives_the_same_snapshot()
    {
        var snapshot = SnapshotJsonReader.Read(PluginSqlJson);

        Assert.Equal(snapshot, SnapshotJsonReader.Read(SnapshotJsonWriter.WriteCanonical(snapshot)));
    }

    private static string FixturePath(string name) =>
        RepositoryPaths.Combine("tests", "ElizaGen.Runtime.Tests", "Snapshots", "Fixtures", name);
}
