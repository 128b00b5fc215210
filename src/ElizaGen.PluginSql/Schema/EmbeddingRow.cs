using Pgvector;

namespace ElizaGen.PluginSql.Schema;

/// <summary>
/// A row of <c>embeddings</c>: the vector of one memory, in the one column of its dimension (<c>dim_384</c> …
/// <c>dim_3072</c>). Each column has an HNSW cosine index (an addition to the original schema); <c>dim_3072</c> is
/// indexed through a <c>halfvec(3072)</c> expression, as HNSW indexes <c>vector</c> only up to 2000 dimensions.
/// </summary>
/// <param name="Id">The row's id.</param>
/// <param name="MemoryId">The memory (required by <c>embedding_source_check</c>).</param>
/// <param name="CreatedAt">When the row was created (UTC wall-clock time).</param>
/// <param name="Dim384">A 384-dimension vector.</param>
/// <param name="Dim512">A 512-dimension vector.</param>
/// <param name="Dim768">A 768-dimension vector.</param>
/// <param name="Dim1024">A 1024-dimension vector.</param>
/// <param name="Dim1536">A 1536-dimension vector.</param>
/// <param name="Dim3072">A 3072-dimension vector.</param>
[Table("embeddings")]
[Index(nameof(MemoryId), Name = "idx_embedding_memory")]
[Check("embedding_source_check", "\"memory_id\" IS NOT NULL")]
public sealed partial record EmbeddingRow(
    [property: PrimaryKey, Default("gen_random_uuid()")] Guid Id,
    [property: References(typeof(MemoryRow), OnDelete = ReferentialAction.Cascade)]
    [property: References(typeof(MemoryRow), OnDelete = ReferentialAction.Cascade, Name = "fk_embedding_memory")] Guid? MemoryId,
    [property: Default("now()")] DateTime CreatedAt,
    [property: Vector(384), VectorIndex(VectorMetric.Cosine, Name = "idx_embeddings_dim_384_hnsw")] Vector? Dim384,
    [property: Vector(512), VectorIndex(VectorMetric.Cosine, Name = "idx_embeddings_dim_512_hnsw")] Vector? Dim512,
    [property: Vector(768), VectorIndex(VectorMetric.Cosine, Name = "idx_embeddings_dim_768_hnsw")] Vector? Dim768,
    [property: Vector(1024), VectorIndex(VectorMetric.Cosine, Name = "idx_embeddings_dim_1024_hnsw")] Vector? Dim1024,
    [property: Vector(1536), VectorIndex(VectorMetric.Cosine, Name = "idx_embeddings_dim_1536_hnsw")] Vector? Dim1536,
    [property: Vector(3072), VectorIndex(VectorMetric.Cosine, HalfPrecision = true, Name = "idx_embeddings_dim_3072_hnsw")] Vector? Dim3072);
