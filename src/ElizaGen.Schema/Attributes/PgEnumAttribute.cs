using System;

namespace ElizaGen;

/// <summary>
/// Stores an enum as a PostgreSQL enum type created in the plugin's schema, with a label per member. Without it,
/// an enum column is <c>text</c> holding the member's name. Labels are the member names in snake_case unless
/// <c>[PgLabel("…")]</c> is on a member.
/// </summary>
[AttributeUsage(AttributeTargets.Enum, AllowMultiple = false, Inherited = false)]
public sealed class PgEnumAttribute : Attribute
{
    /// <summary>Names the type after the enum in snake_case.</summary>
    public PgEnumAttribute()
    {
    }

    /// <summary>Names the type.</summary>
    /// <param name="name">The PostgreSQL type name.</param>
    public PgEnumAttribute(string name) => Name = name;

    /// <summary>The type name, or null for the enum's name in snake_case.</summary>
    public string? Name { get; }
}
