using ElizaGen.Runtime.Migrations;
using ElizaGen.Schema.Snapshots;
using ElizaGen.Testing;
using static ElizaGen.Runtime.Tests.Migrations.Plugins;

namespace ElizaGen.Runtime.Tests.Migrations;

/// <summary>Tests that change process-wide environment variables: they run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EnvironmentCollection
{
    public const string Name = "environment variables";
}

[Collection(EnvironmentCollection.Name)]
public sealed class DestructiveMigrationTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private const string Plugin = "@test/plugin-destructive";

    private static readonly TableSnapshot Keep = Table("public", "keep", Id(), Col("a", "text"), Col("b", "text"));
    private static readonly TableSnapshot Gone = Table("public", "gone", Id());

    private async Task<Db> PreparedAsync(TestDatabase database)
    {
        var db = new Db(database.ConnectionString);
        await db.Migrator.MigrateAsync(Create(Plugin, SchemaSnapshot.Create([Keep, Gone])));
        await db.ExecuteAsync("INSERT INTO public.keep (a, b) VALUES ('1', '2'); INSERT INTO public.gone DEFAULT VALUES");
        return db;
    }

    private static ElizaGen.Schema.PluginSchema Shrunk() => Create(Plugin, SchemaSnapshot.Create([Table("public", "keep", Id(), Col("a", "text"))]));

    [Theory]
    [InlineData(null, null)]
    [InlineData("DOTNET_ENVIRONMENT", "Production")]
    [InlineData("ASPNETCORE_ENVIRONMENT", "production")]
    [InlineData("NODE_ENV", "production")]
    public async Task Dropping_a_column_and_a_table_is_blocked_and_says_how_to_proceed(string? variable, string? value)
    {
        await using var database = await postgres.CreateDatabaseAsync();
        await using var db = await PreparedAsync(database);
        using var env = new EnvironmentVariableScope(variable ?? "ELIZAGEN_UNUSED", value);
        using var noForce = new EnvironmentVariableScope(Migrator.AllowDestructiveVariable, null);

        var thrown = await Assert.ThrowsAsync<MigrationFailedException>(() => db.Migrator.MigrateAsync(Shrunk()));

        var blocked = Assert.IsType<DestructiveMigrationBlockedException>(thrown.Report[Plugin].Error);
        Assert.Equal(MigrationOutcome.Blocked, thrown.Report[Plugin].Outcome);
        Assert.Equal(2, blocked.DestructiveSteps.Count);
        Assert.Contains("\"gone\"", blocked.Message);
        Assert.Contains("\"b\"", blocked.Message);
        Assert.Contains("Force", blocked.Message);
        Assert.Contains(Migrator.AllowDestructiveVariable, blocked.Message);
        Assert.Equal(variable is not null, blocked.IsProduction);
        Assert.Equal(variable is not null, blocked.Message.Contains("production", StringComparison.OrdinalIgnoreCase));
        Assert.True(await db.TableExistsAsync("public.gone"));
        Assert.Equal(["id:uuid", "a:text", "b:text"], await db.ColumnsAsync("public", "keep"));
    }

    [Fact]
    public async Task Force_applies_the_destructive_plan()
    {
        await using var database = await postgres.CreateDatabaseAsync();
        await using var db = await PreparedAsync(database);
        using var noForce = new EnvironmentVariableScope(Migrator.AllowDestructiveVariable, null);

        var report = await db.Migrator.MigrateAsync(Shrunk(), new MigrationOptions { Force = true });

        Assert.Equal(MigrationOutcome.Applied, report[Plugin].Outcome);
        Assert.False(await db.TableExistsAsync("public.gone"));
        Assert.Equal(["id:uuid", "a:text"], await db.ColumnsAsync("public", "keep"));
        Assert.Equal(1, await db.CountAsync("public.keep"));
    }

    [Fact]
    public async Task The_environment_variable_applies_the_destructive_plan()
    {
        await using var database = await postgres.CreateDatabaseAsync();
        await using var db = await PreparedAsync(database);
        using var allow = new EnvironmentVariableScope(Migrator.AllowDestructiveVariable, "true");

        var report = await db.Migrator.MigrateAsync(Shrunk());

        Assert.Equal(MigrationOutcome.Applied, report[Plugin].Outcome);
        Assert.False(await db.TableExistsAsync("public.gone"));
    }
}
