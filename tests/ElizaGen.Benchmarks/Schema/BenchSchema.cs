using ElizaGen;

[assembly: ElizaPlugin("@elizagen/bench")]

namespace ElizaGen.Benchmarks.Schema;

/// <summary>
/// The benchmarks' own plugin (PostgreSQL schema <c>elizagen_bench</c>): <see cref="Item"/> for single-row work and
/// pages, <see cref="Memory"/> for bulk inserts and vector search. The generator writes their repositories.
/// </summary>
[ElizaPluginSchema]
public static partial class BenchSchema
{
    /// <summary>The size of <see cref="Memory.Embedding"/> vectors.</summary>
    public const int Dimensions = 384;

    /// <summary>The schema the tables live in.</summary>
    public const string SchemaName = "elizagen_bench";
}
