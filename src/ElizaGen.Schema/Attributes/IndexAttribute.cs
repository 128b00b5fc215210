using System;

namespace ElizaGen;

/// <summary>
/// An index on the table: over columns (<c>[Index(nameof(AgentId), nameof(CreatedAt))]</c>), or over SQL
/// expressions (<c>[Index(Expression = "(metadata ->> 'type')", Name = "idx_memories_metadata_type")]</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class IndexAttribute : Attribute
{
    /// <summary>An index over the named columns, in order.</summary>
    /// <param name="columns">Property names (<c>nameof(AgentId)</c>) or column names.</param>
    public IndexAttribute(params string[] columns) => Columns = columns ?? Array.Empty<string>();

    /// <summary>The indexed columns.</summary>
    public string[] Columns { get; }

    /// <summary>A single SQL expression to index instead of columns; such an index needs a <see cref="Name"/>.</summary>
    public string? Expression { get; set; }

    /// <summary>Several SQL expressions to index, in order; such an index needs a <see cref="Name"/>.</summary>
    public string[]? Expressions { get; set; }

    /// <summary>The index name; by default drizzle-kit's <c>{table}_{columns}_index</c>.</summary>
    public string? Name { get; set; }

    /// <summary>True for a unique index.</summary>
    public bool Unique { get; set; }

    /// <summary>The access method.</summary>
    public IndexMethod Method { get; set; }

    /// <summary>The predicate of a partial index, as SQL: <c>"deleted_at IS NULL"</c>.</summary>
    public string? Where { get; set; }

    /// <summary>True to index every key part in descending order.</summary>
    public bool Descending { get; set; }
}
