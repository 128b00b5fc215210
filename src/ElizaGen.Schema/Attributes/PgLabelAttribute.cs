using System;

namespace ElizaGen;

/// <summary>The label of a <see cref="PgEnumAttribute"/> enum member in PostgreSQL (instead of its name in snake_case).</summary>
[AttributeUsage(AttributeTargets.Field, AllowMultiple = false, Inherited = false)]
public sealed class PgLabelAttribute : Attribute
{
    /// <summary>Sets the label.</summary>
    /// <param name="label">The PostgreSQL label.</param>
    public PgLabelAttribute(string label) => Label = label;

    /// <summary>The label.</summary>
    public string Label { get; }
}
