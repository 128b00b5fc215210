using System;

namespace ElizaGen;

/// <summary>
/// A unique constraint: on a property, over that column; on the type, over the named columns (property names or
/// column names), in order.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class UniqueAttribute : Attribute
{
    /// <summary>A unique constraint over the property it is on.</summary>
    public UniqueAttribute() => Columns = Array.Empty<string>();

    /// <summary>A unique constraint over several columns (on the type).</summary>
    /// <param name="columns">Property names (<c>nameof(AgentId)</c>) or column names.</param>
    public UniqueAttribute(params string[] columns) => Columns = columns ?? Array.Empty<string>();

    /// <summary>The columns, when on the type.</summary>
    public string[] Columns { get; }

    /// <summary>The constraint name; by default drizzle-kit's <c>{table}_{columns}_unique</c>.</summary>
    public string? Name { get; set; }

    /// <summary>True for <c>UNIQUE NULLS NOT DISTINCT</c> (PostgreSQL 15+): two NULLs count as equal.</summary>
    public bool NullsNotDistinct { get; set; }
}
