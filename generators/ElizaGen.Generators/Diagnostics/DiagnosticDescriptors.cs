using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace ElizaGen.Generators.Diagnostics;

/// <summary>
/// Every diagnostic the generator reports, in one place. Each message says what is wrong and what to do; the help
/// link points at the README's diagnostics table (kept in docs/diagnostics.md).
/// </summary>
internal static class DiagnosticDescriptors
{
    public const string HelpLink = "https://github.com/elizagen/elizagen#diagnostics";
    private const string Category = "ElizaGen";

    public static readonly DiagnosticDescriptor MissingPrimaryKey = Error(
        "EG0001", "Table without a primary key",
        "Table '{0}' ({1}) has no primary key: mark its key property with [PrimaryKey] (several for a composite key)");

    public static readonly DiagnosticDescriptor UnsupportedType = Error(
        "EG0002", "Unsupported column type",
        "Property '{0}' has type '{1}', which has no PostgreSQL column type: use a mapped type (Guid, string, int, long, short, bool, float, double, decimal, DateTimeOffset, DateTime, byte[], string[], an enum, Pgvector.Vector) or store it as jsonb with [Jsonb]");

    public static readonly DiagnosticDescriptor InvalidIdentifier = Error(
        "EG0003", "Invalid SQL identifier",
        "Invalid {0} name: {1}");

    public static readonly DiagnosticDescriptor DuplicateTableName = Error(
        "EG0004", "Duplicate table name",
        "Table name '{0}' is already used by '{1}': give each [Table] type its own table name");

    public static readonly DiagnosticDescriptor DuplicateColumnName = Error(
        "EG0005", "Duplicate column name",
        "Column name '{0}' of property '{1}' is already used by property '{2}': give one of them another name with [Column(\"...\")]");

    public static readonly DiagnosticDescriptor VectorDimensionsOutOfRange = Error(
        "EG0006", "Vector dimensions out of range",
        "[Vector({0})] on '{1}': a {2} column has 1 to {3} dimensions; give a number in that range");

    public static readonly DiagnosticDescriptor VectorIndexNeedsHalfPrecision = Error(
        "EG0007", "Vector index over 2000 dimensions without half precision",
        "[VectorIndex] on '{0}' ({1} dimensions): HNSW indexes vector columns of at most 2000 dimensions; set [VectorIndex(..., HalfPrecision = true)] to index it as halfvec, or store it as halfvec with [Vector({1}, HalfPrecision = true)]");

    public static readonly DiagnosticDescriptor VectorIndexTooWide = Error(
        "EG0008", "Vector index over 4000 dimensions",
        "[VectorIndex] on '{0}' ({1} dimensions): HNSW indexes at most 4000 dimensions even as halfvec; remove the index or reduce the dimensions");

    public static readonly DiagnosticDescriptor UnknownColumn = Error(
        "EG0009", "Unknown column",
        "[{0}] on '{1}' names '{2}', which is not a column of table '{3}': use a property name (nameof(...)) or a column name of this table");

    public static readonly DiagnosticDescriptor ReferenceNotATable = Error(
        "EG0010", "Reference to a type that is not a table",
        "[References] on '{0}' names type '{1}', which has no [Table]: reference a [Table] type, or give the table by name with Column set");

    public static readonly DiagnosticDescriptor ReferenceTypeMismatch = Error(
        "EG0011", "Foreign key type mismatch",
        "'{0}' is {1} but references {2}, which is {3}: give the property the referenced column's type");

    public static readonly DiagnosticDescriptor TableWithoutPlugin = Error(
        "EG0012", "Table outside a plugin",
        "'{0}' has [Table] but its assembly declares no plugin: add [assembly: ElizaPlugin(\"@your-org/plugin-name\")]");

    public static readonly DiagnosticDescriptor MultiplePlugins = Error(
        "EG0013", "More than one plugin in an assembly",
        "The assembly already declares plugin '{0}'; one assembly is one plugin: remove this [assembly: ElizaPlugin(\"{1}\")] or move its tables to their own project");

    public static readonly DiagnosticDescriptor ReservedSchemaName = Error(
        "EG0014", "Reserved schema name",
        "{0}");

    public static readonly DiagnosticDescriptor MustBePartial = Error(
        "EG0015", "Type must be partial",
        "'{0}' must be declared {1}: the generator adds {2} to it");

    public static readonly DiagnosticDescriptor EmptyExpression = Error(
        "EG0016", "Empty SQL expression",
        "[{0}] on '{1}' has no SQL expression: {2}");

    public static readonly DiagnosticDescriptor JsonbWithoutContext = Error(
        "EG0017", "jsonb column without a JSON context",
        "'{0}' stores '{1}' as jsonb, but the plugin has no JSON context: declare [JsonSerializable(typeof({1}))] on a JsonSerializerContext and set [assembly: ElizaPlugin(..., JsonContext = typeof(ThatContext))], or use string or JsonElement");

    public static readonly DiagnosticDescriptor ExpressionIndexWithoutName = Error(
        "EG0018", "Expression index without a name",
        "An expression index on '{0}' needs a name: add Name = \"...\" to the [Index]");

    public static readonly DiagnosticDescriptor CannotConstruct = Error(
        "EG0019", "Table type cannot be built from a row",
        "'{0}' cannot be built from a row: {1}; give it a constructor whose parameters are its columns (a positional record), or make the property settable (init or set)");

    public static readonly DiagnosticDescriptor TableTypeShape = Error(
        "EG0020", "Table type must be top-level and non-generic",
        "[Table] type '{0}' is {1}: declare it as a non-generic class or record directly in a namespace");

    public static readonly DiagnosticDescriptor ReservedMemberName = Error(
        "EG0021", "Member name reserved by the generator",
        "'{0}' declares a member named '{1}', which the generator adds to [Table] types: rename the member (its column name can stay the same with [Column(\"...\")])");

    public static readonly DiagnosticDescriptor VectorAttributeMismatch = Error(
        "EG0022", "Vector attribute and property type disagree",
        "'{0}': {1}");

    public static readonly DiagnosticDescriptor InvalidReferenceTarget = Error(
        "EG0023", "Invalid foreign key target",
        "[References] on '{0}': {1}");

    public static readonly DiagnosticDescriptor DuplicateConstraintName = Error(
        "EG0024", "Duplicate index or constraint name",
        "The name '{0}' is already used by another index or constraint of table '{1}': give this one its own Name");

    public static readonly DiagnosticDescriptor InvalidNumericPrecision = Error(
        "EG0025", "Invalid numeric precision",
        "[Column] on '{0}': {1}");

    public static readonly DiagnosticDescriptor MultipleSchemaClasses = Error(
        "EG0026", "More than one [ElizaPluginSchema] class",
        "'{0}' is the plugin's schema class already: keep [ElizaPluginSchema] on one class only");

    public static readonly DiagnosticDescriptor InvalidSchemaDefinition = Error(
        "EG0027", "The schema cannot be written as DDL",
        "The plugin's schema cannot be created: {0}");

    public static readonly DiagnosticDescriptor UnsafeExpression = Error(
        "EG0028", "SQL expression that would not stay one expression",
        "[{0}] on '{1}': the SQL expression {2}");

    public static readonly DiagnosticDescriptor GeneratorFailure = Error(
        "EG9999", "The ElizaGen generator failed",
        "The ElizaGen generator failed unexpectedly while {0}: {1}: {2}; please report it with the declaration that caused it");

    private static readonly Dictionary<string, DiagnosticDescriptor> _byId = typeof(DiagnosticDescriptors)
        .GetFields()
        .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
        .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
        .ToDictionary(d => d.Id);

    public static IEnumerable<DiagnosticDescriptor> All => _byId.Values.OrderBy(d => d.Id, System.StringComparer.Ordinal);

    public static DiagnosticDescriptor ById(string id) => _byId[id];

    private static DiagnosticDescriptor Error(string id, string title, string message)
        => new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink);
}
