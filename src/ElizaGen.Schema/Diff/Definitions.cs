using System;
using System.Linq;
using ElizaGen.Schema.Ddl;
using ElizaGen.Schema.Naming;
using ElizaGen.Schema.Snapshots;
using ElizaGen.Schema.Sql;

namespace ElizaGen.Schema.Diff;

/// <summary>
/// Whether two keys, constraints or indexes mean the same thing, whatever their names and spelling: the
/// differ re-creates only what really changed, and renames what only changed its name.
/// </summary>
internal static class Definitions
{
    /// <summary>The name PostgreSQL stores (cut to 63 bytes): names that differ only beyond it are one object.</summary>
    public static string NameKey(string name) => Identifier.TruncateToMaxBytes(name);

    public static bool SamePrimaryKey(PrimaryKeySnapshot? a, PrimaryKeySnapshot? b)
    {
        if (a is null || b is null) return a is null && b is null;
        return a.Columns == b.Columns;
    }

    public static bool SameUnique(UniqueConstraintSnapshot a, UniqueConstraintSnapshot b) =>
        a.Columns == b.Columns && a.NullsNotDistinct == b.NullsNotDistinct;

    public static bool SameCheck(CheckConstraintSnapshot a, CheckConstraintSnapshot b) => SqlExpression.AreEquivalent(a.Value, b.Value);

    public static bool SameForeignKey(ForeignKeySnapshot a, ForeignKeySnapshot b) =>
        a.ColumnsFrom == b.ColumnsFrom
        && a.SchemaTo == b.SchemaTo
        && a.TableTo == b.TableTo
        && a.ColumnsTo == b.ColumnsTo
        && DdlStatements.ReferentialAction(a.OnDelete) == DdlStatements.ReferentialAction(b.OnDelete)
        && DdlStatements.ReferentialAction(a.OnUpdate) == DdlStatements.ReferentialAction(b.OnUpdate);

    public static bool SameIndex(IndexSnapshot a, IndexSnapshot b)
    {
        if (a.IsUnique != b.IsUnique) return false;
        if (DdlStatements.IndexMethod(a.Method) != DdlStatements.IndexMethod(b.Method)) return false;
        if (!SqlExpression.AreEquivalent(Blank(a.Where), Blank(b.Where))) return false;
        if (a.Columns.Count != b.Columns.Count) return false;
        for (var i = 0; i < a.Columns.Count; i++)
        {
            if (!SameKeyPart(a.Columns[i], b.Columns[i])) return false;
        }
        var withA = a.With.Select(p => p.Name.ToLowerInvariant() + "=" + p.Value.Trim()).OrderBy(x => x, StringComparer.Ordinal);
        var withB = b.With.Select(p => p.Name.ToLowerInvariant() + "=" + p.Value.Trim()).OrderBy(x => x, StringComparer.Ordinal);
        return withA.SequenceEqual(withB, StringComparer.Ordinal);
    }

    private static bool SameKeyPart(IndexColumnSnapshot a, IndexColumnSnapshot b)
    {
        if (a.IsExpression != b.IsExpression || a.Asc != b.Asc) return false;
        if (!string.Equals(Nulls(a), Nulls(b), StringComparison.Ordinal)) return false;
        if (!string.Equals(Blank(a.Opclass)?.ToLowerInvariant(), Blank(b.Opclass)?.ToLowerInvariant(), StringComparison.Ordinal)) return false;
        return a.IsExpression ? SqlExpression.AreEquivalent(a.Expression, b.Expression) : a.Expression == b.Expression;
    }

    private static string Nulls(IndexColumnSnapshot part) => (Blank(part.Nulls) ?? "last").ToLowerInvariant();

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text!.Trim();
}
