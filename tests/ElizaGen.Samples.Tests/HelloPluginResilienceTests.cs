using ElizaGen.Runtime.Connections;
using ElizaGen.Runtime.Resilience;
using ElizaGen.Testing;
using HelloPlugin;
using Npgsql;
using Pgvector;
using static ElizaGen.Samples.Tests.HelloData;

namespace ElizaGen.Samples.Tests;

/// <summary>
/// The sample's repositories built from an <see cref="ElizaDatabase"/>: every call runs through its resilience
/// pipeline with the operation kind of the method, so that a transient failure retries what is safe to repeat
/// and nothing else. The server itself raises the failures (a trigger that fails the first write).
/// </summary>
public sealed class HelloPluginResilienceTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static readonly ResilienceOptions FastRetries = new()
    {
        MaxRetries = 3,
        BaseDelay = TimeSpan.FromMilliseconds(10),
        MaxDelay = TimeSpan.FromMilliseconds(40),
        JitterMax = TimeSpan.FromMilliseconds(5),
    };

    /// <summary>A BEFORE trigger on greetings that fails the next write with a serialization failure (40001), once.</summary>
    private const string FailNextWriteSql = """
        CREATE SEQUENCE public.greeting_write_attempts;
        CREATE FUNCTION public.fail_first_greeting_write() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF nextval('public.greeting_write_attempts') = 1 THEN
                RAISE EXCEPTION 'simulated serialization failure' USING ERRCODE = '40001';
            END IF;
            IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
            RETURN NEW;
        END $$;
        CREATE TRIGGER fail_first_write BEFORE INSERT OR UPDATE OR DELETE ON elizagen_hello_plugin.greetings
            FOR EACH ROW EXECUTE FUNCTION public.fail_first_greeting_write();
        """;

    private const string ArmSql = "SELECT setval('public.greeting_write_attempts', 1, false)";
    private const string AttemptsSql = "SELECT last_value FROM public.greeting_write_attempts";

    private Task<ElizaDatabase> OpenAsync(HelloDatabase db) => ElizaDatabase.OpenAsync(new ElizaDatabaseOptions
    {
        ConnectionString = db.Database.ConnectionString,
        Resilience = FastRetries,
        ShutdownSignals = ShutdownSignalBehavior.Ignore,
    });

    [Fact]
    public async Task A_repository_built_from_ElizaDatabase_reads_and_writes_the_migrated_schema()
    {
        await using var db = await postgres.CreateDatabaseAsync();
        await using var database = await ElizaDatabase.OpenAsync(new ElizaDatabaseOptions
        {
            ConnectionString = db.ConnectionString,
            ShutdownSignals = ShutdownSignalBehavior.Ignore,
        });
        await database.Migrator.MigrateAsync(HelloSchema.Plugin);
        var greetings = new GreetingRepository(database);
        var replies = new GreetingReplyRepository(database);
        var hello = Greeting("hello", embedding: [1, 0, 0]);

        await greetings.InsertAsync(hello);
        Assert.Equal(2UL, await greetings.InsertManyAsync([Greeting("hi", embedding: [0, 1, 0]), Greeting("hallo", "de")]));
        await greetings.UpsertAsync(hello with { Text = "Hello there" });
        await replies.InsertAsync(Reply(hello.Id, "Hi"));

        Assert.Equal("Hello there", (await greetings.GetAsync(hello.Id))?.Text);
        Assert.Equal(3, await greetings.CountAsync());
        Assert.Equal(["hello", "hi"], (await greetings.NearestEmbeddingAsync(new Vector(new float[] { 1, 0.1f, 0 }), 5)).Select(n => n.Row.Slug));
        Assert.Single(await replies.FindByGreetingIdAsync(hello.Id));
        Assert.True(await greetings.DeleteAsync(hello.Id));
        Assert.Equal(0, await replies.CountAsync());
    }

    [Fact]
    public async Task Each_method_runs_once_through_the_executor_with_its_operation_kind()
    {
        await using var db = await HelloDatabase.CreateAsync(postgres);
        await using var database = await OpenAsync(db);
        var executor = new RecordingExecutor(database);
        var greetings = new GreetingRepository(executor);
        var hello = Greeting("hello", embedding: [1, 0, 0]);

        await greetings.InsertAsync(hello);
        await greetings.InsertManyAsync([Greeting("hi")]);
        await greetings.UpsertAsync(hello);
        await greetings.UpdateAsync(hello);
        await greetings.GetAsync(hello.Id);
        await greetings.GetManyAsync([hello.Id]);
        await greetings.CountAsync();
        await greetings.FindBySlugAsync("hello");
        await greetings.FindByLanguageAsync("en");
        await greetings.NearestEmbeddingAsync(new Vector(new float[] { 1, 0, 0 }), 1);
        await greetings.DeleteAsync(hello.Id);

        Assert.Equal(
            [
                OperationKind.NonIdempotentWrite, OperationKind.NonIdempotentWrite, OperationKind.IdempotentWrite,
                OperationKind.IdempotentWrite, OperationKind.Read, OperationKind.Read, OperationKind.Read, OperationKind.Read,
                OperationKind.Read, OperationKind.Read, OperationKind.IdempotentWrite,
            ],
            executor.Kinds);
    }

    [Fact]
    public async Task Upsert_update_and_delete_are_retried_after_a_transient_failure()
    {
        await using var db = await HelloDatabase.CreateAsync(postgres);
        await using var database = await OpenAsync(db);
        var greetings = new GreetingRepository(database);
        var hello = Greeting("hello");
        await greetings.InsertAsync(hello);
        await db.ExecuteAsync(FailNextWriteSql);

        await greetings.UpsertAsync(hello with { Text = "upserted" });
        // The failed attempt, then the retry: its INSERT fires the trigger and, on the conflict, its UPDATE again.
        Assert.Equal(3, await db.ScalarAsync<long>(AttemptsSql));
        Assert.Equal("upserted", (await greetings.GetAsync(hello.Id))?.Text);

        await db.ScalarAsync<long>(ArmSql);
        Assert.True(await greetings.UpdateAsync(hello with { Text = "updated" }));
        Assert.Equal(2, await db.ScalarAsync<long>(AttemptsSql));
        Assert.Equal("updated", (await greetings.GetAsync(hello.Id))?.Text);

        await db.ScalarAsync<long>(ArmSql);
        Assert.True(await greetings.DeleteAsync(hello.Id));
        Assert.Equal(2, await db.ScalarAsync<long>(AttemptsSql));
        Assert.Equal(0, await greetings.CountAsync());
    }

    [Fact]
    public async Task Insert_and_InsertMany_are_not_retried_once_the_command_was_sent()
    {
        await using var db = await HelloDatabase.CreateAsync(postgres);
        await using var database = await OpenAsync(db);
        var greetings = new GreetingRepository(database);
        await db.ExecuteAsync(FailNextWriteSql);

        var insert = await Assert.ThrowsAsync<PostgresException>(() => greetings.InsertAsync(Greeting("hello")));
        Assert.Equal(PostgresErrorCodes.SerializationFailure, insert.SqlState);
        Assert.Equal(1, await db.ScalarAsync<long>(AttemptsSql));

        await db.ScalarAsync<long>(ArmSql);
        var copy = await Assert.ThrowsAsync<PostgresException>(() => greetings.InsertManyAsync([Greeting("a"), Greeting("b")]));
        Assert.Equal(PostgresErrorCodes.SerializationFailure, copy.SqlState);
        Assert.Equal(1, await db.ScalarAsync<long>(AttemptsSql));
        Assert.Equal(0, await greetings.CountAsync());
    }

    [Fact]
    public async Task A_repository_over_a_plain_data_source_makes_one_attempt()
    {
        await using var db = await HelloDatabase.CreateAsync(postgres);
        var greetings = new GreetingRepository(db.DataSource);
        var hello = Greeting("hello");
        await greetings.InsertAsync(hello);
        await db.ExecuteAsync(FailNextWriteSql);

        var error = await Assert.ThrowsAsync<PostgresException>(() => greetings.UpsertAsync(hello with { Text = "upserted" }));
        Assert.Equal(PostgresErrorCodes.SerializationFailure, error.SqlState);
        Assert.Equal(1, await db.ScalarAsync<long>(AttemptsSql));
        Assert.Equal(hello.Text, (await greetings.GetAsync(hello.Id))?.Text);
    }

    [Fact]
    public async Task A_repository_over_a_closed_ElizaDatabase_says_so()
    {
        await using var db = await HelloDatabase.CreateAsync(postgres);
        var database = await OpenAsync(db);
        var greetings = new GreetingRepository(database);
        await database.CloseAsync();

        var error = await Assert.ThrowsAsync<ObjectDisposedException>(() => greetings.CountAsync());
        Assert.Contains("Open a new one with ElizaDatabase.OpenAsync", error.Message);
    }

    /// <summary>Passes every call to the real database and notes the kind it was given.</summary>
    private sealed class RecordingExecutor(IDatabaseExecutor inner) : IDatabaseExecutor
    {
        public List<OperationKind> Kinds { get; } = [];

        public ValueTask<TResult> ExecuteAsync<TResult>(
            OperationKind kind, Func<NpgsqlConnection, CancellationToken, ValueTask<TResult>> operation, CancellationToken cancellationToken = default)
        {
            Kinds.Add(kind);
            return inner.ExecuteAsync(kind, operation, cancellationToken);
        }

        public ValueTask<TResult> ExecuteAsync<TState, TResult>(
            OperationKind kind, TState state, Func<NpgsqlConnection, TState, CancellationToken, ValueTask<TResult>> operation,
            CancellationToken cancellationToken = default)
        {
            Kinds.Add(kind);
            return inner.ExecuteAsync(kind, state, operation, cancellationToken);
        }

        public ValueTask<TResult> ExecuteOnDataSourceAsync<TResult>(
            OperationKind kind, Func<NpgsqlDataSource, CancellationToken, ValueTask<TResult>> operation, CancellationToken cancellationToken = default)
        {
            Kinds.Add(kind);
            return inner.ExecuteOnDataSourceAsync(kind, operation, cancellationToken);
        }
    }
}
