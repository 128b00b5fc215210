using System.Collections.Generic;
using System.Linq;
using ElizaGen.Schema.Naming;
using Microsoft.CodeAnalysis;

namespace ElizaGen.Generators.Parsing;

/// <summary>
/// Which properties of a [Table] type are columns, in declaration order: public instance properties with a getter
/// and a setter or <c>init</c> (a positional record's parameters are such properties). Properties of base types
/// are not columns.
/// </summary>
internal static class ColumnProperties
{
    public static IReadOnlyList<IPropertySymbol> Of(INamedTypeSymbol type)
    {
        var members = type.GetMembers();
        return members
            .OfType<IPropertySymbol>()
            .Select((p, i) => (Property: p, Index: i))
            .Where(x => IsColumn(x.Property))
            .OrderBy(x => x.Property.DeclaringSyntaxReferences.FirstOrDefault()?.SyntaxTree.FilePath ?? string.Empty, System.StringComparer.Ordinal)
            .ThenBy(x => x.Property.DeclaringSyntaxReferences.FirstOrDefault()?.Span.Start ?? 0)
            .ThenBy(x => x.Index)
            .Select(x => x.Property)
            .ToList();
    }

    /// <summary>The column name of a property: [Column("name")] or the property name in snake_case.</summary>
    public static string ColumnName(IPropertySymbol property)
        => property.GetAttributes().Find(AttributeNames.Column)?.CtorString(0) ?? SnakeCase.From(property.Name);

    private static bool IsColumn(IPropertySymbol property)
        => !property.IsStatic
            && !property.IsIndexer
            && property.DeclaredAccessibility == Accessibility.Public
            && property.GetMethod is not null
            && property.SetMethod is not null;
}
