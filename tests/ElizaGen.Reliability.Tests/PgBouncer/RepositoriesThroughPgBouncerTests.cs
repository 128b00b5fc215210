using ElizaGen.Runtime.Connections;
using ElizaGen.Runtime.Migrations;
using ElizaGen.Testing;
using ElizaGen.Tests.SamplePlugin;

namespace ElizaGen.Reliability.Tests.PgBouncer;

/// <summary>
/// Generated repositories (the sample plugin's) behind PgBouncer 1.18 in transaction pooling mode, without prepared
/// statements as it needs before 1.21 (the default over an <c>ElizaDatabase</c> opened with <c>Pool.TransactionPooler</c>) (see
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
        // Over the executor the default follows Pool.TransactionPooler; over a bare data source it is set by hand.
        var notebooks = new NotebookRepository(eliza);
        Assert.False(notebooks.PrepareStatements);
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

    [Fact]
    public async Task Repositories_prepare_statements_unless_the_database_is_behind_a_transaction_pooler_and_an_explicit_setting_wins()
    {
        await using var database = await postgres.CreateDatabaseAsync();
        await using var direct = await ElizaDatabase.OpenAsync(new ElizaDatabaseOptions
        {
            ConnectionString = database.ConnectionString,
            ShutdownSignals = ShutdownSignalBehavior.Ignore,
        });
        await using var pooled = await ElizaDatabase.OpenAsync(new ElizaDatabaseOptions
        {
            ConnectionString = database.ConnectionString,
            Pool = new ConnectionPoolOptions { TransactionPooler = true },
            ShutdownSignals = ShutdownSignalBehavior.Ignore,
        });

        Assert.True(direct.CanPrepareStatements);
        Assert.False(pooled.CanPrepareStatements);
        Assert.True(new NotebookRepository(direct).PrepareStatements);
        Assert.False(new NotebookRepository(pooled).PrepareStatements);
        Assert.True(new NotebookRepository(pooled) { PrepareStatements = true }.PrepareStatements);
        Assert.False(new NotebookRepository(direct) { PrepareStatements = false }.PrepareStatements);
        Assert.True(new NotebookRepository(direct.DataSource).PrepareStatements);
    }
}
