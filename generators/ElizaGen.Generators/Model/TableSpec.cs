using ElizaGen.Generators.Diagnostics;
using ElizaGen.Schema;

namespace ElizaGen.Generators.Model;

/// <summary>
/// One [Table] type as the parser understood it: plain equatable values only (no symbols, syntax or compilation),
/// so that the pipeline can cache it. Column names are resolved; the plugin's schema is not known here.
/// </summary>
internal sealed record TableSpec(
    string Namespace,
    string TypeName,
    string FullTypeName,
    string Accessibility,
    string DeclarationKeyword,
    string TableName,
    string? RenamedFrom,
    EquatableArray<ColumnSpec> Columns,
    EquatableArray<string> PrimaryKey,
    EquatableArray<IndexSpec> Indexes,
    EquatableArray<UniqueSpec> Uniques,
    EquatableArray<CheckSpec> Checks,
    EquatableArray<ForeignKeySpec> ForeignKeys,
    EquatableArray<EnumTypeSpec> Enums,
    ConstructionSpec Construction,
    LocationInfo? Location);

/// <summary>A column: its property, SQL name and type, and how its values are read and written.</summary>
internal sealed record ColumnSpec(
    string PropertyName,
    string ColumnName,
    string SqlType,
    ValueKind Kind,
    string ClrType,
    string ElementClrType,
    bool IsValueType,
    bool IsNullable,
    bool NotNull,
    string? Default,
    int VectorDimensions,
    VectorIndexSpec? VectorIndex,
    string? EnumTypeName,
    EquatableArray<EnumMemberSpec> EnumMembers,
    string? RenamedFrom,
    LocationInfo? Location);

/// <summary>
/// An enum member and the text stored for it (PostgreSQL label, or member name for text enums). An alias has the
/// value of an earlier member: it reads its own label but writes the earlier member's.
/// </summary>
internal sealed record EnumMemberSpec(string MemberName, string Label, bool IsAlias);

/// <summary>A PostgreSQL enum type the table's columns use (created in the plugin's schema).</summary>
internal sealed record EnumTypeSpec(string Name, EquatableArray<string> Labels, string ClrType);

/// <summary>An HNSW index on a vector column.</summary>
internal sealed record VectorIndexSpec(string Name, VectorMetricKind Metric, int M, int EfConstruction, bool HalfPrecision);

internal enum VectorMetricKind
{
    Cosine,
    L2,
    InnerProduct,
}

/// <summary>One key part of an index: a column name or a SQL expression.</summary>
internal sealed record IndexPartSpec(string Text, bool IsExpression);

/// <summary>An index over columns or expressions (vector indexes are on their columns).</summary>
internal sealed record IndexSpec(string Name, EquatableArray<IndexPartSpec> Parts, bool IsUnique, string Method, string? Where, bool Descending);

/// <summary>A unique constraint.</summary>
internal sealed record UniqueSpec(string Name, EquatableArray<string> Columns, bool NullsNotDistinct);

/// <summary>A check constraint.</summary>
internal sealed record CheckSpec(string Name, string Expression);

/// <summary>
/// A foreign key from one column. <see cref="TargetSchema"/> is null when the target table belongs to the same
/// plugin (its schema is the plugin's, known later); <see cref="TargetPlugin"/> names another plugin.
/// </summary>
internal sealed record ForeignKeySpec(
    string Name,
    string Column,
    string? TargetSchema,
    string? TargetPlugin,
    string TargetTable,
    string TargetColumn,
    string OnDelete,
    string OnUpdate);

/// <summary>How the repository builds an instance: constructor arguments, then initializer assignments (property names).</summary>
internal sealed record ConstructionSpec(EquatableArray<string> ConstructorArguments, EquatableArray<string> Initializers);
