using System.Reflection;
using System.Runtime.Loader;
using ElizaGen.Generators.Tests.Infrastructure;
using ElizaGen.Schema;
using ElizaGen.Schema.Ddl;
using ElizaGen.Schema.Snapshots;

namespace ElizaGen.Generators.Tests;

/// <summary>
/// What the generator computed at compile time equals what ElizaGen.Schema computes at run time from the snapshot
/// the generated code builds: the hash, the canonical JSON and the DDL.
/// </summary>
public sealed class HashTests
{
    private const string Source = """
        using System;
        using System.Text.Json;
        using ElizaGen;
        using Pgvector;

        [assembly: ElizaPlugin("@acme/plugin-notes")]

        namespace Acme.Notes;

        [PgEnum]
        public enum NoteStatus { Draft, [PgLabel("in review")] InReview, Published }

        [Table("agents")]
        public sealed partial record Agent([property: PrimaryKey, Default("gen_random_uuid()")] Guid Id, [property: Unique] string Name);

        [Table("notes")]
        [RenamedFrom("memos")]
        [Index(nameof(AgentId), nameof(CreatedAt), Descending = true)]
        [Index(Expression = "lower(title)", Name = "notes_title_lower", Where = "body IS NOT NULL")]
        [Index(nameof(Meta), Method = IndexMethod.Gin, Name = "notes_meta_gin")]
        [Unique(nameof(AgentId), nameof(Title), NullsNotDistinct = true)]
        [Check("notes_title_check", "title <> ''")]
        public sealed partial record Note(
            [property: PrimaryKey, Default("gen_random_uuid()")] Guid Id,
            [property: References(typeof(Agent), OnDelete = ReferentialAction.Cascade)] Guid AgentId,
            string Title,
            [property: RenamedFrom("text")] string? Body,
            [property: Default("'draft'")] NoteStatus Status,
            [property: Column(Precision = 12, Scale = 2)] decimal Price,
            [property: Default("now()")] DateTimeOffset CreatedAt,
            [property: Jsonb, Default("'{}'::jsonb")] JsonElement Meta,
            [property: Default("'{}'::text[]")] string[] Tags,
            [property: Vector(384), VectorIndex(VectorMetric.Cosine, M = 16, EfConstruction = 64)] Vector? Embedding,
            [property: Vector(3072), VectorIndex(VectorMetric.L2, HalfPrecision = true)] Vector? Wide);

        [Table("note_links")]
        public sealed partial record NoteLink(
            [property: PrimaryKey, References(typeof(Note))] Guid FromId,
            [property: PrimaryKey, References(typeof(Note), OnDelete = ReferentialAction.Cascade)] Guid ToId);
        """;

    [Fact]
    public void The_embedded_hash_json_and_ddl_equal_what_the_runtime_computes_from_the_snapshot()
    {
        var run = TestCompilation.Run(TestCompilation.Create("Acme.Notes", ("Notes.cs", Source)));
        GoldenTests.AssertCompiles(run);
        var context = new AssemblyLoadContext("generated", isCollectible: true);
        try
        {
            var assembly = Load(run, context);
            var plugin = (PluginSchema)assembly.GetType("Acme.Notes.AcmePluginNotesSchema")!.GetProperty("Plugin")!.GetValue(null)!;

            Assert.Equal("@acme/plugin-notes", plugin.Name);
            Assert.Equal("acme_plugin_notes", plugin.SchemaName);
            Assert.Equal(3, plugin.Snapshot.Tables.Count);
            Assert.Equal(SnapshotJsonWriter.WriteCanonical(plugin.Snapshot), plugin.CanonicalJson);
            Assert.Equal(SnapshotHash.Compute(plugin.Snapshot), plugin.Hash);
            Assert.Equal(DdlWriter.CreateSql(plugin.Snapshot), plugin.CreateSql);
            Assert.Matches("^[0-9a-f]{64}$", plugin.Hash);
            Assert.Equal(new[] { ("acme_plugin_notes", "memos", "notes") }, plugin.Renames.Tables.Select(r => (r.Schema, r.OldName, r.NewName)));
            Assert.Equal(new[] { ("acme_plugin_notes", "notes", "text", "body") }, plugin.Renames.Columns.Select(r => (r.Schema, r.Table, r.OldName, r.NewName)));
            Assert.Empty(plugin.Dependencies);

            // The record's generated Table property is the snapshot's table.
            var table = (TableSnapshot)assembly.GetType("Acme.Notes.Note")!.GetProperty("Table")!.GetValue(null)!;
            Assert.Same(plugin.Snapshot.FindTable("acme_plugin_notes", "notes"), table);
            Assert.Equal("agent_id", assembly.GetType("Acme.Notes.Note+Columns")!.GetField("AgentId")!.GetValue(null));
        }
        finally
        {
            context.Unload();
        }
    }

    private static Assembly Load(GeneratorRun run, AssemblyLoadContext context)
    {
        using var image = new MemoryStream();
        var emitted = run.Output.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        image.Position = 0;
        return context.LoadFromStream(image);
    }
}
