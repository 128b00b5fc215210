using ElizaGen;
using Pgvector;

namespace HelloPlugin;

/// <summary>A greeting in some language, with an embedding to find similar ones.</summary>
[Table("greetings")]
[Index(nameof(Language), nameof(CreatedAt))]
public sealed partial record Greeting(
    [property: PrimaryKey, Default("gen_random_uuid()")] Guid Id,
    [property: Unique] string Slug,
    string Language,
    string Text,
    [property: Default("now()")] DateTimeOffset CreatedAt,
    [property: Vector(HelloSchema.EmbeddingDimensions), VectorIndex(VectorMetric.Cosine)] Vector? Embedding);
