using ElizaGen.Benchmarks.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;

namespace ElizaGen.Benchmarks.Peers;

/// <summary>
/// EF Core's view of the benchmarks' tables: the same records (<see cref="Item"/>, <see cref="Memory"/>), bound through
/// their constructors, mapped to the columns the generator declared. Keys are set by the caller (no value generation).
/// </summary>
internal sealed class EfBenchContext(DbContextOptions<EfBenchContext> options) : DbContext(options)
{
    public DbSet<Item> Items => Set<Item>();

    public DbSet<Memory> Memories => Set<Memory>();

    /// <summary>A pooled context factory over <paramref name="dataSource"/> (the way EF Core is set up for throughput).</summary>
    public static PooledDbContextFactory<EfBenchContext> Factory(NpgsqlDataSource dataSource)
    {
        var options = new DbContextOptionsBuilder<EfBenchContext>()
            .UseNpgsql(dataSource, npgsql => npgsql.UseVector())
            .Options;
        return new PooledDbContextFactory<EfBenchContext>(options);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasPostgresExtension("vector");
        modelBuilder.Entity<Item>(item =>
        {
            item.ToTable("items", BenchSchema.SchemaName);
            item.HasKey(i => i.Id);
            item.Property(i => i.Id).HasColumnName("id").ValueGeneratedNever();
            item.Property(i => i.GroupId).HasColumnName("group_id");
            item.Property(i => i.Name).HasColumnName("name");
            item.Property(i => i.Note).HasColumnName("note");
            item.Property(i => i.Quantity).HasColumnName("quantity");
            item.Property(i => i.CreatedAt).HasColumnName("created_at");
        });
        modelBuilder.Entity<Memory>(memory =>
        {
            memory.ToTable("memories", BenchSchema.SchemaName);
            memory.HasKey(m => m.Id);
            memory.Property(m => m.Id).HasColumnName("id").ValueGeneratedNever();
            memory.Property(m => m.Content).HasColumnName("content").HasColumnType("jsonb");
            memory.Property(m => m.Embedding).HasColumnName("embedding").HasColumnType("vector(384)");
        });
    }
}
