using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using ElizaGen.Benchmarks.Peers;
using ElizaGen.Runtime.Migrations;
using ElizaGen.Schema;
using ElizaGen.Schema.Snapshots;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ElizaGen.Benchmarks;

/// <summary>
/// Start-up cost of the migrator for a 15-table schema: the no-op start (fast path: one query for all plugins) and a
/// fresh migration of an empty database (lock, plan, DDL, journal, commit); against EF Core's
/// <c>Database.MigrateAsync()</c> on the same tables (<see cref="EfFifteenTablesContext"/>: one hand-written migration
/// and its model snapshot), nothing pending and an empty database. Each database has pgvector already.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class MigrationBenchmarks
{
    public const string NoOpStart = "no-op start-up (15 tables)";
    public const string FreshMigration = "fresh migration (15 tables, empty database)";
    public const string Migrator = "ElizaGen migrator";
    public const string EfCore = "EF Core MigrateAsync";

    private static readonly PluginSchema Plugin = FifteenTables();

    private NpgsqlDataSource _migrated = null!;
    private string _migratedConnection = null!;
    private NpgsqlDataSource _efMigrated = null!;
    private string _efMigratedConnection = null!;
    private DbContextOptions<EfFifteenTablesContext> _efMigratedOptions = null!;
    private NpgsqlDataSource? _fresh;
    private string? _freshConnection;

    [GlobalSetup]
    public async Task Setup()
    {
        _migratedConnection = await BenchmarkServer.CreateDatabaseAsync("bench_noop");
        _migrated = VectorDataSource(_migratedConnection);
        await new ElizaGen.Runtime.Migrations.Migrator(_migrated).MigrateAsync(Plugin);

        _efMigratedConnection = await BenchmarkServer.CreateDatabaseAsync("bench_ef_noop");
        _efMigrated = VectorDataSource(_efMigratedConnection);
        _efMigratedOptions = EfFifteenTablesContext.Options(_efMigrated);
        await using var context = new EfFifteenTablesContext(_efMigratedOptions);
        await context.Database.MigrateAsync();
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _migrated.DisposeAsync();
        await BenchmarkServer.DropDatabaseAsync(_migratedConnection);
        await _efMigrated.DisposeAsync();
        await BenchmarkServer.DropDatabaseAsync(_efMigratedConnection);
    }

    [Benchmark(Baseline = true, Description = Migrator), BenchmarkCategory(NoOpStart)]
    public Task<MigrationReport> NoOp() => new ElizaGen.Runtime.Migrations.Migrator(_migrated).MigrateAsync(Plugin);

    [Benchmark(Description = EfCore), BenchmarkCategory(NoOpStart)]
    public async Task NoOpEfCore()
    {
        await using var context = new EfFifteenTablesContext(_efMigratedOptions);
        await context.Database.MigrateAsync();
    }

    [IterationSetup(Targets = [nameof(Fresh), nameof(FreshEfCore)])]
    public void CreateFreshDatabase()
    {
        _freshConnection = BenchmarkServer.CreateDatabaseAsync("bench_fresh").GetAwaiter().GetResult();
        _fresh = VectorDataSource(_freshConnection);
    }

    [IterationCleanup(Targets = [nameof(Fresh), nameof(FreshEfCore)])]
    public void DropFreshDatabase()
    {
        _fresh!.Dispose();
        BenchmarkServer.DropDatabaseAsync(_freshConnection!).GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, Description = Migrator), BenchmarkCategory(FreshMigration)]
    [InvocationCount(1)]
    public Task<MigrationReport> Fresh() => new ElizaGen.Runtime.Migrations.Migrator(_fresh!).MigrateAsync(Plugin);

    [Benchmark(Description = EfCore), BenchmarkCategory(FreshMigration)]
    [InvocationCount(1)]
    public async Task FreshEfCore()
    {
        await using var context = new EfFifteenTablesContext(EfFifteenTablesContext.Options(_fresh!));
        await context.Database.MigrateAsync();
    }

    private static NpgsqlDataSource VectorDataSource(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.UseVector();
        return builder.Build();
    }

    /// <summary>A 15-table schema in the spirit of the ElizaOS core: keys, foreign keys, indexes, jsonb, a vector column.</summary>
    internal static PluginSchema FifteenTables()
    {
        static ColumnSnapshot Id() => new("id", "uuid", PrimaryKey: true, NotNull: true, Default: "gen_random_uuid()");
        static ColumnSnapshot Ref(string name, bool notNull = true) => new(name, "uuid", NotNull: notNull);
        static ColumnSnapshot Col(string name, string type, bool notNull = false, string? @default = null) => new(name, type, NotNull: notNull, Default: @default);
        static ForeignKeySnapshot Fk(string table, string column, string target) =>
            new($"{table}_{column}_{target}_id_fk", table, new[] { column }, "bench", target, new[] { "id" }, "cascade");
        static IndexSnapshot Ix(string table, params string[] columns) =>
            new($"{table}_{string.Join("_", columns)}_index", columns.Select(c => new IndexColumnSnapshot(c)).ToArray());

        var tables = new List<TableSnapshot>
        {
            new("bench", "agents", new[] { Id(), Col("name", "text", true), Col("settings", "jsonb", true, "'{}'::jsonb"), Col("created_at", "timestamp with time zone", true, "now()") }),
        };
        string[] names = ["entities", "rooms", "worlds", "memories", "components", "participants", "relationships", "tasks", "logs", "cache", "channels", "messages", "servers", "embeddings"];
        foreach (var name in names)
        {
            TableSnapshot table = new("bench", name,
                new[] { Id(), Ref("agent_id"), Col("name", "text"), Col("metadata", "jsonb", true, "'{}'::jsonb"), Col("tags", "text[]", false, "'{}'::text[]"),
                 Col("created_at", "timestamp with time zone", true, "now()") })
            {
                ForeignKeys = new[] { Fk(name, "agent_id", "agents") },
                Indexes = new[] { Ix(name, "agent_id", "created_at") },
            };
            if (name == "embeddings")
            {
                table = table with
                {
                    Columns = table.Columns.Append(new ColumnSnapshot("dim_384", "vector(384)")).ToArray(),
                    Indexes = table.Indexes.Append(new IndexSnapshot("embeddings_dim_384_index",
                        new[] { new IndexColumnSnapshot("dim_384", Opclass: "vector_cosine_ops") }, Method: "hnsw")).ToArray(),
                };
            }
            tables.Add(table);
        }
        return PluginSchema.FromSnapshot("@bench/fifteen-tables", "bench", SchemaSnapshot.Create(tables));
    }
}
