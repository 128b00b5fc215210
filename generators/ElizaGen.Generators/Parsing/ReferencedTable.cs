using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace ElizaGen.Generators.Parsing;

/// <summary>What a foreign key needs to know about a referenced [Table] type (possibly in another assembly).</summary>
internal sealed class ReferencedTable
{
    private ReferencedTable(string tableName, IReadOnlyList<ReferencedColumn> columns)
    {
        TableName = tableName;
        Columns = columns;
    }

    public string TableName { get; }

    public IReadOnlyList<ReferencedColumn> Columns { get; }

    public IReadOnlyList<ReferencedColumn> PrimaryKey => Columns.Where(c => c.KeyOrder is not null)
        .Select((c, i) => (Column: c, Index: i))
        .OrderBy(x => x.Column.KeyOrder)
        .ThenBy(x => x.Index)
        .Select(x => x.Column)
        .ToList();

    /// <summary>Reads the [Table] type, or returns null when it has no [Table].</summary>
    public static ReferencedTable? Read(INamedTypeSymbol type)
    {
        var table = type.GetAttributes().Find(AttributeNames.Table);
        if (table is null) return null;
        var columns = new List<ReferencedColumn>();
        foreach (var property in ColumnProperties.Of(type))
        {
            var attributes = property.GetAttributes();
            var column = attributes.Find(AttributeNames.Column);
            var vector = attributes.Find(AttributeNames.Vector);
            var mapping = ColumnTypeMapper.Map(
                property,
                attributes.Find(AttributeNames.Jsonb) is not null,
                vector is null ? null : vector.ConstructorArguments.FirstOrDefault().Value as int?,
                vector?.NamedBool("HalfPrecision") ?? false,
                column?.NamedInt("Precision") ?? 0,
                column?.NamedInt("Scale") ?? 0,
                out _);
            var key = attributes.Find(AttributeNames.PrimaryKey);
            columns.Add(new ReferencedColumn(property.Name, ColumnProperties.ColumnName(property), mapping?.SqlType, key is null ? null : key.NamedInt("Order")));
        }
        return new ReferencedTable(table.CtorString(0) ?? string.Empty, columns);
    }

    /// <summary>The column named by a property name or a column name, or null.</summary>
    public ReferencedColumn? Find(string name)
        => Columns.FirstOrDefault(c => c.PropertyName == name) ?? Columns.FirstOrDefault(c => c.ColumnName == name);
}

/// <summary>A column of a referenced table; <see cref="SqlType"/> is null when its type has no mapping.</summary>
internal sealed record ReferencedColumn(string PropertyName, string ColumnName, string? SqlType, int? KeyOrder);
