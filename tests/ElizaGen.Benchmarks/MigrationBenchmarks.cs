using BenchmarkDotNet.Attributes;
using ElizaGen.Runtime.Migrations;
using ElizaGen.Schema;
using ElizaGen.Schema.Ddl;
using ElizaGen.Schema.Diff;
using ElizaGen.Schema.Snapshots;
using Npgsql;

namespace ElizaGen.Benchmarks;

/// <summary>
/// Start-up cost of the migrator for a 15-table schema: the no-op start (fast path: one query for all plugins) and a
/// fresh migration of an empty database (lock, plan, DDL, journal, commit).
/// </summary>
[MemoryDiagnoser]
public class MigrationBenchmarks
{
    private static readonly PluginSchema Plugin = FifteenTables();

    private NpgsqlDataSource _migrated = null!;
    private string _migratedConnection = null!;
    private NpgsqlDataSource? _fresh;
    private string? _freshConnection;

    [GlobalSetup]
    public async Task Setup()
    {
        _migratedConnection = await BenchmarkServer.CreateDatabaseAsync("bench_noop");
        _migrated = NpgsqlDataSource.Create(_migratedConnection);
        await new Migrator(_migrated).MigrateAsync(Plugin);
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _migrated.DisposeAsync();
        await BenchmarkServer.DropDatabaseAsync(_migratedConnection);
    }

    [Benchmark(Description = "no-op start-up (15 tables, fast path)")]
    public Task<MigrationReport> NoOp() => new Migrator(_migrated).MigrateAsync(Plugin);

    [IterationSetup(Target = nameof(Fresh))]
    public void CreateFreshDatabase()
    {
        _freshConnection = BenchmarkServer.CreateDatabaseAsync("bench_fresh").GetAwaiter().GetResult();
        _fresh = NpgsqlDataSource.Create(_freshConnection);
    }

    [IterationCleanup(Target = nameof(Fresh))]
    public void DropFreshDatabase()
    {
        _fresh!.Dispose();
        BenchmarkServer.DropDatabaseAsync(_freshConnection!).GetAwaiter().GetResult();
    }

    [Benchmark(Description = "fresh migration (15 tables, empty database)")]
    [InvocationCount(1)]
    public Task<MigrationReport> Fresh() => new Migrator(_fresh!).MigrateAsync(Plugin);

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
        var snapshot = SchemaSnapshot.Create(tables);
        return new PluginSchema("@bench/fifteen-tables", "bench", snapshot, SnapshotJsonWriter.WriteCanonical(snapshot),
            SnapshotHash.Compute(snapshot), DdlWriter.CreateSql(snapshot), RenameHints.None, default);
    }
}
