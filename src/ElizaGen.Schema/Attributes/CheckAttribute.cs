using System;

namespace ElizaGen;

/// <summary>A check constraint on the table: <c>CONSTRAINT name CHECK (expression)</c>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class CheckAttribute : Attribute
{
    /// <summary>Declares the constraint.</summary>
    /// <param name="name">The constraint name.</param>
    /// <param name="expression">A boolean SQL expression over the table's column names.</param>
    public CheckAttribute(string name, string expression)
    {
        Name = name;
        Expression = expression;
    }

    /// <summary>The constraint name.</summary>
    public string Name { get; }

    /// <summary>The boolean SQL expression.</summary>
    public string Expression { get; }
}
