using System;

namespace ElizaGen;

/// <summary>
/// Makes the property (part of) the table's primary key. Several marked properties form a composite key, in
/// <see cref="Order"/>, then in declaration order.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class PrimaryKeyAttribute : Attribute
{
    /// <summary>The position of this column in a composite key; keys with equal orders keep declaration order.</summary>
    public int Order { get; set; }
}
