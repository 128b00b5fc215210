using ElizaGen.Reliability.Tests.Faults;
using ElizaGen.Testing;
using Npgsql;

namespace ElizaGen.Reliability.Tests.PgBouncer;

/// <summary>
/// Why nothing may rely on session state behind PgBouncer in transaction pooling mode, shown on PgBouncers with one or
/// two server connections so that which client lands on which server connection is certain, not timing. Between two
/// transactions PgBouncer gives a client's server connection to any other client: a session-level advisory lock
/// (<c>pg_advisory_lock</c>, held across transactions) then belongs to whoever gets that connection next, its unlock
/// may run on another one, and it outlives the client that took it. The transaction-scoped lock the migrator uses
/// (<c>pg_advisory_xact_lock</c>) is released by COMMIT and stays correct. A statement prepared on one server
/// connection is missing on the next one, hence <c>PrepareStatements = false</c> for generated repositories.
/// </summary>
public sealed class SessionStateTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private const long Key = 7_310_042;
    private static readonly TimeSpan WaitTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_session_lock_taken_through_transaction_pooling_is_granted_to_the_next_client_as_well()
    {
        await using var database = await postgres.CreateDatabaseAsync();
        await using var bouncer = await PgBouncerServer.StartAsync(postgres.AdminConnectionString, poolSize: 1);
        await using var first = await OpenAsync(bouncer.ClientConnectionString(database.Name));
        await using var second = await OpenAsync(bouncer.ClientConnectionString(database.Name));
        await using var direct = await OpenAsync(database.ConnectionString + ";Pooling=false");

        Assert.True(await ScalarAsync<bool>(first, "SELECT pg_try_advisory_lock($1)", Key));

        // Straight on the server the lock excludes others, but through PgBouncer the second client is handed the very
        // server connection that holds it, and a session lock is re-entrant for its session: both now "hold" it.
        Assert.False(await ScalarAsync<bool>(direct, "SELECT pg_try_advisory_lock($1)", Key));
        Assert.True(await ScalarAsync<bool>(second, "SELECT pg_try_advisory_lock($1)", Key));
    }

    [Fact]
    public async Task A_session_unlock_runs_on_another_server_connection_and_the_lock_outlives_its_client()
    {
        await using var database = await postgres.CreateDatabaseAsync();
        await using var bouncer = await PgBouncerServer.StartAsync(postgres.AdminConnectionString, poolSize: 2);
        var holder = await OpenAsync(bouncer.ClientConnectionString(database.Name));
        var (locked, lockBackend) = await TryLockAsync(holder, "pg_try_advisory_lock");
        Assert.True(locked);

        // Two other clients in open transactions take both server connections; the one that does not hold the lock
        // commits, so the holder's next statement can only run on that one.
        await using var busy1 = await OpenAsync(bouncer.ClientConnectionString(database.Name));
        await using var busy2 = await OpenAsync(bouncer.ClientConnectionString(database.Name));
        var transaction1 = await busy1.BeginTransactionAsync();
        var transaction2 = await busy2.BeginTransactionAsync();
        var backend1 = await ScalarAsync<int>(busy1, "SELECT pg_backend_pid()");
        var backend2 = await ScalarAsync<int>(busy2, "SELECT pg_backend_pid()");
        Assert.Contains(lockBackend, new[] { backend1, backend2 });
        await (backend1 == lockBackend ? transaction2 : transaction1).CommitAsync();

        var (released, unlockBackend) = await TryLockAsync(holder, "pg_advisory_unlock");
        Assert.False(released);
        Assert.NotEqual(lockBackend, unlockBackend);

        // The client is gone, the lock is not: PgBouncer keeps the server connection that holds it.
        await holder.DisposeAsync();
        Assert.Equal(lockBackend, await AdvisoryLockHolderAsync(database));

        await bouncer.DisposeAsync();
        await Wait.UntilAsync(async () => await AdvisoryLockHolderAsync(database) is null, WaitTimeout, "the lock to go with PgBouncer's server connections");
    }

    [Fact]
    public async Task A_transaction_lock_excludes_other_clients_and_ends_with_its_transaction()
    {
        await using var database = await postgres.CreateDatabaseAsync();
        await using var bouncer = await PgBouncerServer.StartAsync(postgres.AdminConnectionString, poolSize: 2);
        await using var first = await OpenAsync(bouncer.ClientConnectionString(database.Name));
        await using var second = await OpenAsync(bouncer.ClientConnectionString(database.Name));

        await using var firstTransaction = await first.BeginTransactionAsync();
        var (locked, holderBackend) = await TryLockAsync(first, "pg_try_advisory_xact_lock");
        Assert.True(locked);
        await using var secondTransaction = await second.BeginTransactionAsync();
        Assert.False(await ScalarAsync<bool>(second, "SELECT pg_try_advisory_xact_lock($1)", Key));
        Assert.Equal(holderBackend, await AdvisoryLockHolderAsync(database));

        await firstTransaction.CommitAsync();
        Assert.Null(await AdvisoryLockHolderAsync(database));
        Assert.True(await ScalarAsync<bool>(second, "SELECT pg_try_advisory_xact_lock($1)", Key));
        await secondTransaction.CommitAsync();
        await first.CloseAsync();
        await second.CloseAsync();
        Assert.Null(await AdvisoryLockHolderAsync(database));
    }

    [Fact]
    public async Task A_statement_prepared_on_one_server_connection_is_missing_on_the_next()
    {
        await using var database = await postgres.CreateDatabaseAsync();
        await using var bouncer = await PgBouncerServer.StartAsync(postgres.AdminConnectionString, poolSize: 2);
        await using var client = await OpenAsync(bouncer.ClientConnectionString(database.Name));
        await using var prepared = new NpgsqlCommand("SELECT $1::int + 1", client);
        prepared.Parameters.Add(new NpgsqlParameter<int> { TypedValue = 41 });
        await prepared.PrepareAsync();

        // Keep the server connection that has the statement busy, free the other one.
        await using var busy1 = await OpenAsync(bouncer.ClientConnectionString(database.Name));
        await using var busy2 = await OpenAsync(bouncer.ClientConnectionString(database.Name));
        var transaction1 = await busy1.BeginTransactionAsync();
        var transaction2 = await busy2.BeginTransactionAsync();
        var statements1 = await ScalarAsync<long>(busy1, "SELECT count(*) FROM pg_prepared_statements WHERE NOT from_sql");
        var statements2 = await ScalarAsync<long>(busy2, "SELECT count(*) FROM pg_prepared_statements WHERE NOT from_sql");
        Assert.Equal(1L, statements1 + statements2);
        await (statements1 == 1 ? transaction2 : transaction1).CommitAsync();

        var error = await Assert.ThrowsAsync<PostgresException>(() => prepared.ExecuteScalarAsync());
        Assert.Equal(PostgresErrorCodes.InvalidSqlStatementName, error.SqlState);
        // The same statement unprepared runs anywhere.
        Assert.Equal(42, await ScalarAsync<int>(client, "SELECT $1::int + 1", 41));
    }

    /// <summary>Calls an advisory lock function on the test's key; its result and the server backend it ran on.</summary>
    private static async Task<(bool Result, int Backend)> TryLockAsync(NpgsqlConnection connection, string function)
    {
        await using var command = new NpgsqlCommand($"SELECT {function}($1), pg_backend_pid()", connection);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = Key });
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetBoolean(0), reader.GetInt32(1));
    }

    private static async Task<NpgsqlConnection> OpenAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>The server backend that holds the test's advisory lock (read on the server directly), or null.</summary>
    private static async Task<int?> AdvisoryLockHolderAsync(TestDatabase database)
    {
        await using var direct = await OpenAsync(database.ConnectionString + ";Pooling=false");
        // A bigint key is stored as classid (high 32 bits) and objid (low 32 bits), objsubid 1.
        var holder = await ScalarAsync<object?>(direct, """
            SELECT pid FROM pg_locks
            WHERE locktype = 'advisory' AND granted AND objsubid = 1 AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
              AND classid::bigint = ($1 >> 32) AND objid::bigint = ($1 & 4294967295)
            """, Key);
        return holder as int?;
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, params object[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters) command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
