using ElizaGen.Runtime.Migrations;
using ElizaGen.Schema;
using ElizaGen.Schema.Diff;
using ElizaGen.Schema.Snapshots;
using ElizaGen.Testing;
using Npgsql;

namespace ElizaGen.Runtime.Tests.Migrations;

/// <summary>Builds plugin schemas by hand (what the generator emits) and reads the database back.</summary>
internal static class Plugins
{
    public static PluginSchema Create(string name, string schema, params TableSnapshot[] tables)
        => Create(name, SchemaSnapshot.Create(tables), renames: null);

    public static PluginSchema Create(string name, SchemaSnapshot snapshot, RenameHints? renames = null, params string[] dependencies)
    {
        var schemaName = snapshot.Tables.IsEmpty ? "public" : snapshot.Tables[0].Schema;
        return PluginSchema.FromSnapshot(name, schemaName, snapshot, renames, dependencies);
    }

    public static TableSnapshot Table(string schema, string name, params ColumnSnapshot[] columns) => new(schema, name, columns);

    public static ColumnSnapshot Id(string type = "uuid") => new("id", type, PrimaryKey: true, NotNull: true, Default: type == "uuid" ? "gen_random_uuid()" : null);

    public static T[] Arr<T>(params T[] items) => items;

    public static T[] Plus<T>(EquatableArray<T> items, params T[] more) => [.. items, .. more];

    public static ColumnSnapshot Col(string name, string type, bool notNull = false, string? @default = null) => new(name, type, NotNull: notNull, Default: @default);
}

/// <summary>Small helpers to run SQL against a test database.</summary>
internal sealed class Db(string connectionString) : IAsyncDisposable
{
    public NpgsqlDataSource DataSource { get; } = new NpgsqlDataSourceBuilder(connectionString).Build();

    public Migrator Migrator => new(DataSource);

    public async Task ExecuteAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async Task<long> CountAsync(string table) => await ScalarAsync<long>($"SELECT count(*) FROM {table}");

    public async Task<bool> TableExistsAsync(string qualified) => await ScalarAsync<bool>($"SELECT to_regclass('{qualified}') IS NOT NULL");

    public async Task<long> MigrationRowsAsync(string plugin)
        => await TableExistsAsync("migrations._migrations")
            ? await ScalarAsync<long>($"SELECT count(*) FROM migrations._migrations WHERE plugin_name = '{plugin}'")
            : 0;

    public async Task<List<string>> ColumnsAsync(string schema, string table)
    {
        await using var command = DataSource.CreateCommand(
            $"SELECT column_name || ':' || data_type FROM information_schema.columns WHERE table_schema = '{schema}' AND table_name = '{table}' ORDER BY ordinal_position");
        await using var reader = await command.ExecuteReaderAsync();
        var result = new List<string>();
        while (await reader.ReadAsync()) result.Add(reader.GetString(0));
        return result;
    }

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}

/// <summary>Sets an environment variable for the duration of a test and restores it.</summary>
internal sealed class EnvironmentVariableScope : IDisposable
{
    private readonly string _name;
    private readonly string? _previous;

    public EnvironmentVariableScope(string name, string? value)
    {
        _name = name;
        _previous = Environment.GetEnvironmentVariable(name);
        Environment.SetEnvironmentVariable(name, value);
    }

    public void Dispose() => Environment.SetEnvironmentVariable(_name, _previous);
}
