using System;

namespace ElizaGen;

/// <summary>
/// Tells the migrator that this table or column had another name before, so that the change is a rename
/// (data kept) and not a drop and an add. Keep it until every database has migrated past the rename.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class RenamedFromAttribute : Attribute
{
    /// <summary>Records the old name.</summary>
    /// <param name="oldName">The table's or column's previous SQL name.</param>
    public RenamedFromAttribute(string oldName) => OldName = oldName;

    /// <summary>The previous SQL name.</summary>
    public string OldName { get; }
}
