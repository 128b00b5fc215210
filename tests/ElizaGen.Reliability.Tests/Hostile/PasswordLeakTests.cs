using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ElizaGen.PluginSql;
using ElizaGen.Runtime.Connections;
using ElizaGen.Runtime.Embedded;
using ElizaGen.Runtime.Migrations;
using ElizaGen.Runtime.Resilience;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ElizaGen.Reliability.Tests.Hostile;

/// <summary>
/// A connection string's password appears in no log line and no exception (message, ToString with inner exceptions,
/// Data) when opening the database, migrating or using the adapter fails: nothing listening on the port, a server that
/// refuses the password (a private cluster that requires SCRAM for one role), and malformed URLs and key=value strings.
/// </summary>
public sealed class PasswordLeakTests
{
    private const string Password = "Pw7LeakCanary9Zq";

    public static readonly TheoryData<string> Malformed = new()
    {
        $"postgres://app:{Password}@localhost:notaport/db",
        $"postgres://app:{Password}@[::1/db",
        $"postgres://app:{Password}@localhost:5432/db#fragment",
        $"postgres://app:{Password}@localhost:5432/db?sslmode=bogus",
        $"postgres://app:{Password}@localhost:5432/db?nosuchparameter=1",
        $"postgres://app:{Password}@/db",
        $"postgresql://app:{Password}@localhost:99999/db",
        $"mysql://app:{Password}@localhost/db",
        $"Host=localhost;Password={Password};Port=abc",
        $"Host=localhost;Password={Password};No Such Key=1",
        $"Password={Password};Database=db",
        $"Host=localhost;Password='{Password}",
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task A_malformed_connection_string_is_reported_without_its_password(string connectionString)
    {
        var logs = new CapturingLoggerFactory();
        var exception = await Assert.ThrowsAnyAsync<Exception>(() => OpenAsync(connectionString, logs));
        AssertNoPassword(logs, exception);
        Assert.IsType<InvalidConnectionStringException>(exception);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Nothing_listening_on_the_port_is_reported_without_the_password(bool asUrl)
    {
        var port = FreePort();
        var connectionString = asUrl
            ? $"postgres://postgres:{Password}@127.0.0.1:{port}/eliza"
            : $"Host=127.0.0.1;Port={port};Username=postgres;Password={Password};Database=eliza";
        var logs = new CapturingLoggerFactory();
        var exceptions = new List<Exception>();

        await using var database = await OpenAsync(connectionString, logs);
        exceptions.Add(await Assert.ThrowsAnyAsync<Exception>(() => database.Migrator.MigrateAsync(SamplePlugin())));
        await using var adapter = new ElizaDatabaseAdapter(database, Guid.NewGuid());
        exceptions.Add(await Assert.ThrowsAnyAsync<Exception>(() => adapter.InitAsync()));
        exceptions.Add(await Assert.ThrowsAnyAsync<Exception>(() => adapter.GetAgentsAsync()));
        Assert.False(await adapter.IsReadyAsync());

        Assert.NotEmpty(logs.Lines);
        AssertNoPassword(logs, [.. exceptions]);
        Assert.DoesNotContain(Password, database.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Password, database.MaskedConnectionString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_refuses_the_password_is_reported_without_it()
    {
        await using var server = await ScramServer.StartAsync();
        var socket = new NpgsqlConnectionStringBuilder(server.Embedded.ConnectionString).Host;

        // The right password opens it: the server does check passwords for this role.
        var right = $"Host={socket};Username={ScramServer.Role};Password={ScramServer.RolePassword};Database=postgres";
        await using (var good = await OpenAsync(right, new CapturingLoggerFactory()))
        {
            Assert.True(await good.IsReadyAsync());
        }

        var logs = new CapturingLoggerFactory();
        var exceptions = new List<Exception>();
        foreach (var wrong in new[]
        {
            $"Host={socket};Username={ScramServer.Role};Password={Password};Database=postgres",
            $"postgres://{ScramServer.Role}:{Password}@/postgres?host={Uri.EscapeDataString(socket!)}",
        })
        {
            await using var database = await OpenAsync(wrong, logs);
            var refused = await Assert.ThrowsAnyAsync<Exception>(() => database.Migrator.MigrateAsync(SamplePlugin()));
            Assert.Contains("28P01", Describe(refused), StringComparison.Ordinal);
            exceptions.Add(refused);
            await using var adapter = new ElizaDatabaseAdapter(database, Guid.NewGuid());
            exceptions.Add(await Assert.ThrowsAnyAsync<Exception>(() => adapter.InitAsync()));
            exceptions.Add(await Assert.ThrowsAnyAsync<Exception>(() => adapter.CountAgentsAsync()));
            Assert.DoesNotContain(Password, database.ToString(), StringComparison.Ordinal);
        }

        Assert.NotEmpty(logs.Lines);
        AssertNoPassword(logs, [.. exceptions]);
    }

    private static Task<ElizaDatabase> OpenAsync(string connectionString, CapturingLoggerFactory logs) => ElizaDatabase.OpenAsync(new ElizaDatabaseOptions
    {
        ConnectionString = connectionString,
        LoggerFactory = logs,
        ShutdownSignals = ShutdownSignalBehavior.Ignore,
        Resilience = new ResilienceOptions
        {
            MaxRetries = 1,
            BaseDelay = TimeSpan.FromMilliseconds(10),
            MaxDelay = TimeSpan.FromMilliseconds(10),
            JitterMax = TimeSpan.Zero,
            ConnectionTimeout = TimeSpan.FromSeconds(3),
        },
    });

    private static ElizaGen.Schema.PluginSchema SamplePlugin() => PluginSqlSchema.Plugin;

    private static void AssertNoPassword(CapturingLoggerFactory logs, params Exception[] exceptions)
    {
        foreach (var line in logs.Lines) Assert.DoesNotContain(Password, line, StringComparison.Ordinal);
        foreach (var exception in exceptions) Assert.DoesNotContain(Password, Describe(exception), StringComparison.Ordinal);
    }

    /// <summary>Everything an exception can show: type, message, ToString (with inner exceptions and stack), Data, of it and every inner one.</summary>
    private static string Describe(Exception exception)
    {
        var text = new System.Text.StringBuilder();
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            text.AppendLine(e.GetType().FullName).AppendLine(e.Message).AppendLine(e.ToString());
            foreach (DictionaryEntry entry in e.Data) text.Append(entry.Key).Append('=').Append(entry.Value).AppendLine();
            if (e is AggregateException aggregate) foreach (var inner in aggregate.InnerExceptions) text.AppendLine(Describe(inner));
            if (e is PostgresException postgres) text.AppendLine(postgres.Detail).AppendLine(postgres.Hint).AppendLine(postgres.Where);
        }
        return text.ToString();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A private cluster where role <see cref="Role"/> must give its password (SCRAM), everyone else is trusted.</summary>
    private sealed class ScramServer : IAsyncDisposable
    {
        public const string Role = "leak_victim";
        public const string RolePassword = "right-password-1";

        private readonly string _folder;

        private ScramServer(string folder, EmbeddedPostgres embedded)
        {
            _folder = folder;
            Embedded = embedded;
        }

        public EmbeddedPostgres Embedded { get; }

        public static async Task<ScramServer> StartAsync()
        {
            // The test clusters' naming (elizagen-test-<pid>-…): a later run removes it if this one is killed.
            var folder = Path.Combine(Path.GetTempPath(),
                string.Create(CultureInfo.InvariantCulture, $"elizagen-test-{Environment.ProcessId}-{Guid.NewGuid():N}")[..34]);
            Directory.CreateDirectory(folder);
            var embedded = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions { DataDirectory = folder });
            var server = new ScramServer(folder, embedded);
            try
            {
                await using var connection = new NpgsqlConnection(embedded.ConnectionString);
                await connection.OpenAsync();
                await Execute(connection, $"SET password_encryption = 'scram-sha-256'; CREATE ROLE {Role} LOGIN PASSWORD '{RolePassword}'");
                var hbaFile = (string)(await new NpgsqlCommand("SHOW hba_file", connection).ExecuteScalarAsync())!;
                // Rewritten in place (the file keeps its owner), the role's line first.
                var rules = await File.ReadAllTextAsync(hbaFile);
                await File.WriteAllTextAsync(hbaFile, $"local all {Role} scram-sha-256\n" + rules);
                await Execute(connection, "SELECT pg_reload_conf()");
                return server;
            }
            catch
            {
                await server.DisposeAsync();
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            NpgsqlConnection.ClearAllPools();
            await Embedded.StopAsync();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // A process still writes into it; the next run's clean-up removes it.
            }
        }

        private static async Task Execute(NpgsqlConnection connection, string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>Records every log line with its exception (ToString) and its structured values.</summary>
    private sealed class CapturingLoggerFactory : ILoggerFactory, ILoggerProvider, ILogger
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IReadOnlyCollection<string> Lines => _lines;

        public ILogger CreateLogger(string categoryName) => this;

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = new System.Text.StringBuilder(formatter(state, exception));
            if (state is IEnumerable<KeyValuePair<string, object?>> values) foreach (var (key, value) in values) line.Append(' ').Append(key).Append('=').Append(value);
            if (exception is not null) line.Append(' ').Append(Describe(exception));
            _lines.Enqueue(line.ToString());
        }

        public void Dispose()
        {
        }
    }
}
