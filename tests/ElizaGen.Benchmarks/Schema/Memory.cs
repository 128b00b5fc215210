using ElizaGen;
using Pgvector;

namespace ElizaGen.Benchmarks.Schema;

/// <summary>
/// A memories-like row: uuid key, jsonb content, a 384-d embedding. No vector index is declared: bulk inserts
/// measure the rows, and the vector search builds its HNSW index itself after loading (m and ef_construction given).
/// </summary>
[Table("memories")]
public sealed partial record Memory(
    [property: PrimaryKey] Guid Id,
    [property: Jsonb] string Content,
    [property: Vector(BenchSchema.Dimensions)] Vector Embedding);
