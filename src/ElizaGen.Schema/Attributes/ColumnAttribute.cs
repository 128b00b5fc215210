using System;

namespace ElizaGen;

/// <summary>Sets a column's name (instead of the property's name in snake_case) or its numeric precision.</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class ColumnAttribute : Attribute
{
    /// <summary>Keeps the snake_case name; use it to set only <see cref="Precision"/> and <see cref="Scale"/>.</summary>
    public ColumnAttribute()
    {
    }

    /// <summary>Names the column.</summary>
    /// <param name="name">The column name (at most 63 bytes).</param>
    public ColumnAttribute(string name) => Name = name;

    /// <summary>The column name, or null for the property's name in snake_case.</summary>
    public string? Name { get; }

    /// <summary>For a <c>decimal</c> column: the total number of digits, <c>numeric(Precision, Scale)</c>; 0 for plain <c>numeric</c>.</summary>
    public int Precision { get; set; }

    /// <summary>For a <c>decimal</c> column with a <see cref="Precision"/>: the digits after the decimal point.</summary>
    public int Scale { get; set; }
}
