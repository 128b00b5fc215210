using ElizaGen.Runtime.Migrations;
using ElizaGen.Schema.Ddl;
using ElizaGen.Schema.Diff;
using ElizaGen.Schema.Snapshots;
using ElizaGen.Testing;
using Npgsql;

namespace ElizaGen.Schema.Tests.Diff;

/// <summary>
/// Every differ scenario against real PostgreSQL: create <c>Before</c>, insert the scenario's rows, apply the plan
/// in one transaction; the catalog must then describe the same schema as a database created from <c>After</c>
/// directly (compared as catalog descriptions, not text), and every row of a table that survives must still be there.
/// </summary>
public sealed class ScenarioDatabaseTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    public static IEnumerable<object[]> Names => Scenarios.Names;

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Plan_turns_before_into_after_and_keeps_the_rows(string name)
    {
        var scenario = Scenarios.Named(name);
        var plan = Differ.Diff(scenario.Before, scenario.After, scenario.Hints);

        await using var migrated = await postgres.CreateDatabaseAsync();
        await using var direct = await postgres.CreateDatabaseAsync();
        await using var migratedSource = NpgsqlDataSource.Create(migrated.ConnectionString);
        await using var directSource = NpgsqlDataSource.Create(direct.ConnectionString);

        await ExecuteAsync(migratedSource, DdlWriter.CreateStatements(scenario.Before).Concat(scenario.Seed ?? []));
        var rowsBefore = await CountRowsAsync(migratedSource, scenario.Before);

        await ExecuteAsync(migratedSource, plan.Steps.Select(s => s.Sql));
        await ExecuteAsync(directSource, DdlWriter.CreateStatements(scenario.After));

        var tables = scenario.After.Tables.Select(t => new CatalogIntrospector.TableName(t.Schema, t.Name)).ToArray();
        var actual = Comparable(await ReadAsync(migratedSource, tables));
        var expected = Comparable(await ReadAsync(directSource, tables));
        Assert.Equal(expected.Enums, actual.Enums);
        Assert.Equal(expected.Tables.Select(t => t.Key), actual.Tables.Select(t => t.Key));
        for (var i = 0; i < expected.Tables.Count; i++) Assert.Equal(expected.Tables[i], actual.Tables[i]);

        foreach (var (table, count) in rowsBefore)
        {
            var renamed = scenario.Hints?.Tables.FirstOrDefault(r => r.Schema == table.Schema && r.OldName == table.Name);
            var now = renamed is null ? table : new CatalogIntrospector.TableName(table.Schema, renamed.NewName);
            if (scenario.After.FindTable(now.Schema, now.Name) is null) continue; // dropped on purpose (destructive)
            Assert.Equal(count, await CountAsync(migratedSource, now));
        }
    }

    private static async Task<SchemaSnapshot> ReadAsync(NpgsqlDataSource source, CatalogIntrospector.TableName[] tables)
    {
        await using var connection = await source.OpenConnectionAsync();
        return await CatalogIntrospector.ReadAsync(connection, null, tables, CancellationToken.None);
    }

    /// <summary>Column order aside: a column rebuilt (say, as generated) moves to the end of its table.</summary>
    private static SchemaSnapshot Comparable(SchemaSnapshot snapshot) => SchemaSnapshot.Create(
        snapshot.Tables.Select(t => t with { Columns = t.Columns.OrderBy(c => c.Name, StringComparer.Ordinal).ToArray() }),
        snapshot.Enums,
        snapshot.Schemas);

    private static async Task ExecuteAsync(NpgsqlDataSource source, IEnumerable<string> statements)
    {
        await using var connection = await source.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        foreach (var sql in statements)
        {
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            try
            {
                await command.ExecuteNonQueryAsync();
            }
            catch (PostgresException e)
            {
                throw new Xunit.Sdk.XunitException($"{e.MessageText} ({e.SqlState}) in: {sql}");
            }
        }
        await transaction.CommitAsync();
    }

    private static async Task<List<(CatalogIntrospector.TableName Table, long Count)>> CountRowsAsync(NpgsqlDataSource source, SchemaSnapshot snapshot)
    {
        var result = new List<(CatalogIntrospector.TableName, long)>();
        foreach (var t in snapshot.Tables)
        {
            var name = new CatalogIntrospector.TableName(t.Schema, t.Name);
            result.Add((name, await CountAsync(source, name)));
        }
        return result;
    }

    private static async Task<long> CountAsync(NpgsqlDataSource source, CatalogIntrospector.TableName table)
    {
        await using var command = source.CreateCommand($"SELECT count(*) FROM {ElizaGen.Schema.Sql.SqlText.QualifiedName(table.Schema, table.Name)}");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
