using ElizaGen.Runtime.Migrations;
using ElizaGen.Testing;
using HelloPlugin;
using Npgsql;

namespace ElizaGen.Samples.Tests;

/// <summary>A fresh database migrated to the sample plugin's schema, with a data source over it.</summary>
internal sealed class HelloDatabase : IAsyncDisposable
{
    private HelloDatabase(TestDatabase database, NpgsqlDataSource dataSource, MigrationReport report)
    {
        Database = database;
        DataSource = dataSource;
        Report = report;
    }

    public TestDatabase Database { get; }

    public NpgsqlDataSource DataSource { get; }

    public MigrationReport Report { get; }

    public static async Task<HelloDatabase> CreateAsync(PostgresFixture postgres)
    {
        var database = await postgres.CreateDatabaseAsync();
        var builder = new NpgsqlDataSourceBuilder(database.ConnectionString);
        builder.UseVector();
        var dataSource = builder.Build();
        var report = await new Migrator(dataSource).MigrateAsync(HelloSchema.Plugin);
        return new HelloDatabase(database, dataSource, report);
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await Database.DisposeAsync();
    }
}
