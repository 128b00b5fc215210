using ElizaGen.Schema;
using ElizaGen.Schema.Snapshots;

namespace ElizaGen.Schema.Tests.Snapshots;

public sealed class SnapshotJsonWriterTests
{
    private const string EmptyTail =
        "\"sequences\":{},\"roles\":{},\"policies\":{},\"views\":{},\"_meta\":{\"columns\":{},\"schemas\":{},\"tables\":{}}}";

    private const string EmptyTableTail = "\"policies\":{},\"checkConstraints\":{},\"isRLSEnabled\":false}";

    [Fact]
    public void A_key_flagged_on_several_columns_is_written_as_a_composite_key_in_column_order()
    {
        // The journal's jsonb sorts a table's columns (shorter names first): flags would lose the key's order.
        var table = new TableSnapshot("public", "t", new[]
        {
            new ColumnSnapshot("c16", "uuid", PrimaryKey: true, NotNull: true),
            new ColumnSnapshot("c6", "date", PrimaryKey: true, NotNull: true),
        });

        var json = SnapshotJsonWriter.WriteCanonical(SchemaSnapshot.Create(new[] { table }));

        Assert.Contains("\"compositePrimaryKeys\":{\"t_pkey\":{\"name\":\"t_pkey\",\"columns\":[\"c16\",\"c6\"]}}", json);
        Assert.DoesNotContain("\"primaryKey\":true", json);
    }

    [Fact]
    public void Empty_snapshot_has_every_top_level_map_in_fixed_order()
    {
        var json = SnapshotJsonWriter.WriteCanonical(SchemaSnapshot.Empty);

        Assert.Equal(
            "{\"version\":\"7\",\"dialect\":\"postgresql\",\"tables\":{},\"enums\":{},\"schemas\":{}," + EmptyTail,
            json);
    }

    [Fact]
    public void Public_table_is_keyed_schema_dot_name_and_writes_schema_public()
    {
        var snapshot = SchemaSnapshot.Create(new[]
        {
            new TableSnapshot("public", "agents", new[]
            {
                new ColumnSnapshot("id", "uuid", PrimaryKey: true, NotNull: true, Default: "gen_random_uuid()"),
                new ColumnSnapshot("name", "text"),
            }),
        });

        var json = SnapshotJsonWriter.WriteCanonical(snapshot);

        Assert.Equal(
            "{\"version\":\"7\",\"dialect\":\"postgresql\",\"tables\":{\"public.agents\":{\"name\":\"agents\",\"schema\":\"public\",\"columns\":{" +
            "\"id\":{\"name\":\"id\",\"type\":\"uuid\",\"primaryKey\":true,\"notNull\":true,\"default\":\"gen_random_uuid()\"}," +
            "\"name\":{\"name\":\"name\",\"type\":\"text\",\"primaryKey\":false,\"notNull\":false}}," +
            "\"indexes\":{},\"foreignKeys\":{},\"compositePrimaryKeys\":{},\"uniqueConstraints\":{}," + EmptyTableTail +
            "},\"enums\":{},\"schemas\":{}," + EmptyTail,
            json);
    }

    [Fact]
    public void Constraints_indexes_enums_and_schemas_are_written_in_drizzle_kit_shape()
    {
        var notes = new TableSnapshot(
            "acme",
            "notes",
            new[]
            {
                new ColumnSnapshot("id", "uuid", NotNull: true),
                new ColumnSnapshot("agent_id", "uuid", NotNull: true),
                new ColumnSnapshot("status", "note_status", NotNull: true, Default: "'draft'", TypeSchema: "acme"),
                new ColumnSnapshot("title_lower", "text", Generated: new GeneratedColumnSnapshot("lower(\"title\")")),
            },
            Indexes: new[]
            {
                new IndexSnapshot("notes_agent_id_index", new[] { new IndexColumnSnapshot("agent_id") }),
                new IndexSnapshot(
                    "notes_title_idx",
                    new[] { new IndexColumnSnapshot("lower(title)", IsExpression: true) },
                    IsUnique: true,
                    Where: "status <> 'gone'"),
            },
            ForeignKeys: new[]
            {
                new ForeignKeySnapshot("notes_agent_id_agents_id_fk", "notes", new[] { "agent_id" }, "public", "agents", new[] { "id" }, OnDelete: "cascade"),
            },
            CompositePrimaryKeys: new[] { new PrimaryKeySnapshot("notes_id_agent_id_pk", new[] { "id", "agent_id" }) },
            UniqueConstraints: new[] { new UniqueConstraintSnapshot("notes_title_lower_unique", new[] { "title_lower" }, NullsNotDistinct: true) },
            CheckConstraints: new[] { new CheckConstraintSnapshot("notes_status_check", "status <> 'x'") });
        var snapshot = SchemaSnapshot.Create(
            new[] { notes },
            new[] { new EnumSnapshot("acme", "note_status", new[] { "draft", "done" }) });

        var json = SnapshotJsonWriter.WriteCanonical(snapshot);

        Assert.Equal(
            "{\"version\":\"7\",\"dialect\":\"postgresql\",\"tables\":{\"acme.notes\":{\"name\":\"notes\",\"schema\":\"acme\",\"columns\":{" +
            "\"id\":{\"name\":\"id\",\"type\":\"uuid\",\"primaryKey\":false,\"notNull\":true}," +
            "\"agent_id\":{\"name\":\"agent_id\",\"type\":\"uuid\",\"primaryKey\":false,\"notNull\":true}," +
            "\"status\":{\"name\":\"status\",\"type\":\"note_status\",\"typeSchema\":\"acme\",\"primaryKey\":false,\"notNull\":true,\"default\":\"'draft'\"}," +
            "\"title_lower\":{\"name\":\"title_lower\",\"type\":\"text\",\"primaryKey\":false,\"notNull\":false,\"generated\":{\"as\":\"lower(\\\"title\\\")\",\"type\":\"stored\"}}}," +
            "\"indexes\":{" +
            "\"notes_agent_id_index\":{\"name\":\"notes_agent_id_index\",\"columns\":[{\"expression\":\"agent_id\",\"isExpression\":false,\"asc\":true,\"nulls\":\"last\"}],\"isUnique\":false,\"method\":\"btree\"}," +
            "\"notes_title_idx\":{\"name\":\"notes_title_idx\",\"columns\":[{\"expression\":\"lower(title)\",\"isExpression\":true}],\"isUnique\":true,\"where\":\"status <> 'gone'\",\"method\":\"btree\"}}," +
            "\"foreignKeys\":{\"notes_agent_id_agents_id_fk\":{\"name\":\"notes_agent_id_agents_id_fk\",\"tableFrom\":\"notes\",\"tableTo\":\"agents\",\"schemaTo\":\"public\",\"columnsFrom\":[\"agent_id\"],\"columnsTo\":[\"id\"],\"onDelete\":\"cascade\",\"onUpdate\":\"no action\"}}," +
            "\"compositePrimaryKeys\":{\"notes_id_agent_id_pk\":{\"name\":\"notes_id_agent_id_pk\",\"columns\":[\"id\",\"agent_id\"]}}," +
            "\"uniqueConstraints\":{\"notes_title_lower_unique\":{\"name\":\"notes_title_lower_unique\",\"columns\":[\"title_lower\"],\"nullsNotDistinct\":true}}," +
            "\"policies\":{},\"checkConstraints\":{\"notes_status_check\":{\"name\":\"notes_status_check\",\"value\":\"status <> 'x'\"}},\"isRLSEnabled\":false}}," +
            "\"enums\":{\"acme.note_status\":{\"name\":\"note_status\",\"schema\":\"acme\",\"values\":[\"draft\",\"done\"]}}," +
            "\"schemas\":{\"acme\":\"acme\"}," + EmptyTail,
            json);
    }

    [Fact]
    public void Index_options_are_written_only_when_they_say_something()
    {
        var index = new IndexSnapshot(
            "memories_embedding_idx",
            new[]
            {
                new IndexColumnSnapshot("embedding", Opclass: "vector_cosine_ops"),
                new IndexColumnSnapshot("(metadata->>'type')", IsExpression: true, Asc: false, Nulls: "first"),
            },
            Method: "hnsw",
            With: new[] { new IndexParameter("m", "16"), new IndexParameter("ef_construction", "64"), new IndexParameter("note", "on") },
            Concurrently: true);

        var json = IndexJson(index);

        Assert.Equal(
            "{\"name\":\"memories_embedding_idx\",\"columns\":[" +
            "{\"expression\":\"embedding\",\"isExpression\":false,\"asc\":true,\"nulls\":\"last\",\"opclass\":\"vector_cosine_ops\"}," +
            "{\"expression\":\"(metadata->>'type')\",\"isExpression\":true,\"asc\":false,\"nulls\":\"first\"}]," +
            "\"isUnique\":false,\"concurrently\":true,\"method\":\"hnsw\",\"with\":{\"ef_construction\":64,\"m\":16,\"note\":\"on\"}}",
            json);
    }

    [Theory]
    [InlineData("true", "true")]
    [InlineData("false", "false")]
    [InlineData("0", "0")]
    [InlineData("-12", "-12")]
    [InlineData("3.25", "3.25")]
    [InlineData("007", "\"007\"")]
    [InlineData("1.", "\"1.\"")]
    [InlineData("1e5", "\"1e5\"")]
    [InlineData("TRUE", "\"TRUE\"")]
    [InlineData("-", "\"-\"")]
    [InlineData("now()", "\"now()\"")]
    [InlineData("'true'", "\"'true'\"")]
    public void Boolean_and_plain_number_defaults_are_bare_JSON_like_drizzle_kit_writes_them(string sqlDefault, string expectedJson)
    {
        var snapshot = SchemaSnapshot.Create(new[]
        {
            new TableSnapshot("public", "t", new[] { new ColumnSnapshot("c", "text", Default: sqlDefault) }),
        });

        var json = SnapshotJsonWriter.WriteCanonical(snapshot);

        Assert.Contains("\"notNull\":false,\"default\":" + expectedJson + "}", json);
    }

    [Theory]
    [InlineData("say \"hi\"", "say \\\"hi\\\"")]
    [InlineData("C:\\dir\\", "C:\\\\dir\\\\")]
    [InlineData("a\nb\rc\td\be\ff", "a\\nb\\rc\\td\\be\\ff")]
    [InlineData("\u0000\u0001\u001f", "\\u0000\\u0001\\u001f")]
    [InlineData("\u007f", "\u007f")]
    [InlineData("café ∑ 日本", "café ∑ 日本")]
    [InlineData("😀", "😀")]
    [InlineData("</script>", "</script>")]
    public void Strings_are_escaped_like_JSON_stringify(string value, string expectedEscaped)
    {
        var json = CheckJson(value);

        Assert.Contains("\"value\":\"" + expectedEscaped + "\"}", json);
    }

    [Fact]
    public void Unpaired_surrogates_are_escaped_so_the_UTF8_text_stays_lossless()
    {
        var value = "a" + (char)0xD800 + "b" + (char)0xDC00;

        var json = CheckJson(value);

        Assert.Contains("\"value\":\"a\\ud800b\\udc00\"}", json);
    }

    [Fact]
    public void Names_are_escaped_in_keys_too()
    {
        var snapshot = SchemaSnapshot.Create(new[]
        {
            new TableSnapshot("public", "we\"ird", new[] { new ColumnSnapshot("a\\b", "text") }),
        });

        var json = SnapshotJsonWriter.WriteCanonical(snapshot);

        Assert.Contains("\"public.we\\\"ird\":{\"name\":\"we\\\"ird\"", json);
        Assert.Contains("\"columns\":{\"a\\\\b\":{\"name\":\"a\\\\b\"", json);
    }

    [Fact]
    public void Collections_are_written_in_canonical_order_whatever_the_declaration_order()
    {
        TableSnapshot Table(string name, bool reversed)
        {
            var indexes = new[]
            {
                new IndexSnapshot("b_idx", new[] { new IndexColumnSnapshot("x") }, With: new[] { new IndexParameter("z", "1"), new IndexParameter("a", "2") }),
                new IndexSnapshot("a_idx", new[] { new IndexColumnSnapshot("x") }),
            };
            var checks = new[] { new CheckConstraintSnapshot("b", "x > 0"), new CheckConstraintSnapshot("a", "x < 9") };
            return new TableSnapshot(
                "public",
                name,
                new[] { new ColumnSnapshot("x", "integer") },
                Indexes: reversed ? indexes.Reverse().ToArray() : indexes,
                CheckConstraints: reversed ? checks.Reverse().ToArray() : checks);
        }

        var first = SchemaSnapshot.Create(new[] { Table("b", false), Table("a", false) }, schemas: new[] { "z", "y" });
        var second = SchemaSnapshot.Create(new[] { Table("a", true), Table("b", true) }, schemas: new[] { "y", "z" });

        var json = SnapshotJsonWriter.WriteCanonical(first);

        Assert.Equal(json, SnapshotJsonWriter.WriteCanonical(second));
        Assert.True(json.IndexOf("\"public.a\"", StringComparison.Ordinal) < json.IndexOf("\"public.b\"", StringComparison.Ordinal));
        Assert.Contains("\"indexes\":{\"a_idx\":", json);
        Assert.Contains("\"with\":{\"a\":2,\"z\":1}", json);
        Assert.Contains("\"checkConstraints\":{\"a\":", json);
        Assert.Contains("\"schemas\":{\"y\":\"y\",\"z\":\"z\"}", json);
    }

    [Fact]
    public void Columns_keep_their_declared_order()
    {
        var snapshot = SchemaSnapshot.Create(new[]
        {
            new TableSnapshot("public", "t", new[] { new ColumnSnapshot("zeta", "text"), new ColumnSnapshot("alpha", "text") }),
        });

        var json = SnapshotJsonWriter.WriteCanonical(snapshot);

        Assert.True(json.IndexOf("\"zeta\":", StringComparison.Ordinal) < json.IndexOf("\"alpha\":", StringComparison.Ordinal));
    }

    [Fact]
    public void Two_columns_with_one_name_are_refused_with_the_table_and_the_name()
    {
        var snapshot = SchemaSnapshot.Create(new[]
        {
            new TableSnapshot("acme", "notes", new[] { new ColumnSnapshot("id", "uuid"), new ColumnSnapshot("id", "text") }),
        });

        var ex = Assert.Throws<ArgumentException>(() => SnapshotJsonWriter.WriteCanonical(snapshot));

        Assert.Contains("table acme.notes has two columns named \"id\"", ex.Message);
    }

    [Fact]
    public void Two_tables_with_one_key_are_refused()
    {
        var table = new TableSnapshot("public", "t", new[] { new ColumnSnapshot("id", "uuid") });
        var snapshot = SchemaSnapshot.Create(new[] { table, table });

        var ex = Assert.Throws<ArgumentException>(() => SnapshotJsonWriter.WriteCanonical(snapshot));

        Assert.Contains("two tables named \"public.t\"", ex.Message);
    }

    private static string CheckJson(string checkValue) => SnapshotJsonWriter.WriteCanonical(SchemaSnapshot.Create(new[]
    {
        new TableSnapshot("public", "t", new[] { new ColumnSnapshot("c", "text") }, CheckConstraints: new[] { new CheckConstraintSnapshot("k", checkValue) }),
    }));

    private static string IndexJson(IndexSnapshot index)
    {
        var snapshot = SchemaSnapshot.Create(new[]
        {
            new TableSnapshot("public", "t", new[] { new ColumnSnapshot("embedding", "vector(3)") }, Indexes: new[] { index }),
        });
        var json = SnapshotJsonWriter.WriteCanonical(snapshot);
        var start = json.IndexOf("\"indexes\":{", StringComparison.Ordinal) + "\"indexes\":{".Length;
        start = json.IndexOf(':', start) + 1;
        var end = json.IndexOf(",\"foreignKeys\":", StringComparison.Ordinal) - 1;
        return json.Substring(start, end - start);
    }
}
