using ElizaGen.Benchmarks.Schema;
using ElizaGen.Runtime.Migrations;
using Npgsql;

namespace ElizaGen.Benchmarks;

/// <summary>
/// A fresh database on the benchmark server, migrated to the benchmarks' own plugin (<see cref="BenchSchema"/>),
/// with one data source over it (pgvector types mapped) that every peer shares: the same pool, the same server.
/// </summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    private BenchDatabase(string connectionString, NpgsqlDataSource dataSource)
    {
        ConnectionString = connectionString;
        DataSource = dataSource;
    }

    public string ConnectionString { get; }

    public NpgsqlDataSource DataSource { get; }

    public static async Task<BenchDatabase> CreateAsync(string prefix)
    {
        var connectionString = await BenchmarkServer.CreateDatabaseAsync(prefix);
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.UseVector();
        var dataSource = builder.Build();
        await new Migrator(dataSource).MigrateAsync(BenchSchema.Plugin);
        return new BenchDatabase(connectionString, dataSource);
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync();
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        command.CommandTimeout = 0;
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await BenchmarkServer.DropDatabaseAsync(ConnectionString);
    }
}
