using ElizaGen.Runtime.Migrations;
using ElizaGen.Schema.Ddl;
using ElizaGen.Schema.Snapshots;
using ElizaGen.Testing;
using static ElizaGen.Runtime.Tests.Migrations.Plugins;

namespace ElizaGen.Runtime.Tests.Migrations;

/// <summary>
/// PostgreSQL prints an enum default as <c>'sad'::app.mood</c>, qualified unless the schema is on the search path.
/// Comparing the declared schema with the catalog must print it the same way, whatever schema the enum lives in
/// (found by the random evolution suite: drift and a failing adoption for enums outside the table's schema).
/// </summary>
public sealed class EnumDefaultCanonicalizationTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private const string Plugin = "@test/plugin-enum-defaults";

    private static SchemaSnapshot Declared(string enumSchema, string tableSchema) => SchemaSnapshot.Create(
        [Table(tableSchema, "feelings", Id(), new ColumnSnapshot("mood", "mood", NotNull: true, Default: "'sad'", TypeSchema: enumSchema))],
        [new EnumSnapshot(enumSchema, "mood", Arr("sad", "happy"))]);

    [Theory]
    [InlineData("app_enums", "app_tables")]
    [InlineData("app_enums", "app_enums")]
    [InlineData("public", "public")]
    [InlineData("public", "app_tables")]
    public async Task An_enum_default_is_no_drift(string enumSchema, string tableSchema)
    {
        await using var database = await postgres.CreateDatabaseAsync();
        await using var db = new Db(database.ConnectionString);
        await db.Migrator.MigrateAsync(Create(Plugin, Declared(enumSchema, tableSchema)));

        Assert.Empty((await db.Migrator.GetStatusAsync(Plugin)).Drift);
    }

    [Theory]
    [InlineData("app_enums", "app_tables")]
    [InlineData("public", "public")]
    public async Task Adopting_tables_with_an_enum_default_plans_nothing(string enumSchema, string tableSchema)
    {
        await using var database = await postgres.CreateDatabaseAsync();
        await using var db = new Db(database.ConnectionString);
        foreach (var statement in DdlWriter.CreateStatements(Declared(enumSchema, tableSchema))) await db.ExecuteAsync(statement);

        var report = await db.Migrator.MigrateAsync(Create(Plugin, Declared(enumSchema, tableSchema)));

        Assert.Equal(MigrationOutcome.NoChanges, report[Plugin].Outcome);
        Assert.Empty(report[Plugin].Steps);
    }
}
