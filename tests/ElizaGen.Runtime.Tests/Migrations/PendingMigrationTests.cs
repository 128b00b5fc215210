using ElizaGen.Testing;
using static ElizaGen.Runtime.Tests.Migrations.Plugins;

namespace ElizaGen.Runtime.Tests.Migrations;

public sealed class PendingMigrationTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task A_plugin_is_pending_until_migrated_and_again_once_its_schema_changes()
    {
        await using var database = await postgres.CreateDatabaseAsync();
        await using var db = new Db(database.ConnectionString);
        var v1 = Create("@test/pending", "test_pending", Table("test_pending", "items", Id(), Col("title", "text", notNull: true)));
        var v2 = Create("@test/pending", "test_pending", Table("test_pending", "items", Id(), Col("title", "text", notNull: true), Col("body", "text")));
        var other = Create("@test/other", "test_other", Table("test_other", "things", Id()));

        Assert.Equal(["@test/pending", "@test/other"], (await db.Migrator.FindPendingAsync([v1, other])).Select(p => p.Name));
        Assert.False(await db.TableExistsAsync("migrations._migrations"));

        await db.Migrator.MigrateAsync(v1);
        Assert.Equal(["@test/other"], (await db.Migrator.FindPendingAsync([v1, other])).Select(p => p.Name));
        Assert.Same(v2, Assert.Single(await db.Migrator.FindPendingAsync([v2])));

        await db.Migrator.MigrateAsync([v2, other]);
        Assert.Empty(await db.Migrator.FindPendingAsync([v2, other]));
    }
}
