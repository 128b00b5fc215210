using System.Linq;
using System.Threading;
using ElizaGen.Generators.Diagnostics;
using ElizaGen.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ElizaGen.Generators.Parsing;

/// <summary>Reads a class marked [ElizaPluginSchema].</summary>
internal static class SchemaClassParser
{
    public static bool IsCandidate(SyntaxNode node, CancellationToken cancellationToken) => node is ClassDeclarationSyntax;

    public static SchemaClassSpec Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var type = (INamedTypeSymbol)context.TargetSymbol;
        var isPartial = type.DeclaringSyntaxReferences
            .Select(r => r.GetSyntax(cancellationToken))
            .OfType<TypeDeclarationSyntax>()
            .Any(d => d.Modifiers.Any(SyntaxKind.PartialKeyword));
        return new SchemaClassSpec(
            type.ContainingNamespace.IsGlobalNamespace ? string.Empty : type.ContainingNamespace.ToDisplayString(),
            type.Name,
            type.DeclaredAccessibility == Accessibility.Public ? "public" : "internal",
            type.IsStatic && isPartial,
            type.ContainingType is null && !type.IsGenericType,
            LocationInfo.From(type.Locations.FirstOrDefault()));
    }
}
