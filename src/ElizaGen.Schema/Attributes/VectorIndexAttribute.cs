using System;

namespace ElizaGen;

/// <summary>
/// An HNSW index on a <see cref="VectorAttribute"/> column, ordered by <paramref name="metric"/>; the
/// repository's <c>Nearest&lt;Column&gt;Async</c> uses the same metric. HNSW indexes <c>vector</c> up to 2000
/// dimensions and <c>halfvec</c> up to 4000: a wider <c>vector</c> column is indexed as <c>halfvec</c> when
/// <see cref="HalfPrecision"/> is set (an expression index on <c>column::halfvec(n)</c>).
/// </summary>
/// <param name="metric">The distance.</param>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class VectorIndexAttribute(VectorMetric metric) : Attribute
{
    /// <summary>The distance.</summary>
    public VectorMetric Metric { get; } = metric;

    /// <summary>HNSW's <c>m</c>: links per node (pgvector's default 16); 0 keeps the default.</summary>
    public int M { get; set; }

    /// <summary>HNSW's <c>ef_construction</c>: candidate list size while building (default 64); 0 keeps the default.</summary>
    public int EfConstruction { get; set; }

    /// <summary>
    /// True to index a <c>vector</c> column as <c>halfvec</c>: needed over 2000 dimensions (up to 4000); the index
    /// then ranks by half-precision distances, and <c>Nearest&lt;Column&gt;Async</c> queries through the same cast.
    /// </summary>
    public bool HalfPrecision { get; set; }

    /// <summary>The index name; by default drizzle-kit's <c>{table}_{column}_index</c>.</summary>
    public string? Name { get; set; }
}
