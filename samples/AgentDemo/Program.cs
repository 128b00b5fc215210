// The temporary demo: start the embedded default PostgreSQL (or use POSTGRES_URL), show the server and pgvector
// versions, and stop the server this process started. The agent demo proper replaces it once the adapter lands.
using ElizaGen.Runtime.Embedded;
using Microsoft.Extensions.Logging;
using Npgsql;

using var loggerFactory = LoggerFactory.Create(logging => logging
    .AddSimpleConsole(console =>
    {
        console.SingleLine = true;
        console.TimestampFormat = "HH:mm:ss.fff ";
    })
    .SetMinimumLevel(LogLevel.Information));
var log = loggerFactory.CreateLogger("AgentDemo");

EmbeddedPostgres? embedded = null;
try
{
    string connectionString;
    var url = Environment.GetEnvironmentVariable("POSTGRES_URL");
    if (!string.IsNullOrWhiteSpace(url))
    {
        connectionString = ToConnectionString(url);
        log.LogInformation("Using the server from POSTGRES_URL");
    }
    else
    {
        embedded = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions
        {
            Logger = loggerFactory.CreateLogger<EmbeddedPostgres>(),
        });
        connectionString = embedded.ConnectionString;
        log.LogInformation("Using the embedded server in {DataDirectory}", embedded.DataDirectory);
    }

    await using var dataSource = NpgsqlDataSource.Create(connectionString);
    await using var connection = await dataSource.OpenConnectionAsync();
    await using (var create = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS vector", connection))
        await create.ExecuteNonQueryAsync();
    await using var query = new NpgsqlCommand(
        "SELECT version(), (SELECT extversion FROM pg_extension WHERE extname = 'vector')", connection);
    await using var reader = await query.ExecuteReaderAsync();
    await reader.ReadAsync();
    Console.WriteLine($"PostgreSQL: {reader.GetString(0)}");
    Console.WriteLine($"pgvector:   {reader.GetString(1)}");
    return 0;
}
catch (Exception e) when (e is EmbeddedPostgresException or NpgsqlException or ArgumentException)
{
    await Console.Error.WriteLineAsync($"AgentDemo: {e.Message}");
    return 1;
}
finally
{
    if (embedded is not null)
        await embedded.DisposeAsync();
}

// postgres://user:password@host:port/database?sslmode=require -> Npgsql key=value; key=value passes through.
static string ToConnectionString(string value)
{
    if (!value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
        && !value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
    {
        return new NpgsqlConnectionStringBuilder(value).ConnectionString;
    }
    var uri = new Uri(value);
    var userInfo = uri.UserInfo.Split(':', 2);
    var builder = new NpgsqlConnectionStringBuilder
    {
        Host = uri.Host,
        Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
        Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')) is { Length: > 0 } db ? db : "postgres",
        Username = userInfo[0].Length > 0 ? Uri.UnescapeDataString(userInfo[0]) : null,
        Password = userInfo.Length > 1 ? Uri.UnescapeDataString(userInfo[1]) : null,
    };
    foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
    {
        var parts = pair.Split('=', 2);
        if (parts[0].Equals("sslmode", StringComparison.OrdinalIgnoreCase) && parts.Length == 2)
            builder.SslMode = Enum.Parse<SslMode>(parts[1].Replace("-", string.Empty, StringComparison.Ordinal), ignoreCase: true);
    }
    return builder.ConnectionString;
}
