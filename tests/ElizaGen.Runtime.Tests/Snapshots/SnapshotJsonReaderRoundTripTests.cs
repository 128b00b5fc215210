using ElizaGen.Runtime.Snapshots;
using ElizaGen.Schema;
using ElizaGen.Schema.Snapshots;

namespace ElizaGen.Runtime.Tests.Snapshots;

public sealed class SnapshotJsonReaderRoundTripTests
{
    [Fact]
    public void A_snapshot_using_every_feature_survives_canonical_json_and_back()
    {
        var snapshot = RichSnapshot();

        var read = SnapshotJsonReader.Read(SnapshotJsonWriter.WriteCanonical(snapshot));

        Assert.Equal(snapshot, read);
    }

    [Fact]
    public void Reading_and_writing_again_gives_the_same_text_and_hash()
    {
        var json = SnapshotJsonWriter.WriteCanonical(RichSnapshot());

        var again = SnapshotJsonWriter.WriteCanonical(SnapshotJsonReader.Read(json));

        Assert.Equal(json, again);
        Assert.Equal(SnapshotHash.Compute(RichSnapshot()), SnapshotHash.Compute(SnapshotJsonReader.Read(again)));
    }

    [Fact]
    public void The_empty_snapshot_round_trips()
    {
        var read = SnapshotJsonReader.Read(SnapshotJsonWriter.WriteCanonical(SchemaSnapshot.Empty));

        Assert.Equal(SchemaSnapshot.Empty, read);
        Assert.True(read.IsEmpty);
    }

    [Fact]
    public void Jsonb_text_reads_to_the_same_snapshot_except_the_column_order_jsonb_does_not_keep()
    {
        // PostgreSQL's jsonb sorts object keys (shorter first, then bytewise) and prints ", " and ": ": the form
        // migrations._snapshots gives back. The columns map is an object, so declared column order is lost there;
        // everything else (arrays, names, values) survives.
        var json = SnapshotJsonWriter.WriteCanonical(RichSnapshot());
        using var document = System.Text.Json.JsonDocument.Parse(json);

        var read = SnapshotJsonReader.Read(JsonbLike(document.RootElement));

        Assert.Equal(WithColumnsInJsonbOrder(RichSnapshot()), read);
        Assert.NotEqual(RichSnapshot(), read);
    }

    /// <summary>Every field and option of the model, in two schemas, with text that needs escaping.</summary>
    internal static SchemaSnapshot RichSnapshot()
    {
        var agents = new TableSnapshot(
            "public",
            "agents",
            new[]
            {
                new ColumnSnapshot("id", "uuid", PrimaryKey: true, NotNull: true, Default: "gen_random_uuid()"),
                new ColumnSnapshot("enabled", "boolean", NotNull: true, Default: "true"),
                new ColumnSnapshot("name", "text", NotNull: true),
                new ColumnSnapshot("bio", "text", Default: "'it''s \"quoted\" \\ and\nmultiline'"),
                new ColumnSnapshot("score", "numeric(10, 2)", Default: "-1.50"),
                new ColumnSnapshot("tags", "text[]", Default: "'{}'::text[]"),
                new ColumnSnapshot("ünïcode_名前", "text"),
            },
            UniqueConstraints: new[] { new UniqueConstraintSnapshot("agents_name_unique", new[] { "name" }) });

        var notes = new TableSnapshot(
            "acme_plugin_notes",
            "notes",
            new[]
            {
                new ColumnSnapshot("id", "uuid", NotNull: true, Default: "gen_random_uuid()"),
                new ColumnSnapshot("agent_id", "uuid", NotNull: true),
                new ColumnSnapshot("status", "note_status", NotNull: true, Default: "'draft'", TypeSchema: "acme_plugin_notes"),
                new ColumnSnapshot("title", "varchar(200)", NotNull: true),
                new ColumnSnapshot("title_lower", "text", Generated: new GeneratedColumnSnapshot("lower(\"title\")")),
                new ColumnSnapshot("rank", "integer", NotNull: true, Default: "0"),
                new ColumnSnapshot("embedding", "vector(384)"),
                new ColumnSnapshot("big", "halfvec(3072)"),
                new ColumnSnapshot("meta", "jsonb", NotNull: true, Default: "'{}'::jsonb"),
                new ColumnSnapshot("parent_id", "uuid"),
            },
            Indexes: new[]
            {
                new IndexSnapshot(
                    "notes_agent_id_created_idx",
                    new[] { new IndexColumnSnapshot("agent_id"), new IndexColumnSnapshot("rank", Asc: false, Nulls: "first") }),
                new IndexSnapshot(
                    "notes_embedding_idx",
                    new[] { new IndexColumnSnapshot("embedding", Opclass: "vector_cosine_ops") },
                    Method: "hnsw",
                    With: new[] { new IndexParameter("ef_construction", "64"), new IndexParameter("m", "16") }),
                new IndexSnapshot(
                    "notes_big_idx",
                    new[] { new IndexColumnSnapshot("(big::halfvec(3072))", IsExpression: true, Opclass: "halfvec_l2_ops") },
                    Method: "hnsw"),
                new IndexSnapshot(
                    "notes_meta_type_idx",
                    new[]
                    {
                        new IndexColumnSnapshot("(meta->>'type')", IsExpression: true),
                        new IndexColumnSnapshot("(meta->>'pos')", IsExpression: true, Asc: false, Nulls: "last"),
                    },
                    IsUnique: true,
                    Where: "status <> 'gone'",
                    Concurrently: true),
                new IndexSnapshot("notes_meta_gin", new[] { new IndexColumnSnapshot("meta", Opclass: "jsonb_path_ops") }, Method: "gin"),
            },
            ForeignKeys: new[]
            {
                new ForeignKeySnapshot("notes_agent_id_agents_id_fk", "notes", new[] { "agent_id" }, "public", "agents", new[] { "id" }, OnDelete: "cascade"),
                new ForeignKeySnapshot("notes_parent_fk", "notes", new[] { "parent_id", "agent_id" }, "acme_plugin_notes", "notes", new[] { "id", "agent_id" }, OnDelete: "set null", OnUpdate: "restrict"),
            },
            CompositePrimaryKeys: new[] { new PrimaryKeySnapshot("notes_id_agent_id_pk", new[] { "id", "agent_id" }) },
            UniqueConstraints: new[]
            {
                new UniqueConstraintSnapshot("notes_title_unique", new[] { "title", "agent_id" }, NullsNotDistinct: true),
            },
            CheckConstraints: new[]
            {
                new CheckConstraintSnapshot("notes_rank_check", "\"rank\" >= 0"),
                new CheckConstraintSnapshot("notes_meta_check", "\n  CASE WHEN meta->>'type' = 'doc' THEN meta ? 'ts'\n  ELSE true END\n"),
            });

        return SchemaSnapshot.Create(
            new[] { notes, agents },
            new[]
            {
                new EnumSnapshot("acme_plugin_notes", "note_status", new[] { "draft", "done", "ça va" }),
                new EnumSnapshot("public", "mood", new[] { "happy", "sad" }),
            },
            new[] { "acme_archive" });
    }

    private static SchemaSnapshot WithColumnsInJsonbOrder(SchemaSnapshot snapshot) => SchemaSnapshot.Create(
        snapshot.Tables.Select(t => t with
        {
            Columns = t.Columns
                .OrderBy(c => System.Text.Encoding.UTF8.GetByteCount(c.Name))
                .ThenBy(c => System.Text.Encoding.UTF8.GetBytes(c.Name), ByteOrder.Instance)
                .ToEquatableArray(),
        }),
        snapshot.Enums,
        snapshot.Schemas);

    private static string Quote(string key)
    {
        var text = new System.Text.StringBuilder("\"");
        foreach (var c in key)
        {
            if (c == '"' || c == '\\') text.Append('\\').Append(c);
            else if (c < 0x20) text.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
            else text.Append(c);
        }
        return text.Append('"').ToString();
    }

    /// <summary>
    /// Re-prints JSON the way PostgreSQL prints jsonb: keys by length then bytes, ", " and ": " separators.
    /// Checked once against PostgreSQL 15 (<c>SELECT text::jsonb::text</c> of <see cref="RichSnapshot"/>'s
    /// canonical JSON): byte for byte the same.
    /// </summary>
    private static string JsonbLike(System.Text.Json.JsonElement element)
    {
        switch (element.ValueKind)
        {
            case System.Text.Json.JsonValueKind.Object:
                var members = element.EnumerateObject()
                    .OrderBy(m => System.Text.Encoding.UTF8.GetByteCount(m.Name))
                    .ThenBy(m => System.Text.Encoding.UTF8.GetBytes(m.Name), ByteOrder.Instance)
                    .Select(m => Quote(m.Name) + ": " + JsonbLike(m.Value));
                return "{" + string.Join(", ", members) + "}";
            case System.Text.Json.JsonValueKind.Array:
                return "[" + string.Join(", ", element.EnumerateArray().Select(JsonbLike)) + "]";
            default:
                return element.GetRawText();
        }
    }
}

internal sealed class ByteOrder : IComparer<byte[]>
{
    public static readonly ByteOrder Instance = new();

    public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
}
