using ElizaGen.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace ElizaGen.Generators.Tests;

/// <summary>Generated output per scenario, compared with committed files; the output must also compile cleanly.</summary>
public sealed class GoldenTests
{
    [Fact]
    public void Minimal_table()
    {
        var run = Generate(("Note.cs", """
            using System;
            using ElizaGen;

            [assembly: ElizaPlugin("@acme/plugin-notes")]

            namespace Acme.Notes;

            [Table("notes")]
            public sealed partial record Note([property: PrimaryKey] Guid Id, string Title, string? Body);
            """));
        Golden.Verify("MinimalTable", run);
    }

    [Fact]
    public void Every_entry_of_the_type_map()
    {
        var run = Generate(("Everything.cs", """
            using System;
            using System.Text.Json;
            using System.Text.Json.Serialization;
            using ElizaGen;
            using Pgvector;

            [assembly: ElizaPlugin("@acme/types", JsonContext = typeof(Acme.Types.TypesJson))]

            namespace Acme.Types;

            public enum Mood { Calm, Busy }

            [PgEnum]
            public enum Stage { Draft, InReview, Published }

            public sealed record Meta(string Source, int Version);

            [JsonSerializable(typeof(Meta))]
            internal sealed partial class TypesJson : JsonSerializerContext;

            [Table("everything")]
            public sealed partial record Everything(
                [property: PrimaryKey] Guid Id,
                string Text,
                int Count,
                long Big,
                short Small,
                bool Flag,
                float Ratio,
                double Score,
                decimal Amount,
                [property: Column(Precision = 10, Scale = 2)] decimal Price,
                DateTimeOffset At,
                DateTime LocalAt,
                byte[] Blob,
                string[] Tags,
                Mood Mood,
                Stage Stage,
                [property: Jsonb] string RawJson,
                [property: Jsonb] JsonElement Element,
                [property: Jsonb] JsonDocument Document,
                [property: Jsonb] Meta Meta,
                [property: Vector(3)] Vector Embedding,
                [property: Vector(3, HalfPrecision = true)] HalfVector HalfEmbedding);

            [Table("everything_nullable")]
            public sealed partial record EverythingNullable(
                [property: PrimaryKey] Guid Id,
                string? Text,
                int? Count,
                long? Big,
                short? Small,
                bool? Flag,
                float? Ratio,
                double? Score,
                decimal? Amount,
                DateTimeOffset? At,
                DateTime? LocalAt,
                byte[]? Blob,
                string[]? Tags,
                Mood? Mood,
                Stage? Stage,
                Guid? Other,
                [property: Jsonb] string? RawJson,
                [property: Jsonb] JsonElement? Element,
                [property: Jsonb] JsonDocument? Document,
                [property: Jsonb] Meta? Meta,
                [property: Vector(3)] Vector? Embedding,
                [property: Vector(3, HalfPrecision = true)] HalfVector? HalfEmbedding);
            """));
        Golden.Verify("TypeMap", run);
    }

    [Fact]
    public void Composite_keys()
    {
        var run = Generate(("Membership.cs", """
            using System;
            using ElizaGen;

            [assembly: ElizaPlugin("@acme/rooms")]

            namespace Acme.Rooms;

            [Table("memberships")]
            public sealed partial record Membership(
                [property: PrimaryKey(Order = 1)] Guid RoomId,
                [property: PrimaryKey(Order = 0)] Guid AgentId,
                [property: Default("now()")] DateTimeOffset JoinedAt,
                string? Role);

            // Every column is part of the key: no UpdateAsync, and upsert does nothing on conflict.
            [Table("room_tags")]
            public sealed partial record RoomTag([property: PrimaryKey] Guid RoomId, [property: PrimaryKey] string Tag);
            """));
        Golden.Verify("CompositeKeys", run);
    }

    [Fact]
    public void Foreign_keys()
    {
        var run = Generate(("Agents.cs", """
            using System;
            using ElizaGen;

            [assembly: ElizaPlugin("@acme/agents")]

            namespace Acme.Agents;

            [Table("agents")]
            public sealed partial record Agent([property: PrimaryKey, Default("gen_random_uuid()")] Guid Id, string Name);

            [Table("rooms")]
            public sealed partial record Room(
                [property: PrimaryKey] Guid Id,
                [property: References(typeof(Agent), OnDelete = ReferentialAction.Cascade)] Guid AgentId,
                [property: References(typeof(Room), OnDelete = ReferentialAction.SetNull, OnUpdate = ReferentialAction.Restrict)] Guid? ParentId);

            [Table("participants")]
            public sealed partial record Participant(
                [property: PrimaryKey] Guid Id,
                [property: References(typeof(Room), OnDelete = ReferentialAction.Cascade)]
                [property: References(typeof(Room), OnDelete = ReferentialAction.Cascade, Name = "fk_room")] Guid RoomId,
                [property: References(typeof(Agent), Column = nameof(Agent.Id), OnDelete = ReferentialAction.SetDefault)] Guid AgentId,
                [property: References("public.worlds", Column = "id")] Guid? WorldId,
                [property: References("servers", Column = "id", OnDelete = ReferentialAction.NoAction)] Guid? ServerId);
            """));
        Golden.Verify("ForeignKeys", run);
    }

    [Fact]
    public void Every_index_kind()
    {
        var run = Generate(("Memory.cs", """
            using System;
            using System.Text.Json;
            using ElizaGen;

            [assembly: ElizaPlugin("@acme/memory")]

            namespace Acme.Memory;

            [Table("memories")]
            [Index(nameof(AgentId), nameof(CreatedAt))]
            [Index(nameof(Type), Name = "idx_memories_type", Method = IndexMethod.Hash)]
            [Index("room_id", Unique = true, Where = "room_id IS NOT NULL", Name = "memories_room_unique")]
            [Index(nameof(Content), Method = IndexMethod.Gin, Name = "idx_memories_content")]
            [Index(nameof(CreatedAt), Method = IndexMethod.Brin, Name = "idx_memories_created_brin")]
            [Index(nameof(Area), Method = IndexMethod.Gist, Name = "idx_memories_area")]
            [Index(nameof(CreatedAt), Descending = true, Name = "idx_memories_recent")]
            [Index(Expression = "metadata ->> 'type'", Name = "idx_memories_metadata_type")]
            [Index(Expressions = new[] { "(metadata ->> 'documentId')", "(metadata ->> 'position')" }, Name = "idx_fragments_order")]
            [Unique(nameof(AgentId), nameof(Type), NullsNotDistinct = true)]
            [Check("memories_type_check", "type <> ''")]
            public sealed partial record Memory(
                [property: PrimaryKey] Guid Id,
                Guid AgentId,
                Guid? RoomId,
                string Type,
                [property: Unique(Name = "memories_slug_key")] string? Slug,
                [property: Unique] string Handle,
                [property: Jsonb] JsonElement Content,
                [property: Jsonb, Default("'{}'::jsonb")] JsonElement Metadata,
                string[] Area,
                DateTimeOffset CreatedAt);
            """));
        Golden.Verify("Indexes", run);
    }

    [Fact]
    public void Vector_columns_with_hnsw()
    {
        var run = Generate(("Embedding.cs", """
            using System;
            using ElizaGen;
            using Pgvector;

            [assembly: ElizaPlugin("@acme/embeddings", Extensions = new[] { "fuzzystrmatch" })]

            namespace Acme.Embeddings;

            [Table("embeddings")]
            public sealed partial record Embedding(
                [property: PrimaryKey] Guid Id,
                [property: Vector(384), VectorIndex(VectorMetric.Cosine)] Vector? Dim384,
                [property: Vector(768), VectorIndex(VectorMetric.L2, M = 24, EfConstruction = 128, Name = "embeddings_768_l2")] Vector? Dim768,
                [property: Vector(1024), VectorIndex(VectorMetric.InnerProduct)] Vector? Dim1024,
                [property: Vector(3072), VectorIndex(VectorMetric.Cosine, HalfPrecision = true)] Vector? Dim3072,
                [property: Vector(4000, HalfPrecision = true), VectorIndex(VectorMetric.Cosine)] HalfVector? Half4000,
                [property: Vector(1536)] Vector? Unindexed);
            """));
        Golden.Verify("Vectors", run);
    }

    [Fact]
    public void Enums()
    {
        var run = Generate(("Task.cs", """
            using System;
            using ElizaGen;

            [assembly: ElizaPlugin("@acme/tasks")]

            namespace Acme.Tasks;

            [PgEnum("task_status")]
            public enum TaskStatus
            {
                Pending,
                [PgLabel("in progress")] InProgress,
                Done,
                Finished = Done,
            }

            [PgEnum]
            public enum Priority { Low, Normal, High }

            public enum Channel { Email, Chat }

            [Table("tasks")]
            [Index(nameof(Status))]
            public sealed partial record WorkItem(
                [property: PrimaryKey] Guid Id,
                [property: Default("'pending'")] TaskStatus Status,
                TaskStatus? PreviousStatus,
                Priority Priority,
                Channel Channel,
                Channel? FallbackChannel);

            [Table("task_labels")]
            public sealed partial record TaskLabel([property: PrimaryKey] Guid TaskId, [property: PrimaryKey] Priority Priority, string Label);
            """));
        Golden.Verify("Enums", run);
    }

    [Fact]
    public void Jsonb_through_a_json_context()
    {
        var run = Generate(("Settings.cs", """
            using System;
            using System.Collections.Generic;
            using System.Text.Json.Serialization;
            using ElizaGen;

            [assembly: ElizaPlugin("@acme/settings", JsonContext = typeof(Acme.Settings.SettingsJson))]

            namespace Acme.Settings;

            public sealed class Preferences
            {
                public string Theme { get; set; } = "dark";
                public List<string> Pinned { get; set; } = new();
            }

            [JsonSerializable(typeof(Preferences))]
            [JsonSerializable(typeof(Dictionary<string, string>))]
            internal sealed partial class SettingsJson : JsonSerializerContext;

            [Table("settings")]
            public sealed partial record Setting(
                [property: PrimaryKey] Guid AgentId,
                [property: Jsonb, Default("'{}'::jsonb")] Preferences Preferences,
                [property: Jsonb] Dictionary<string, string>? Secrets);
            """));
        Golden.Verify("Jsonb", run);
    }

    [Fact]
    public void Renames()
    {
        var run = Generate(("Note.cs", """
            using System;
            using ElizaGen;

            [assembly: ElizaPlugin("@acme/plugin-notes")]

            namespace Acme.Notes;

            [Table("notes")]
            [RenamedFrom("memos")]
            public sealed partial record Note(
                [property: PrimaryKey] Guid Id,
                [property: RenamedFrom("label")] string? Tag,
                [property: Column("body_text"), RenamedFrom("body")] string Body);
            """));
        Golden.Verify("Renames", run);
    }

    [Fact]
    public void Class_with_settable_properties_and_a_schema_class_of_its_own()
    {
        var run = Generate(("Cache.cs", """
            using System;
            using ElizaGen;

            [assembly: ElizaPlugin("@acme/cache", Schema = "acme_cache")]

            namespace Acme.Cache;

            [ElizaPluginSchema]
            internal static partial class CacheSchema;

            [Table("cache")]
            public sealed partial class CacheEntry
            {
                public CacheEntry(string key) => Key = key;

                [PrimaryKey]
                public string Key { get; init; }

                public string Value { get; set; } = "";

                [Column("expires")]
                public DateTimeOffset? ExpiresAt { get; init; }

                // Not a column: no setter.
                public bool IsExpired => ExpiresAt < DateTimeOffset.UtcNow;
            }

            [Table("cache_tags")]
            public sealed partial class CacheTag
            {
                [PrimaryKey]
                public required string Key { get; init; }

                [PrimaryKey]
                public required string Tag { get; init; }

                public int Weight { get; set; }
            }
            """));
        Golden.Verify("SettableClass", run);
    }

    [Fact]
    public void Two_plugins_in_two_assemblies()
    {
        var agents = TestCompilation.Run(TestCompilation.Create("Acme.Agents", ("Agent.cs", """
            using System;
            using ElizaGen;

            [assembly: ElizaPlugin("@acme/agents")]

            namespace Acme.Agents;

            [Table("agents")]
            public sealed partial record Agent([property: PrimaryKey] Guid Id, string Name);
            """)));
        AssertCompiles(agents);
        Golden.Verify("TwoPlugins/Agents", agents);

        using var image = new MemoryStream();
        var emitted = agents.Output.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        var agentsReference = MetadataReference.CreateFromImage(image.ToArray());

        var notes = TestCompilation.Run(TestCompilation.Create("Acme.Notes", new[] { agentsReference }, ("Note.cs", """
            using System;
            using Acme.Agents;
            using ElizaGen;

            [assembly: ElizaPlugin("@acme/plugin-notes")]

            namespace Acme.Notes;

            [Table("notes")]
            public sealed partial record Note(
                [property: PrimaryKey] Guid Id,
                [property: References(typeof(Agent), OnDelete = ReferentialAction.Cascade)] Guid AgentId,
                string Title);
            """)));
        AssertCompiles(notes);
        Golden.Verify("TwoPlugins/Notes", notes);
    }

    internal static GeneratorRun Generate((string Path, string Text) source)
    {
        // The assembly is named after the source's namespace, as a plugin project usually is.
        var ns = System.Text.RegularExpressions.Regex.Match(source.Text, @"^namespace ([\w.]+);", System.Text.RegularExpressions.RegexOptions.Multiline).Groups[1].Value;
        var run = TestCompilation.Run(TestCompilation.Create(ns, source));
        AssertCompiles(run);
        return run;
    }

    internal static void AssertCompiles(GeneratorRun run)
    {
        Assert.Empty(run.GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        var problems = run.CompilationProblems.Select(Golden.Describe).ToList();
        Assert.True(problems.Count == 0, "The compilation with the generated code has problems:\n" + string.Join("\n", problems));
    }
}
