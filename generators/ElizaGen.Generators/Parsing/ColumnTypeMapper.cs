using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ElizaGen.Generators.Model;
using ElizaGen.Schema;
using ElizaGen.Schema.Naming;
using Microsoft.CodeAnalysis;

namespace ElizaGen.Generators.Parsing;

/// <summary>What the type map says about one property (DESIGN §3): its SQL type and how values travel.</summary>
internal sealed record TypeMapping(
    ValueKind Kind,
    string SqlType,
    string ClrType,
    string ElementClrType,
    bool IsValueType,
    bool IsNullable,
    int VectorDimensions,
    string? EnumTypeName,
    EquatableArray<EnumMemberSpec> EnumMembers);

/// <summary>Why a property could not be mapped.</summary>
internal enum TypeMappingError
{
    None,
    Unsupported,
    VectorWithoutAttribute,
    VectorAttributeOnOtherType,
    HalfPrecisionOnVector,
}

/// <summary>The one table from CLR types to PostgreSQL column types.</summary>
internal static class ColumnTypeMapper
{
    public static readonly SymbolDisplayFormat FullyQualified = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    private static readonly SymbolDisplayFormat FullyQualifiedNoNullable = SymbolDisplayFormat.FullyQualifiedFormat
        .RemoveMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary>Maps a property type.</summary>
    /// <param name="property">The property.</param>
    /// <param name="jsonb">True with [Jsonb].</param>
    /// <param name="vectorDimensions">The [Vector] dimensions, or null without the attribute.</param>
    /// <param name="vectorHalf">[Vector(HalfPrecision = true)].</param>
    /// <param name="precision">[Column(Precision)] (0: none).</param>
    /// <param name="scale">[Column(Scale)].</param>
    /// <param name="error">Why it failed, when the result is null.</param>
    public static TypeMapping? Map(IPropertySymbol property, bool jsonb, int? vectorDimensions, bool vectorHalf, int precision, int scale, out TypeMappingError error)
    {
        error = TypeMappingError.None;
        var type = property.Type;
        var clrType = type.ToDisplayString(FullyQualified);
        var isNullable = false;
        var element = type;
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            isNullable = true;
            element = nullable.TypeArguments[0];
        }
        else if (type.IsReferenceType)
        {
            isNullable = property.NullableAnnotation != NullableAnnotation.NotAnnotated;
            if (isNullable && !clrType.EndsWith("?", System.StringComparison.Ordinal)) clrType += "?";
        }

        var elementClr = element.ToDisplayString(FullyQualifiedNoNullable);
        TypeMapping Make(ValueKind kind, string sql) => new(kind, sql, clrType, elementClr, element.IsValueType, isNullable, 0, null, default);

        var metadataName = element is INamedTypeSymbol named ? named.ToDisplayString(FullyQualifiedNoNullable).Replace("global::", string.Empty) : element.ToDisplayString();
        var isVectorType = metadataName is AttributeNames.PgvectorVector or AttributeNames.PgvectorHalfVector;

        if (vectorDimensions is { } dims)
        {
            if (!isVectorType)
            {
                error = TypeMappingError.VectorAttributeOnOtherType;
                return null;
            }
            var half = metadataName == AttributeNames.PgvectorHalfVector;
            if (vectorHalf && !half)
            {
                error = TypeMappingError.HalfPrecisionOnVector;
                return null;
            }
            var sql = (half ? "halfvec(" : "vector(") + dims.ToString(CultureInfo.InvariantCulture) + ")";
            return new TypeMapping(half ? ValueKind.HalfVector : ValueKind.Vector, sql, clrType, elementClr, element.IsValueType, isNullable, dims, null, default);
        }
        if (isVectorType)
        {
            error = TypeMappingError.VectorWithoutAttribute;
            return null;
        }

        if (jsonb)
        {
            if (element.SpecialType == SpecialType.System_String) return Make(ValueKind.JsonString, "jsonb");
            if (metadataName == AttributeNames.JsonElement) return Make(ValueKind.JsonElement, "jsonb");
            if (metadataName == AttributeNames.JsonDocument) return Make(ValueKind.JsonDocument, "jsonb");
            return Make(ValueKind.JsonTyped, "jsonb");
        }

        switch (element.SpecialType)
        {
            case SpecialType.System_String: return Make(ValueKind.String, "text");
            case SpecialType.System_Int32: return Make(ValueKind.Int32, "integer");
            case SpecialType.System_Int64: return Make(ValueKind.Int64, "bigint");
            case SpecialType.System_Int16: return Make(ValueKind.Int16, "smallint");
            case SpecialType.System_Boolean: return Make(ValueKind.Boolean, "boolean");
            case SpecialType.System_Single: return Make(ValueKind.Single, "real");
            case SpecialType.System_Double: return Make(ValueKind.Double, "double precision");
            case SpecialType.System_Decimal:
                return Make(ValueKind.Decimal, precision > 0
                    ? "numeric(" + precision.ToString(CultureInfo.InvariantCulture) + ", " + scale.ToString(CultureInfo.InvariantCulture) + ")"
                    : "numeric");
            case SpecialType.System_DateTime: return Make(ValueKind.DateTime, "timestamp");
        }

        switch (metadataName)
        {
            case "System.Guid": return Make(ValueKind.Guid, "uuid");
            case "System.DateTimeOffset": return Make(ValueKind.DateTimeOffset, "timestamp with time zone");
        }

        if (element is IArrayTypeSymbol { Rank: 1 } array)
        {
            if (array.ElementType.SpecialType == SpecialType.System_Byte) return Make(ValueKind.ByteArray, "bytea");
            if (array.ElementType.SpecialType == SpecialType.System_String) return Make(ValueKind.StringArray, "text[]");
        }

        if (element is INamedTypeSymbol { TypeKind: TypeKind.Enum } enumType)
        {
            var pgEnum = enumType.GetAttributes().Find(AttributeNames.PgEnum);
            var seenValues = new HashSet<object?>();
            var members = enumType.GetMembers().OfType<IFieldSymbol>()
                .Where(f => f.IsConst && f.HasConstantValue)
                .Select(f => new EnumMemberSpec(
                    f.Name,
                    f.GetAttributes().Find(AttributeNames.PgLabel)?.CtorString(0) ?? (pgEnum is null ? f.Name : SnakeCase.From(f.Name)),
                    IsAlias: !seenValues.Add(f.ConstantValue)))
                // A member with the value of an earlier one (an alias) is stored as that one.
                .Where(m => !m.IsAlias)
                .ToEquatableArray();
            if (pgEnum is null)
            {
                return new TypeMapping(ValueKind.EnumText, "text", clrType, elementClr, true, isNullable, 0, null, members);
            }
            var typeName = pgEnum.CtorString(0) ?? SnakeCase.From(enumType.Name);
            return new TypeMapping(ValueKind.PgEnum, typeName, clrType, elementClr, true, isNullable, 0, typeName, members);
        }

        error = TypeMappingError.Unsupported;
        return null;
    }
}
