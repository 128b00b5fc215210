using Npgsql;
using ElizaGen.Runtime.Migrations;
using ElizaGen.Schema.Diff;
using ElizaGen.Schema.Snapshots;
using ElizaGen.Testing;
using static ElizaGen.Runtime.Tests.Migrations.Plugins;

namespace ElizaGen.Runtime.Tests.Migrations;

/// <summary>The ElizaOS plugin's migration scenarios, in meaning, against real PostgreSQL.</summary>
public sealed class MigratorScenarioTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private const string Plugin = "@test/plugin-notes";

    private static readonly TableSnapshot NotesV1 = Table("public", "notes",
        Id(), Col("title", "text", notNull: true), Col("body", "text"));

    private async Task<(TestDatabase Database, Db Db)> NewDatabaseAsync()
    {
        var database = await postgres.CreateDatabaseAsync();
        return (database, new Db(database.ConnectionString));
    }

    [Fact]
    public async Task Empty_database_gets_the_schema_and_a_second_run_records_nothing()
    {
        var (database, db) = await NewDatabaseAsync();
        await using var _ = database;
        await using var __ = db;
        var plugin = Create(Plugin, "public", NotesV1);

        var first = await db.Migrator.MigrateAsync(plugin);
        Assert.Equal(MigrationOutcome.Applied, first[Plugin].Outcome);
        Assert.Equal(["id:uuid", "title:text", "body:text"], await db.ColumnsAsync("public", "notes"));
        Assert.Equal(1, await db.MigrationRowsAsync(Plugin));

        var second = await db.Migrator.MigrateAsync(plugin);
        Assert.Equal(MigrationOutcome.NoChanges, second[Plugin].Outcome);
        Assert.Equal(1, await db.MigrationRowsAsync(Plugin));
        Assert.Equal(1L, await db.ScalarAsync<long>($"SELECT count(*) FROM migrations._snapshots WHERE plugin_name = '{Plugin}'"));
    }

    [Fact]
    public async Task A_table_no_plugin_declares_survives_with_its_rows()
    {
        var (database, db) = await NewDatabaseAsync();
        await using var _ = database;
        await using var __ = db;
        await db.ExecuteAsync("CREATE TABLE public.legacy (id int primary key, v text); INSERT INTO public.legacy SELECT g, 'x' FROM generate_series(1, 10) g");

        await db.Migrator.MigrateAsync(Create(Plugin, "public", NotesV1));
        await db.Migrator.MigrateAsync(Create(Plugin, "public", NotesV1 with { Columns = Plus(NotesV1.Columns, Col("tag", "text")) }));

        Assert.Equal(10, await db.CountAsync("public.legacy"));
    }

    [Fact]
    public async Task Dry_run_leaves_no_trace_not_even_the_journal()
    {
        var (database, db) = await NewDatabaseAsync();
        await using var _ = database;
        await using var __ = db;

        var report = await db.Migrator.MigrateAsync(Create(Plugin, "public", NotesV1), new MigrationOptions { DryRun = true });

        Assert.Equal(MigrationOutcome.Planned, report[Plugin].Outcome);
        Assert.NotEmpty(report[Plugin].Steps);
        Assert.False(await db.TableExistsAsync("public.notes"));
        Assert.False(await db.TableExistsAsync("migrations._migrations"));
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM pg_namespace WHERE nspname = 'migrations'"));
    }

    [Fact]
    public async Task Rows_stay_intact_when_nullable_and_defaulted_columns_are_added()
    {
        var (database, db) = await NewDatabaseAsync();
        await using var _ = database;
        await using var __ = db;
        await db.Migrator.MigrateAsync(Create(Plugin, "public", NotesV1));
        await db.ExecuteAsync("INSERT INTO public.notes (title, body) SELECT 'n' || g, 'b' FROM generate_series(1, 100) g");

        var v2 = NotesV1 with
        {
            Columns = Plus(NotesV1.Columns, Col("tag", "text"), Col("priority", "integer", notNull: true, @default: "0"), Col("state", "text", notNull: true, @default: "'it''s new'")),
        };
        var report = await db.Migrator.MigrateAsync(Create(Plugin, "public", v2));

        Assert.Equal(MigrationOutcome.Applied, report[Plugin].Outcome);
        Assert.Equal(100, await db.CountAsync("public.notes"));
        Assert.Equal(100L, await db.ScalarAsync<long>("SELECT count(*) FROM public.notes WHERE priority = 0 AND state = 'it''s new' AND tag IS NULL"));
    }

    [Fact]
    public async Task Integer_to_a_bounded_numeric_needs_force_and_keeps_values()
    {
        var (database, db) = await NewDatabaseAsync();
        await using var _ = database;
        await using var __ = db;
        var v1 = Table("public", "prices", Id(), Col("amount", "integer", notNull: true));
        await db.Migrator.MigrateAsync(Create(Plugin, "public", v1));
        await db.ExecuteAsync("INSERT INTO public.prices (amount) SELECT g FROM generate_series(1, 50) g");

        // numeric(10, 2) holds fewer integer digits than integer: not a safe widening, so it needs Force.
        var v2 = Table("public", "prices", Id(), Col("amount", "numeric(10, 2)", notNull: true));
        var blocked = await db.Migrator.MigrateAsync(Create(Plugin, "public", v2), new MigrationOptions { ThrowOnFailure = false });
        Assert.Equal(MigrationOutcome.Blocked, blocked[Plugin].Outcome);
        var report = await db.Migrator.MigrateAsync(Create(Plugin, "public", v2), new MigrationOptions { Force = true });

        Assert.Equal(MigrationOutcome.Applied, report[Plugin].Outcome);
        Assert.Equal(1275m, await db.ScalarAsync<decimal>("SELECT sum(amount) FROM public.prices"));
        Assert.Contains("amount:numeric", await db.ColumnsAsync("public", "prices"));
    }

    [Fact]
    public async Task Safe_widenings_are_never_blocked_and_keep_values()
    {
        var (database, db) = await NewDatabaseAsync();
        await using var _ = database;
        await using var __ = db;
        await db.Migrator.MigrateAsync(Create(Plugin, "public", Table("public", "w", Id(), Col("n", "smallint"), Col("s", "varchar(10)"))));
        await db.ExecuteAsync("INSERT INTO public.w (n, s) VALUES (7, 'seven')");

        foreach (var (n, s) in new[] { ("integer", "varchar(20)"), ("bigint", "text") })
        {
            var report = await db.Migrator.MigrateAsync(Create(Plugin, "public", Table("public", "w", Id(), Col("n", n), Col("s", s))));
            Assert.Equal(MigrationOutcome.Applied, report[Plugin].Outcome);
            Assert.All(report[Plugin].Steps, step => Assert.Equal(StepClass.Safe, step.Class));
        }

        Assert.Equal(["id:uuid", "n:bigint", "s:text"], await db.ColumnsAsync("public", "w"));
        Assert.Equal(1L, await db.ScalarAsync<long>("SELECT count(*) FROM public.w WHERE n = 7 AND s = 'seven'"));
    }

    [Fact]
    public async Task A_blocked_key_type_change_keeps_every_row_and_the_schema()
    {
        var (database, db) = await NewDatabaseAsync();
        await using var _ = database;
        await using var __ = db;
        var v1 = Table("public", "things", Id("text"), Col("v", "text"));
        await db.Migrator.MigrateAsync(Create(Plugin, "public", v1));
        await db.ExecuteAsync("INSERT INTO public.things SELECT 'k' || g, 'v' FROM generate_series(1, 20) g");

        var v2 = Table("public", "things", Id("integer"), Col("v", "text"));
        var report = await db.Migrator.MigrateAsync(Create(Plugin, "public", v2), new MigrationOptions { ThrowOnFailure = false });

        Assert.Equal(MigrationOutcome.Blocked, report[Plugin].Outcome);
        Assert.IsType<DestructiveMigrationBlockedException>(report[Plugin].Error);
        Assert.Equal(20, await db.CountAsync("public.things"));
        Assert.Contains("id:text", await db.ColumnsAsync("public", "things"));
        Assert.Equal(1, await db.MigrationRowsAsync(Plugin));
    }

    [Fact]
    public async Task Three_versions_give_journal_entries_0_1_2()
    {
        var (database, db) = await NewDatabaseAsync();
        await using var _ = database;
        await using var __ = db;
        var v2 = NotesV1 with { Columns = Plus(NotesV1.Columns, Col("tag", "text")) };
        var v3 = v2 with { Columns = Plus(v2.Columns, Col("pinned", "boolean", notNull: true, @default: "false")) };

        foreach (var v in new[] { NotesV1, v2, v3 }) await db.Migrator.MigrateAsync(Create(Plugin, "public", v));

        var status = await db.Migrator.GetStatusAsync(Plugin);
        Assert.True(status.HasRun);
        Assert.Equal([0, 1, 2], status.Journal!.Entries.Select(e => e.Index));
        Assert.Equal(3, status.Snapshots);
        Assert.Equal(Create(Plugin, "public", v3).Hash, status.LastMigration!.Hash);
        Assert.Empty(status.Drift);
    }

    [Fact]
    public async Task Type_changes_with_data_apply_with_force_and_a_failing_cast_leaves_data_intact()
    {
        var (database, db) = await NewDatabaseAsync();
        await using var _ = database;
        await using var __ = db;
        var v1 = Table("public", "items", Id(), Col("doc", "jsonb"), Col("flag", "boolean"), Col("qty", "text"));
        await db.Migrator.MigrateAsync(Create(Plugin, "public", v1));
        await db.ExecuteAsync("""INSERT INTO public.items (doc, flag, qty) VALUES ('{"a":1}', true, '5'), ('[1]', false, 'five')""");

        // jsonb -> text and boolean -> text: not safe widenings, so they need Force; the values survive as text.
        var v2 = Table("public", "items", Id(), Col("doc", "text"), Col("flag", "text"), Col("qty", "text"));
        var blocked = await db.Migrator.MigrateAsync(Create(Plugin, "public", v2), new MigrationOptions { ThrowOnFailure = false });
        Assert.Equal(MigrationOutcome.Blocked, blocked[Plugin].Outcome);
        var applied = await db.Migrator.MigrateAsync(Create(Plugin, "public", v2), new MigrationOptions { Force = true });
        Assert.Equal(MigrationOutcome.Applied, applied[Plugin].Outcome);
        Assert.Equal(1L, await db.ScalarAsync<long>("""SELECT count(*) FROM public.items WHERE doc = '{"a": 1}' AND flag = 'true'"""));

        // text -> integer fails on 'five': everything rolls back, the data and the journal stay as they were.
        var v3 = Table("public", "items", Id(), Col("doc", "text"), Col("flag", "text"), Col("qty", "integer"));
        var failed = await db.Migrator.MigrateAsync(Create(Plugin, "public", v3), new MigrationOptions { Force = true, ThrowOnFailure = false });
        Assert.Equal(MigrationOutcome.Failed, failed[Plugin].Outcome);
        var error = Assert.IsType<MigrationStatementException>(failed[Plugin].Error);
        Assert.Equal("22P02", error.SqlState);
        Assert.Contains("qty", error.Statement);
        Assert.Contains("rolled back", error.Message);
        Assert.Equal(2L, await db.ScalarAsync<long>("SELECT count(*) FROM public.items WHERE qty IN ('5', 'five')"));
        Assert.Equal(2, await db.MigrationRowsAsync(Plugin));
    }

    [Fact]
    public async Task Constraint_additions_fail_on_violating_rows_then_pass_once_the_rows_are_fixed()
    {
        var (database, db) = await NewDatabaseAsync();
        await using var _ = database;
        await using var __ = db;
        var v1 = Table("public", "users", Id(), Col("email", "text"), Col("age", "integer"));
        await db.Migrator.MigrateAsync(Create(Plugin, "public", v1));
        await db.ExecuteAsync("INSERT INTO public.users (email, age) VALUES ('a@x', 10), ('a@x', -1)");

        var v2 = v1 with
        {
            UniqueConstraints = Arr(new UniqueConstraintSnapshot("users_email_unique", Arr("email"))),
            CheckConstraints = Arr(new CheckConstraintSnapshot("users_age_check", "\"age\" >= 0")),
        };
        var failed = await db.Migrator.MigrateAsync(Create(Plugin, "public", v2), new MigrationOptions { ThrowOnFailure = false });
        Assert.Equal(MigrationOutcome.Failed, failed[Plugin].Outcome);
        Assert.Contains(failed[Plugin].Steps, s => s.Class == StepClass.Warning);
        Assert.Equal(2, await db.CountAsync("public.users"));

        await db.ExecuteAsync("DELETE FROM public.users WHERE age < 0");
        var applied = await db.Migrator.MigrateAsync(Create(Plugin, "public", v2));
        Assert.Equal(MigrationOutcome.Applied, applied[Plugin].Outcome);
        await Assert.ThrowsAsync<Npgsql.PostgresException>(() => db.ExecuteAsync("INSERT INTO public.users (email, age) VALUES ('a@x', 1)"));
    }

    [Fact]
    public async Task Removing_a_unique_constraint_and_evolving_indexes_are_safe()
    {
        var (database, db) = await NewDatabaseAsync();
        await using var _ = database;
        await using var __ = db;
        var v1 = Table("public", "docs", Id(), Col("slug", "text"), Col("owner", "uuid"), Col("created_at", "timestamptz", notNull: true, @default: "now()")) with
        {
            UniqueConstraints = Arr(new UniqueConstraintSnapshot("docs_slug_unique", Arr("slug"))),
            Indexes = Arr(new IndexSnapshot("docs_owner_index", Arr(new IndexColumnSnapshot("owner")))),
        };
        await db.Migrator.MigrateAsync(Create(Plugin, "public", v1));
        await db.ExecuteAsync("INSERT INTO public.docs (slug) VALUES ('a'), ('b')");

        var v2 = v1 with
        {
            UniqueConstraints = default,
            Indexes = Arr(new IndexSnapshot("docs_owner_index", Arr(new IndexColumnSnapshot("owner"), new IndexColumnSnapshot("created_at", Asc: false)))),
        };
        var report = await db.Migrator.MigrateAsync(Create(Plugin, "public", v2));

        Assert.Equal(MigrationOutcome.Applied, report[Plugin].Outcome);
        Assert.DoesNotContain(report[Plugin].Steps, s => s.Class == StepClass.Destructive);
        await db.ExecuteAsync("INSERT INTO public.docs (slug) VALUES ('a')");
        Assert.Equal("CREATE INDEX docs_owner_index ON public.docs USING btree (owner, created_at DESC NULLS LAST)",
            await db.ScalarAsync<string>("SELECT indexdef FROM pg_indexes WHERE indexname = 'docs_owner_index'"));
        Assert.Empty((await db.Migrator.GetStatusAsync(Plugin)).Drift);
    }

    [Fact]
    public async Task Foreign_keys_evolve_and_orphans_make_an_added_key_fail()
    {
        var (database, db) = await NewDatabaseAsync();
        await using var _ = database;
        await using var __ = db;
        var parents = Table("public", "parents", Id());
        var children = Table("public", "children", Id(), Col("parent_id", "uuid"));
        await db.Migrator.MigrateAsync(Create(Plugin, SchemaSnapshot.Create([parents, children])));
        await db.ExecuteAsync("INSERT INTO public.parents (id) VALUES ('00000000-0000-0000-0000-000000000001'); INSERT INTO public.children (parent_id) VALUES ('00000000-0000-0000-0000-000000000001'), ('00000000-0000-0000-0000-000000000009')");

        ForeignKeySnapshot Fk(string onDelete) => new("children_parent_id_parents_id_fk", "children", Arr("parent_id"), "public", "parents", Arr("id"), onDelete);
        var cascade = Create(Plugin, SchemaSnapshot.Create(Arr(parents, children with { ForeignKeys = Arr(Fk("cascade")) })));
        var orphaned = await db.Migrator.MigrateAsync(cascade, new MigrationOptions { ThrowOnFailure = false });
        Assert.Equal(MigrationOutcome.Failed, orphaned[Plugin].Outcome);
        Assert.Equal("23503", Assert.IsType<MigrationStatementException>(orphaned[Plugin].Error).SqlState);

        await db.ExecuteAsync("DELETE FROM public.children WHERE parent_id = '00000000-0000-0000-0000-000000000009'");
        Assert.Equal(MigrationOutcome.Applied, (await db.Migrator.MigrateAsync(cascade))[Plugin].Outcome);

        var setNull = Create(Plugin, SchemaSnapshot.Create(Arr(parents, children with { ForeignKeys = Arr(Fk("set null")) })));
        Assert.Equal(MigrationOutcome.Applied, (await db.Migrator.MigrateAsync(setNull))[Plugin].Outcome);
        await db.ExecuteAsync("DELETE FROM public.parents");
        Assert.Equal(1L, await db.ScalarAsync<long>("SELECT count(*) FROM public.children WHERE parent_id IS NULL"));
    }

    [Fact]
    public async Task Pre_existing_tables_are_adopted_by_introspection_and_nothing_changes_when_they_match()
    {
        var (database, db) = await NewDatabaseAsync();
        await using var _ = database;
        await using var __ = db;
        var plugin = Create(Plugin, "public", NotesV1 with { CheckConstraints = Arr(new CheckConstraintSnapshot("notes_title_check", "length(title) > 0")) });
        await db.ExecuteAsync(plugin.CreateSql);
        await db.ExecuteAsync("INSERT INTO public.notes (title) VALUES ('kept')");

        var report = await db.Migrator.MigrateAsync(plugin);

        Assert.Equal(MigrationOutcome.NoChanges, report[Plugin].Outcome);
        Assert.Empty(report[Plugin].Steps);
        Assert.Equal(1, await db.MigrationRowsAsync(Plugin));
        Assert.Equal(1, await db.CountAsync("public.notes"));

        // A table that exists with a column less: entry 0 is what was found, entry 1 the migration.
        var (database2, db2) = await NewDatabaseAsync();
        await using var ___ = database2;
        await using var ____ = db2;
        await db2.ExecuteAsync("CREATE TABLE public.notes (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), title text NOT NULL); INSERT INTO public.notes (title) VALUES ('kept')");
        var adopted = await db2.Migrator.MigrateAsync(Create(Plugin, "public", NotesV1));
        Assert.Equal(MigrationOutcome.Applied, adopted[Plugin].Outcome);
        Assert.Equal(["ADD COLUMN"], adopted[Plugin].Steps.Select(s => s.Sql.Contains("ADD COLUMN", StringComparison.Ordinal) ? "ADD COLUMN" : s.Sql));
        var status = await db2.Migrator.GetStatusAsync(Plugin);
        Assert.Equal([0, 1], status.Journal!.Entries.Select(e => e.Index));
        Assert.Equal(1, await db2.CountAsync("public.notes"));
    }

    [Fact]
    public async Task Plugins_are_isolated_in_their_schemas_with_separate_journal_rows()
    {
        var (database, db) = await NewDatabaseAsync();
        await using var _ = database;
        await using var __ = db;
        var core = Create("@elizaos/plugin-sql", "public", Table("public", "agents", Id(), Col("name", "text", notNull: true)));
        var acme = Create("@acme/plugin-notes", SchemaSnapshot.Create([Table("acme_plugin_notes", "notes", Id(), Col("agent_id", "uuid", notNull: true)) with
        {
            ForeignKeys = Arr(new ForeignKeySnapshot("notes_agent_id_agents_id_fk", "notes", Arr("agent_id"), "public", "agents", Arr("id"), "cascade")),
        }]), dependencies: "@elizaos/plugin-sql");

        // Passed in the wrong order on purpose: the dependency is migrated first.
        var report = await db.Migrator.MigrateAsync([acme, core]);

        Assert.Equal(["@elizaos/plugin-sql", "@acme/plugin-notes"], report.Plugins.Select(p => p.PluginName));
        Assert.True(await db.TableExistsAsync("public.agents"));
        Assert.True(await db.TableExistsAsync("acme_plugin_notes.notes"));
        Assert.Equal(1, await db.MigrationRowsAsync("@elizaos/plugin-sql"));
        Assert.Equal(1, await db.MigrationRowsAsync("@acme/plugin-notes"));
    }

    [Fact]
    public async Task Ten_plugins_migrating_in_parallel_record_ten_rows_and_an_invalid_one_records_nothing()
    {
        var (database, db) = await NewDatabaseAsync();
        await using var _ = database;
        await using var __ = db;
        var plugins = Enumerable.Range(0, 10)
            .Select(i => Create($"@test/p{i}", SchemaSnapshot.Create([Table($"test_p{i}", "items", Id(), Col("v", "text"))])))
            .ToArray();

        var reports = await Task.WhenAll(plugins.Select(p => db.Migrator.MigrateAsync(p)));

        Assert.All(reports, r => Assert.Equal(MigrationOutcome.Applied, r.Plugins[0].Outcome));
        Assert.Equal(10L, await db.ScalarAsync<long>("SELECT count(*) FROM migrations._migrations"));

        var invalid = Create("@test/invalid", SchemaSnapshot.Create([Table("public", "broken", Id(), Col("v", "no_such_type"))]));
        var valid = Create("@test/valid", SchemaSnapshot.Create([Table("public", "fine", Id())]));
        var mixed = await db.Migrator.MigrateAsync([invalid, valid], new MigrationOptions { ThrowOnFailure = false });
        Assert.Equal(MigrationOutcome.Failed, mixed["@test/invalid"].Outcome);
        Assert.Equal(MigrationOutcome.Applied, mixed["@test/valid"].Outcome);
        Assert.Equal(0, await db.MigrationRowsAsync("@test/invalid"));
        Assert.Equal(1, await db.MigrationRowsAsync("@test/valid"));
        var thrown = await Assert.ThrowsAsync<MigrationFailedException>(() => db.Migrator.MigrateAsync([invalid]));
        Assert.Contains("@test/invalid", thrown.Message);
    }

    [Fact]
    public async Task Check_reports_the_plan_and_changes_nothing()
    {
        var (database, db) = await NewDatabaseAsync();
        await using var _ = database;
        await using var __ = db;
        await db.Migrator.MigrateAsync(Create(Plugin, "public", NotesV1));

        var v2 = Table("public", "notes", Id(), Col("title", "varchar(10)", notNull: true));
        var check = await db.Migrator.CheckAsync(Create(Plugin, "public", v2));

        Assert.True(check.HasDataLoss);
        Assert.True(check.RequiresConfirmation);
        Assert.Equal(["public.notes.body"], check.ColumnsToRemove);
        Assert.NotEmpty(check.TypeChanges);
        Assert.Contains(check.Statements, s => s.Contains("DROP COLUMN", StringComparison.Ordinal));
        Assert.Contains("body:text", await db.ColumnsAsync("public", "notes"));
        Assert.Equal(1, await db.MigrationRowsAsync(Plugin));
    }

    [Fact]
    public async Task Extensions_a_plugin_asks_for_are_created_and_a_missing_one_is_named()
    {
        var (database, db) = await NewDatabaseAsync();
        await using var _ = database;
        await using var __ = db;
        var snapshot = SchemaSnapshot.Create([Table("public", "words", Id(), Col("w", "text"))]);
        var fuzzy = Create(Plugin, snapshot);
        fuzzy = new ElizaGen.Schema.PluginSchema(fuzzy.Name, fuzzy.SchemaName, fuzzy.Snapshot, fuzzy.CanonicalJson, fuzzy.Hash,
            fuzzy.CreateSql, fuzzy.Renames, fuzzy.Dependencies, Arr("fuzzystrmatch"));

        await db.Migrator.MigrateAsync(fuzzy);
        Assert.Equal(3, await db.ScalarAsync<int>("SELECT levenshtein('kitten', 'sitting')"));

        var missing = new ElizaGen.Schema.PluginSchema("@test/other", "public", snapshot, fuzzy.CanonicalJson, fuzzy.Hash,
            fuzzy.CreateSql, fuzzy.Renames, fuzzy.Dependencies, Arr("no_such_extension"));
        var report = await db.Migrator.MigrateAsync(missing, new MigrationOptions { ThrowOnFailure = false });
        Assert.Equal(MigrationOutcome.Failed, report["@test/other"].Outcome);
        Assert.Contains("'no_such_extension' is not installed", report["@test/other"].Error!.Message);
        Assert.Equal(0, await db.MigrationRowsAsync("@test/other"));
    }

    [Fact]
    public async Task A_data_source_opened_before_the_migration_can_use_the_vector_type_it_created()
    {
        await using var database = await postgres.CreateDatabaseAsync();
        var builder = new Npgsql.NpgsqlDataSourceBuilder(database.ConnectionString);
        builder.UseVector();
        await using var dataSource = builder.Build();
        await using (var warm = dataSource.CreateCommand("SELECT 1")) await warm.ExecuteScalarAsync(); // types loaded now
        await using (var drop = dataSource.CreateCommand("DROP EXTENSION IF EXISTS vector")) await drop.ExecuteNonQueryAsync();

        var plugin = Create(Plugin, SchemaSnapshot.Create([Table("public", "vecs", Id(), Col("e", "vector(3)"))]));
        await new Migrator(dataSource).MigrateAsync(plugin);

        await using var insert = dataSource.CreateCommand("INSERT INTO public.vecs (e) VALUES ($1)");
        insert.Parameters.Add(new Npgsql.NpgsqlParameter<Pgvector.Vector> { TypedValue = new Pgvector.Vector(new float[] { 1, 2, 3 }) });
        Assert.Equal(1, await insert.ExecuteNonQueryAsync());
    }

    [Fact]
    public async Task Drift_shows_what_was_altered_by_hand()
    {
        var (database, db) = await NewDatabaseAsync();
        await using var _ = database;
        await using var __ = db;
        await db.Migrator.MigrateAsync(Create(Plugin, "public", NotesV1));

        await db.ExecuteAsync("ALTER TABLE public.notes ADD COLUMN sneaky text");

        var status = await db.Migrator.GetStatusAsync(Plugin);
        var step = Assert.Single(status.Drift);
        Assert.Contains("sneaky", step.Sql);
    }
}
