namespace ElizaGen;

/// <summary>The distance a vector index orders by.</summary>
public enum VectorMetric
{
    /// <summary>Cosine distance, <c>&lt;=&gt;</c> (operator class <c>vector_cosine_ops</c>).</summary>
    Cosine,

    /// <summary>Euclidean distance, <c>&lt;-&gt;</c> (operator class <c>vector_l2_ops</c>).</summary>
    L2,

    /// <summary>Negative inner product, <c>&lt;#&gt;</c> (operator class <c>vector_ip_ops</c>).</summary>
    InnerProduct,
}
