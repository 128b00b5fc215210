using ElizaGen.Runtime.Migrations;
using ElizaGen.Testing;
using HelloPlugin;
using Npgsql;
using Pgvector;
using static ElizaGen.Samples.Tests.HelloData;

namespace ElizaGen.Samples.Tests;

/// <summary>
/// The sample plugin end to end on real PostgreSQL: its generated schema migrated by the migrator, then its
/// generated repositories (over a plain data source) writing and reading it.
/// </summary>
public sealed class HelloPluginRepositoryTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task The_migrator_creates_the_declared_schema_once()
    {
        await using var db = await HelloDatabase.CreateAsync(postgres);
        Assert.Equal(MigrationOutcome.Applied, db.Report[HelloSchema.Plugin.Name].Outcome);

        var again = await new Migrator(db.DataSource).MigrateAsync(HelloSchema.Plugin);
        Assert.Equal(MigrationOutcome.NoChanges, again[HelloSchema.Plugin.Name].Outcome);

        var vectorIndex = await db.ScalarAsync<string>(
            "SELECT indexdef FROM pg_indexes WHERE schemaname = 'elizagen_hello_plugin' AND indexname = 'greetings_embedding_index'");
        Assert.Contains("USING hnsw (embedding vector_cosine_ops)", vectorIndex);
        var foreignKey = await db.ScalarAsync<string>(
            "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'greeting_replies_greeting_id_greetings_id_fk'");
        Assert.Equal("FOREIGN KEY (greeting_id) REFERENCES elizagen_hello_plugin.greetings(id) ON DELETE CASCADE", foreignKey);
    }

    [Fact]
    public async Task Insert_get_update_upsert_delete_and_count_round_trip_every_column()
    {
        await using var db = await HelloDatabase.CreateAsync(postgres);
        var greetings = new GreetingRepository(db.DataSource);
        var hello = Greeting("hello", embedding: [1, 2, 3]);
        var hallo = Greeting("hallo", "de");

        await greetings.InsertAsync(hello);
        await greetings.InsertAsync(hallo);
        AssertSame(hello, await greetings.GetAsync(hello.Id));
        AssertSame(hallo, await greetings.GetAsync(hallo.Id));
        Assert.Null(await greetings.GetAsync(Guid.NewGuid()));
        Assert.Equal(2, await greetings.CountAsync());

        var many = await greetings.GetManyAsync([hello.Id, hallo.Id, Guid.NewGuid()]);
        Assert.Equal(new[] { hello.Id, hallo.Id }.Order(), many.Select(g => g.Id).Order());

        var edited = hello with { Text = "Hello again", Embedding = new Vector(new float[] { 3, 2, 1 }) };
        Assert.True(await greetings.UpdateAsync(edited));
        AssertSame(edited, await greetings.GetAsync(hello.Id));
        Assert.False(await greetings.UpdateAsync(Greeting("missing")));

        var upserted = hallo with { Text = "Guten Tag" };
        await greetings.UpsertAsync(upserted);
        var added = Greeting("bonjour", "fr");
        await greetings.UpsertAsync(added);
        AssertSame(upserted, await greetings.GetAsync(hallo.Id));
        AssertSame(added, await greetings.GetAsync(added.Id));
        Assert.Equal(3, await greetings.CountAsync());

        Assert.True(await greetings.DeleteAsync(hallo.Id));
        Assert.False(await greetings.DeleteAsync(hallo.Id));
        Assert.Null(await greetings.GetAsync(hallo.Id));
        Assert.Equal(2, await greetings.CountAsync());
    }

    [Fact]
    public async Task FindBy_methods_follow_the_unique_constraint_and_the_indexes()
    {
        await using var db = await HelloDatabase.CreateAsync(postgres);
        var greetings = new GreetingRepository(db.DataSource);
        var replies = new GreetingReplyRepository(db.DataSource);
        var hello = Greeting("hello");
        var hi = Greeting("hi");
        var hallo = Greeting("hallo", "de");
        foreach (var g in new[] { hello, hi, hallo }) await greetings.InsertAsync(g);
        var first = Reply(hello.Id, "Hi yourself", likes: 3, minute: 1);
        var second = Reply(hello.Id, "Hey", minute: 2);
        await replies.InsertAsync(first);
        await replies.InsertAsync(second);
        await replies.InsertAsync(Reply(hallo.Id, "Servus"));

        AssertSame(hi, await greetings.FindBySlugAsync("hi"));
        Assert.Null(await greetings.FindBySlugAsync("howdy"));
        Assert.Equal(["hello", "hi"], (await greetings.FindByLanguageAsync("en")).Select(g => g.Slug).Order(StringComparer.Ordinal));
        Assert.Empty(await greetings.FindByLanguageAsync("fr"));
        Assert.Equal([first, second], (await replies.FindByGreetingIdAsync(hello.Id)).OrderBy(r => r.CreatedAt));
    }

    [Fact]
    public async Task The_foreign_key_refuses_orphans_and_cascades_deletes()
    {
        await using var db = await HelloDatabase.CreateAsync(postgres);
        var greetings = new GreetingRepository(db.DataSource);
        var replies = new GreetingReplyRepository(db.DataSource);
        var hello = Greeting("hello");
        await greetings.InsertAsync(hello);
        await replies.InsertAsync(Reply(hello.Id, "Hi"));

        var orphan = await Assert.ThrowsAsync<PostgresException>(() => replies.InsertAsync(Reply(Guid.NewGuid(), "Anyone?")));
        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, orphan.SqlState);
        var duplicate = await Assert.ThrowsAsync<PostgresException>(() => greetings.InsertAsync(Greeting("hello")));
        Assert.Equal(PostgresErrorCodes.UniqueViolation, duplicate.SqlState);

        Assert.True(await greetings.DeleteAsync(hello.Id));
        Assert.Empty(await replies.FindByGreetingIdAsync(hello.Id));
        Assert.Equal(0, await replies.CountAsync());
    }

    [Fact]
    public async Task InsertMany_copies_a_thousand_rows_in_one_binary_COPY()
    {
        await using var db = await HelloDatabase.CreateAsync(postgres);
        var greetings = new GreetingRepository(db.DataSource);
        var rows = Enumerable.Range(0, 1000)
            .Select(i => Greeting("greeting-" + i, i % 4 == 0 ? "de" : "en", i % 10 == 0 ? null : [i, 1, -i], minute: i))
            .ToList();

        Assert.Equal(1000UL, await greetings.InsertManyAsync(rows));

        Assert.Equal(1000, await greetings.CountAsync());
        Assert.Equal(250, (await greetings.FindByLanguageAsync("de")).Count);
        var sample = new[] { rows[0], rows[1], rows[999] };
        var read = await greetings.GetManyAsync(sample.Select(r => r.Id).ToList());
        foreach (var row in sample) AssertSame(row, read.Single(r => r.Id == row.Id));
    }

    [Fact]
    public async Task InsertMany_writes_nothing_when_a_row_fails()
    {
        await using var db = await HelloDatabase.CreateAsync(postgres);
        var greetings = new GreetingRepository(db.DataSource);
        var rows = new[] { Greeting("same"), Greeting("other"), Greeting("same") };

        var error = await Assert.ThrowsAsync<PostgresException>(() => greetings.InsertManyAsync(rows));
        Assert.Equal(PostgresErrorCodes.UniqueViolation, error.SqlState);
        Assert.Equal(0, await greetings.CountAsync());
    }

    [Fact]
    public async Task Nearest_orders_by_cosine_distance_with_a_limit_and_a_maximum_distance()
    {
        await using var db = await HelloDatabase.CreateAsync(postgres);
        var greetings = new GreetingRepository(db.DataSource);
        var same = Greeting("same", embedding: [2, 0, 0]);           // distance 0
        var diagonal = Greeting("diagonal", embedding: [1, 1, 0]);   // 1 - 1/sqrt(2)
        var orthogonal = Greeting("orthogonal", embedding: [0, 5, 0]); // 1
        var opposite = Greeting("opposite", embedding: [-1, 0, 0]);  // 2
        var none = Greeting("none");                                 // no embedding: never returned
        await greetings.InsertManyAsync([opposite, none, orthogonal, same, diagonal]);
        var query = new Vector(new float[] { 1, 0, 0 });

        var all = await greetings.NearestEmbeddingAsync(query, limit: 10);
        Assert.Equal(["same", "diagonal", "orthogonal", "opposite"], all.Select(n => n.Row.Slug));
        Assert.Equal(new[] { 0, 1 - 1 / Math.Sqrt(2), 1, 2 }, all.Select(n => n.Distance), new ToleranceComparer());
        AssertSame(diagonal, all[1].Row);

        var two = await greetings.NearestEmbeddingAsync(query, limit: 2);
        Assert.Equal(["same", "diagonal"], two.Select(n => n.Row.Slug));

        var close = await greetings.NearestEmbeddingAsync(query, limit: 10, maxDistance: 0.5);
        Assert.Equal(["same", "diagonal"], close.Select(n => n.Row.Slug));
        var closeAndFew = await greetings.NearestEmbeddingAsync(query, limit: 1, maxDistance: 1.0);
        Assert.Equal(["same"], closeAndFew.Select(n => n.Row.Slug));

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => greetings.NearestEmbeddingAsync(query, limit: 0));
    }

    [Fact]
    public async Task Writes_on_the_callers_transaction_vanish_on_rollback_and_stay_on_commit()
    {
        await using var db = await HelloDatabase.CreateAsync(postgres);
        var greetings = new GreetingRepository(db.DataSource);
        var replies = new GreetingReplyRepository(db.DataSource);
        var hello = Greeting("hello", embedding: [1, 0, 0]);

        await using (var connection = await db.DataSource.OpenConnectionAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await greetings.InsertAsync(connection, transaction, hello);
            await greetings.UpsertAsync(connection, transaction, hello with { Text = "Hello, inside" });
            Assert.Equal(2UL, await replies.InsertManyAsync(connection, transaction, [Reply(hello.Id, "a"), Reply(hello.Id, "b")]));
            Assert.Equal("Hello, inside", (await greetings.GetAsync(connection, transaction, hello.Id))?.Text);
            Assert.Equal(2, await replies.CountAsync(connection, transaction));
            Assert.Single(await greetings.NearestEmbeddingAsync(connection, transaction, new Vector(new float[] { 1, 0, 0 }), 5));
            Assert.Equal(0, await greetings.CountAsync()); // not visible outside before commit

            await transaction.RollbackAsync();
        }

        Assert.Null(await greetings.GetAsync(hello.Id));
        Assert.Equal(0, await greetings.CountAsync());
        Assert.Equal(0, await replies.CountAsync());

        await using (var connection = await db.DataSource.OpenConnectionAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await greetings.InsertAsync(connection, transaction, hello);
            await replies.InsertAsync(connection, transaction, Reply(hello.Id, "gone with its greeting"));
            Assert.True(await greetings.DeleteAsync(connection, transaction, hello.Id));
            await greetings.InsertAsync(connection, transaction, hello);
            await transaction.CommitAsync();
        }

        AssertSame(hello, await greetings.GetAsync(hello.Id));
        Assert.Equal(0, await replies.CountAsync()); // the reply went with the deleted greeting (cascade)
    }

    [Fact]
    public async Task Statements_are_prepared_on_the_connection_unless_PrepareStatements_is_off()
    {
        await using var db = await HelloDatabase.CreateAsync(postgres);
        var hello = Greeting("hello");
        await new GreetingRepository(db.DataSource).InsertAsync(hello);

        await using (var connection = await db.DataSource.OpenConnectionAsync())
        {
            var prepared = new GreetingRepository(db.DataSource);
            AssertSame(hello, await prepared.GetAsync(connection, null, hello.Id));
            AssertSame(hello, await prepared.GetAsync(connection, null, hello.Id));
            Assert.Equal(1, await PreparedGreetingReadsAsync(connection));
        }

        // Behind PgBouncer < 1.21 in transaction pooling, a statement prepared on one server connection is unknown to
        // the next: with PrepareStatements off the repository leaves none behind (on a new pool: new server connections).
        var builder = new NpgsqlDataSourceBuilder(db.Database.ConnectionString);
        builder.UseVector();
        await using var fresh = builder.Build();
        await using (var connection = await fresh.OpenConnectionAsync())
        {
            var unprepared = new GreetingRepository(fresh) { PrepareStatements = false };
            AssertSame(hello, await unprepared.GetAsync(connection, null, hello.Id));
            Assert.Single(await unprepared.FindByLanguageAsync(connection, null, "en"));
            Assert.Equal(1, await unprepared.CountAsync(connection, null));
            Assert.Equal(0, await PreparedGreetingReadsAsync(connection));
        }
    }

    private static async Task<long> PreparedGreetingReadsAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%FROM \"elizagen_hello_plugin\".\"greetings\"%'", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private sealed class ToleranceComparer : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) < 1e-6;

        public int GetHashCode(double obj) => 0;
    }
}
