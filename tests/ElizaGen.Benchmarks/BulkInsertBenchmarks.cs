using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Dapper;
using ElizaGen.Benchmarks.Data;
using ElizaGen.Benchmarks.Peers;
using ElizaGen.Benchmarks.Schema;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;
using NpgsqlTypes;
using Pgvector;

namespace ElizaGen.Benchmarks;

/// <summary>
/// Bulk insert of memories-like rows (uuid key, jsonb content, a 384-d embedding; no vector index, so the rows are
/// measured, not HNSW maintenance) into an empty table: the repository's <c>InsertManyAsync</c> (one binary COPY)
/// against a prepared multi-row INSERT of 1,000 rows per statement (3,000 typed parameters), Dapper (its
/// "execute for each element" form, in one transaction) and EF Core (<c>AddRange</c> + <c>SaveChanges</c>, its own
/// batching). The table is emptied before each iteration.
/// </summary>
[MemoryDiagnoser]
public class BulkInsertBenchmarks
{
    public const int RowsPerStatement = 1_000;
    public const string Repository = "ElizaGen repository (binary COPY)";
    public const string MultiRow = "multi-row INSERT (1,000 rows per statement)";
    public const string DapperName = "Dapper (one INSERT per row, one transaction)";
    public const string EfCoreName = "EF Core (AddRange + SaveChanges)";

    private static readonly ConcurrentDictionary<int, string> MultiRowSql = new();

    private BenchDatabase _database = null!;
    private NpgsqlDataSource _dataSource = null!;
    private MemoryRepository _repository = null!;
    private PooledDbContextFactory<EfBenchContext> _ef = null!;
    private Memory[] _rows = null!;

    [Params(10_000, 100_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public async Task Setup()
    {
        DapperSetup.Once();
        _database = await BenchDatabase.CreateAsync("bench_bulk");
        _dataSource = _database.DataSource;
        _repository = new MemoryRepository(_dataSource);
        _ef = EfBenchContext.Factory(_dataSource);
        _rows = MemoryData.Rows(Rows);
    }

    [GlobalCleanup]
    public async Task Cleanup() => await _database.DisposeAsync();

    [IterationSetup]
    public void EmptyTable() => _database.ExecuteAsync("TRUNCATE " + HandWrittenSql.MemoriesTable).GetAwaiter().GetResult();

    [Benchmark(Baseline = true, Description = Repository)]
    public Task<ulong> RepositoryCopy() => _repository.InsertManyAsync(_rows);

    [Benchmark(Description = MultiRow)]
    public async Task<int> MultiRowInsert()
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var written = 0;
        for (var offset = 0; offset < _rows.Length; offset += RowsPerStatement)
        {
            var count = Math.Min(RowsPerStatement, _rows.Length - offset);
            await using var command = new NpgsqlCommand(MultiRowSql.GetOrAdd(count, MultiRowInsertSql), connection, transaction);
            for (var i = offset; i < offset + count; i++)
            {
                var row = _rows[i];
                command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = row.Id });
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = row.Content, NpgsqlDbType = NpgsqlDbType.Jsonb });
                command.Parameters.Add(new NpgsqlParameter<Vector> { TypedValue = row.Embedding });
            }
            await command.PrepareAsync();
            written += await command.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
        return written;
    }

    [Benchmark(Description = DapperName)]
    public async Task<int> DapperPerRow()
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var written = await connection.ExecuteAsync(HandWrittenSql.DapperInsertMemory, _rows, transaction);
        await transaction.CommitAsync();
        return written;
    }

    [Benchmark(Description = EfCoreName)]
    public async Task<int> EfCore()
    {
        await using var context = _ef.CreateDbContext();
        context.Memories.AddRange(_rows);
        return await context.SaveChangesAsync();
    }

    private static string MultiRowInsertSql(int rows)
    {
        var sql = new StringBuilder("INSERT INTO ").Append(HandWrittenSql.MemoriesTable).Append(" (\"id\", \"content\", \"embedding\") VALUES ");
        for (var i = 0; i < rows; i++)
        {
            var p = i * 3;
            sql.Append(i == 0 ? "(" : ", (")
                .Append('$').Append((p + 1).ToString(CultureInfo.InvariantCulture))
                .Append(", $").Append((p + 2).ToString(CultureInfo.InvariantCulture))
                .Append(", $").Append((p + 3).ToString(CultureInfo.InvariantCulture)).Append(')');
        }
        return sql.ToString();
    }
}
