using ElizaGen.Schema.Ddl;
using ElizaGen.Schema.Snapshots;
using static ElizaGen.Schema.Tests.Build;

namespace ElizaGen.Schema.Tests.Ddl;

public class DdlWriterTests
{
    private static SchemaSnapshot NotesPlugin()
    {
        var agents = TableIn("acme", "agents", Col("id", "uuid", pk: true, @default: "gen_random_uuid()"), Col("name", "text", notNull: true));
        var notes = TableIn("acme", "notes",
                Col("id", "uuid", pk: true, @default: "gen_random_uuid()"),
                Col("agent_id", "uuid", notNull: true),
                Col("title", "text", notNull: true, @default: "'it''s new'"),
                Col("status", "note_status", notNull: true, @default: "'draft'", enumSchema: "acme"),
                Col("price", "numeric(10, 2)"),
                Col("qty", "integer", notNull: true, @default: "1"),
                Col("total", "numeric", generated: "price * qty"),
                Col("embedding", "vector(384)"),
                Col("tags", "text[]", @default: "'{}'::text[]"))
            .WithUnique("notes_agent_id_title_unique", true, "agent_id", "title")
            .WithCheck("notes_qty_positive", "qty > 0")
            .WithFk("notes_agent_id_agents_id_fk", "agent_id", "agents", onDelete: "cascade", schemaTo: "acme")
            .WithIndex(new IndexSnapshot("notes_agent_created_idx", new[]
            {
                new IndexColumnSnapshot("agent_id"),
                new IndexColumnSnapshot("lower(title)", IsExpression: true),
                new IndexColumnSnapshot("qty", Asc: false, Nulls: "last"),
                new IndexColumnSnapshot("price", Nulls: "first"),
            }, Where: "status <> 'draft'"))
            .WithIndex(new IndexSnapshot("notes_embedding_idx", new[] { new IndexColumnSnapshot("embedding", Opclass: "vector_cosine_ops") }, Method: "hnsw",
                With: new[] { new IndexParameter("m", "16"), new IndexParameter("ef_construction", "64") }));
        return SchemaSnapshot.Create(new[] { notes, agents }, new[] { new EnumSnapshot("acme", "note_status", new[] { "draft", "it's done" }) });
    }

    [Fact]
    public void Unique_constraints_that_repeat_the_key_or_each_other_are_added_after_the_table()
    {
        // CREATE TABLE silently drops a UNIQUE that repeats the primary key or an earlier UNIQUE; ALTER TABLE keeps it.
        var table = Table("t", Col("a", "uuid", pk: true), Col("b", "text"))
            .WithUnique("t_a_unique", false, "a")
            .WithUnique("t_b_one", false, "b")
            .WithUnique("t_b_two", false, "b")
            .WithUnique("t_b_nnd", true, "b");

        var statements = DdlWriter.CreateStatements(Snap(table));

        Assert.Equal(
            [
                "CREATE TABLE \"public\".\"t\" (\n    \"a\" uuid NOT NULL,\n    \"b\" text,\n    CONSTRAINT \"t_pkey\" PRIMARY KEY (\"a\"),\n"
                    + "    CONSTRAINT \"t_b_nnd\" UNIQUE NULLS NOT DISTINCT (\"b\"),\n    CONSTRAINT \"t_b_one\" UNIQUE (\"b\")\n);",
                "ALTER TABLE \"public\".\"t\" ADD CONSTRAINT \"t_a_unique\" UNIQUE (\"a\");",
                "ALTER TABLE \"public\".\"t\" ADD CONSTRAINT \"t_b_two\" UNIQUE (\"b\");",
            ],
            statements);
    }

    [Fact]
    public void CreateSql_writes_the_whole_schema_in_dependency_order()
    {
        const string expected = """
            CREATE SCHEMA IF NOT EXISTS "acme";

            CREATE TYPE "acme"."note_status" AS ENUM ('draft', 'it''s done');

            CREATE TABLE "acme"."agents" (
                "id" uuid DEFAULT gen_random_uuid() NOT NULL,
                "name" text NOT NULL,
                CONSTRAINT "agents_pkey" PRIMARY KEY ("id")
            );

            CREATE TABLE "acme"."notes" (
                "id" uuid DEFAULT gen_random_uuid() NOT NULL,
                "agent_id" uuid NOT NULL,
                "title" text DEFAULT 'it''s new' NOT NULL,
                "status" "acme"."note_status" DEFAULT 'draft' NOT NULL,
                "price" numeric(10, 2),
                "qty" integer DEFAULT 1 NOT NULL,
                "total" numeric GENERATED ALWAYS AS (price * qty) STORED,
                "embedding" vector(384),
                "tags" text[] DEFAULT '{}'::text[],
                CONSTRAINT "notes_pkey" PRIMARY KEY ("id"),
                CONSTRAINT "notes_agent_id_title_unique" UNIQUE NULLS NOT DISTINCT ("agent_id", "title"),
                CONSTRAINT "notes_qty_positive" CHECK (qty > 0)
            );

            CREATE INDEX "notes_agent_created_idx" ON "acme"."notes" USING "btree" ("agent_id", (lower(title)), "qty" DESC NULLS LAST, "price" NULLS FIRST) WHERE status <> 'draft';

            CREATE INDEX "notes_embedding_idx" ON "acme"."notes" USING "hnsw" ("embedding" "vector_cosine_ops") WITH (ef_construction = 64, m = 16);

            ALTER TABLE "acme"."notes" ADD CONSTRAINT "notes_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "acme"."agents" ("id") ON DELETE CASCADE ON UPDATE NO ACTION;

            """;
        Assert.Equal(expected, DdlWriter.CreateSql(NotesPlugin()));
    }

    [Fact]
    public void The_output_does_not_depend_on_declaration_order()
    {
        var s = NotesPlugin();
        var shuffled = SchemaSnapshot.Create(s.Tables.Reverse().Select(t => t with
        {
            Indexes = t.Indexes.Reverse().ToEquatableArray(),
            CheckConstraints = t.CheckConstraints.Reverse().ToEquatableArray(),
        }), s.Enums.Reverse());

        Assert.Equal(DdlWriter.CreateSql(s), DdlWriter.CreateSql(shuffled));
    }

    [Fact]
    public void Tables_come_after_the_tables_they_reference_with_ties_by_name()
    {
        var s = Snap(
            Table("c_comments", Col("id", "uuid", pk: true), Col("post_id", "uuid")).WithFk("c_post_fk", "post_id", "b_posts"),
            Table("b_posts", Col("id", "uuid", pk: true), Col("user_id", "uuid")).WithFk("b_user_fk", "user_id", "z_users"),
            Table("z_users", Col("id", "uuid", pk: true)),
            Table("a_tags", Col("id", "uuid", pk: true)));

        var creates = DdlWriter.CreateStatements(s).Where(x => x.StartsWith("CREATE TABLE")).Select(x => x.Split('"')[3]).ToArray();

        Assert.Equal(new[] { "a_tags", "z_users", "b_posts", "c_comments" }, creates);
    }

    [Fact]
    public void A_foreign_key_cycle_is_created_with_both_keys_after_both_tables()
    {
        var s = Snap(
            Table("b", Col("id", "uuid", pk: true), Col("a_id", "uuid")).WithFk("b_a_fk", "a_id", "a"),
            Table("a", Col("id", "uuid", pk: true), Col("b_id", "uuid")).WithFk("a_b_fk", "b_id", "b"));

        var statements = DdlWriter.CreateStatements(s);

        Assert.Equal(4, statements.Count);
        Assert.StartsWith("CREATE TABLE \"public\".\"a\"", statements[0]);
        Assert.StartsWith("CREATE TABLE \"public\".\"b\"", statements[1]);
        Assert.StartsWith("ALTER TABLE \"public\".\"a\" ADD CONSTRAINT \"a_b_fk\"", statements[2]);
        Assert.StartsWith("ALTER TABLE \"public\".\"b\" ADD CONSTRAINT \"b_a_fk\"", statements[3]);
    }

    [Fact]
    public void A_self_reference_does_not_disturb_the_order()
    {
        var s = Snap(Table("tree", Col("id", "uuid", pk: true), Col("parent_id", "uuid")).WithFk("tree_parent_fk", "parent_id", "tree"));

        var statements = DdlWriter.CreateStatements(s);

        Assert.Equal(2, statements.Count);
        Assert.Equal("ALTER TABLE \"public\".\"tree\" ADD CONSTRAINT \"tree_parent_fk\" FOREIGN KEY (\"parent_id\") REFERENCES \"public\".\"tree\" (\"id\") ON DELETE NO ACTION ON UPDATE NO ACTION;", statements[1]);
    }

    [Fact]
    public void Every_name_is_quoted_and_every_value_escaped()
    {
        var s = SchemaSnapshot.Create(
            new[] { TableIn("My Schema", "Odd \"Table\"", Col("Select", "text", @default: "'x''y'"), Col("kind", "Kind \"E\"", enumSchema: "My Schema")).WithCheck("Check \"1\"", "true") },
            new[] { new EnumSnapshot("My Schema", "Kind \"E\"", new[] { "a'b", "c\\d" }) });

        var sql = DdlWriter.CreateSql(s);

        Assert.Contains("CREATE SCHEMA IF NOT EXISTS \"My Schema\";", sql);
        Assert.Contains("CREATE TYPE \"My Schema\".\"Kind \"\"E\"\"\" AS ENUM ('a''b', E'c\\\\d');", sql);
        Assert.Contains("CREATE TABLE \"My Schema\".\"Odd \"\"Table\"\"\" (", sql);
        Assert.Contains("\"Select\" text DEFAULT 'x''y'", sql);
        Assert.Contains("\"kind\" \"My Schema\".\"Kind \"\"E\"\"\"", sql);
        Assert.Contains("CONSTRAINT \"Check \"\"1\"\"\" CHECK (true)", sql);
    }

    [Fact]
    public void A_key_marked_on_several_columns_becomes_one_named_constraint()
    {
        var s = Snap(Table("pairs", Col("a", "uuid", pk: true), Col("b", "uuid", pk: true)));

        Assert.Equal("CREATE TABLE \"public\".\"pairs\" (\n    \"a\" uuid NOT NULL,\n    \"b\" uuid NOT NULL,\n    CONSTRAINT \"pairs_pkey\" PRIMARY KEY (\"a\", \"b\")\n);", DdlWriter.CreateStatements(s)[0]);
    }

    [Fact]
    public void A_primary_key_column_is_NOT_NULL_even_when_the_snapshot_forgets_it()
    {
        var s = Snap(new TableSnapshot("public", "t", new[] { new ColumnSnapshot("id", "uuid", PrimaryKey: true, NotNull: false) }));

        Assert.Contains("\"id\" uuid NOT NULL,", DdlWriter.CreateSql(s));
    }

    [Fact]
    public void Serial_columns_are_written_as_declared_and_NOT_NULL()
    {
        var s = Snap(Table("counters", Col("id", "serial", pk: true), Col("big", "bigserial")));

        var sql = DdlWriter.CreateStatements(s)[0];

        Assert.Contains("\"id\" serial NOT NULL,", sql);
        Assert.Contains("\"big\" bigserial NOT NULL,", sql);
    }

    [Fact]
    public void An_enum_array_column_is_qualified_with_its_brackets()
    {
        var s = Snap(new[] { Enum("mood", "happy") }, Table("t", Col("moods", "mood[]", enumSchema: "public")));

        Assert.Contains("\"moods\" \"public\".\"mood\"[]", DdlWriter.CreateSql(s));
    }

    [Fact]
    public void An_enum_column_without_its_schema_is_found_among_the_public_enums()
    {
        var s = Snap(new[] { Enum("mood", "happy") }, Table("t", Col("mood", "mood")));

        Assert.Contains("\"mood\" \"public\".\"mood\"", DdlWriter.CreateSql(s));
    }

    [Fact]
    public void An_empty_snapshot_gives_no_statements()
    {
        Assert.Empty(DdlWriter.CreateStatements(SchemaSnapshot.Empty));
        Assert.Equal("", DdlWriter.CreateSql(SchemaSnapshot.Empty));
    }

    [Fact]
    public void RequiredExtensions_names_what_the_columns_and_indexes_need()
    {
        Assert.Equal(new[] { "vector" }, DdlWriter.RequiredExtensions(NotesPlugin()));
        Assert.Empty(DdlWriter.RequiredExtensions(Snap(Table("t", Col("id", "uuid", pk: true)))));
        var trigram = Snap(Table("t", Col("name", "text"), Col("v", "halfvec(4000)"))
            .WithIndex(new IndexSnapshot("t_name_trgm", new[] { new IndexColumnSnapshot("name", Opclass: "gin_trgm_ops") }, Method: "gin")));
        Assert.Equal(new[] { "pg_trgm", "vector" }, DdlWriter.RequiredExtensions(trigram));
    }

    [Fact]
    public void PrimaryKeyName_is_the_declared_name_or_PostgreSQLs_own()
    {
        Assert.Equal("notes_pkey", DdlWriter.PrimaryKeyName(Table("notes", Col("id", "uuid", pk: true))));
        Assert.Equal("k", DdlWriter.PrimaryKeyName(Table("notes", Col("a", "uuid"), Col("b", "uuid")).WithPk("k", "a", "b")));
        Assert.Null(DdlWriter.PrimaryKeyName(Table("notes", Col("id", "uuid"))));
        Assert.Equal(new string('n', 58) + "_pkey", DdlWriter.PrimaryKeyName(Table(new string('n', 63), Col("id", "uuid", pk: true))));
    }

    public static IEnumerable<object[]> InvalidSnapshots => new[]
    {
        new object[] { Snap(Table("t", Col("a", "integer", @default: "0", generated: "1"))), "has both a default and a generated expression" },
        new object[] { Snap(Table("t", Col("a", "serial", @default: "0"))), "whose default is its sequence" },
        new object[] { Snap(Table("t", Col("a", "text; DROP TABLE x"))), "Table \"public.t\", column \"a\": \"text; DROP TABLE x\" is not a PostgreSQL type" },
        new object[] { Snap(Table("t", Col("a", "uuid"), Col("a", "text"))), "column \"a\" is declared twice" },
        new object[] { Snap(Table("t", Col("a", "uuid")).WithPk("t_pk", "missing")), "primary key \"t_pk\" uses column \"missing\"" },
        new object[] { Snap(Table("t", Col("a", "uuid")).WithPk("k1", "a") with { CompositePrimaryKeys = new[] { new PrimaryKeySnapshot("k1", new[] { "a" }), new PrimaryKeySnapshot("k2", new[] { "a" }) } }), "declares 2 primary keys" },
        new object[] { Snap(Table("t", Col("a", "uuid")).WithUnique("u", false, "b")), "unique constraint \"u\" uses column \"b\"" },
        new object[] { Snap(Table("t", Col("a", "uuid")).WithCheck("c", " ")), "check constraint \"c\" has no expression" },
        new object[] { Snap(Table("t", Col("a", "uuid")).WithIndex("i", "b")), "index \"i\" uses column \"b\"" },
        new object[] { Snap(Table("t", Col("a", "uuid")).WithIndex(new IndexSnapshot("i", new[] { new IndexColumnSnapshot("a") }, Method: "bt ree"))), "Index method \"bt ree\" is not a plain name" },
        new object[] { Snap(Table("t", Col("a", "uuid")).WithFk("f", "a", "u", onDelete: "explode")), "\"explode\" is not a referential action" },
        new object[] { Snap(Table("u", Col("id", "uuid")), Table("t", Col("a", "uuid")).WithFk("f", "a", "u", columnTo: "nope")), "references column \"nope\", which table \"public.u\" does not have" },
        new object[] { Snap(Table("t", Col("a", "uuid")) with { ForeignKeys = new[] { new ForeignKeySnapshot("f", "t", new[] { "a" }, "public", "u", new[] { "x", "y" }) } }), "has 1 column(s) but references 2" },
        new object[] { Snap(new[] { Enum("e", "a", "a") }), "the value \"a\" is listed twice" },
        new object[] { Snap(new[] { Enum("e", "") }), "must be 1 to 63 bytes" },
        new object[] { Snap(Table("", Col("a", "uuid"))), "Table has an empty name" },
        new object[] { Snap(Table("t", Col("a", "text", @default: "'x'; DROP TABLE t"))), "column \"a\": the default ('x'; DROP TABLE t) holds a ';' outside quotes" },
        new object[] { Snap(Table("t", Col("a", "integer", generated: "1 -- x"))), "the generated expression (1 -- x) holds a comment marker (--)" },
        new object[] { Snap(Table("t", Col("a", "uuid")).WithCheck("c", "true) OR (false")), "check constraint \"c\" (true) OR (false) closes a parenthesis that it never opened" },
        new object[] { Snap(Table("t", Col("a", "text")).WithIndex(new IndexSnapshot("i", new[] { new IndexColumnSnapshot("lower(a", IsExpression: true) }))), "the key expression (lower(a) opens a parenthesis that it never closes" },
        new object[] { Snap(Table("t", Col("a", "text")).WithIndex(new IndexSnapshot("i", new[] { new IndexColumnSnapshot("a") }, Where: "a <> 'x"))), "the WHERE predicate (a <> 'x) opens a string literal (') that is never closed" },
        new object[] { Snap(new[] { Enum("t", "a") }, Table("t", Col("a", "uuid"))), "has the name of a table of the same schema" },
    };

    [Theory]
    [MemberData(nameof(InvalidSnapshots))]
    public void A_snapshot_that_cannot_be_valid_DDL_is_refused_with_a_message_naming_the_fix(SchemaSnapshot snapshot, string expected)
    {
        var e = Assert.Throws<SchemaDefinitionException>(() => DdlWriter.CreateStatements(snapshot));
        Assert.Contains(expected, e.Message);
    }
}
