using ElizaGen.Generators.Diagnostics;
using ElizaGen.Schema;

namespace ElizaGen.Generators.Model;

/// <summary>
/// What parsing one [Table] type gives: the spec when the type is usable, and its diagnostics. The type name,
/// table name and attribute location are kept even when the spec is not, for plugin-level checks.
/// </summary>
internal sealed record TableParseResult(
    string TypeName,
    string TableName,
    LocationInfo? Location,
    TableSpec? Spec,
    EquatableArray<DiagnosticInfo> Diagnostics);
