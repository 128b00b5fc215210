using ElizaGen.Runtime.Connections;
using ElizaGen.Runtime.Resilience;
using ElizaGen.Runtime.Tests.Connections;
using Npgsql;

namespace ElizaGen.Runtime.Tests.Resilience;

/// <summary>Retry and breaker rules against a real server, which raises the SQLSTATEs itself.</summary>
public sealed class ResiliencePipelineTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private static readonly ResilienceOptions Fast = new()
    {
        MaxRetries = 3,
        BaseDelay = TimeSpan.FromMilliseconds(10),
        MaxDelay = TimeSpan.FromMilliseconds(40),
        JitterMax = TimeSpan.FromMilliseconds(5),
        ResetTimeout = TimeSpan.FromSeconds(1),
    };

    private readonly CapturingLoggerFactory _logs = new();

    private Task<ElizaDatabase> OpenAsync(ResilienceOptions? resilience = null, string? connectionString = null) =>
        ElizaDatabase.OpenAsync(new ElizaDatabaseOptions
        {
            ConnectionString = connectionString ?? fixture.Cluster.ConnectionString,
            Resilience = resilience ?? Fast,
            LoggerFactory = _logs,
            ShutdownSignals = ShutdownSignalBehavior.Ignore,
        });

    private static async ValueTask<int> RaiseAsync(NpgsqlConnection connection, string sqlState, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"DO $$ BEGIN RAISE EXCEPTION 'simulated failure' USING ERRCODE = '{sqlState}'; END $$", connection);
        await command.ExecuteNonQueryAsync(ct);
        return 0;
    }

    private static async ValueTask<int> ScalarAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt32(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    private int RetryLogCount() => _logs.Snapshot().Count(e => e.EventName == "DatabaseCallRetrying");

    [Theory]
    [InlineData("40001")]
    [InlineData("40P01")]
    [InlineData("08006")]
    [InlineData("53300")]
    [InlineData("57P01")]
    public async Task A_read_failing_transiently_is_tried_once_plus_three_retries(string sqlState)
    {
        await using var database = await OpenAsync();
        var attempts = 0;

        var error = await Assert.ThrowsAsync<PostgresException>(async () =>
            await database.ExecuteAsync(OperationKind.Read, (connection, ct) => { attempts++; return RaiseAsync(connection, sqlState, ct); }));

        Assert.Equal(sqlState, error.SqlState);
        Assert.Equal(4, attempts);
        var retries = _logs.Snapshot().Where(e => e.EventName == "DatabaseCallRetrying").Select(e => e.Message).ToList();
        Assert.Equal(3, retries.Count);
        Assert.Contains("retry 1 of 3", retries[0], StringComparison.Ordinal);
        Assert.Contains("retry 3 of 3", retries[2], StringComparison.Ordinal);
        Assert.All(retries, message => Assert.Contains(sqlState, message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_read_that_fails_once_then_succeeds_returns_its_result()
    {
        await using var database = await OpenAsync();
        var attempts = 0;

        var result = await database.ExecuteAsync(OperationKind.Read, (connection, ct) =>
            ++attempts == 1 ? RaiseAsync(connection, "40001", ct) : ScalarAsync(connection, "SELECT 42", ct));

        Assert.Equal(42, result);
        Assert.Equal(2, attempts);
        Assert.Equal(CircuitState.Closed, database.Resilience.CircuitState);
    }

    [Fact]
    public async Task A_plain_insert_that_failed_after_it_was_sent_is_not_retried_an_upsert_is()
    {
        await using var database = await OpenAsync();
        var plainAttempts = 0;
        var upsertAttempts = 0;

        await Assert.ThrowsAsync<PostgresException>(async () => await database.ExecuteAsync(
            OperationKind.NonIdempotentWrite, (connection, ct) => { plainAttempts++; return RaiseAsync(connection, "08006", ct); }));
        await Assert.ThrowsAsync<PostgresException>(async () => await database.ExecuteAsync(
            OperationKind.IdempotentWrite, (connection, ct) => { upsertAttempts++; return RaiseAsync(connection, "08006", ct); }));

        Assert.Equal(1, plainAttempts);
        Assert.Equal(4, upsertAttempts);
    }

    [Fact]
    public async Task A_plain_insert_whose_connection_was_killed_mid_statement_runs_once()
    {
        await using var database = await OpenAsync();
        var table = "plain_" + Guid.NewGuid().ToString("N")[..8];
        await database.ExecuteAsync(OperationKind.NonIdempotentWrite, (c, ct) => ScalarAsync(c, $"CREATE TABLE {table}(id int); SELECT 0", ct));
        var attempts = 0;

        var insert = database.ExecuteAsync(OperationKind.NonIdempotentWrite, async (connection, ct) =>
        {
            attempts++;
            await using var command = new NpgsqlCommand($"INSERT INTO {table} SELECT 1 FROM pg_sleep(30)", connection);
            return await command.ExecuteNonQueryAsync(ct);
        }).AsTask();

        await using (var observer = new NpgsqlConnection(fixture.Cluster.ConnectionString + ";Application Name=observer"))
        {
            await observer.OpenAsync();
            await Conditions.WaitUntilAsync(
                async () => await ScalarAsync(observer, $"SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'INSERT INTO {table}%'", default) == 1,
                TimeSpan.FromSeconds(10), "the insert to run on the server");
            await ScalarAsync(observer, $"SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE query LIKE 'INSERT INTO {table}%'", default);
        }

        var error = await Assert.ThrowsAnyAsync<NpgsqlException>(() => insert);
        Assert.True(TransientFailures.IsTransient(error), error.ToString());
        Assert.Equal(1, attempts);
        Assert.Equal(0, RetryLogCount());
    }

    [Fact]
    public async Task Any_write_is_retried_when_the_connection_cannot_even_be_opened()
    {
        var nowhere = Path.Combine("/tmp", "egc-none-" + Guid.NewGuid().ToString("N")[..8]);
        await using var database = await OpenAsync(connectionString: $"Host={nowhere};Username=postgres");
        var invoked = 0;

        var error = await Assert.ThrowsAsync<NpgsqlException>(async () => await database.ExecuteAsync(
            OperationKind.NonIdempotentWrite, (connection, ct) => { invoked++; return ValueTask.FromResult(0); }));

        Assert.True(TransientFailures.IsTransient(error));
        Assert.Equal(0, invoked);
        Assert.Equal(3, RetryLogCount());
    }

    [Fact]
    public async Task Syntax_errors_and_unique_violations_are_never_retried_and_never_open_the_breaker()
    {
        await using var database = await OpenAsync(Fast);
        var table = "uniq_" + Guid.NewGuid().ToString("N")[..8];
        await database.ExecuteAsync(OperationKind.IdempotentWrite, (c, ct) => ScalarAsync(c, $"CREATE TABLE {table}(id int PRIMARY KEY); SELECT 0", ct));
        await database.ExecuteAsync(OperationKind.NonIdempotentWrite, (c, ct) => ScalarAsync(c, $"INSERT INTO {table} VALUES (1); SELECT 0", ct));
        var attempts = 0;

        for (var i = 0; i < 12; i++)
        {
            var syntax = await Assert.ThrowsAsync<PostgresException>(async () =>
                await database.ExecuteAsync(OperationKind.Read, (c, ct) => { attempts++; return ScalarAsync(c, "SELEC 1", ct); }));
            Assert.Equal(PostgresErrorCodes.SyntaxError, syntax.SqlState);

            var unique = await Assert.ThrowsAsync<PostgresException>(async () =>
                await database.ExecuteAsync(OperationKind.IdempotentWrite, (c, ct) => { attempts++; return ScalarAsync(c, $"INSERT INTO {table} VALUES (1); SELECT 0", ct); }));
            Assert.Equal(PostgresErrorCodes.UniqueViolation, unique.SqlState);
        }

        Assert.Equal(24, attempts);
        Assert.Equal(0, RetryLogCount());
        Assert.Equal(CircuitState.Closed, database.Resilience.CircuitState);
    }

    [Fact]
    public async Task Non_transient_errors_between_transient_ones_neither_open_nor_reset_the_breaker()
    {
        await using var database = await OpenAsync(new ResilienceOptions { MaxRetries = 0, ResetTimeout = TimeSpan.FromSeconds(30) });

        for (var i = 0; i < 4; i++)
        {
            await Assert.ThrowsAsync<PostgresException>(async () => await database.ExecuteAsync(OperationKind.Read, (c, ct) => RaiseAsync(c, "40001", ct)));
        }

        for (var i = 0; i < 10; i++)
        {
            await Assert.ThrowsAsync<PostgresException>(async () => await database.ExecuteAsync(OperationKind.Read, (c, ct) => ScalarAsync(c, "SELEC 1", ct)));
        }

        Assert.Equal(CircuitState.Closed, database.Resilience.CircuitState);
        await Assert.ThrowsAsync<PostgresException>(async () => await database.ExecuteAsync(OperationKind.Read, (c, ct) => RaiseAsync(c, "40001", ct)));
        Assert.Equal(CircuitState.Open, database.Resilience.CircuitState);
    }

    [Fact]
    public async Task Five_consecutive_transient_failures_open_the_breaker_then_it_half_opens_and_closes()
    {
        await using var database = await OpenAsync(new ResilienceOptions { MaxRetries = 0, ResetTimeout = TimeSpan.FromSeconds(1) });
        var attempts = 0;

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(CircuitState.Closed, database.Resilience.CircuitState);
            await Assert.ThrowsAsync<PostgresException>(async () =>
                await database.ExecuteAsync(OperationKind.Read, (c, ct) => { attempts++; return RaiseAsync(c, "08006", ct); }));
        }

        Assert.Equal(CircuitState.Open, database.Resilience.CircuitState);
        var rejection = await Assert.ThrowsAsync<DatabaseUnavailableException>(async () =>
            await database.ExecuteAsync(OperationKind.Read, (c, ct) => { attempts++; return ScalarAsync(c, "SELECT 1", ct); }));
        Assert.Equal(5, attempts);
        Assert.Equal(CircuitState.Open, rejection.State);
        Assert.True(rejection.RetryAt > DateTimeOffset.UtcNow - TimeSpan.FromSeconds(1));
        Assert.Contains("Calls fail at once until", rejection.Message, StringComparison.Ordinal);
        Assert.Equal("08006", Assert.IsType<PostgresException>(rejection.InnerException).SqlState);

        await Conditions.WaitUntilAsync(() => database.Resilience.CircuitState == CircuitState.HalfOpen, TimeSpan.FromSeconds(10), "the break to end");
        Assert.Equal(1, await database.ExecuteAsync(OperationKind.Read, (c, ct) => ScalarAsync(c, "SELECT 1", ct)));
        Assert.Equal(CircuitState.Closed, database.Resilience.CircuitState);

        var events = _logs.Snapshot().Select(e => e.EventName).Where(n => n.StartsWith("CircuitBreaker", StringComparison.Ordinal)).ToList();
        Assert.Equal(["CircuitBreakerOpened", "CircuitBreakerHalfOpened", "CircuitBreakerClosed"], events);
    }

    [Fact]
    public async Task A_call_cancelled_by_its_caller_is_neither_retried_nor_counted()
    {
        await using var database = await OpenAsync(new ResilienceOptions { MaxRetries = 3, FailureThreshold = 1, BaseDelay = TimeSpan.FromMilliseconds(10) });
        using var cancel = new CancellationTokenSource();
        var attempts = 0;

        var call = database.ExecuteAsync(OperationKind.Read, (c, ct) => { attempts++; return ScalarAsync(c, "SELECT 1 FROM pg_sleep(30)", ct); }, cancel.Token).AsTask();
        await Conditions.WaitUntilAsync(() => attempts == 1, TimeSpan.FromSeconds(10), "the call to start");
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Equal(1, attempts);
        Assert.Equal(CircuitState.Closed, database.Resilience.CircuitState);
    }
}
