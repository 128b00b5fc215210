using System.Globalization;
using ElizaGen.Benchmarks.Schema;
using Pgvector;

namespace ElizaGen.Benchmarks.Data;

/// <summary>Memories with the peer benchmark's embeddings: vector i is the i-th draw of 384 numbers from mulberry32(42).</summary>
internal static class MemoryData
{
    public const uint DataSeed = 42;
    public const uint QuerySeed = 43;

    public static Memory[] Rows(int count)
    {
        var rng = new Mulberry32(DataSeed);
        var ids = new Random(11);
        var rows = new Memory[count];
        Span<byte> bytes = stackalloc byte[16];
        for (var i = 0; i < count; i++)
        {
            ids.NextBytes(bytes);
            rows[i] = new Memory(
                new Guid(bytes),
                "{\"text\":\"bench memory " + i.ToString(CultureInfo.InvariantCulture) + "\",\"source\":\"bench\"}",
                new Vector(rng.NextVector(BenchSchema.Dimensions)));
        }
        return rows;
    }

    public static Vector[] Queries(int count)
    {
        var rng = new Mulberry32(QuerySeed);
        var queries = new Vector[count];
        for (var i = 0; i < count; i++) queries[i] = new Vector(rng.NextVector(BenchSchema.Dimensions));
        return queries;
    }
}
