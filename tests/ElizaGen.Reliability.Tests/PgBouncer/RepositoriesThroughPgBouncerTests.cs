using ElizaGen.Runtime.Migrations;
using ElizaGen.Testing;
using ElizaGen.Tests.SamplePlugin;

namespace ElizaGen.Reliability.Tests.PgBouncer;

/// <summary>
/// Generated repositories (the sample plugin's) behind PgBouncer 1.18 in transaction pooling mode, with
/// <c>PrepareStatements = false</c> as it needs before 1.21 (see
/// <see cref="SessionStateTests.A_statement_prepared_on_one_server_connection_is_missing_on_the_next"/>): every method,
/// over the executor (resilience pipeline) and over the data source, with more concurrent callers than PgBouncer has
/// server connections.
/// </summary>
public sealed class RepositoriesThroughPgBouncerTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private const int ServerConnections = 2;
    private static readonly DateTimeOffset Start = new(2025, 3, 4, 5, 6, 7, TimeSpan.Zero);

    [Fact]
    public async Task Every_repository_method_works_through_PgBouncer_without_prepared_statements()
    {
        await using var database = await postgres.CreateDatabaseAsync();
        await using var bouncer = await PgBouncerServer.StartAsync(postgres.AdminConnectionString, ServerConnections);
        await using var eliza = await bouncer.OpenElizaDatabaseAsync(database, maxPoolSize: 8);
        Assert.Equal(MigrationOutcome.Applied, (await eliza.Migrator.MigrateAsync(SampleNotesSchema.Plugin))[SampleNotesSchema.Plugin.Name].Outcome);
        var notebooks = new NotebookRepository(eliza) { PrepareStatements = false };
        var notes = new NoteRepository(eliza.DataSource) { PrepareStatements = false };

        var books = Enumerable.Range(0, 8).Select(i => new Notebook(Guid.NewGuid(), $"book {i}", Start.AddMinutes(i))).ToArray();
        await Task.WhenAll(books.Select(b => notebooks.InsertAsync(b)));
        var written = books.SelectMany(b => Enumerable.Range(0, 5).Select(i => new Note(Guid.NewGuid(), b.Id, $"{b.Title} note {i}", i % 2 == 0 ? null : "body", Start.AddSeconds(i)))).ToArray();
        Assert.Equal((ulong)written.Length, await notes.InsertManyAsync(written));

        Assert.Equal(8L, await notebooks.CountAsync());
        Assert.Equal(40L, await notes.CountAsync());
        var read = await Task.WhenAll(books.Select(b => notebooks.GetAsync(b.Id)));
        Assert.Equal(books, read);
        Assert.Equal(written.Take(10).OrderBy(n => n.Id), (await notes.GetManyAsync(written.Take(10).Select(n => n.Id).ToArray())).OrderBy(n => n.Id));
        Assert.Equal(written.Where(n => n.NotebookId == books[3].Id).OrderBy(n => n.Id), (await notes.FindByNotebookIdAsync(books[3].Id)).OrderBy(n => n.Id));

        var renamed = books[0] with { Title = "renamed" };
        Assert.True(await notebooks.UpdateAsync(renamed));
        Assert.Equal(renamed, await notebooks.GetAsync(renamed.Id));
        var upserted = written[0] with { Body = "upserted" };
        await notes.UpsertAsync(upserted);
        Assert.Equal(upserted, await notes.GetAsync(upserted.Id));

        Assert.True(await notebooks.DeleteAsync(books[1].Id));
        Assert.False(await notebooks.DeleteAsync(books[1].Id));
        Assert.Null(await notebooks.GetAsync(books[1].Id));
        Assert.Empty(await notes.FindByNotebookIdAsync(books[1].Id)); // ON DELETE CASCADE
        Assert.Equal(35L, await notes.CountAsync());
    }
}
