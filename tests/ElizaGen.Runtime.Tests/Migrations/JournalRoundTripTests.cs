using ElizaGen.Runtime.Migrations;
using ElizaGen.Schema.Snapshots;
using ElizaGen.Testing;
using static ElizaGen.Runtime.Tests.Migrations.Plugins;

namespace ElizaGen.Runtime.Tests.Migrations;

/// <summary>What the journal stores (jsonb) must mean what was migrated (found by the random evolution suite).</summary>
public sealed class JournalRoundTripTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private const string Plugin = "@test/plugin-journal";

    [Fact]
    public async Task A_key_flagged_on_several_columns_keeps_its_column_order_through_the_journal()
    {
        await using var database = await postgres.CreateDatabaseAsync();
        await using var db = new Db(database.ConnectionString);
        // jsonb sorts object keys shorter first: "c6" would come back before "c16".
        var table = Table("public", "pairs",
            new ColumnSnapshot("c16", "uuid", PrimaryKey: true, NotNull: true),
            new ColumnSnapshot("c6", "date", PrimaryKey: true, NotNull: true));
        await db.Migrator.MigrateAsync(Create(Plugin, SchemaSnapshot.Create([table])));

        Assert.Equal("PRIMARY KEY (c16, c6)", await db.ScalarAsync<string>(
            "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'public.pairs'::regclass AND contype = 'p'"));
        Assert.Empty((await db.Migrator.GetStatusAsync(Plugin)).Drift);

        var next = SchemaSnapshot.Create([table with { Columns = Plus(table.Columns, Col("note", "text")) }]);
        var report = await db.Migrator.MigrateAsync(Create(Plugin, next));
        Assert.Equal(["ALTER TABLE \"public\".\"pairs\" ADD COLUMN \"note\" text;"], report[Plugin].Steps.Select(s => s.Sql));
    }
}
