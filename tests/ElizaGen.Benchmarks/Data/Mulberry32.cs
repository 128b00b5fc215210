namespace ElizaGen.Benchmarks.Data;

/// <summary>
/// mulberry32, the small PRNG the ElizaOS peer benchmark (peer-bench/bench.mjs) draws its embeddings from, bit for
/// bit: with the same seed both produce the same vectors (seed 42 for data, 43 for queries).
/// </summary>
internal sealed class Mulberry32(uint seed)
{
    private uint _state = seed;

    /// <summary>The next number, uniform in [0, 1).</summary>
    public double Next()
    {
        // JavaScript's Math.imul and ">>> 0" are 32-bit wrapping unsigned arithmetic here.
        _state += 0x6D2B79F5u;
        var t = _state;
        t = (t ^ (t >> 15)) * (t | 1u);
        t ^= t + (t ^ (t >> 7)) * (t | 61u);
        return (t ^ (t >> 14)) / 4294967296.0;
    }

    /// <summary>The next <paramref name="dimensions"/> numbers as a vector (components uniform in [0, 1)).</summary>
    public float[] NextVector(int dimensions)
    {
        var vector = new float[dimensions];
        for (var i = 0; i < vector.Length; i++) vector[i] = (float)Next();
        return vector;
    }
}
