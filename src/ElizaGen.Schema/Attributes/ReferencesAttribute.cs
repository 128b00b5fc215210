using System;

namespace ElizaGen;

/// <summary>
/// A foreign key from this column to another table's key: <c>[References(typeof(Agent), OnDelete = ReferentialAction.Cascade)]</c>.
/// The referenced type is a <see cref="TableAttribute"/> type of this plugin or of a plugin this assembly
/// references; a table known only by name can be given as <c>"schema.table"</c> or <c>"table"</c> (same schema).
/// A column may carry several (two constraints with different names over the same column, as in ElizaOS).
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = true, Inherited = false)]
public sealed class ReferencesAttribute : Attribute
{
    /// <summary>References a <see cref="TableAttribute"/> type.</summary>
    /// <param name="table">The referenced table's type.</param>
    public ReferencesAttribute(Type table) => TableType = table;

    /// <summary>References a table by name: <c>"table"</c> (this plugin's schema) or <c>"schema.table"</c>.</summary>
    /// <param name="table">The referenced table's name.</param>
    public ReferencesAttribute(string table) => TableName = table;

    /// <summary>The referenced type, when given as a type.</summary>
    public Type? TableType { get; }

    /// <summary>The referenced table's name, when given as a string.</summary>
    public string? TableName { get; }

    /// <summary>
    /// The referenced column (property name or column name); by default the referenced table's single-column
    /// primary key. Required when the table is given by name.
    /// </summary>
    public string? Column { get; set; }

    /// <summary>The action on delete of the referenced row.</summary>
    public ReferentialAction OnDelete { get; set; }

    /// <summary>The action on update of the referenced key.</summary>
    public ReferentialAction OnUpdate { get; set; }

    /// <summary>The constraint name; by default drizzle-kit's <c>{table}_{column}_{tableTo}_{columnTo}_fk</c>.</summary>
    public string? Name { get; set; }
}
