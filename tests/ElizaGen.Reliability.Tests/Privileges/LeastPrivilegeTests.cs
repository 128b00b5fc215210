using System.Globalization;
using ElizaGen.Reliability.Tests.Evolution;
using ElizaGen.Runtime.Migrations;
using ElizaGen.Schema;
using ElizaGen.Schema.Snapshots;
using ElizaGen.Testing;
using Npgsql;

namespace ElizaGen.Reliability.Tests.Privileges;

/// <summary>
/// The migrator and the application as different PostgreSQL roles: the owner migrates with
/// <see cref="MigrationOptions.GrantTo"/>, and the application role (LOGIN, no superuser) reads and writes rows
/// through plain Npgsql but cannot change the schema or touch the journal.
/// </summary>
public sealed class LeastPrivilegeTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private const string Plugin = "@acme/plugin-notes";
    private const string Schema = "acme_plugin_notes";

    private static readonly TableSnapshot Notes = new(Schema, "notes", new[]
    {
        new ColumnSnapshot("id", "serial", PrimaryKey: true, NotNull: true),
        new ColumnSnapshot("title", "text", NotNull: true),
        new ColumnSnapshot("mood", "mood", NotNull: true, Default: "'calm'", TypeSchema: Schema),
    });

    private static readonly EnumSnapshot Mood = new(Schema, "mood", new[] { "calm", "busy" });

    private static readonly TableSnapshot Tags = new(Schema, "tags", new[]
    {
        new ColumnSnapshot("id", "uuid", PrimaryKey: true, NotNull: true, Default: "gen_random_uuid()"),
        new ColumnSnapshot("note_id", "integer", NotNull: true),
    }, ForeignKeys: new[] { new ForeignKeySnapshot("tags_note_fk", "tags", new[] { "note_id" }, Schema, "notes", new[] { "id" }, OnDelete: "cascade") });

    private static PluginSchema PluginOf(params TableSnapshot[] tables) =>
        PluginSchema.FromSnapshot(Plugin, Schema, SchemaSnapshot.Create(tables, [Mood]));

    [Fact]
    public async Task The_app_role_reads_and_writes_rows_but_cannot_change_the_schema_or_the_journal()
    {
        await using var setup = await SetUpAsync();
        var report = await setup.Migrator.MigrateAsync(PluginOf(Notes), new MigrationOptions { GrantTo = [setup.AppRole] });
        Assert.Equal(MigrationOutcome.Applied, report[Plugin].Outcome);

        await using var app = await setup.OpenAsAppAsync();
        await Execute(app, $"INSERT INTO {Schema}.notes (title) VALUES ('first'), ('second')"); // serial: needs the sequence
        await Execute(app, $"UPDATE {Schema}.notes SET title = 'changed', mood = 'busy' WHERE id = 1");
        await Execute(app, $"DELETE FROM {Schema}.notes WHERE id = 2");
        Assert.Equal("changed/busy", await Scalar(app, $"SELECT string_agg(title || '/' || mood, ',') FROM {Schema}.notes"));

        await AssertDenied(app, $"ALTER TABLE {Schema}.notes ADD COLUMN sneaky text");
        await AssertDenied(app, $"DROP TABLE {Schema}.notes");
        await AssertDenied(app, $"CREATE TABLE {Schema}.intruder (id int)");
        await AssertDenied(app, $"CREATE INDEX notes_title_idx ON {Schema}.notes (title)");
        await AssertDenied(app, $"TRUNCATE {Schema}.notes");
        await AssertDenied(app, $"ALTER TYPE {Schema}.mood ADD VALUE 'angry'");
        await AssertDenied(app, $"DROP SCHEMA {Schema} CASCADE");
        await AssertDenied(app, "CREATE SCHEMA intruder");
        await AssertDenied(app, "SELECT count(*) FROM migrations._migrations");
        await AssertDenied(app, "INSERT INTO migrations._migrations (plugin_name, hash, created_at) VALUES ('x', 'y', 0)");
    }

    [Fact]
    public async Task A_migrator_role_that_is_no_superuser_migrates_and_grants_a_plugin_in_public_and_its_own_schema()
    {
        await using var setup = await SetUpAsync();
        var migrator = setup.AppRole + "_mig";
        await using (var admin = new NpgsqlConnection(postgres.AdminConnectionString))
        {
            await admin.OpenAsync();
            await Execute(admin, $"CREATE ROLE {migrator} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE");
        }
        try
        {
            await Execute(setup.Owner, $"GRANT CREATE ON DATABASE \"{setup.DatabaseName}\" TO {migrator}; GRANT CREATE ON SCHEMA public TO {migrator}");
            var inPublic = new TableSnapshot("public", "memos", new[] { new ColumnSnapshot("id", "bigserial", PrimaryKey: true, NotNull: true), new ColumnSnapshot("body", "text") });
            var plugin = PluginSchema.FromSnapshot(Plugin, Schema, SchemaSnapshot.Create(new[] { inPublic, Notes }, new[] { Mood }));
            await using var asMigrator = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(setup.ConnectionString) { Username = migrator, Pooling = false }.ConnectionString);

            var report = await new Migrator(asMigrator).MigrateAsync(plugin, new MigrationOptions { GrantTo = [setup.AppRole] });

            Assert.Equal(MigrationOutcome.Applied, report[Plugin].Outcome);
            await using var app = await setup.OpenAsAppAsync();
            await Execute(app, "INSERT INTO public.memos (body) VALUES ('hello')");
            await Execute(app, $"INSERT INTO {Schema}.notes (title) VALUES ('n')");
            Assert.Equal(1L, await Scalar(app, "SELECT count(*) FROM public.memos"));
            await AssertDenied(app, "ALTER TABLE public.memos ADD COLUMN sneaky text");
        }
        finally
        {
            await using var admin = new NpgsqlConnection(setup.ConnectionString);
            await admin.OpenAsync();
            await Execute(admin, $"DROP OWNED BY {migrator} CASCADE");
            await using var server = new NpgsqlConnection(postgres.AdminConnectionString);
            await server.OpenAsync();
            await Execute(server, $"DROP ROLE {migrator}");
        }
    }

    [Fact]
    public async Task Each_migration_grants_on_the_tables_it_adds()
    {
        await using var setup = await SetUpAsync();
        var options = new MigrationOptions { GrantTo = [setup.AppRole] };
        await setup.Migrator.MigrateAsync(PluginOf(Notes), options);

        var report = await setup.Migrator.MigrateAsync(PluginOf(Notes, Tags), options);

        Assert.Equal(MigrationOutcome.Applied, report[Plugin].Outcome);
        await using var app = await setup.OpenAsAppAsync();
        await Execute(app, $"INSERT INTO {Schema}.notes (title) VALUES ('n')");
        await Execute(app, $"INSERT INTO {Schema}.tags (note_id) SELECT id FROM {Schema}.notes");
        Assert.Equal(1L, await Scalar(app, $"SELECT count(*) FROM {Schema}.tags"));
    }

    [Fact]
    public async Task A_role_added_later_gets_its_grants_at_the_next_start_without_a_migration()
    {
        await using var setup = await SetUpAsync();
        await setup.Migrator.MigrateAsync(PluginOf(Notes, Tags));
        await using (var before = await setup.OpenAsAppAsync()) await AssertDenied(before, $"SELECT count(*) FROM {Schema}.notes");
        var rows = await setup.JournalRowsAsync();

        var report = await setup.Migrator.MigrateAsync(PluginOf(Notes, Tags), new MigrationOptions { GrantTo = [setup.AppRole] });

        Assert.Equal(MigrationOutcome.NoChanges, report[Plugin].Outcome);
        Assert.Equal(rows, await setup.JournalRowsAsync());
        await using var app = await setup.OpenAsAppAsync();
        Assert.Equal(0L, await Scalar(app, $"SELECT count(*) FROM {Schema}.tags"));
        Assert.True(await Scalar(app, $"SELECT has_sequence_privilege('{Schema}.notes_id_seq', 'USAGE')") is true);
    }

    [Fact]
    public async Task A_grant_to_a_role_that_does_not_exist_fails_naming_it_and_changes_nothing()
    {
        await using var setup = await SetUpAsync();

        var report = await setup.Migrator.MigrateAsync(PluginOf(Notes), new MigrationOptions { GrantTo = ["no_such_app_role"], ThrowOnFailure = false });

        Assert.Equal(MigrationOutcome.Failed, report[Plugin].Outcome);
        Assert.Contains("no_such_app_role", report[Plugin].Error!.Message);
        Assert.Contains("CREATE ROLE", report[Plugin].Error!.Message);
        Assert.Equal(-1L, (await CatalogState.JournalAsync(setup.Owner, Plugin)).Count);
        await using var check = setup.Owner.CreateCommand($"SELECT to_regclass('{Schema}.notes') IS NULL");
        Assert.True(await check.ExecuteScalarAsync() is true);
    }

    [Fact]
    public async Task A_dry_run_grants_nothing()
    {
        await using var setup = await SetUpAsync();
        await setup.Migrator.MigrateAsync(PluginOf(Notes));

        await setup.Migrator.MigrateAsync(PluginOf(Notes, Tags), new MigrationOptions { GrantTo = [setup.AppRole], DryRun = true });

        await using var app = await setup.OpenAsAppAsync();
        await AssertDenied(app, $"SELECT count(*) FROM {Schema}.notes");
    }

    private async Task<Setup> SetUpAsync()
    {
        var database = await postgres.CreateDatabaseAsync();
        var role = string.Create(CultureInfo.InvariantCulture, $"app_{Guid.NewGuid():N}")[..20];
        await using (var admin = new NpgsqlConnection(postgres.AdminConnectionString))
        {
            await admin.OpenAsync();
            await Execute(admin, $"CREATE ROLE {role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE");
        }
        return new Setup(postgres.AdminConnectionString, database, role);
    }

    private static async Task Execute(NpgsqlDataSource source, string sql)
    {
        await using var command = source.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> Scalar(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    private static async Task AssertDenied(NpgsqlConnection connection, string sql)
    {
        var e = await Assert.ThrowsAsync<PostgresException>(() => Execute(connection, sql));
        Assert.True(e.SqlState == PostgresErrorCodes.InsufficientPrivilege, $"{sql}: expected permission denied (42501), got {e.SqlState} {e.MessageText}");
    }

    /// <summary>A database owned by the test's superuser, and an application role dropped at the end.</summary>
    private sealed class Setup(string adminConnectionString, TestDatabase database, string appRole) : IAsyncDisposable
    {
        public string AppRole => appRole;

        public NpgsqlDataSource Owner { get; } = NpgsqlDataSource.Create(database.ConnectionString);

        public string ConnectionString => database.ConnectionString;

        public string DatabaseName => database.Name;

        public Migrator Migrator => new(Owner);

        public async Task<NpgsqlConnection> OpenAsAppAsync()
        {
            var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.ConnectionString) { Username = appRole, Pooling = false }.ConnectionString);
            await connection.OpenAsync();
            return connection;
        }

        public async Task<long> JournalRowsAsync() => (await CatalogState.JournalAsync(Owner, Plugin)).Count;

        public async ValueTask DisposeAsync()
        {
            await Owner.DisposeAsync();
            await database.DisposeAsync();
            await using var admin = new NpgsqlConnection(adminConnectionString);
            await admin.OpenAsync();
            await Execute(admin, $"DROP ROLE IF EXISTS {appRole}");
        }
    }
}
