using ElizaGen.Schema.Diff;
using ElizaGen.Schema.Snapshots;
using static ElizaGen.Schema.Tests.Build;

namespace ElizaGen.Schema.Tests.Diff;

/// <summary>A statement the plan must hold, with its class.</summary>
public sealed record ExpectedStep(StepClass Class, string Sql)
{
    public override string ToString() => Class + ": " + Sql;
}

/// <summary>
/// One before → after migration case. <see cref="Seed"/> holds rows to insert after creating
/// <see cref="Before"/> (with <c>DdlWriter</c>) and before running the plan: the plan must succeed with them and
/// keep them. A database test can apply Before, run Seed, apply the plan, and compare its catalog with a
/// database created from <see cref="After"/> directly (column order aside: a column rebuilt as generated moves
/// to the end of its table).
/// </summary>
public sealed record Scenario(
    string Name,
    SchemaSnapshot Before,
    SchemaSnapshot After,
    IReadOnlyList<ExpectedStep> Expected,
    RenameHints? Hints = null,
    IReadOnlyList<string>? Seed = null)
{
    public override string ToString() => Name;
}

/// <summary>The before → after cases the differ must plan exactly, shared by the unit tests and database tests.</summary>
public static class Scenarios
{
    private static ExpectedStep Safe(string sql) => new(StepClass.Safe, sql);

    private static ExpectedStep Warn(string sql) => new(StepClass.Warning, sql);

    private static ExpectedStep Loses(string sql) => new(StepClass.Destructive, sql);

    private static string[] Rows(params string[] sql) => sql;

    private static ColumnSnapshot Id => Col("id", "uuid", pk: true, @default: "gen_random_uuid()");

    private static TableSnapshot Users => Table("users", Id, Col("name", "text", notNull: true));

    private static TableSnapshot Posts(string onDelete = "no action") =>
        Table("posts", Id, Col("user_id", "uuid", notNull: true)).WithFk("posts_user_id_users_id_fk", "user_id", "users", onDelete: onDelete);

    public static IEnumerable<object[]> Names => All.Select(s => new object[] { s.Name });

    public static Scenario Named(string name) => All.Single(s => s.Name == name);

    public static IReadOnlyList<Scenario> All { get; } = new[]
    {
        new Scenario(
            "identical snapshots give an empty plan",
            Snap(new[] { Enum("status", "draft", "done") }, Users, Posts("cascade").WithIndex("posts_user_idx", "user_id"), Table("tasks", Id, Col("status", "status", enumSchema: "public"))),
            Snap(new[] { Enum("status", "draft", "done") }, Users, Posts("cascade").WithIndex("posts_user_idx", "user_id"), Table("tasks", Id, Col("status", "status", enumSchema: "public"))),
            Array.Empty<ExpectedStep>()),

        new Scenario(
            "type spellings that name the same type give an empty plan",
            Snap(Table("spellings", Col("id", "int4", pk: true), Col("a", "timestamp without time zone"), Col("b", "timestamptz"), Col("c", "numeric(10, 2)"),
                Col("d", "varchar(64)"), Col("e", "_text"), Col("f", "bool"), Col("g", "float8"), Col("h", "int8"), Col("i", "decimal(12,4)"), Col("j", "char(3)"))),
            Snap(Table("spellings", Col("id", "integer", pk: true), Col("a", "timestamp"), Col("b", "timestamp with time zone"), Col("c", "numeric(10,2)"),
                Col("d", "character varying(64)"), Col("e", "text[]"), Col("f", "boolean"), Col("g", "double precision"), Col("h", "bigint"), Col("i", "numeric(12, 4)"), Col("j", "character(3)"))),
            Array.Empty<ExpectedStep>()),

        new Scenario(
            "columns added with defaults and quote-escaped literals",
            Snap(Table("notes", Id)),
            Snap(Table("notes", Id, Col("title", "text", notNull: true, @default: "'it''s a \"note\"'"), Col("score", "integer", @default: "0"), Col("tags", "text[]", @default: "'{}'::text[]"))),
            new[]
            {
                Safe("ALTER TABLE \"public\".\"notes\" ADD COLUMN \"title\" text DEFAULT 'it''s a \"note\"' NOT NULL;"),
                Safe("ALTER TABLE \"public\".\"notes\" ADD COLUMN \"score\" integer DEFAULT 0;"),
                Safe("ALTER TABLE \"public\".\"notes\" ADD COLUMN \"tags\" text[] DEFAULT '{}'::text[];"),
            },
            Seed: Rows("INSERT INTO \"public\".\"notes\" DEFAULT VALUES;")),

        new Scenario(
            "a NOT NULL column is added before the unique constraint that uses it",
            Snap(Table("accounts", Id)),
            Snap(Table("accounts", Id, Col("slug", "text", notNull: true)).WithUnique("accounts_slug_unique", false, "slug")),
            new[]
            {
                Warn("ALTER TABLE \"public\".\"accounts\" ADD COLUMN \"slug\" text NOT NULL;"),
                Warn("ALTER TABLE \"public\".\"accounts\" ADD CONSTRAINT \"accounts_slug_unique\" UNIQUE (\"slug\");"),
            }),

        new Scenario(
            "text becomes jsonb through USING",
            Snap(Table("docs", Id, Col("body", "text"))),
            Snap(Table("docs", Id, Col("body", "jsonb"))),
            new[] { Loses("ALTER TABLE \"public\".\"docs\" ALTER COLUMN \"body\" SET DATA TYPE jsonb USING \"body\"::jsonb;") },
            Seed: Rows("INSERT INTO \"public\".\"docs\" (\"body\") VALUES ('{\"a\": 1}'), (NULL);")),

        new Scenario(
            "text with a default becomes jsonb: the default is dropped and set around the cast",
            Snap(Table("docs", Id, Col("meta", "text", notNull: true, @default: "'{}'"))),
            Snap(Table("docs", Id, Col("meta", "jsonb", notNull: true, @default: "'{}'::jsonb"))),
            new[]
            {
                Safe("ALTER TABLE \"public\".\"docs\" ALTER COLUMN \"meta\" DROP DEFAULT;"),
                Loses("ALTER TABLE \"public\".\"docs\" ALTER COLUMN \"meta\" SET DATA TYPE jsonb USING \"meta\"::jsonb;"),
                Safe("ALTER TABLE \"public\".\"docs\" ALTER COLUMN \"meta\" SET DEFAULT '{}'::jsonb;"),
            },
            Seed: Rows("INSERT INTO \"public\".\"docs\" (\"meta\") VALUES ('{\"k\": \"v\"}'), (DEFAULT);")),

        new Scenario(
            "varchar becomes text",
            Snap(Table("people", Id, Col("name", "varchar(64)", notNull: true))),
            Snap(Table("people", Id, Col("name", "text", notNull: true))),
            new[] { Safe("ALTER TABLE \"public\".\"people\" ALTER COLUMN \"name\" SET DATA TYPE text;") },
            Seed: Rows("INSERT INTO \"public\".\"people\" (\"name\") VALUES ('Ada');")),

        new Scenario(
            "varchar shrinks",
            Snap(Table("people", Id, Col("code", "varchar(64)"))),
            Snap(Table("people", Id, Col("code", "varchar(8)"))),
            new[] { Loses("ALTER TABLE \"public\".\"people\" ALTER COLUMN \"code\" SET DATA TYPE varchar(8);") },
            Seed: Rows("INSERT INTO \"public\".\"people\" (\"code\") VALUES ('ab12');")),

        new Scenario(
            "integer widens to bigint and real to double precision",
            Snap(Table("metrics", Id, Col("hits", "integer", notNull: true, @default: "0"), Col("ratio", "real"))),
            Snap(Table("metrics", Id, Col("hits", "bigint", notNull: true, @default: "0"), Col("ratio", "double precision"))),
            new[]
            {
                Safe("ALTER TABLE \"public\".\"metrics\" ALTER COLUMN \"hits\" SET DATA TYPE bigint;"),
                Safe("ALTER TABLE \"public\".\"metrics\" ALTER COLUMN \"hits\" SET DEFAULT 0;"),
                Safe("ALTER TABLE \"public\".\"metrics\" ALTER COLUMN \"ratio\" SET DATA TYPE double precision;"),
            },
            Seed: Rows("INSERT INTO \"public\".\"metrics\" (\"hits\", \"ratio\") VALUES (41, 0.5);")),

        new Scenario(
            "text becomes integer through USING",
            Snap(Table("imports", Id, Col("amount", "text"))),
            Snap(Table("imports", Id, Col("amount", "integer"))),
            new[] { Loses("ALTER TABLE \"public\".\"imports\" ALTER COLUMN \"amount\" SET DATA TYPE integer USING \"amount\"::integer;") },
            Seed: Rows("INSERT INTO \"public\".\"imports\" (\"amount\") VALUES ('42');")),

        new Scenario(
            "uuid becomes text (safe) and integer becomes text (not a widening)",
            Snap(Table("refs", Id, Col("external_id", "uuid"), Col("code", "integer"))),
            Snap(Table("refs", Id, Col("external_id", "text"), Col("code", "text"))),
            new[]
            {
                Safe("ALTER TABLE \"public\".\"refs\" ALTER COLUMN \"external_id\" SET DATA TYPE text;"),
                Loses("ALTER TABLE \"public\".\"refs\" ALTER COLUMN \"code\" SET DATA TYPE text;"),
            },
            Seed: Rows("INSERT INTO \"public\".\"refs\" (\"external_id\", \"code\") VALUES (gen_random_uuid(), 7);")),

        new Scenario(
            "a table renamed through a hint keeps its rows, and its primary key follows the name",
            Snap(Table("notes", Id, Col("body", "text"))),
            Snap(Table("memos", Id, Col("body", "text"))),
            new[]
            {
                Safe("ALTER TABLE \"public\".\"notes\" RENAME TO \"memos\";"),
                Safe("ALTER TABLE \"public\".\"memos\" RENAME CONSTRAINT \"notes_pkey\" TO \"memos_pkey\";"),
            },
            new RenameHints(Tables: new[] { new TableRename("public", "notes", "memos") }),
            Rows("INSERT INTO \"public\".\"notes\" (\"body\") VALUES ('kept');")),

        new Scenario(
            "a column renamed through a hint keeps its index and check",
            Snap(Table("notes", Id, Col("title", "text", notNull: true)).WithIndex("notes_title_idx", "title").WithCheck("notes_title_not_empty", "title <> ''")),
            Snap(Table("notes", Id, Col("heading", "text", notNull: true)).WithIndex("notes_title_idx", "heading").WithCheck("notes_title_not_empty", "heading <> ''")),
            new[] { Safe("ALTER TABLE \"public\".\"notes\" RENAME COLUMN \"title\" TO \"heading\";") },
            new RenameHints(Columns: new[] { new ColumnRename("public", "notes", "title", "heading") }),
            Rows("INSERT INTO \"public\".\"notes\" (\"title\") VALUES ('kept');")),

        new Scenario(
            "a renamed table takes its referencing foreign key and its index names along",
            Snap(Table("agents", Id, Col("name", "text")).WithIndex("agents_name_idx", "name"),
                Table("notes", Id, Col("agent_id", "uuid")).WithFk("notes_agent_id_agents_id_fk", "agent_id", "agents", onDelete: "cascade")),
            Snap(Table("bots", Id, Col("name", "text")).WithIndex("bots_name_idx", "name"),
                Table("notes", Id, Col("agent_id", "uuid")).WithFk("notes_agent_id_bots_id_fk", "agent_id", "bots", onDelete: "cascade")),
            new[]
            {
                Safe("ALTER TABLE \"public\".\"agents\" RENAME TO \"bots\";"),
                Safe("ALTER TABLE \"public\".\"bots\" RENAME CONSTRAINT \"agents_pkey\" TO \"bots_pkey\";"),
                Safe("ALTER INDEX \"public\".\"agents_name_idx\" RENAME TO \"bots_name_idx\";"),
                Safe("ALTER TABLE \"public\".\"notes\" RENAME CONSTRAINT \"notes_agent_id_agents_id_fk\" TO \"notes_agent_id_bots_id_fk\";"),
            },
            new RenameHints(Tables: new[] { new TableRename("public", "agents", "bots") }),
            Rows("INSERT INTO \"public\".\"agents\" (\"id\", \"name\") VALUES ('00000000-0000-0000-0000-000000000001', 'a');",
                "INSERT INTO \"public\".\"notes\" (\"agent_id\") VALUES ('00000000-0000-0000-0000-000000000001');")),

        new Scenario(
            "a foreign key between two new tables comes after both",
            SchemaSnapshot.Empty,
            Snap(Users, Posts("cascade")),
            new[]
            {
                Safe("CREATE TABLE \"public\".\"users\" (\n    \"id\" uuid DEFAULT gen_random_uuid() NOT NULL,\n    \"name\" text NOT NULL,\n    CONSTRAINT \"users_pkey\" PRIMARY KEY (\"id\")\n);"),
                Safe("CREATE TABLE \"public\".\"posts\" (\n    \"id\" uuid DEFAULT gen_random_uuid() NOT NULL,\n    \"user_id\" uuid NOT NULL,\n    CONSTRAINT \"posts_pkey\" PRIMARY KEY (\"id\")\n);"),
                Safe("ALTER TABLE \"public\".\"posts\" ADD CONSTRAINT \"posts_user_id_users_id_fk\" FOREIGN KEY (\"user_id\") REFERENCES \"public\".\"users\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION;"),
            }),

        new Scenario(
            "two tables linked by a foreign key are dropped, referencing one first",
            Snap(Users, Posts()),
            SchemaSnapshot.Empty,
            new[]
            {
                Loses("DROP TABLE \"public\".\"posts\";"),
                Loses("DROP TABLE \"public\".\"users\";"),
            },
            Seed: Rows("INSERT INTO \"public\".\"users\" (\"id\", \"name\") VALUES ('00000000-0000-0000-0000-000000000001', 'u');",
                "INSERT INTO \"public\".\"posts\" (\"user_id\") VALUES ('00000000-0000-0000-0000-000000000001');")),

        new Scenario(
            "two tables referencing each other are dropped after one foreign key",
            Snap(Table("a", Id, Col("b_id", "uuid")).WithFk("a_b_id_fk", "b_id", "b"), Table("b", Id, Col("a_id", "uuid")).WithFk("b_a_id_fk", "a_id", "a")),
            SchemaSnapshot.Empty,
            new[]
            {
                Safe("ALTER TABLE \"public\".\"b\" DROP CONSTRAINT \"b_a_id_fk\";"),
                Loses("DROP TABLE \"public\".\"a\";"),
                Loses("DROP TABLE \"public\".\"b\";"),
            }),

        new Scenario(
            "tables are dropped while another stays",
            Snap(Users, Posts(), Table("tags", Id)),
            Snap(Table("tags", Id)),
            new[]
            {
                Loses("DROP TABLE \"public\".\"posts\";"),
                Loses("DROP TABLE \"public\".\"users\";"),
            }),

        new Scenario(
            "a changed composite primary key is dropped and added",
            Snap(Table("memberships", Col("room_id", "uuid", notNull: true), Col("entity_id", "uuid", notNull: true)).WithPk("memberships_room_id_pk", "room_id")),
            Snap(Table("memberships", Col("room_id", "uuid", notNull: true), Col("entity_id", "uuid", notNull: true)).WithPk("memberships_room_id_entity_id_pk", "room_id", "entity_id")),
            new[]
            {
                Safe("ALTER TABLE \"public\".\"memberships\" DROP CONSTRAINT \"memberships_room_id_pk\";"),
                Warn("ALTER TABLE \"public\".\"memberships\" ADD CONSTRAINT \"memberships_room_id_entity_id_pk\" PRIMARY KEY (\"room_id\", \"entity_id\");"),
            },
            Seed: Rows("INSERT INTO \"public\".\"memberships\" VALUES (gen_random_uuid(), gen_random_uuid());")),

        new Scenario(
            "a primary key referenced by a foreign key changes: the foreign key is dropped first and added last",
            Snap(Table("rooms", Col("id", "uuid", notNull: true), Col("agent_id", "uuid", notNull: true)).WithPk("rooms_id_pk", "id"),
                Table("messages", Id, Col("room_id", "uuid")).WithFk("messages_room_id_rooms_id_fk", "room_id", "rooms")),
            Snap(Table("rooms", Col("id", "uuid", notNull: true), Col("agent_id", "uuid", notNull: true)).WithPk("rooms_id_agent_id_pk", "id", "agent_id").WithUnique("rooms_id_unique", false, "id"),
                Table("messages", Id, Col("room_id", "uuid")).WithFk("messages_room_id_rooms_id_fk", "room_id", "rooms")),
            new[]
            {
                Safe("ALTER TABLE \"public\".\"messages\" DROP CONSTRAINT \"messages_room_id_rooms_id_fk\";"),
                Safe("ALTER TABLE \"public\".\"rooms\" DROP CONSTRAINT \"rooms_id_pk\";"),
                Warn("ALTER TABLE \"public\".\"rooms\" ADD CONSTRAINT \"rooms_id_agent_id_pk\" PRIMARY KEY (\"id\", \"agent_id\");"),
                Warn("ALTER TABLE \"public\".\"rooms\" ADD CONSTRAINT \"rooms_id_unique\" UNIQUE (\"id\");"),
                Safe("ALTER TABLE \"public\".\"messages\" ADD CONSTRAINT \"messages_room_id_rooms_id_fk\" FOREIGN KEY (\"room_id\") REFERENCES \"public\".\"rooms\" (\"id\") ON DELETE NO ACTION ON UPDATE NO ACTION;"),
            },
            Seed: Rows("INSERT INTO \"public\".\"rooms\" VALUES ('00000000-0000-0000-0000-000000000001', gen_random_uuid());",
                "INSERT INTO \"public\".\"messages\" (\"room_id\") VALUES ('00000000-0000-0000-0000-000000000001');")),

        new Scenario(
            "check constraints are added, dropped and changed",
            Snap(Table("items", Id, Col("price", "numeric(10,2)", notNull: true), Col("qty", "integer", notNull: true))
                .WithCheck("items_price_positive", "price > 0").WithCheck("items_qty_positive", "qty > 0")),
            Snap(Table("items", Id, Col("price", "numeric(10,2)", notNull: true), Col("qty", "integer", notNull: true))
                .WithCheck("items_qty_positive", "qty >= 1 AND qty < 1000").WithCheck("items_price_cap", "price < 1000000")),
            new[]
            {
                Safe("ALTER TABLE \"public\".\"items\" DROP CONSTRAINT \"items_price_positive\";"),
                Safe("ALTER TABLE \"public\".\"items\" DROP CONSTRAINT \"items_qty_positive\";"),
                Warn("ALTER TABLE \"public\".\"items\" ADD CONSTRAINT \"items_price_cap\" CHECK (price < 1000000);"),
                Warn("ALTER TABLE \"public\".\"items\" ADD CONSTRAINT \"items_qty_positive\" CHECK (qty >= 1 AND qty < 1000);"),
            },
            Seed: Rows("INSERT INTO \"public\".\"items\" (\"price\", \"qty\") VALUES (9.99, 3);")),

        new Scenario(
            "a check that differs only in spelling is left alone",
            Snap(Table("items", Id, Col("qty", "integer")).WithCheck("items_qty_positive", "qty > 0")),
            Snap(Table("items", Id, Col("qty", "integer")).WithCheck("items_qty_positive", "(QTY  >  0)")),
            Array.Empty<ExpectedStep>()),

        new Scenario(
            "index columns change: the index is dropped and created",
            Snap(Table("events", Id, Col("room_id", "uuid"), Col("created_at", "timestamptz")).WithIndex("events_room_idx", "room_id")),
            Snap(Table("events", Id, Col("room_id", "uuid"), Col("created_at", "timestamptz"))
                .WithIndex(new IndexSnapshot("events_room_idx", new[] { new IndexColumnSnapshot("room_id"), new IndexColumnSnapshot("created_at", Asc: false, Nulls: "first") }))),
            new[]
            {
                Safe("DROP INDEX \"public\".\"events_room_idx\";"),
                Safe("CREATE INDEX \"events_room_idx\" ON \"public\".\"events\" USING \"btree\" (\"room_id\", \"created_at\" DESC);"),
            },
            Seed: Rows("INSERT INTO \"public\".\"events\" (\"room_id\", \"created_at\") VALUES (gen_random_uuid(), now());")),

        new Scenario(
            "a unique index over existing rows is a warning; an expression, partial and opclass index is safe",
            Snap(Table("notes", Id, Col("slug", "text"), Col("title", "text"), Col("deleted_at", "timestamptz"))),
            Snap(Table("notes", Id, Col("slug", "text"), Col("title", "text"), Col("deleted_at", "timestamptz"))
                .WithIndex(new IndexSnapshot("notes_slug_key", new[] { new IndexColumnSnapshot("slug") }, IsUnique: true))
                .WithIndex(new IndexSnapshot("notes_title_lower_idx", new[] { new IndexColumnSnapshot("lower(title)", IsExpression: true, Opclass: "text_pattern_ops") }, Where: "deleted_at IS NULL"))),
            new[]
            {
                Warn("CREATE UNIQUE INDEX \"notes_slug_key\" ON \"public\".\"notes\" USING \"btree\" (\"slug\");"),
                Safe("CREATE INDEX \"notes_title_lower_idx\" ON \"public\".\"notes\" USING \"btree\" ((lower(title)) \"text_pattern_ops\") WHERE deleted_at IS NULL;"),
            },
            Seed: Rows("INSERT INTO \"public\".\"notes\" (\"slug\", \"title\") VALUES ('a', 'A'), ('b', 'B');")),

        new Scenario(
            "a column dropped with its index: the index goes first",
            Snap(Table("notes", Id, Col("legacy", "text")).WithIndex("notes_legacy_idx", "legacy")),
            Snap(Table("notes", Id)),
            new[]
            {
                Safe("DROP INDEX \"public\".\"notes_legacy_idx\";"),
                Loses("ALTER TABLE \"public\".\"notes\" DROP COLUMN \"legacy\";"),
            },
            Seed: Rows("INSERT INTO \"public\".\"notes\" (\"legacy\") VALUES ('x');")),

        new Scenario(
            "enum values are added in position",
            Snap(new[] { Enum("status", "draft", "published") }, Table("posts", Id, Col("status", "status", notNull: true, @default: "'draft'", enumSchema: "public"))),
            Snap(new[] { Enum("status", "draft", "review", "published", "archived") }, Table("posts", Id, Col("status", "status", notNull: true, @default: "'draft'", enumSchema: "public"))),
            new[]
            {
                Safe("ALTER TYPE \"public\".\"status\" ADD VALUE 'review' BEFORE 'published';"),
                Safe("ALTER TYPE \"public\".\"status\" ADD VALUE 'archived';"),
            },
            Seed: Rows("INSERT INTO \"public\".\"posts\" (\"status\") VALUES ('published');")),

        new Scenario(
            "an enum value is removed by replacing the type",
            Snap(new[] { Enum("status", "draft", "published", "archived") }, Table("posts", Id, Col("status", "status", notNull: true, @default: "'draft'", enumSchema: "public"))),
            Snap(new[] { Enum("status", "draft", "published") }, Table("posts", Id, Col("status", "status", notNull: true, @default: "'draft'", enumSchema: "public"))),
            new[]
            {
                Safe("ALTER TYPE \"public\".\"status\" RENAME TO \"status_old\";"),
                Safe("CREATE TYPE \"public\".\"status\" AS ENUM ('draft', 'published');"),
                Safe("ALTER TABLE \"public\".\"posts\" ALTER COLUMN \"status\" DROP DEFAULT;"),
                Warn("ALTER TABLE \"public\".\"posts\" ALTER COLUMN \"status\" SET DATA TYPE \"public\".\"status\" USING \"status\"::text::\"public\".\"status\";"),
                Safe("ALTER TABLE \"public\".\"posts\" ALTER COLUMN \"status\" SET DEFAULT 'draft';"),
                Safe("DROP TYPE \"public\".\"status_old\";"),
            },
            Seed: Rows("INSERT INTO \"public\".\"posts\" (\"status\") VALUES ('published'), ('draft');")),

        new Scenario(
            "an enum no longer used by its column is dropped after the column changes type",
            Snap(new[] { Enum("mood", "happy", "sad") }, Table("people", Id, Col("mood", "mood", enumSchema: "public"))),
            Snap(Table("people", Id, Col("mood", "text"))),
            new[]
            {
                Loses("ALTER TABLE \"public\".\"people\" ALTER COLUMN \"mood\" SET DATA TYPE text;"),
                Loses("DROP TYPE \"public\".\"mood\";"),
            },
            Seed: Rows("INSERT INTO \"public\".\"people\" (\"mood\") VALUES ('happy');")),

        new Scenario(
            "a text column becomes an enum through USING",
            Snap(new[] { Enum("mood", "happy", "sad") }, Table("people", Id, Col("mood", "text"))),
            Snap(new[] { Enum("mood", "happy", "sad") }, Table("people", Id, Col("mood", "mood", enumSchema: "public"))),
            new[] { Loses("ALTER TABLE \"public\".\"people\" ALTER COLUMN \"mood\" SET DATA TYPE \"public\".\"mood\" USING \"mood\"::text::\"public\".\"mood\";") },
            Seed: Rows("INSERT INTO \"public\".\"people\" (\"mood\") VALUES ('sad');")),

        new Scenario(
            "a plain column becomes generated: dropped and added",
            Snap(Table("lines", Id, Col("price", "integer", notNull: true), Col("qty", "integer", notNull: true), Col("total", "integer"))),
            Snap(Table("lines", Id, Col("price", "integer", notNull: true), Col("qty", "integer", notNull: true), Col("total", "integer", generated: "price * qty"))),
            new[]
            {
                Loses("ALTER TABLE \"public\".\"lines\" DROP COLUMN \"total\";"),
                Safe("ALTER TABLE \"public\".\"lines\" ADD COLUMN \"total\" integer GENERATED ALWAYS AS (price * qty) STORED;"),
            },
            Seed: Rows("INSERT INTO \"public\".\"lines\" (\"price\", \"qty\", \"total\") VALUES (3, 4, 0);")),

        new Scenario(
            "a generated column becomes plain and keeps its values",
            Snap(Table("lines", Id, Col("price", "integer", notNull: true), Col("qty", "integer", notNull: true), Col("total", "integer", generated: "price * qty"))),
            Snap(Table("lines", Id, Col("price", "integer", notNull: true), Col("qty", "integer", notNull: true), Col("total", "integer"))),
            new[] { Safe("ALTER TABLE \"public\".\"lines\" ALTER COLUMN \"total\" DROP EXPRESSION;") },
            Seed: Rows("INSERT INTO \"public\".\"lines\" (\"price\", \"qty\") VALUES (3, 4);")),

        new Scenario(
            "a generated expression changes: the column is computed again, with its index",
            Snap(Table("lines", Id, Col("price", "integer", notNull: true), Col("qty", "integer", notNull: true), Col("total", "integer", generated: "price * qty")).WithIndex("lines_total_idx", "total")),
            Snap(Table("lines", Id, Col("price", "integer", notNull: true), Col("qty", "integer", notNull: true), Col("total", "integer", generated: "price * qty + 1")).WithIndex("lines_total_idx", "total")),
            new[]
            {
                Safe("DROP INDEX \"public\".\"lines_total_idx\";"),
                Safe("ALTER TABLE \"public\".\"lines\" DROP COLUMN \"total\";"),
                Safe("ALTER TABLE \"public\".\"lines\" ADD COLUMN \"total\" integer GENERATED ALWAYS AS (price * qty + 1) STORED;"),
                Safe("CREATE INDEX \"lines_total_idx\" ON \"public\".\"lines\" USING \"btree\" (\"total\");"),
            },
            Seed: Rows("INSERT INTO \"public\".\"lines\" (\"price\", \"qty\") VALUES (3, 4);")),

        new Scenario(
            "an existing column becomes NOT NULL without a default",
            Snap(Table("notes", Id, Col("title", "text"))),
            Snap(Table("notes", Id, Col("title", "text", notNull: true))),
            new[] { Loses("ALTER TABLE \"public\".\"notes\" ALTER COLUMN \"title\" SET NOT NULL;") },
            Seed: Rows("INSERT INTO \"public\".\"notes\" (\"title\") VALUES ('set');")),

        new Scenario(
            "an existing column becomes NOT NULL with a default: NULLs take the default first",
            Snap(Table("notes", Id, Col("title", "text"))),
            Snap(Table("notes", Id, Col("title", "text", notNull: true, @default: "'untitled'"))),
            new[]
            {
                Safe("ALTER TABLE \"public\".\"notes\" ALTER COLUMN \"title\" SET DEFAULT 'untitled';"),
                Warn("UPDATE \"public\".\"notes\" SET \"title\" = DEFAULT WHERE \"title\" IS NULL;"),
                Safe("ALTER TABLE \"public\".\"notes\" ALTER COLUMN \"title\" SET NOT NULL;"),
            },
            Seed: Rows("INSERT INTO \"public\".\"notes\" (\"title\") VALUES (NULL), ('kept');")),

        new Scenario(
            "NOT NULL and a default are dropped",
            Snap(Table("notes", Id, Col("title", "text", notNull: true, @default: "'untitled'"))),
            Snap(Table("notes", Id, Col("title", "text"))),
            new[]
            {
                Safe("ALTER TABLE \"public\".\"notes\" ALTER COLUMN \"title\" DROP DEFAULT;"),
                Safe("ALTER TABLE \"public\".\"notes\" ALTER COLUMN \"title\" DROP NOT NULL;"),
            },
            Seed: Rows("INSERT INTO \"public\".\"notes\" DEFAULT VALUES;")),

        new Scenario(
            "a default changes",
            Snap(Table("notes", Id, Col("created_at", "timestamptz", notNull: true, @default: "now()"))),
            Snap(Table("notes", Id, Col("created_at", "timestamptz", notNull: true, @default: "CURRENT_TIMESTAMP"))),
            new[] { Safe("ALTER TABLE \"public\".\"notes\" ALTER COLUMN \"created_at\" SET DEFAULT CURRENT_TIMESTAMP;") }),

        new Scenario(
            "a column is dropped",
            Snap(Table("notes", Id, Col("body", "text"), Col("legacy", "jsonb"))),
            Snap(Table("notes", Id, Col("body", "text"))),
            new[] { Loses("ALTER TABLE \"public\".\"notes\" DROP COLUMN \"legacy\";") },
            Seed: Rows("INSERT INTO \"public\".\"notes\" (\"body\", \"legacy\") VALUES ('b', '{}');")),

        new Scenario(
            "foreign key actions change: dropped and added",
            Snap(Users, Posts()),
            Snap(Users, Posts("cascade")),
            new[]
            {
                Safe("ALTER TABLE \"public\".\"posts\" DROP CONSTRAINT \"posts_user_id_users_id_fk\";"),
                Warn("ALTER TABLE \"public\".\"posts\" ADD CONSTRAINT \"posts_user_id_users_id_fk\" FOREIGN KEY (\"user_id\") REFERENCES \"public\".\"users\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION;"),
            },
            Seed: Rows("INSERT INTO \"public\".\"users\" (\"id\", \"name\") VALUES ('00000000-0000-0000-0000-000000000001', 'u');",
                "INSERT INTO \"public\".\"posts\" (\"user_id\") VALUES ('00000000-0000-0000-0000-000000000001');")),

        new Scenario(
            "a foreign key added between existing tables is a warning",
            Snap(Users, Table("posts", Id, Col("user_id", "uuid", notNull: true))),
            Snap(Users, Posts()),
            new[] { Warn("ALTER TABLE \"public\".\"posts\" ADD CONSTRAINT \"posts_user_id_users_id_fk\" FOREIGN KEY (\"user_id\") REFERENCES \"public\".\"users\" (\"id\") ON DELETE NO ACTION ON UPDATE NO ACTION;") }),

        new Scenario(
            "key columns of a foreign key widen on both sides around the foreign key",
            Snap(Table("users", Col("id", "integer", pk: true)), Table("posts", Col("id", "integer", pk: true), Col("user_id", "integer")).WithFk("posts_user_id_users_id_fk", "user_id", "users")),
            Snap(Table("users", Col("id", "bigint", pk: true)), Table("posts", Col("id", "integer", pk: true), Col("user_id", "bigint")).WithFk("posts_user_id_users_id_fk", "user_id", "users")),
            new[]
            {
                Safe("ALTER TABLE \"public\".\"posts\" DROP CONSTRAINT \"posts_user_id_users_id_fk\";"),
                Safe("ALTER TABLE \"public\".\"posts\" ALTER COLUMN \"user_id\" SET DATA TYPE bigint;"),
                Safe("ALTER TABLE \"public\".\"users\" ALTER COLUMN \"id\" SET DATA TYPE bigint;"),
                Safe("ALTER TABLE \"public\".\"posts\" ADD CONSTRAINT \"posts_user_id_users_id_fk\" FOREIGN KEY (\"user_id\") REFERENCES \"public\".\"users\" (\"id\") ON DELETE NO ACTION ON UPDATE NO ACTION;"),
            },
            Seed: Rows("INSERT INTO \"public\".\"users\" VALUES (1);", "INSERT INTO \"public\".\"posts\" VALUES (1, 1);")),

        new Scenario(
            "a unique constraint changes NULLS NOT DISTINCT",
            Snap(Table("handles", Id, Col("handle", "text")).WithUnique("handles_handle_unique", false, "handle")),
            Snap(Table("handles", Id, Col("handle", "text")).WithUnique("handles_handle_unique", true, "handle")),
            new[]
            {
                Safe("ALTER TABLE \"public\".\"handles\" DROP CONSTRAINT \"handles_handle_unique\";"),
                Warn("ALTER TABLE \"public\".\"handles\" ADD CONSTRAINT \"handles_handle_unique\" UNIQUE NULLS NOT DISTINCT (\"handle\");"),
            },
            Seed: Rows("INSERT INTO \"public\".\"handles\" (\"handle\") VALUES ('a'), (NULL);")),

        new Scenario(
            "a primary key is added to a table without one",
            Snap(Table("logs", Col("id", "uuid", notNull: true), Col("body", "text"))),
            Snap(Table("logs", Col("id", "uuid", pk: true), Col("body", "text"))),
            new[] { Warn("ALTER TABLE \"public\".\"logs\" ADD CONSTRAINT \"logs_pkey\" PRIMARY KEY (\"id\");") },
            Seed: Rows("INSERT INTO \"public\".\"logs\" VALUES (gen_random_uuid(), 'b');")),

        new Scenario(
            "a new schema with an enum and a table",
            SchemaSnapshot.Empty,
            SchemaSnapshot.Create(
                new[] { TableIn("acme", "tasks", Id, Col("priority", "priority", notNull: true, @default: "'low'", enumSchema: "acme")) },
                new[] { new EnumSnapshot("acme", "priority", new[] { "low", "high" }) }),
            new[]
            {
                Safe("CREATE SCHEMA IF NOT EXISTS \"acme\";"),
                Safe("CREATE TYPE \"acme\".\"priority\" AS ENUM ('low', 'high');"),
                Safe("CREATE TABLE \"acme\".\"tasks\" (\n    \"id\" uuid DEFAULT gen_random_uuid() NOT NULL,\n    \"priority\" \"acme\".\"priority\" DEFAULT 'low' NOT NULL,\n    CONSTRAINT \"tasks_pkey\" PRIMARY KEY (\"id\")\n);"),
            }),

        new Scenario(
            "a schema whose tables all go is dropped last",
            SchemaSnapshot.Create(new[] { TableIn("acme", "tasks", Id) }),
            SchemaSnapshot.Empty,
            new[]
            {
                Loses("DROP TABLE \"acme\".\"tasks\";"),
                Loses("DROP SCHEMA \"acme\";"),
            }),

        new Scenario(
            "a vector column changes dimensions and gains an HNSW index",
            Snap(Table("embeddings", Id, Col("embedding", "vector(3)"))),
            Snap(Table("embeddings", Id, Col("embedding", "vector(4)"))
                .WithIndex(new IndexSnapshot("embeddings_embedding_idx", new[] { new IndexColumnSnapshot("embedding", Opclass: "vector_cosine_ops") }, Method: "hnsw",
                    With: new[] { new IndexParameter("ef_construction", "64"), new IndexParameter("m", "16") }))),
            new[]
            {
                Loses("ALTER TABLE \"public\".\"embeddings\" ALTER COLUMN \"embedding\" SET DATA TYPE vector(4);"),
                Safe("CREATE INDEX \"embeddings_embedding_idx\" ON \"public\".\"embeddings\" USING \"hnsw\" (\"embedding\" \"vector_cosine_ops\") WITH (ef_construction = 64, m = 16);"),
            }),

        new Scenario(
            "a column renamed and widened at once",
            Snap(Table("people", Id, Col("nick", "varchar(16)"))),
            Snap(Table("people", Id, Col("handle", "varchar(32)"))),
            new[]
            {
                Safe("ALTER TABLE \"public\".\"people\" RENAME COLUMN \"nick\" TO \"handle\";"),
                Safe("ALTER TABLE \"public\".\"people\" ALTER COLUMN \"handle\" SET DATA TYPE varchar(32);"),
            },
            new RenameHints(Columns: new[] { new ColumnRename("public", "people", "nick", "handle") }),
            Rows("INSERT INTO \"public\".\"people\" (\"nick\") VALUES ('ada');")),

        new Scenario(
            "without a hint a renamed column is dropped and added",
            Snap(Table("people", Id, Col("nick", "text"))),
            Snap(Table("people", Id, Col("handle", "text"))),
            new[]
            {
                Safe("ALTER TABLE \"public\".\"people\" ADD COLUMN \"handle\" text;"),
                Loses("ALTER TABLE \"public\".\"people\" DROP COLUMN \"nick\";"),
            }),

        new Scenario(
            "an integer column becomes serial",
            Snap(Table("tickets", Col("id", "integer", pk: true))),
            Snap(Table("tickets", Col("id", "serial", pk: true))),
            new[]
            {
                Safe("CREATE SEQUENCE \"public\".\"tickets_id_seq\" AS integer OWNED BY \"public\".\"tickets\".\"id\";"),
                Safe("SELECT setval('\"public\".\"tickets_id_seq\"', GREATEST(COALESCE(MAX(\"id\"), 0), 0) + 1, false) FROM \"public\".\"tickets\";"),
                Safe("ALTER TABLE \"public\".\"tickets\" ALTER COLUMN \"id\" SET DEFAULT nextval('\"public\".\"tickets_id_seq\"'::regclass);"),
            },
            Seed: Rows("INSERT INTO \"public\".\"tickets\" VALUES (7);")),
        new Scenario(
            "a serial column becomes a plain integer and its sequence goes",
            Snap(Table("tickets", Col("id", "serial", pk: true))),
            Snap(Table("tickets", Col("id", "integer", pk: true))),
            new[]
            {
                Safe("ALTER TABLE \"public\".\"tickets\" ALTER COLUMN \"id\" DROP DEFAULT;"),
                Safe("DO $elizagen$ DECLARE s text := pg_get_serial_sequence('\"public\".\"tickets\"', 'id'); BEGIN IF s IS NOT NULL THEN EXECUTE format('DROP SEQUENCE %s', s); END IF; END $elizagen$;"),
            },
            Seed: Rows("INSERT INTO \"public\".\"tickets\" DEFAULT VALUES;")),
        new Scenario(
            "serial widens to bigserial, with its sequence",
            Snap(Table("counters", Col("id", "serial", pk: true), Col("label", "text"))),
            Snap(Table("counters", Col("id", "bigserial", pk: true), Col("label", "text"))),
            new[]
            {
                Safe("ALTER TABLE \"public\".\"counters\" ALTER COLUMN \"id\" SET DATA TYPE bigint;"),
                Safe("DO $elizagen$ DECLARE s text := pg_get_serial_sequence('\"public\".\"counters\"', 'id'); BEGIN IF s IS NOT NULL THEN EXECUTE format('ALTER SEQUENCE %s AS bigint', s); END IF; END $elizagen$;"),
            },
            Seed: Rows("INSERT INTO \"public\".\"counters\" (\"label\") VALUES ('one');")),

        new Scenario(
            "a column a generated column is computed from changes type: the generated column is rebuilt around it",
            Snap(Table("lines", Id, Col("price", "integer", notNull: true), Col("qty", "integer", notNull: true), Col("total", "integer", generated: "price * qty"))),
            Snap(Table("lines", Id, Col("price", "bigint", notNull: true), Col("qty", "integer", notNull: true), Col("total", "bigint", generated: "price * qty"))),
            new[]
            {
                Safe("ALTER TABLE \"public\".\"lines\" DROP COLUMN \"total\";"),
                Safe("ALTER TABLE \"public\".\"lines\" ALTER COLUMN \"price\" SET DATA TYPE bigint;"),
                Safe("ALTER TABLE \"public\".\"lines\" ADD COLUMN \"total\" bigint GENERATED ALWAYS AS (price * qty) STORED;"),
            },
            Seed: Rows("INSERT INTO \"public\".\"lines\" (\"price\", \"qty\") VALUES (3, 4);")),

        new Scenario(
            "an enum loses a value under a check that uses the column: the check is re-created around the swap",
            Snap(new[] { Enum("status", "draft", "published", "archived") },
                Table("posts", Id, Col("status", "status", notNull: true, enumSchema: "public"), Col("title", "text")).WithCheck("posts_published_has_title", "status <> 'published' OR title IS NOT NULL")),
            Snap(new[] { Enum("status", "draft", "published") },
                Table("posts", Id, Col("status", "status", notNull: true, enumSchema: "public"), Col("title", "text")).WithCheck("posts_published_has_title", "status <> 'published' OR title IS NOT NULL")),
            new[]
            {
                Safe("ALTER TABLE \"public\".\"posts\" DROP CONSTRAINT \"posts_published_has_title\";"),
                Safe("ALTER TYPE \"public\".\"status\" RENAME TO \"status_old\";"),
                Safe("CREATE TYPE \"public\".\"status\" AS ENUM ('draft', 'published');"),
                Warn("ALTER TABLE \"public\".\"posts\" ALTER COLUMN \"status\" SET DATA TYPE \"public\".\"status\" USING \"status\"::text::\"public\".\"status\";"),
                Safe("ALTER TABLE \"public\".\"posts\" ADD CONSTRAINT \"posts_published_has_title\" CHECK (status <> 'published' OR title IS NOT NULL);"),
                Safe("DROP TYPE \"public\".\"status_old\";"),
            },
            Seed: Rows("INSERT INTO \"public\".\"posts\" (\"status\", \"title\") VALUES ('published', 't'), ('draft', NULL);")),

        new Scenario(
            "enum values are reordered by replacing the type",
            Snap(new[] { Enum("priority", "low", "high") }, Table("tasks", Id, Col("priority", "priority", enumSchema: "public"))),
            Snap(new[] { Enum("priority", "high", "low") }, Table("tasks", Id, Col("priority", "priority", enumSchema: "public"))),
            new[]
            {
                Safe("ALTER TYPE \"public\".\"priority\" RENAME TO \"priority_old\";"),
                Safe("CREATE TYPE \"public\".\"priority\" AS ENUM ('high', 'low');"),
                Safe("ALTER TABLE \"public\".\"tasks\" ALTER COLUMN \"priority\" SET DATA TYPE \"public\".\"priority\" USING \"priority\"::text::\"public\".\"priority\";"),
                Safe("DROP TYPE \"public\".\"priority_old\";"),
            },
            Seed: Rows("INSERT INTO \"public\".\"tasks\" (\"priority\") VALUES ('high');")),

        new Scenario(
            "a foreign key over a unique index is re-created when the index becomes a constraint",
            Snap(Table("users", Id, Col("email", "text", notNull: true)).WithIndex(new IndexSnapshot("users_email_key", new[] { new IndexColumnSnapshot("email") }, IsUnique: true)),
                Table("sessions", Id, Col("email", "text")).WithFk("sessions_email_users_email_fk", "email", "users", "email")),
            Snap(Table("users", Id, Col("email", "text", notNull: true)).WithUnique("users_email_key", false, "email"),
                Table("sessions", Id, Col("email", "text")).WithFk("sessions_email_users_email_fk", "email", "users", "email")),
            new[]
            {
                Safe("ALTER TABLE \"public\".\"sessions\" DROP CONSTRAINT \"sessions_email_users_email_fk\";"),
                Safe("DROP INDEX \"public\".\"users_email_key\";"),
                Warn("ALTER TABLE \"public\".\"users\" ADD CONSTRAINT \"users_email_key\" UNIQUE (\"email\");"),
                Safe("ALTER TABLE \"public\".\"sessions\" ADD CONSTRAINT \"sessions_email_users_email_fk\" FOREIGN KEY (\"email\") REFERENCES \"public\".\"users\" (\"email\") ON DELETE NO ACTION ON UPDATE NO ACTION;"),
            },
            Seed: Rows("INSERT INTO \"public\".\"users\" (\"email\") VALUES ('a@example.org');", "INSERT INTO \"public\".\"sessions\" (\"email\") VALUES ('a@example.org');")),

        new Scenario(
            "a table and one of its columns are renamed at once",
            Snap(Table("notes", Id, Col("title", "text")).WithUnique("notes_title_unique", false, "title")),
            Snap(Table("memos", Id, Col("heading", "text")).WithUnique("memos_heading_unique", false, "heading")),
            new[]
            {
                Safe("ALTER TABLE \"public\".\"notes\" RENAME TO \"memos\";"),
                Safe("ALTER TABLE \"public\".\"memos\" RENAME COLUMN \"title\" TO \"heading\";"),
                Safe("ALTER TABLE \"public\".\"memos\" RENAME CONSTRAINT \"notes_pkey\" TO \"memos_pkey\";"),
                Safe("ALTER TABLE \"public\".\"memos\" RENAME CONSTRAINT \"notes_title_unique\" TO \"memos_heading_unique\";"),
            },
            new RenameHints(new[] { new TableRename("public", "notes", "memos") }, new[] { new ColumnRename("public", "memos", "title", "heading") }),
            Rows("INSERT INTO \"public\".\"notes\" (\"title\") VALUES ('kept');")),

        new Scenario(
            "a dropped primary key lets its column hold NULL",
            Snap(Table("logs", Col("id", "uuid", pk: true), Col("body", "text"))),
            Snap(Table("logs", Col("id", "uuid"), Col("body", "text"))),
            new[]
            {
                Safe("ALTER TABLE \"public\".\"logs\" DROP CONSTRAINT \"logs_pkey\";"),
                Safe("ALTER TABLE \"public\".\"logs\" ALTER COLUMN \"id\" DROP NOT NULL;"),
            },
            Seed: Rows("INSERT INTO \"public\".\"logs\" VALUES (gen_random_uuid(), 'b');")),

        new Scenario(
            "a generated NOT NULL column added to an existing table is a warning (its expression may give NULL)",
            Snap(Table("lines", Id, Col("price", "integer", notNull: true), Col("qty", "integer", notNull: true))),
            Snap(Table("lines", Id, Col("price", "integer", notNull: true), Col("qty", "integer", notNull: true), Col("total", "integer", notNull: true, generated: "price * qty"))),
            new[] { Warn("ALTER TABLE \"public\".\"lines\" ADD COLUMN \"total\" integer GENERATED ALWAYS AS (price * qty) STORED NOT NULL;") },
            Seed: Rows("INSERT INTO \"public\".\"lines\" (\"price\", \"qty\") VALUES (3, 4);")),
        new Scenario(
            "a dropped table goes before the key it referenced changes",
            Snap(Table("rooms", Col("id", "uuid", notNull: true), Col("agent_id", "uuid", notNull: true)).WithPk("rooms_id_pk", "id"),
                Table("messages", Id, Col("room_id", "uuid")).WithFk("messages_room_id_rooms_id_fk", "room_id", "rooms")),
            Snap(Table("rooms", Col("id", "uuid", notNull: true), Col("agent_id", "uuid", notNull: true)).WithPk("rooms_id_agent_id_pk", "id", "agent_id")),
            new[]
            {
                Loses("DROP TABLE \"public\".\"messages\";"),
                Safe("ALTER TABLE \"public\".\"rooms\" DROP CONSTRAINT \"rooms_id_pk\";"),
                Warn("ALTER TABLE \"public\".\"rooms\" ADD CONSTRAINT \"rooms_id_agent_id_pk\" PRIMARY KEY (\"id\", \"agent_id\");"),
            },
            Seed: Rows("INSERT INTO \"public\".\"rooms\" VALUES ('00000000-0000-0000-0000-000000000001', gen_random_uuid());",
                "INSERT INTO \"public\".\"messages\" (\"room_id\") VALUES ('00000000-0000-0000-0000-000000000001');")),

        new Scenario(
            "an index name freed by a dropped table is taken by a new table",
            Snap(Table("old_notes", Id, Col("body", "text")).WithIndex("notes_body_idx", "body")),
            Snap(Table("notes", Id, Col("body", "text")).WithIndex("notes_body_idx", "body")),
            new[]
            {
                Loses("DROP TABLE \"public\".\"old_notes\";"),
                Safe("CREATE TABLE \"public\".\"notes\" (\n    \"id\" uuid DEFAULT gen_random_uuid() NOT NULL,\n    \"body\" text,\n    CONSTRAINT \"notes_pkey\" PRIMARY KEY (\"id\")\n);"),
                Safe("CREATE INDEX \"notes_body_idx\" ON \"public\".\"notes\" USING \"btree\" (\"body\");"),
            }),
        new Scenario(
            "a generated column changes type: converted in place, or added again where a USING cast would be needed",
            Snap(Table("calc", Id, Col("a", "integer", notNull: true), Col("doubled", "integer", generated: "a * 2"), Col("payload", "text", generated: "'{\"a\": ' || a || '}'"))),
            Snap(Table("calc", Id, Col("a", "integer", notNull: true), Col("doubled", "bigint", generated: "a * 2"), Col("payload", "jsonb", generated: "('{\"a\": ' || a || '}')::jsonb"))),
            new[]
            {
                Safe("ALTER TABLE \"public\".\"calc\" DROP COLUMN \"payload\";"),
                Safe("ALTER TABLE \"public\".\"calc\" ALTER COLUMN \"doubled\" SET DATA TYPE bigint;"),
                Safe("ALTER TABLE \"public\".\"calc\" ADD COLUMN \"payload\" jsonb GENERATED ALWAYS AS (('{\"a\": ' || a || '}')::jsonb) STORED;"),
            },
            Seed: Rows("INSERT INTO \"public\".\"calc\" (\"a\") VALUES (2);")),

        new Scenario(
            "a generated column keeps its expression and changes to a type that needs USING",
            Snap(Table("calc", Id, Col("a", "integer", notNull: true), Col("empty", "text", generated: "'{}'"))),
            Snap(Table("calc", Id, Col("a", "integer", notNull: true), Col("empty", "jsonb", generated: "'{}'"))),
            new[]
            {
                Safe("ALTER TABLE \"public\".\"calc\" DROP COLUMN \"empty\";"),
                Safe("ALTER TABLE \"public\".\"calc\" ADD COLUMN \"empty\" jsonb GENERATED ALWAYS AS ('{}') STORED;"),
            },
            Seed: Rows("INSERT INTO \"public\".\"calc\" (\"a\") VALUES (2);")),
        new Scenario(
            "many changes at once: renames, an enum value, a dropped table, widened keys, a rebuilt column, new constraints",
            Snap(new[] { Enum("status", "draft", "done") },
                Table("agents", Col("id", "integer", pk: true), Col("name", "varchar(32)", notNull: true), Col("score", "integer")).WithIndex("agents_name_idx", "name"),
                Table("notes", Col("id", "integer", pk: true), Col("agent_id", "integer", notNull: true), Col("title", "text"), Col("status", "status", enumSchema: "public", @default: "'draft'"), Col("len", "integer"))
                    .WithFk("notes_agent_id_agents_id_fk", "agent_id", "agents").WithIndex("notes_title_idx", "title"),
                Table("audit", Col("id", "integer", pk: true), Col("agent_id", "integer")).WithFk("audit_agent_fk", "agent_id", "agents")),
            Snap(new[] { Enum("status", "draft", "review", "done") },
                Table("bots", Col("id", "bigint", pk: true), Col("label", "text", notNull: true), Col("score", "integer", notNull: true, @default: "0"), Col("slug", "text", notNull: true, @default: "''"))
                    .WithIndex("bots_name_idx", "label").WithUnique("bots_slug_unique", false, "slug"),
                Table("notes", Col("id", "integer", pk: true), Col("agent_id", "bigint", notNull: true), Col("heading", "text"), Col("status", "status", enumSchema: "public", @default: "'draft'"), Col("len", "integer", generated: "length(heading)"))
                    .WithFk("notes_agent_id_bots_id_fk", "agent_id", "bots", onDelete: "cascade").WithCheck("notes_heading_short", "length(heading) < 200"),
                Table("tags", Col("id", "integer", pk: true), Col("note_id", "integer")).WithFk("tags_note_fk", "note_id", "notes")),
            new[]
            {
                Safe("ALTER TABLE \"public\".\"agents\" RENAME TO \"bots\";"),
                Safe("ALTER TABLE \"public\".\"bots\" RENAME COLUMN \"name\" TO \"label\";"),
                Safe("ALTER TABLE \"public\".\"notes\" RENAME COLUMN \"title\" TO \"heading\";"),
                Safe("ALTER TYPE \"public\".\"status\" ADD VALUE 'review' BEFORE 'done';"),
                Safe("ALTER TABLE \"public\".\"notes\" DROP CONSTRAINT \"notes_agent_id_agents_id_fk\";"),
                Loses("DROP TABLE \"public\".\"audit\";"),
                Safe("DROP INDEX \"public\".\"notes_title_idx\";"),
                Safe("ALTER TABLE \"public\".\"bots\" RENAME CONSTRAINT \"agents_pkey\" TO \"bots_pkey\";"),
                Safe("ALTER INDEX \"public\".\"agents_name_idx\" RENAME TO \"bots_name_idx\";"),
                Safe("CREATE TABLE \"public\".\"tags\" (\n    \"id\" integer NOT NULL,\n    \"note_id\" integer,\n    CONSTRAINT \"tags_pkey\" PRIMARY KEY (\"id\")\n);"),
                Safe("ALTER TABLE \"public\".\"bots\" ADD COLUMN \"slug\" text DEFAULT '' NOT NULL;"),
                Loses("ALTER TABLE \"public\".\"notes\" DROP COLUMN \"len\";"),
                Safe("ALTER TABLE \"public\".\"bots\" ALTER COLUMN \"id\" SET DATA TYPE bigint;"),
                Safe("ALTER TABLE \"public\".\"bots\" ALTER COLUMN \"label\" SET DATA TYPE text;"),
                Safe("ALTER TABLE \"public\".\"bots\" ALTER COLUMN \"score\" SET DEFAULT 0;"),
                Warn("UPDATE \"public\".\"bots\" SET \"score\" = DEFAULT WHERE \"score\" IS NULL;"),
                Safe("ALTER TABLE \"public\".\"bots\" ALTER COLUMN \"score\" SET NOT NULL;"),
                Safe("ALTER TABLE \"public\".\"notes\" ALTER COLUMN \"agent_id\" SET DATA TYPE bigint;"),
                Safe("ALTER TABLE \"public\".\"notes\" ADD COLUMN \"len\" integer GENERATED ALWAYS AS (length(heading)) STORED;"),
                Warn("ALTER TABLE \"public\".\"bots\" ADD CONSTRAINT \"bots_slug_unique\" UNIQUE (\"slug\");"),
                Warn("ALTER TABLE \"public\".\"notes\" ADD CONSTRAINT \"notes_heading_short\" CHECK (length(heading) < 200);"),
                Warn("ALTER TABLE \"public\".\"notes\" ADD CONSTRAINT \"notes_agent_id_bots_id_fk\" FOREIGN KEY (\"agent_id\") REFERENCES \"public\".\"bots\" (\"id\") ON DELETE CASCADE ON UPDATE NO ACTION;"),
                Safe("ALTER TABLE \"public\".\"tags\" ADD CONSTRAINT \"tags_note_fk\" FOREIGN KEY (\"note_id\") REFERENCES \"public\".\"notes\" (\"id\") ON DELETE NO ACTION ON UPDATE NO ACTION;"),
            },
            new RenameHints(
                new[] { new TableRename("public", "agents", "bots") },
                new[] { new ColumnRename("public", "bots", "name", "label"), new ColumnRename("public", "notes", "title", "heading") }),
            Rows("INSERT INTO \"public\".\"agents\" VALUES (1, 'a', NULL);",
                "INSERT INTO \"public\".\"notes\" VALUES (1, 1, 't', 'draft', 5);",
                "INSERT INTO \"public\".\"audit\" VALUES (1, 1);")),
        new Scenario(
            "an enum value added and used by a new column at once: the type is replaced so that the value is usable",
            Snap(new[] { Enum("status", "draft", "done") }, Table("posts", Id, Col("status", "status", notNull: true, @default: "'draft'", enumSchema: "public"))),
            Snap(new[] { Enum("status", "draft", "review", "done") }, Table("posts", Id, Col("status", "status", notNull: true, @default: "'draft'", enumSchema: "public"),
                Col("stage", "status", notNull: true, @default: "'review'", enumSchema: "public"))),
            new[]
            {
                Safe("ALTER TYPE \"public\".\"status\" RENAME TO \"status_old\";"),
                Safe("CREATE TYPE \"public\".\"status\" AS ENUM ('draft', 'review', 'done');"),
                Safe("ALTER TABLE \"public\".\"posts\" ALTER COLUMN \"status\" DROP DEFAULT;"),
                Safe("ALTER TABLE \"public\".\"posts\" ALTER COLUMN \"status\" SET DATA TYPE \"public\".\"status\" USING \"status\"::text::\"public\".\"status\";"),
                Safe("ALTER TABLE \"public\".\"posts\" ALTER COLUMN \"status\" SET DEFAULT 'draft';"),
                Safe("ALTER TABLE \"public\".\"posts\" ADD COLUMN \"stage\" \"public\".\"status\" DEFAULT 'review' NOT NULL;"),
                Safe("DROP TYPE \"public\".\"status_old\";"),
            },
            Seed: Rows("INSERT INTO \"public\".\"posts\" (\"status\") VALUES ('done');")),
    };
}
