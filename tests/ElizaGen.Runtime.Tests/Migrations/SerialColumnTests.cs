using ElizaGen.Runtime.Migrations;
using ElizaGen.Schema.Snapshots;
using ElizaGen.Testing;
using static ElizaGen.Runtime.Tests.Migrations.Plugins;

namespace ElizaGen.Runtime.Tests.Migrations;

/// <summary>A serial column's sequence follows the column through plans (found by the random evolution suite).</summary>
public sealed class SerialColumnTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private const string Plugin = "@test/plugin-serial";

    private static SchemaSnapshot Tickets(string type) =>
        SchemaSnapshot.Create([Table("public", "tickets", new ColumnSnapshot("id", type, PrimaryKey: true, NotNull: true), Col("title", "text"))]);

    [Fact]
    public async Task A_column_can_stop_being_serial_and_become_serial_again()
    {
        await using var database = await postgres.CreateDatabaseAsync();
        await using var db = new Db(database.ConnectionString);
        await db.Migrator.MigrateAsync(Create(Plugin, Tickets("serial")));
        await db.ExecuteAsync("INSERT INTO public.tickets (title) VALUES ('a'), ('b')");

        await db.Migrator.MigrateAsync(Create(Plugin, Tickets("integer")));
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM pg_class WHERE relkind = 'S' AND relname = 'tickets_id_seq'"));
        await db.ExecuteAsync("INSERT INTO public.tickets (id, title) VALUES (10, 'c')");

        var report = await db.Migrator.MigrateAsync(Create(Plugin, Tickets("serial")), new MigrationOptions { ThrowOnFailure = false });

        Assert.Equal(MigrationOutcome.Applied, report[Plugin].Outcome);
        await db.ExecuteAsync("INSERT INTO public.tickets (title) VALUES ('d')");
        Assert.Equal(11, await db.ScalarAsync<int>("SELECT id FROM public.tickets WHERE title = 'd'"));
        Assert.Empty((await db.Migrator.GetStatusAsync(Plugin)).Drift);
    }
}
