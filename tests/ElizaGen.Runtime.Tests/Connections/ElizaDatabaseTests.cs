using ElizaGen.Runtime.Connections;
using ElizaGen.Runtime.Resilience;
using Npgsql;

namespace ElizaGen.Runtime.Tests.Connections;

public sealed class ElizaDatabaseTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private readonly CapturingLoggerFactory _logs = new();

    private string Socket => fixture.Cluster.SocketDirectory;

    private Task<ElizaDatabase> OpenAsync(string connectionString, ConnectionPoolOptions? pool = null) =>
        ElizaDatabase.OpenAsync(new ElizaDatabaseOptions
        {
            ConnectionString = connectionString,
            Pool = pool ?? new ConnectionPoolOptions(),
            LoggerFactory = _logs,
            ShutdownSignals = ShutdownSignalBehavior.Ignore,
        });

    private static ValueTask<int> SelectOneAsync(ElizaDatabase database) =>
        database.ExecuteAsync(OperationKind.Read, async (connection, ct) =>
        {
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            return (int)(await command.ExecuteScalarAsync(ct))!;
        });

    private async Task<long> ConnectionsNamedAsync(string applicationName)
    {
        await using var connection = new NpgsqlConnection(fixture.Cluster.ConnectionString + ";Application Name=observer;Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE application_name = $1", connection);
        command.Parameters.AddWithValue(applicationName);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Equal_connection_strings_written_differently_share_one_data_source()
    {
        var app = "share-" + Guid.NewGuid().ToString("N")[..8];
        var pool = new ConnectionPoolOptions { ApplicationName = app };
        var url = await OpenAsync($"postgres://postgres:pw@/postgres?host={Uri.EscapeDataString(Socket)}", pool);
        var keyValue = await OpenAsync($"Database=postgres;Password=pw;Host={Socket};Username=postgres", pool);
        var otherCase = await OpenAsync($"host={Socket};USER ID=postgres;PASSWORD=pw;database=postgres;port=5432", pool);
        var otherPool = await OpenAsync($"Host={Socket};Username=postgres;Password=pw;Database=postgres", new ConnectionPoolOptions { ApplicationName = app, MaxPoolSize = 7 });
        try
        {
            Assert.Same(url.DataSource, keyValue.DataSource);
            Assert.Same(url.DataSource, otherCase.DataSource);
            Assert.NotSame(url.DataSource, otherPool.DataSource);
            Assert.Equal(1, await SelectOneAsync(url));

            // Closing one leaves the shared pool to the others; the last one closes it.
            var shared = url.DataSource;
            await url.CloseAsync();
            await keyValue.CloseAsync();
            Assert.Equal(1, await SelectOneAsync(otherCase));
            await otherCase.CloseAsync();
            await Assert.ThrowsAsync<ObjectDisposedException>(async () => await shared.OpenConnectionAsync());
        }
        finally
        {
            await url.CloseAsync();
            await keyValue.CloseAsync();
            await otherCase.CloseAsync();
            await otherPool.CloseAsync();
        }

        await Conditions.WaitUntilAsync(async () => await ConnectionsNamedAsync(app) == 0, TimeSpan.FromSeconds(10), "every pooled connection to close");
    }

    [Fact]
    public async Task The_pool_defaults_apply_unless_the_connection_string_sets_them()
    {
        await using var defaults = await OpenAsync(fixture.Cluster.ConnectionString + ";Application Name=defaults-" + Guid.NewGuid().ToString("N")[..6]);
        var settings = new NpgsqlConnectionStringBuilder(defaults.DataSource.ConnectionString);
        Assert.Equal(20, settings.MaxPoolSize);
        Assert.Equal(2, settings.MinPoolSize);
        Assert.Equal(30, settings.ConnectionIdleLifetime);
        Assert.Equal(5, settings.Timeout);
        Assert.Equal(10, settings.KeepAlive);

        await using var named = await OpenAsync(fixture.Cluster.ConnectionString);
        Assert.Equal("ElizaGen", new NpgsqlConnectionStringBuilder(named.DataSource.ConnectionString).ApplicationName);

        await using var written = await OpenAsync(fixture.Cluster.ConnectionString + ";Maximum Pool Size=7;Timeout=9", new ConnectionPoolOptions { MaxPoolSize = 30 });
        var writtenSettings = new NpgsqlConnectionStringBuilder(written.DataSource.ConnectionString);
        Assert.Equal(7, writtenSettings.MaxPoolSize);
        Assert.Equal(9, writtenSettings.Timeout);

        await using var overridden = await OpenAsync(
            fixture.Cluster.ConnectionString,
            new ConnectionPoolOptions { MaxPoolSize = 4, MinPoolSize = 1, ConnectionIdleLifetime = TimeSpan.FromSeconds(5), KeepAlive = TimeSpan.Zero, ApplicationName = "custom" });
        var overriddenSettings = new NpgsqlConnectionStringBuilder(overridden.DataSource.ConnectionString);
        Assert.Equal(4, overriddenSettings.MaxPoolSize);
        Assert.Equal(1, overriddenSettings.MinPoolSize);
        Assert.Equal(5, overriddenSettings.ConnectionIdleLifetime);
        Assert.Equal(0, overriddenSettings.KeepAlive);
        Assert.Equal("custom", overriddenSettings.ApplicationName);
        Assert.Equal(1, await SelectOneAsync(overridden));
    }

    [Fact]
    public async Task CloseAsync_is_idempotent_and_a_later_call_fails_at_once_with_a_clear_error()
    {
        var database = await OpenAsync(fixture.Cluster.ConnectionString + ";Application Name=close-" + Guid.NewGuid().ToString("N")[..6]);
        Assert.Equal(1, await SelectOneAsync(database));

        var first = database.CloseAsync();
        Assert.Same(first, database.CloseAsync());
        await first;
        await database.DisposeAsync();
        Assert.True(database.IsClosed);

        var invoked = false;
        var error = await Assert.ThrowsAsync<ObjectDisposedException>(async () =>
            await database.ExecuteAsync(OperationKind.Read, (c, ct) => { invoked = true; return ValueTask.FromResult(1); }));
        Assert.False(invoked);
        Assert.Contains("is closed (CloseAsync was called)", error.Message, StringComparison.Ordinal);
        Assert.Contains("ElizaDatabase.OpenAsync", error.Message, StringComparison.Ordinal);
        Assert.Throws<ObjectDisposedException>(() => database.DataSource);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => database.IsReadyAsync());
        await Assert.ThrowsAsync<ObjectDisposedException>(async () =>
            await database.ExecuteOnDataSourceAsync(OperationKind.Read, (d, ct) => ValueTask.FromResult(1)));
        Assert.Contains(_logs.Snapshot(), e => e.EventName == "DatabaseClosed");
    }

    [Fact]
    public async Task Closing_cancels_running_calls_and_leaves_no_connection_behind()
    {
        var app = "cancel-" + Guid.NewGuid().ToString("N")[..8];
        var database = await OpenAsync(fixture.Cluster.ConnectionString, new ConnectionPoolOptions { ApplicationName = app });
        var running = database.ExecuteAsync(OperationKind.Read, async (connection, ct) =>
        {
            await using var command = new NpgsqlCommand("SELECT 1 FROM pg_sleep(30)", connection);
            return await command.ExecuteScalarAsync(ct);
        }).AsTask();
        await Conditions.WaitUntilAsync(async () => await ConnectionsNamedAsync(app) == 1, TimeSpan.FromSeconds(10), "the call to reach the server");

        await database.CloseAsync();

        var error = await Assert.ThrowsAsync<ObjectDisposedException>(() => running);
        Assert.Contains("closed while this call ran", error.Message, StringComparison.Ordinal);
        await Conditions.WaitUntilAsync(async () => await ConnectionsNamedAsync(app) == 0, TimeSpan.FromSeconds(10), "the connection to go away");
    }

    [Fact]
    public async Task IsReady_says_whether_the_server_answers()
    {
        await using var running = await OpenAsync(fixture.Cluster.ConnectionString);
        var nowhere = Path.Combine("/tmp", "egc-none-" + Guid.NewGuid().ToString("N")[..8]);
        await using var missing = await OpenAsync($"Host={nowhere};Username=postgres");

        Assert.True(await running.IsReadyAsync());
        Assert.False(await missing.IsReadyAsync());
        Assert.Equal(CircuitState.Closed, missing.Resilience.CircuitState);
    }

    [Fact]
    public async Task Passwords_never_appear_in_ToString_properties_or_logs()
    {
        await using var database = await OpenAsync($"postgres://postgres:hunter2xyz@/postgres?host={Uri.EscapeDataString(Socket)}&application_name=pw-test");

        Assert.Equal(1, await SelectOneAsync(database));
        Assert.DoesNotContain("hunter2xyz", database.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2xyz", database.MaskedConnectionString, StringComparison.Ordinal);
        Assert.Contains("Password=***", database.MaskedConnectionString, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2xyz", database.Server, StringComparison.Ordinal);
        Assert.Contains(_logs.Snapshot(), e => e.EventName == "DatabaseOpened");
        Assert.All(_logs.Snapshot(), e => Assert.DoesNotContain("hunter2xyz", e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task POSTGRES_URL_then_DATABASE_URL_pick_the_server_and_a_malformed_one_is_shown_masked()
    {
        var url = $"postgres://postgres:hunter2xyz@/postgres?host={Uri.EscapeDataString(Socket)}";
        var previousPostgres = Environment.GetEnvironmentVariable("POSTGRES_URL");
        var previousDatabase = Environment.GetEnvironmentVariable("DATABASE_URL");
        try
        {
            Environment.SetEnvironmentVariable("POSTGRES_URL", null);
            Environment.SetEnvironmentVariable("DATABASE_URL", url);
            await using (var fromDatabaseUrl = await ElizaDatabase.OpenAsync(new() { ShutdownSignals = ShutdownSignalBehavior.Ignore }))
            {
                Assert.Equal(ConnectionSource.DatabaseUrlVariable, fromDatabaseUrl.Source);
                Assert.Equal(1, await SelectOneAsync(fromDatabaseUrl));
            }

            Environment.SetEnvironmentVariable("POSTGRES_URL", url);
            Environment.SetEnvironmentVariable("DATABASE_URL", "postgres://broken:hunter2xyz@nowhere:notaport/x");
            await using (var fromPostgresUrl = await ElizaDatabase.OpenAsync(new() { ShutdownSignals = ShutdownSignalBehavior.Ignore }))
            {
                Assert.Equal(ConnectionSource.PostgresUrlVariable, fromPostgresUrl.Source);
            }

            Environment.SetEnvironmentVariable("POSTGRES_URL", "postgres://eliza:hunter2xyz@db:notaport/agents");
            var error = await Assert.ThrowsAsync<InvalidConnectionStringException>(() => ElizaDatabase.OpenAsync());
            Assert.Contains("POSTGRES_URL", error.Message, StringComparison.Ordinal);
            Assert.Contains("postgres://eliza:***@db:notaport/agents", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("hunter2xyz", error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("POSTGRES_URL", previousPostgres);
            Environment.SetEnvironmentVariable("DATABASE_URL", previousDatabase);
        }
    }
}
