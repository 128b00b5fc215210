using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Dapper;
using ElizaGen.Benchmarks.Data;
using ElizaGen.Benchmarks.Peers;
using ElizaGen.Benchmarks.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;

namespace ElizaGen.Benchmarks;

/// <summary>
/// Single-row get by key, single-row insert and a page of 20 rows (all rows of one group, through the index on
/// group_id): the generated repository against hand-written Npgsql (prepared, typed parameters, ordinal reads), Dapper
/// and EF Core (pooled contexts, no tracking for reads). Every call takes a pooled connection from the same data source.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class RowBenchmarks
{
    public const string Get = "get by key";
    public const string Insert = "insert one row";
    public const string Page = "page of 20";
    public const string Repository = "ElizaGen repository";
    public const string Floor = "Npgsql by hand";

    private static readonly DateTimeOffset InsertedAt = new(2026, 2, 1, 0, 0, 0, TimeSpan.Zero);

    private BenchDatabase _database = null!;
    private NpgsqlDataSource _dataSource = null!;
    private ItemRepository _repository = null!;
    private PooledDbContextFactory<EfBenchContext> _ef = null!;
    private Guid[] _ids = null!;
    private Guid[] _groups = null!;
    private Guid _insertGroup;
    private int _next;

    [GlobalSetup]
    public async Task Setup()
    {
        DapperSetup.Once();
        _database = await BenchDatabase.CreateAsync("bench_rows");
        _dataSource = _database.DataSource;
        _repository = new ItemRepository(_dataSource);
        _ef = EfBenchContext.Factory(_dataSource);
        var rows = ItemData.Rows();
        await _repository.InsertManyAsync(rows);
        await _database.ExecuteAsync("ANALYZE \"elizagen_bench\".\"items\"");
        _ids = rows.Select(r => r.Id).ToArray();
        _groups = rows.Select(r => r.GroupId).Distinct().ToArray();
        _insertGroup = _groups[0];
    }

    [GlobalCleanup]
    public async Task Cleanup() => await _database.DisposeAsync();

    private Guid NextId() => _ids[_next++ % _ids.Length];

    private Guid NextGroup() => _groups[_next++ % _groups.Length];

    private Item NewItem() => ItemData.New(Guid.NewGuid(), _insertGroup, _next++, InsertedAt);

    // ---- get by key

    [Benchmark(Baseline = true, Description = Floor), BenchmarkCategory(Get)]
    public async Task<Item?> GetNpgsql()
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(HandWrittenSql.GetItem, connection);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = NextId() });
        await command.PrepareAsync();
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? HandWrittenSql.ReadItem(reader) : null;
    }

    /// <summary>The floor without <c>Prepare</c>: what preparing is worth on one short statement.</summary>
    [Benchmark(Description = "Npgsql by hand, not prepared"), BenchmarkCategory(Get)]
    public async Task<Item?> GetNpgsqlUnprepared()
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(HandWrittenSql.GetItem, connection);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = NextId() });
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? HandWrittenSql.ReadItem(reader) : null;
    }

    [Benchmark(Description = Repository), BenchmarkCategory(Get)]
    public Task<Item?> GetRepository() => _repository.GetAsync(NextId());

    [Benchmark(Description = "Dapper"), BenchmarkCategory(Get)]
    public async Task<Item?> GetDapper()
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        return await connection.QuerySingleOrDefaultAsync<Item>(HandWrittenSql.DapperGetItem, new { id = NextId() });
    }

    [Benchmark(Description = "EF Core"), BenchmarkCategory(Get)]
    public async Task<Item?> GetEfCore()
    {
        var id = NextId();
        await using var context = _ef.CreateDbContext();
        return await context.Items.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id);
    }

    // ---- insert one row

    [Benchmark(Baseline = true, Description = Floor), BenchmarkCategory(Insert)]
    public async Task<int> InsertNpgsql()
    {
        var row = NewItem();
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(HandWrittenSql.InsertItem, connection);
        HandWrittenSql.AddItemParameters(command, row);
        await command.PrepareAsync();
        return await command.ExecuteNonQueryAsync();
    }

    [Benchmark(Description = Repository), BenchmarkCategory(Insert)]
    public Task InsertRepository() => _repository.InsertAsync(NewItem());

    [Benchmark(Description = "Dapper"), BenchmarkCategory(Insert)]
    public async Task<int> InsertDapper()
    {
        var row = NewItem();
        await using var connection = await _dataSource.OpenConnectionAsync();
        return await connection.ExecuteAsync(HandWrittenSql.DapperInsertItem, row);
    }

    [Benchmark(Description = "EF Core"), BenchmarkCategory(Insert)]
    public async Task<int> InsertEfCore()
    {
        var row = NewItem();
        await using var context = _ef.CreateDbContext();
        context.Items.Add(row);
        return await context.SaveChangesAsync();
    }

    // ---- a page of 20

    [Benchmark(Baseline = true, Description = Floor), BenchmarkCategory(Page)]
    public async Task<List<Item>> PageNpgsql()
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(HandWrittenSql.PageOfItems, connection);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = NextGroup() });
        await command.PrepareAsync();
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<Item>();
        while (await reader.ReadAsync()) rows.Add(HandWrittenSql.ReadItem(reader));
        return rows;
    }

    [Benchmark(Description = Repository), BenchmarkCategory(Page)]
    public Task<IReadOnlyList<Item>> PageRepository() => _repository.FindByGroupIdAsync(NextGroup());

    [Benchmark(Description = "Dapper"), BenchmarkCategory(Page)]
    public async Task<List<Item>> PageDapper()
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        return (await connection.QueryAsync<Item>(HandWrittenSql.DapperPageOfItems, new { groupId = NextGroup() })).AsList();
    }

    [Benchmark(Description = "EF Core"), BenchmarkCategory(Page)]
    public async Task<List<Item>> PageEfCore()
    {
        var group = NextGroup();
        await using var context = _ef.CreateDbContext();
        return await context.Items.AsNoTracking().Where(i => i.GroupId == group).ToListAsync();
    }
}
