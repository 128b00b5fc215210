namespace ElizaGen.PluginSql.Embeddings;

/// <summary>
/// The embedding sizes of the ElizaOS schema (<c>VECTOR_DIMS</c>) and their columns in <c>embeddings</c>:
/// 384 → <c>dim_384</c>, 512, 768, 1024, 1536, 3072 → <c>dim_3072</c>.
/// </summary>
public static class EmbeddingDimensions
{
    /// <summary>The supported dimensions, smallest first.</summary>
    public static IReadOnlyList<int> Supported { get; } = [384, 512, 768, 1024, 1536, 3072];

    /// <summary>The dimension an adapter uses until <see cref="ElizaDatabaseAdapter.EnsureEmbeddingDimensionAsync"/> says otherwise.</summary>
    public const int Default = 384;

    /// <summary>True when <paramref name="dimension"/> has a column.</summary>
    public static bool IsSupported(int dimension) => Supported.Contains(dimension);

    /// <summary>The column of a dimension (<c>dim_384</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The dimension has no column.</exception>
    public static string Column(int dimension)
    {
        if (!IsSupported(dimension))
        {
            throw new ArgumentOutOfRangeException(nameof(dimension), dimension,
                $"Embeddings of {dimension} dimensions are not supported: the embeddings table has columns for {string.Join(", ", Supported)} only. " +
                "Use an embedding model with one of these sizes.");
        }
        return "dim_" + dimension.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Refuses a vector that cannot be stored as the agent's embedding: wrong length, NaN or infinity. Nothing is
    /// dropped, rounded or zero-filled.
    /// </summary>
    /// <exception cref="ArgumentException">The vector does not fit.</exception>
    public static void Validate(ReadOnlySpan<float> vector, int dimension, Guid agentId, string parameterName)
    {
        if (vector.Length != dimension)
        {
            throw new ArgumentException(
                $"The embedding has {vector.Length} dimensions, but agent {agentId} uses {dimension}-dimension embeddings. " +
                $"Pass a vector of {dimension} numbers, or call EnsureEmbeddingDimensionAsync({vector.Length}) first if the agent has no embeddings yet.",
                parameterName);
        }
        for (var i = 0; i < vector.Length; i++)
        {
            if (!float.IsFinite(vector[i]))
            {
                throw new ArgumentException(
                    $"The embedding holds {vector[i].ToString(System.Globalization.CultureInfo.InvariantCulture)} at index {i}: every component must be a finite number. " +
                    "Check the embedding model's output; ElizaDatabaseAdapter does not replace or drop such values.",
                    parameterName);
            }
        }
    }
}
