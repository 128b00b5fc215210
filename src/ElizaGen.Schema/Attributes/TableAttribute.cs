using System;

namespace ElizaGen;

/// <summary>
/// Maps a <c>partial</c> record or class to a PostgreSQL table of the assembly's plugin. Its public properties
/// with a setter (or <c>init</c>) are the columns; the generator emits a <c>&lt;Type&gt;Repository</c> for it.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class TableAttribute : Attribute
{
    /// <summary>Maps the type to a table.</summary>
    /// <param name="name">The table name (at most 63 bytes).</param>
    public TableAttribute(string name) => Name = name;

    /// <summary>The table name.</summary>
    public string Name { get; }
}
