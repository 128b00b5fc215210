using System;

namespace ElizaGen;

/// <summary>
/// A pgvector column of <paramref name="dimensions"/> dimensions: <c>vector(n)</c> (1 to 16000), or
/// <c>halfvec(n)</c> (1 to 16000) with <see cref="HalfPrecision"/>. The property's type is
/// <c>Pgvector.Vector</c> or <c>Pgvector.HalfVector</c>.
/// </summary>
/// <param name="dimensions">The number of dimensions.</param>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class VectorAttribute(int dimensions) : Attribute
{
    /// <summary>The number of dimensions.</summary>
    public int Dimensions { get; } = dimensions;

    /// <summary>True for <c>halfvec(n)</c> (two bytes per dimension); the property is then a <c>Pgvector.HalfVector</c>.</summary>
    public bool HalfPrecision { get; set; }
}
