using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using Pgvector;

namespace ElizaGen.Benchmarks.Peers;

/// <summary>
/// EF Core's counterpart of <see cref="MigrationBenchmarks.FifteenTables"/>: the same 15 tables in schema <c>bench</c>
/// (as property-bag entity types: 14 of them share one shape), with one hand-written migration and the model snapshot
/// <c>dotnet ef</c> would keep, so that <c>Database.MigrateAsync()</c> runs the way it does in an application.
/// </summary>
internal sealed class EfFifteenTablesContext(DbContextOptions<EfFifteenTablesContext> options) : DbContext(options)
{
    public const string Schema = "bench";

    public static readonly string[] OwnedTables =
        ["entities", "rooms", "worlds", "memories", "components", "participants", "relationships", "tasks", "logs", "cache",
         "channels", "messages", "servers", "embeddings"];

    public static DbContextOptions<EfFifteenTablesContext> Options(NpgsqlDataSource dataSource) =>
        new DbContextOptionsBuilder<EfFifteenTablesContext>().UseNpgsql(dataSource, npgsql => npgsql.UseVector()).Options;

    protected override void OnModelCreating(ModelBuilder modelBuilder) => Configure(modelBuilder);

    /// <summary>The model, shared by the context, its migration's target model and its snapshot.</summary>
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.HasPostgresExtension("vector");
        modelBuilder.SharedTypeEntity<Dictionary<string, object>>("agents", agent =>
        {
            agent.ToTable("agents", Schema);
            agent.IndexerProperty<Guid>("id").HasColumnType("uuid").HasDefaultValueSql("gen_random_uuid()");
            agent.IndexerProperty<string>("name").HasColumnType("text").IsRequired();
            agent.IndexerProperty<string>("settings").HasColumnType("jsonb").IsRequired().HasDefaultValueSql("'{}'::jsonb");
            agent.IndexerProperty<DateTimeOffset>("created_at").HasColumnType("timestamp with time zone").HasDefaultValueSql("now()");
            agent.HasKey("id").HasName("agents_pkey");
        });
        foreach (var name in OwnedTables)
        {
            modelBuilder.SharedTypeEntity<Dictionary<string, object>>(name, table =>
            {
                table.ToTable(name, Schema);
                table.IndexerProperty<Guid>("id").HasColumnType("uuid").HasDefaultValueSql("gen_random_uuid()");
                table.IndexerProperty<Guid>("agent_id").HasColumnType("uuid");
                table.IndexerProperty<string>("name").HasColumnType("text");
                table.IndexerProperty<string>("metadata").HasColumnType("jsonb").IsRequired().HasDefaultValueSql("'{}'::jsonb");
                table.IndexerProperty<string[]>("tags").HasColumnType("text[]").HasDefaultValueSql("'{}'::text[]");
                table.IndexerProperty<DateTimeOffset>("created_at").HasColumnType("timestamp with time zone").HasDefaultValueSql("now()");
                table.HasKey("id").HasName(name + "_pkey");
                table.HasIndex("agent_id", "created_at").HasDatabaseName(name + "_agent_id_created_at_index");
                table.HasOne("agents", null).WithMany().HasForeignKey("agent_id")
                    .HasConstraintName(name + "_agent_id_agents_id_fk").OnDelete(DeleteBehavior.Cascade);
                if (name == "embeddings")
                {
                    table.IndexerProperty<Vector>("dim_384").HasColumnType("vector(384)");
                    table.HasIndex("dim_384").HasDatabaseName("embeddings_dim_384_index").HasMethod("hnsw").HasOperators("vector_cosine_ops");
                }
            });
        }
    }
}

/// <summary>What <c>dotnet ef migrations add</c> would write for the model, by hand.</summary>
[DbContext(typeof(EfFifteenTablesContext))]
[Migration("20260101000000_FifteenTables")]
internal sealed class FifteenTablesMigration : Migration
{
    private const string Schema = EfFifteenTablesContext.Schema;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.EnsureSchema(Schema);
        migrationBuilder.AlterDatabase().Annotation("Npgsql:PostgresExtension:vector", ",,");
        migrationBuilder.CreateTable(
            name: "agents",
            schema: Schema,
            columns: table => new
            {
                id = table.Column<Guid>(type: "uuid", nullable: false, defaultValueSql: "gen_random_uuid()"),
                name = table.Column<string>(type: "text", nullable: false),
                settings = table.Column<string>(type: "jsonb", nullable: false, defaultValueSql: "'{}'::jsonb"),
                created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
            },
            constraints: table => table.PrimaryKey("agents_pkey", x => x.id));
        foreach (var name in EfFifteenTablesContext.OwnedTables)
        {
            migrationBuilder.CreateTable(
                name: name,
                schema: Schema,
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false, defaultValueSql: "gen_random_uuid()"),
                    agent_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "text", nullable: true),
                    metadata = table.Column<string>(type: "jsonb", nullable: false, defaultValueSql: "'{}'::jsonb"),
                    tags = table.Column<string[]>(type: "text[]", nullable: true, defaultValueSql: "'{}'::text[]"),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                },
                constraints: table =>
                {
                    table.PrimaryKey(name + "_pkey", x => x.id);
                    table.ForeignKey(
                        name: name + "_agent_id_agents_id_fk",
                        column: x => x.agent_id,
                        principalSchema: Schema,
                        principalTable: "agents",
                        principalColumn: "id",
                        onDelete: Microsoft.EntityFrameworkCore.Migrations.ReferentialAction.Cascade);
                });
            migrationBuilder.CreateIndex(name: name + "_agent_id_created_at_index", schema: Schema, table: name, columns: ["agent_id", "created_at"]);
        }
        migrationBuilder.AddColumn<Vector>(name: "dim_384", schema: Schema, table: "embeddings", type: "vector(384)", nullable: true);
        migrationBuilder.CreateIndex(name: "embeddings_dim_384_index", schema: Schema, table: "embeddings", column: "dim_384")
            .Annotation("Npgsql:IndexMethod", "hnsw")
            .Annotation("Npgsql:IndexOperators", new[] { "vector_cosine_ops" });
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var name in EfFifteenTablesContext.OwnedTables) migrationBuilder.DropTable(name: name, schema: Schema);
        migrationBuilder.DropTable(name: "agents", schema: Schema);
    }

    protected override void BuildTargetModel(ModelBuilder modelBuilder) => EfFifteenTablesContext.Configure(modelBuilder);
}

/// <summary>The model snapshot (EF Core compares it with the model to warn about changes no migration covers).</summary>
[DbContext(typeof(EfFifteenTablesContext))]
internal sealed class EfFifteenTablesModelSnapshot : ModelSnapshot
{
    protected override void BuildModel(ModelBuilder modelBuilder) => EfFifteenTablesContext.Configure(modelBuilder);
}
