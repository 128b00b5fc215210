using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using ElizaGen.Generators.Diagnostics;
using Microsoft.CodeAnalysis;

namespace ElizaGen.Generators.Parsing;

/// <summary>Small helpers to read attribute data by name (constructor arguments and named properties).</summary>
internal static class AttributeReader
{
    public static bool Is(this AttributeData attribute, string metadataName)
        => attribute.AttributeClass is { } c && c.ToDisplayString() == metadataName;

    public static AttributeData? Find(this ImmutableArray<AttributeData> attributes, string metadataName)
        => attributes.FirstOrDefault(a => a.Is(metadataName));

    public static IEnumerable<AttributeData> All(this ImmutableArray<AttributeData> attributes, string metadataName)
        => attributes.Where(a => a.Is(metadataName));

    public static T? Named<T>(this AttributeData attribute, string name)
    {
        foreach (var pair in attribute.NamedArguments)
        {
            if (pair.Key == name && pair.Value.Value is T value) return value;
        }
        return default;
    }

    public static string? NamedString(this AttributeData attribute, string name)
    {
        foreach (var pair in attribute.NamedArguments)
        {
            if (pair.Key == name) return pair.Value.Value as string;
        }
        return null;
    }

    public static int NamedInt(this AttributeData attribute, string name)
    {
        foreach (var pair in attribute.NamedArguments)
        {
            if (pair.Key == name && pair.Value.Value is int value) return value;
        }
        return 0;
    }

    public static bool NamedBool(this AttributeData attribute, string name)
    {
        foreach (var pair in attribute.NamedArguments)
        {
            if (pair.Key == name && pair.Value.Value is bool value) return value;
        }
        return false;
    }

    /// <summary>A named argument of array type (string[]), or null when it is not set.</summary>
    public static string[]? NamedStrings(this AttributeData attribute, string name)
    {
        foreach (var pair in attribute.NamedArguments)
        {
            if (pair.Key == name && pair.Value.Kind == TypedConstantKind.Array && !pair.Value.IsNull)
            {
                return pair.Value.Values.Select(v => v.Value as string ?? string.Empty).ToArray();
            }
        }
        return null;
    }

    /// <summary>The constructor argument at <paramref name="index"/> as a string, or null.</summary>
    public static string? CtorString(this AttributeData attribute, int index)
        => attribute.ConstructorArguments.Length > index ? attribute.ConstructorArguments[index].Value as string : null;

    /// <summary>A params string[] constructor argument (the only one), or empty.</summary>
    public static string[] CtorStrings(this AttributeData attribute)
    {
        if (attribute.ConstructorArguments.Length == 0) return System.Array.Empty<string>();
        var argument = attribute.ConstructorArguments[0];
        if (argument.Kind != TypedConstantKind.Array || argument.IsNull) return System.Array.Empty<string>();
        return argument.Values.Select(v => v.Value as string ?? string.Empty).ToArray();
    }

    public static LocationInfo? Location(this AttributeData attribute, CancellationToken cancellationToken)
        => LocationInfo.From(attribute.ApplicationSyntaxReference, cancellationToken);
}
