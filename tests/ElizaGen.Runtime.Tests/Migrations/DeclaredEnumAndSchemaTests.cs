using ElizaGen.Runtime.Migrations;
using ElizaGen.Schema.Snapshots;
using ElizaGen.Testing;
using static ElizaGen.Runtime.Tests.Migrations.Plugins;

namespace ElizaGen.Runtime.Tests.Migrations;

/// <summary>
/// Enum types no column uses and schemas without tables are part of a plugin's schema too: the journal, the live
/// catalog and adoption must all see them (found by the random evolution suite).
/// </summary>
public sealed class DeclaredEnumAndSchemaTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private const string Plugin = "@test/plugin-enums";

    private static SchemaSnapshot EnumOnly(params string[] values) =>
        SchemaSnapshot.Create([], [new EnumSnapshot("enums_only", "mood", Arr(values))]);

    [Fact]
    public async Task An_enum_no_column_uses_and_its_schema_are_no_drift()
    {
        await using var database = await postgres.CreateDatabaseAsync();
        await using var db = new Db(database.ConnectionString);
        await db.Migrator.MigrateAsync(Create(Plugin, EnumOnly("sad", "happy")));

        Assert.Empty((await db.Migrator.GetStatusAsync(Plugin)).Drift);

        await db.ExecuteAsync("ALTER TYPE enums_only.mood ADD VALUE 'meh'");
        var drift = Assert.Single((await db.Migrator.GetStatusAsync(Plugin)).Drift);
        Assert.Contains("'meh'", drift.Sql);
    }

    [Fact]
    public async Task Adoption_gives_an_existing_unused_enum_its_declared_values()
    {
        await using var database = await postgres.CreateDatabaseAsync();
        await using var db = new Db(database.ConnectionString);
        await db.ExecuteAsync("""
            CREATE SCHEMA app; CREATE TABLE app.t (id integer PRIMARY KEY);
            CREATE TYPE app.mood AS ENUM ('sad', 'happy');
            """);
        var declared = SchemaSnapshot.Create(
            [Table("app", "t", new ColumnSnapshot("id", "integer", PrimaryKey: true, NotNull: true))],
            [new EnumSnapshot("app", "mood", Arr("happy"))]);

        var report = await db.Migrator.MigrateAsync(Create(Plugin, declared), new MigrationOptions { Force = true });

        Assert.Equal(MigrationOutcome.Applied, report[Plugin].Outcome);
        Assert.Equal("{happy}", await db.ScalarAsync<string>("SELECT enum_range(NULL::app.mood)::text"));
        Assert.Empty((await db.Migrator.GetStatusAsync(Plugin)).Drift);
    }
}
