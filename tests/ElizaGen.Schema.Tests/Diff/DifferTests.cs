using ElizaGen.Schema.Ddl;
using ElizaGen.Schema.Diff;
using ElizaGen.Schema.Snapshots;
using static ElizaGen.Schema.Tests.Build;

namespace ElizaGen.Schema.Tests.Diff;

public class DifferTests
{
    private static ColumnSnapshot Id => Col("id", "uuid", pk: true, @default: "gen_random_uuid()");

    private static MigrationStep Single(MigrationPlan plan) => Assert.Single(plan.Steps);

    [Fact]
    public void Two_empty_snapshots_give_an_empty_plan()
    {
        var plan = Differ.Diff(SchemaSnapshot.Empty, SchemaSnapshot.Empty);

        Assert.True(plan.IsEmpty);
        Assert.False(plan.HasDestructiveSteps);
        Assert.Empty(plan.Warnings);
        Assert.Equal("", plan.ToSql());
    }

    [Fact]
    public void From_nothing_the_plan_is_the_create_DDL()
    {
        var s = SchemaSnapshot.Create(
            new[]
            {
                TableIn("acme", "posts", Id, Col("user_id", "uuid"), Col("status", "status", enumSchema: "acme"))
                    .WithFk("posts_user_fk", "user_id", "users", schemaTo: "acme").WithIndex("posts_user_idx", "user_id"),
                TableIn("acme", "users", Id),
            },
            new[] { new EnumSnapshot("acme", "status", new[] { "a" }) });

        var plan = Differ.Diff(SchemaSnapshot.Empty, s);

        Assert.Equal(DdlWriter.CreateStatements(s), plan.Statements);
        Assert.All(plan.Steps, step => Assert.Equal(StepClass.Safe, step.Class));
    }

    [Fact]
    public void Checks_and_index_expressions_over_a_retyped_column_are_recreated_from_their_text()
    {
        // PostgreSQL would keep '2000-01-01'::timestamptz in them when the column becomes timestamp.
        TableSnapshot Events(string type) => Table("events", Col("at", type, notNull: true), Col("n", "integer"))
            .WithCheck("events_recent", "at >= '2000-01-01'")
            .WithCheck("events_n", "n > 0")
            .WithIndex(new IndexSnapshot("events_day", new[] { new IndexColumnSnapshot("n") }, Where: "at >= '2000-01-01'"));

        var plan = Differ.Diff(Snap(Events("timestamptz")), Snap(Events("timestamp")));

        Assert.Equal(new[]
        {
            "DROP INDEX \"public\".\"events_day\";",
            "ALTER TABLE \"public\".\"events\" DROP CONSTRAINT \"events_recent\";",
            "ALTER TABLE \"public\".\"events\" ALTER COLUMN \"at\" SET DATA TYPE timestamp;",
            "ALTER TABLE \"public\".\"events\" ADD CONSTRAINT \"events_recent\" CHECK (at >= '2000-01-01');",
            "CREATE INDEX \"events_day\" ON \"public\".\"events\" USING \"btree\" (\"n\") WHERE at >= '2000-01-01';",
        }, plan.Statements);
    }

    [Fact]
    public void A_retyped_column_gets_its_default_again_parsed_for_the_new_type()
    {
        // PostgreSQL would keep ''::character varying as the default of the text column.
        var plan = Differ.Diff(Snap(Table("t", Col("s", "varchar(20)", @default: "''"))), Snap(Table("t", Col("s", "text", @default: "''"))));

        Assert.Equal(new[]
        {
            "ALTER TABLE \"public\".\"t\" ALTER COLUMN \"s\" SET DATA TYPE text;",
            "ALTER TABLE \"public\".\"t\" ALTER COLUMN \"s\" SET DEFAULT '';",
        }, plan.Statements);
        Assert.All(plan.Steps, step => Assert.Equal(StepClass.Safe, step.Class));
    }

    [Fact]
    public void Generated_columns_are_added_after_and_dropped_before_type_changes()
    {
        // PostgreSQL computes a new generated column with the types of the moment, and refuses to retype a column a
        // generated column is still computed from.
        var before = Snap(Table("t", Col("n", "text"), Col("shout", "text", generated: "upper(n)"), Col("old", "text", generated: "lower(n)")));
        var after = Snap(Table("t", Col("n", "integer"), Col("shout", "text"), Col("next", "bigint", generated: "n + 1")));

        var plan = Differ.Diff(before, after);

        Assert.Equal(new[]
        {
            "ALTER TABLE \"public\".\"t\" ALTER COLUMN \"shout\" DROP EXPRESSION;",
            "ALTER TABLE \"public\".\"t\" DROP COLUMN \"old\";",
            "ALTER TABLE \"public\".\"t\" ALTER COLUMN \"n\" SET DATA TYPE integer USING \"n\"::integer;",
            "ALTER TABLE \"public\".\"t\" ADD COLUMN \"next\" bigint GENERATED ALWAYS AS (n + 1) STORED;",
        }, plan.Statements);
    }

    [Fact]
    public void A_key_re_created_over_values_that_change_is_a_warning_and_over_widened_values_safe()
    {
        // "slug" becomes generated: its values are replaced, and the unique constraint over it can fail.
        var before = Snap(Table("t", Col("id", "integer", pk: true), Col("name", "text"), Col("slug", "text")).WithUnique("t_slug_unique", false, "slug"),
            Table("c", Col("id", "integer", pk: true), Col("t_id", "integer")).WithFk("c_t_fk", "t_id", "t"));
        var after = Snap(Table("t", Col("id", "bigint", pk: true), Col("name", "text"), Col("slug", "text", generated: "lower(name)")).WithUnique("t_slug_unique", false, "slug"),
            Table("c", Col("id", "integer", pk: true), Col("t_id", "bigint")).WithFk("c_t_fk", "t_id", "t"));

        var plan = Differ.Diff(before, after);

        Assert.Equal(StepClass.Warning, plan.Steps.Single(s => s.Kind == StepKind.AddUniqueConstraint).Class);
        Assert.Equal(StepClass.Safe, plan.Steps.Single(s => s.Kind == StepKind.AddForeignKey).Class);
    }

    [Fact]
    public void Serial_and_integer_with_a_sequence_default_are_the_same_column()
    {
        var declared = Snap(Table("counters", Col("id", "serial", pk: true), Col("n", "bigserial")));
        var introspected = Snap(Table("counters",
            Col("id", "integer", pk: true, @default: "nextval('counters_id_seq'::regclass)"),
            Col("n", "bigint", notNull: true, @default: "nextval('counters_n_seq'::regclass)")));

        Assert.True(Differ.Diff(declared, introspected).IsEmpty);
        Assert.True(Differ.Diff(introspected, declared).IsEmpty);
    }

    [Fact]
    public void A_serial_column_becoming_plain_integer_stops_using_its_sequence_and_drops_it()
    {
        var plan = Differ.Diff(Snap(Table("t", Col("id", "serial", pk: true))), Snap(Table("t", Col("id", "integer", pk: true))));

        Assert.Equal(new[] { StepKind.DropDefault, StepKind.DropSequence }, plan.Steps.Select(s => s.Kind));
        Assert.All(plan.Steps, step => Assert.Equal(StepClass.Safe, step.Class));
        Assert.Equal("ALTER TABLE \"public\".\"t\" ALTER COLUMN \"id\" DROP DEFAULT;", plan.Steps[0].Sql);
        Assert.Equal("DO $elizagen$ DECLARE s text := pg_get_serial_sequence('\"public\".\"t\"', 'id'); BEGIN IF s IS NOT NULL THEN EXECUTE format('DROP SEQUENCE %s', s); END IF; END $elizagen$;",
            plan.Steps[1].Sql);
    }

    [Fact]
    public void Steps_name_their_table_column_and_schema_and_say_what_they_do()
    {
        var plan = Differ.Diff(
            SchemaSnapshot.Create(new[] { TableIn("acme", "notes", Id, Col("body", "text")) }),
            SchemaSnapshot.Create(new[] { TableIn("acme", "notes", Id, Col("body", "jsonb")) }));

        var step = Single(plan);
        Assert.Equal(StepKind.AlterColumnType, step.Kind);
        Assert.Equal("acme", step.Schema);
        Assert.Equal("notes", step.Table);
        Assert.Equal("body", step.Column);
        Assert.Contains("acme.notes.body from text to jsonb, which is not a safe widening", step.Description);
    }

    [Fact]
    public void Summaries_list_removed_tables_and_columns_and_type_changes()
    {
        var plan = Differ.Diff(
            Snap(Table("notes", Id, Col("body", "text"), Col("n", "integer"), Col("old", "text")), Table("legacy", Id)),
            Snap(Table("notes", Id, Col("body", "text"), Col("n", "bigint"))));

        Assert.Equal(new[] { "public.legacy" }, plan.TablesToRemove);
        Assert.Equal(new[] { "public.notes.old" }, plan.ColumnsToRemove);
        Assert.Equal(new[] { "public.notes.n: integer -> bigint" }, plan.TypeChanges);
        Assert.True(plan.HasDestructiveSteps);
        Assert.Equal(2, plan.DestructiveSteps.Count);
    }

    [Fact]
    public void A_cast_that_can_fail_is_listed_among_the_warnings()
    {
        var plan = Differ.Diff(Snap(Table("t", Id, Col("n", "text"))), Snap(Table("t", Id, Col("n", "integer"))));

        Assert.Equal(StepClass.Destructive, Single(plan).Class);
        var warning = Assert.Single(plan.Warnings);
        Assert.Contains("public.t.n from text to integer fails if a row holds a value that does not convert", warning);
    }

    [Fact]
    public void A_lossy_cast_that_cannot_fail_is_destructive_without_a_warning()
    {
        var plan = Differ.Diff(Snap(Table("t", Id, Col("n", "integer"))), Snap(Table("t", Id, Col("n", "text"))));

        Assert.Equal(StepClass.Destructive, Single(plan).Class);
        Assert.Empty(plan.Warnings);
    }

    [Fact]
    public void Warning_steps_are_listed_among_the_warnings()
    {
        var plan = Differ.Diff(Snap(Table("t", Id)), Snap(Table("t", Id, Col("x", "text", notNull: true))));

        var step = Single(plan);
        Assert.Equal(StepClass.Warning, step.Class);
        Assert.Equal(new[] { step.Description }, plan.Warnings);
        Assert.Contains("NOT NULL without a default: the migration fails if the table has rows", step.Description);
    }

    [Theory]
    [InlineData("integer", "smallint", StepClass.Destructive)]
    [InlineData("smallint", "integer", StepClass.Safe)]
    [InlineData("integer", "real", StepClass.Safe)]
    [InlineData("integer", "numeric(10,0)", StepClass.Safe)]
    [InlineData("integer", "numeric(9,0)", StepClass.Destructive)]
    [InlineData("bigint", "numeric", StepClass.Safe)]
    [InlineData("char(2)", "varchar(2)", StepClass.Safe)]
    [InlineData("date", "timestamp", StepClass.Safe)]
    [InlineData("timestamp", "timestamptz", StepClass.Destructive)]
    [InlineData("numeric(8,2)", "numeric(12,2)", StepClass.Safe)]
    [InlineData("numeric(8,2)", "numeric(12,4)", StepClass.Destructive)]
    [InlineData("jsonb", "text", StepClass.Destructive)]
    public void Type_changes_are_safe_only_inside_the_widenings(string from, string to, StepClass expected)
    {
        var plan = Differ.Diff(Snap(Table("t", Id, Col("c", from))), Snap(Table("t", Id, Col("c", to))));

        Assert.Equal(expected, Single(plan).Class);
    }

    [Fact]
    public void Rename_hints_that_do_not_apply_are_ignored()
    {
        var before = Snap(Table("notes", Id, Col("title", "text")));
        var hints = new RenameHints(
            new[] { new TableRename("public", "missing", "notes"), new TableRename("public", "notes", "notes") },
            new[] { new ColumnRename("public", "notes", "gone", "title"), new ColumnRename("public", "other", "title", "x") });

        Assert.True(Differ.Diff(before, before, hints).IsEmpty);
    }

    [Fact]
    public void A_table_rename_hint_is_ignored_when_the_old_name_is_still_declared()
    {
        var before = Snap(Table("notes", Id));
        var after = Snap(Table("notes", Id), Table("memos", Id));

        var plan = Differ.Diff(before, after, new RenameHints(new[] { new TableRename("public", "notes", "memos") }));

        Assert.Equal(StepKind.CreateTable, Single(plan).Kind);
    }

    [Fact]
    public void A_column_rename_hint_may_name_the_table_by_its_previous_name()
    {
        var plan = Differ.Diff(
            Snap(Table("notes", Id, Col("title", "text"))),
            Snap(Table("memos", Id, Col("heading", "text"))),
            new RenameHints(new[] { new TableRename("public", "notes", "memos") }, new[] { new ColumnRename("public", "notes", "title", "heading") }));

        Assert.Equal(new[] { StepKind.RenameTable, StepKind.RenameColumn, StepKind.RenameConstraint }, plan.Steps.Select(s => s.Kind));
        Assert.False(plan.HasDestructiveSteps);
    }

    [Fact]
    public void Nothing_outside_the_declared_tables_is_named_and_nothing_cascades()
    {
        // public.agents belongs to another plugin: referenced, never declared here.
        var before = Snap(Table("notes", Id, Col("agent_id", "uuid")).WithFk("notes_agent_fk", "agent_id", "agents"), Table("drafts", Id));
        var after = Snap(Table("notes", Id, Col("agent_id", "uuid")).WithFk("notes_agent_fk", "agent_id", "agents", onDelete: "cascade"));

        var plan = Differ.Diff(before, after);

        Assert.DoesNotContain(plan.Steps, s => s.Sql.StartsWith("ALTER TABLE \"public\".\"agents\"") || s.Sql.StartsWith("DROP TABLE \"public\".\"agents\""));
        Assert.DoesNotContain(plan.Steps, s => s.Sql.Contains("CASCADE;") || s.Sql.Contains(" CASCADE ") && !s.Sql.Contains("ON DELETE CASCADE"));
        Assert.Equal(new[] { "public.drafts" }, plan.TablesToRemove);
    }

    [Fact]
    public void A_table_missing_from_the_previous_snapshot_is_created_never_dropped()
    {
        var plan = Differ.Diff(SchemaSnapshot.Empty, Snap(Table("notes", Id)));

        Assert.DoesNotContain(plan.Steps, s => s.Kind is StepKind.DropTable or StepKind.DropColumn);
    }

    [Fact]
    public void An_enum_dropped_while_unused_is_safe()
    {
        var plan = Differ.Diff(Snap(new[] { Enum("mood", "a") }), SchemaSnapshot.Empty);

        var step = Single(plan);
        Assert.Equal(StepKind.DropEnum, step.Kind);
        Assert.Equal(StepClass.Safe, step.Class);
        Assert.Equal("DROP TYPE \"public\".\"mood\";", step.Sql);
    }

    [Fact]
    public void An_enum_dropped_with_its_table_is_safe_and_dropped_after_the_table()
    {
        var plan = Differ.Diff(Snap(new[] { Enum("mood", "a") }, Table("people", Id, Col("mood", "mood", enumSchema: "public"))), SchemaSnapshot.Empty);

        Assert.Equal(new[] { StepKind.DropTable, StepKind.DropEnum }, plan.Steps.Select(s => s.Kind));
        Assert.Equal(StepClass.Safe, plan.Steps[1].Class);
    }

    [Fact]
    public void An_enum_dropped_while_a_remaining_column_used_it_is_destructive()
    {
        var plan = Differ.Diff(
            Snap(new[] { Enum("mood", "a") }, Table("people", Id, Col("mood", "mood", enumSchema: "public"))),
            Snap(Table("people", Id, Col("mood", "text"))));

        var drop = plan.Steps.Single(s => s.Kind == StepKind.DropEnum);
        Assert.Equal(StepClass.Destructive, drop.Class);
        Assert.Contains("public.people.mood", drop.Description);
    }

    [Fact]
    public void An_empty_schema_no_longer_listed_is_dropped_safely()
    {
        var plan = Differ.Diff(SchemaSnapshot.Create(Array.Empty<TableSnapshot>(), schemas: new[] { "acme" }), SchemaSnapshot.Empty);

        var step = Single(plan);
        Assert.Equal(StepKind.DropSchema, step.Kind);
        Assert.Equal(StepClass.Safe, step.Class);
        Assert.Equal("DROP SCHEMA \"acme\";", step.Sql);
    }

    [Fact]
    public void An_enum_whose_new_value_the_plan_uses_is_replaced_instead_of_extended()
    {
        var plan = Differ.Diff(
            Snap(new[] { Enum("status", "draft") }, Table("posts", Id, Col("status", "status", enumSchema: "public", @default: "'draft'"))),
            Snap(new[] { Enum("status", "draft", "live") }, Table("posts", Id, Col("status", "status", enumSchema: "public", @default: "'live'"))));

        Assert.DoesNotContain(plan.Steps, s => s.Kind == StepKind.AddEnumValue);
        Assert.Equal(
            new[] { StepKind.RenameEnum, StepKind.CreateEnum, StepKind.DropDefault, StepKind.AlterColumnType, StepKind.SetDefault, StepKind.DropEnum },
            plan.Steps.Select(s => s.Kind));
        Assert.Contains("uses its new values, which ADD VALUE would not allow before commit", plan.Steps[0].Description);
        Assert.All(plan.Steps, s => Assert.Equal(StepClass.Safe, s.Class));
        Assert.Empty(plan.Warnings);
    }

    [Fact]
    public void Adding_an_enum_value_alone_warns_about_nothing()
    {
        var plan = Differ.Diff(Snap(new[] { Enum("status", "draft") }), Snap(new[] { Enum("status", "draft", "live") }));

        Assert.Empty(plan.Warnings);
        Assert.Contains("can be used once the migration has committed", Single(plan).Description);
    }

    [Fact]
    public void The_name_for_a_replaced_enum_avoids_existing_types_and_tables()
    {
        var plan = Differ.Diff(
            Snap(new[] { Enum("status", "a", "b"), Enum("status_old", "x") }, Table("status_old2", Id)),
            Snap(new[] { Enum("status", "b"), Enum("status_old", "x") }, Table("status_old2", Id)));

        Assert.Equal("ALTER TYPE \"public\".\"status\" RENAME TO \"status_old3\";", plan.Steps[0].Sql);
        Assert.Equal("DROP TYPE \"public\".\"status_old3\";", plan.Steps[^1].Sql);
    }

    [Fact]
    public void An_enum_array_column_is_converted_through_a_text_array()
    {
        var plan = Differ.Diff(
            Snap(new[] { Enum("tag", "a", "b") }, Table("t", Id, Col("tags", "tag[]", enumSchema: "public"))),
            Snap(new[] { Enum("tag", "a") }, Table("t", Id, Col("tags", "tag[]", enumSchema: "public"))));

        Assert.Contains("ALTER TABLE \"public\".\"t\" ALTER COLUMN \"tags\" SET DATA TYPE \"public\".\"tag\"[] USING \"tags\"::text[]::\"public\".\"tag\"[];", plan.Statements);
    }

    [Fact]
    public void Constraint_and_index_names_past_63_bytes_match_their_truncated_catalog_names()
    {
        var longName = "central_messages_in_reply_to_root_message_id_central_messages_id_fk";
        var truncated = longName.Substring(0, 63);
        Table2(longName, out var declared);
        Table2(truncated, out var introspected);

        Assert.True(Differ.Diff(introspected, declared).IsEmpty);
        Assert.True(Differ.Diff(declared, introspected).IsEmpty);

        static void Table2(string fkName, out SchemaSnapshot snapshot) =>
            snapshot = Snap(Table("central_messages", Id, Col("in_reply_to_root_message_id", "uuid"))
                .WithFk(fkName, "in_reply_to_root_message_id", "central_messages", onDelete: "set null"));
    }

    [Fact]
    public void A_unique_constraint_with_a_new_name_is_renamed()
    {
        var plan = Differ.Diff(
            Snap(Table("t", Id, Col("a", "text")).WithUnique("t_a_key", false, "a")),
            Snap(Table("t", Id, Col("a", "text")).WithUnique("t_a_unique", false, "a")));

        var step = Single(plan);
        Assert.Equal(StepKind.RenameConstraint, step.Kind);
        Assert.Equal("ALTER TABLE \"public\".\"t\" RENAME CONSTRAINT \"t_a_key\" TO \"t_a_unique\";", step.Sql);
    }

    [Fact]
    public void An_index_whose_method_opclass_or_parameters_change_is_dropped_and_created()
    {
        IndexSnapshot Hnsw(string m) => new("e_idx", new[] { new IndexColumnSnapshot("v", Opclass: "vector_l2_ops") }, Method: "hnsw", With: new[] { new IndexParameter("m", m) });
        var before = Snap(Table("e", Id, Col("v", "vector(3)")).WithIndex(Hnsw("16")));

        var changedWith = Differ.Diff(before, Snap(Table("e", Id, Col("v", "vector(3)")).WithIndex(Hnsw("32"))));
        var sameWith = Differ.Diff(before, Snap(Table("e", Id, Col("v", "vector(3)")).WithIndex(Hnsw("16") with { Concurrently = true })));

        Assert.Equal(new[] { StepKind.DropIndex, StepKind.CreateIndex }, changedWith.Steps.Select(s => s.Kind));
        Assert.True(sameWith.IsEmpty);
    }

    [Fact]
    public void Index_spelling_differences_are_not_changes()
    {
        var before = Snap(Table("t", Id, Col("a", "text")).WithIndex(new IndexSnapshot("i", new[] { new IndexColumnSnapshot("lower(a)", IsExpression: true, Opclass: "TEXT_PATTERN_OPS") }, Method: "BTREE", Where: "a IS NOT NULL")));
        var after = Snap(Table("t", Id, Col("a", "text")).WithIndex(new IndexSnapshot("i", new[] { new IndexColumnSnapshot("LOWER( a )", IsExpression: true, Opclass: "text_pattern_ops") }, Where: "(a is not null)")));

        Assert.True(Differ.Diff(before, after).IsEmpty);
    }

    [Fact]
    public void An_invalid_desired_snapshot_is_refused_before_planning()
    {
        var e = Assert.Throws<SchemaDefinitionException>(() =>
            Differ.Diff(SchemaSnapshot.Empty, Snap(Table("t", Col("a", "integer", @default: "0", generated: "1")))));
        Assert.Contains("Table \"public.t\", column \"a\"", e.Message);
    }

    [Fact]
    public void The_plan_is_the_same_every_time()
    {
        foreach (var scenario in Scenarios.All)
        {
            var first = Differ.Diff(scenario.Before, scenario.After, scenario.Hints);
            var second = Differ.Diff(scenario.Before, scenario.After, scenario.Hints);
            Assert.Equal(first.Steps, second.Steps);
            Assert.Equal(first.Warnings, second.Warnings);
        }
    }

    [Fact]
    public void ToSql_joins_the_statements_in_order()
    {
        var plan = Differ.Diff(Snap(Table("t", Id)), Snap(Table("t", Id, Col("a", "text"), Col("b", "text"))));

        Assert.Equal("ALTER TABLE \"public\".\"t\" ADD COLUMN \"a\" text;\n\nALTER TABLE \"public\".\"t\" ADD COLUMN \"b\" text;\n", plan.ToSql());
    }
}
