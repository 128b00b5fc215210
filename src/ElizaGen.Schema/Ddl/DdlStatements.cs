using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using ElizaGen.Schema.Snapshots;
using ElizaGen.Schema.Sql;

namespace ElizaGen.Schema.Ddl;

/// <summary>
/// One SQL statement per method, each ending in a semicolon, every name quoted and every value escaped.
/// Shared by <see cref="DdlWriter"/> (a whole schema) and the differ (one change at a time).
/// </summary>
internal static class DdlStatements
{
    private const string Indent = "    ";

    public static string CreateSchema(string schema) => $"CREATE SCHEMA IF NOT EXISTS {Q(schema)};";

    public static string DropSchema(string schema) => $"DROP SCHEMA {Q(schema)};";

    public static string CreateEnum(string schema, string name, IEnumerable<string> values) =>
        $"CREATE TYPE {SqlText.QualifiedName(schema, name)} AS ENUM ({string.Join(", ", values.Select(SqlText.QuoteLiteral))});";

    public static string DropEnum(string schema, string name) => $"DROP TYPE {SqlText.QualifiedName(schema, name)};";

    public static string RenameEnum(string schema, string name, string newName) =>
        $"ALTER TYPE {SqlText.QualifiedName(schema, name)} RENAME TO {Q(newName)};";

    public static string AddEnumValue(string schema, string name, string value, string? before)
    {
        var position = before is null ? "" : " BEFORE " + SqlText.QuoteLiteral(before);
        return $"ALTER TYPE {SqlText.QualifiedName(schema, name)} ADD VALUE {SqlText.QuoteLiteral(value)}{position};";
    }

    public static string CreateTable(TableSnapshot table, SchemaSnapshot snapshot)
    {
        var lines = new List<string>();
        var primaryKey = PrimaryKey(table);
        var keyColumns = new HashSet<string>(primaryKey?.Columns ?? Enumerable.Empty<string>(), StringComparer.Ordinal);
        foreach (var column in table.Columns)
        {
            lines.Add(ColumnDefinition(table, column, snapshot, keyColumns.Contains(column.Name)));
        }
        if (primaryKey is not null) lines.Add(PrimaryKeyClause(primaryKey));
        var later = UniquesAddedAfterCreate(table);
        foreach (var unique in table.UniqueConstraints.Where(u => !later.Contains(u))) lines.Add(UniqueClause(unique));
        foreach (var check in table.CheckConstraints) lines.Add(CheckClause(check));

        var name = SqlText.QualifiedName(table.Schema, table.Name);
        if (lines.Count == 0) return $"CREATE TABLE {name} ();";
        return $"CREATE TABLE {name} (\n{Indent}{string.Join(",\n" + Indent, lines)}\n);";
    }

    /// <summary>
    /// The unique constraints CREATE TABLE would silently leave out: PostgreSQL drops a constraint of the statement
    /// that repeats the primary key or an earlier unique constraint (same columns in the same order, same NULLS NOT
    /// DISTINCT). <c>ALTER TABLE … ADD</c> keeps them, so they are added that way after the table.
    /// </summary>
    public static IReadOnlyList<UniqueConstraintSnapshot> UniquesAddedAfterCreate(TableSnapshot table)
    {
        var seen = new List<(EquatableArray<string> Columns, bool NullsNotDistinct)>();
        if (PrimaryKey(table) is { } key) seen.Add((key.Columns, false));
        var later = new List<UniqueConstraintSnapshot>();
        foreach (var unique in table.UniqueConstraints)
        {
            if (seen.Contains((unique.Columns, unique.NullsNotDistinct))) later.Add(unique);
            else seen.Add((unique.Columns, unique.NullsNotDistinct));
        }
        return later;
    }

    public static string DropTable(string schema, string name) => $"DROP TABLE {SqlText.QualifiedName(schema, name)};";

    public static string RenameTable(string schema, string name, string newName) =>
        $"ALTER TABLE {SqlText.QualifiedName(schema, name)} RENAME TO {Q(newName)};";

    /// <summary><c>"name" type [GENERATED ALWAYS AS (…) STORED] [DEFAULT …] [NOT NULL]</c>.</summary>
    public static string ColumnDefinition(TableSnapshot table, ColumnSnapshot column, SchemaSnapshot snapshot, bool inPrimaryKey)
    {
        var type = ColumnType.Of(table, column, snapshot);
        var sb = new StringBuilder();
        sb.Append(Q(column.Name)).Append(' ').Append(type.Sql);
        if (column.Generated is not null) sb.Append(" GENERATED ALWAYS AS (").Append(column.Generated.As.Trim()).Append(") STORED");
        if (column.Default is not null) sb.Append(" DEFAULT ").Append(column.Default.Trim());
        if (column.NotNull || inPrimaryKey || type.Parsed.IsSerial) sb.Append(" NOT NULL");
        return sb.ToString();
    }

    public static string AddColumn(TableSnapshot table, ColumnSnapshot column, SchemaSnapshot snapshot, bool inPrimaryKey) =>
        $"{AlterTable(table)} ADD COLUMN {ColumnDefinition(table, column, snapshot, inPrimaryKey)};";

    public static string DropColumn(TableSnapshot table, string column) => $"{AlterTable(table)} DROP COLUMN {Q(column)};";

    public static string RenameColumn(TableSnapshot table, string column, string newName) =>
        $"{AlterTable(table)} RENAME COLUMN {Q(column)} TO {Q(newName)};";

    public static string AlterColumnType(TableSnapshot table, string column, string type, string? usingExpression)
    {
        var usingClause = usingExpression is null ? "" : " USING " + usingExpression;
        return $"{AlterColumn(table, column)} SET DATA TYPE {type}{usingClause};";
    }

    public static string SetDefault(TableSnapshot table, string column, string expression) =>
        $"{AlterColumn(table, column)} SET DEFAULT {expression.Trim()};";

    public static string DropDefault(TableSnapshot table, string column) => $"{AlterColumn(table, column)} DROP DEFAULT;";

    public static string SetNotNull(TableSnapshot table, string column) => $"{AlterColumn(table, column)} SET NOT NULL;";

    public static string DropNotNull(TableSnapshot table, string column) => $"{AlterColumn(table, column)} DROP NOT NULL;";

    public static string DropExpression(TableSnapshot table, string column) => $"{AlterColumn(table, column)} DROP EXPRESSION;";

    /// <summary>Gives rows where the column is NULL its (already set) default.</summary>
    public static string FillNulls(TableSnapshot table, string column) =>
        $"UPDATE {SqlText.QualifiedName(table.Schema, table.Name)} SET {Q(column)} = DEFAULT WHERE {Q(column)} IS NULL;";

    public static string AddPrimaryKey(TableSnapshot table, PrimaryKeySnapshot key) => $"{AlterTable(table)} ADD {PrimaryKeyClause(key)};";

    public static string AddUnique(TableSnapshot table, UniqueConstraintSnapshot unique) => $"{AlterTable(table)} ADD {UniqueClause(unique)};";

    public static string AddCheck(TableSnapshot table, CheckConstraintSnapshot check) => $"{AlterTable(table)} ADD {CheckClause(check)};";

    public static string AddForeignKey(TableSnapshot table, ForeignKeySnapshot fk) =>
        $"{AlterTable(table)} ADD CONSTRAINT {Q(fk.Name)} FOREIGN KEY ({Columns(fk.ColumnsFrom)}) " +
        $"REFERENCES {SqlText.QualifiedName(fk.SchemaTo, fk.TableTo)} ({Columns(fk.ColumnsTo)}) " +
        $"ON DELETE {ReferentialAction(fk.OnDelete)} ON UPDATE {ReferentialAction(fk.OnUpdate)};";

    public static string DropConstraint(TableSnapshot table, string name) => $"{AlterTable(table)} DROP CONSTRAINT {Q(name)};";

    public static string RenameConstraint(TableSnapshot table, string name, string newName) =>
        $"{AlterTable(table)} RENAME CONSTRAINT {Q(name)} TO {Q(newName)};";

    public static string CreateIndex(TableSnapshot table, IndexSnapshot index)
    {
        var sb = new StringBuilder("CREATE ");
        if (index.IsUnique) sb.Append("UNIQUE ");
        sb.Append("INDEX ").Append(Q(index.Name))
            .Append(" ON ").Append(SqlText.QualifiedName(table.Schema, table.Name))
            .Append(" USING ").Append(Q(IndexMethod(index.Method)))
            .Append(" (").Append(string.Join(", ", index.Columns.Select(IndexKeyPart))).Append(')');
        if (!index.With.IsEmpty)
        {
            sb.Append(" WITH (").Append(string.Join(", ", index.With.Select(p => p.Name.ToLowerInvariant() + " = " + ParameterValue(p.Value)))).Append(')');
        }
        if (!string.IsNullOrWhiteSpace(index.Where)) sb.Append(" WHERE ").Append(index.Where!.Trim());
        return sb.Append(';').ToString();
    }

    public static string DropIndex(string schema, string name) => $"DROP INDEX {SqlText.QualifiedName(schema, name)};";

    public static string RenameIndex(string schema, string name, string newName) =>
        $"ALTER INDEX {SqlText.QualifiedName(schema, name)} RENAME TO {Q(newName)};";

    /// <summary>
    /// The table's primary key with its constraint name: the declared table constraint, or the flagged
    /// columns under PostgreSQL's own name for them (<c>&lt;table&gt;_pkey</c>); null when there is none.
    /// </summary>
    public static PrimaryKeySnapshot? PrimaryKey(TableSnapshot table)
    {
        if (!table.CompositePrimaryKeys.IsEmpty) return table.CompositePrimaryKeys[0];
        var flagged = table.Columns.Where(c => c.PrimaryKey).Select(c => c.Name).ToEquatableArray();
        return flagged.IsEmpty ? null : new PrimaryKeySnapshot(SqlText.ImplicitObjectName(table.Name, null, "pkey"), flagged);
    }

    /// <summary>The access method in lower case; only a plain name is accepted.</summary>
    public static string IndexMethod(string method)
    {
        var lower = (method ?? "").Trim().ToLowerInvariant();
        if (lower.Length == 0) return "btree";
        if (!IsPlainName(lower))
        {
            throw new SchemaDefinitionException($"Index method \"{method}\" is not a plain name: use btree, hash, gin, gist, brin, hnsw or ivfflat.");
        }
        return lower;
    }

    /// <summary>The referential action in upper case; throws for an unknown one.</summary>
    public static string ReferentialAction(string action)
    {
        var lower = (action ?? "").Trim().ToLowerInvariant();
        switch (lower)
        {
            case "":
            case "no action":
                return "NO ACTION";
            case "restrict":
            case "cascade":
            case "set null":
            case "set default":
                return lower.ToUpperInvariant();
            default:
                throw new SchemaDefinitionException($"\"{action}\" is not a referential action: use no action, restrict, cascade, set null or set default.");
        }
    }

    /// <summary>True for a lower-case name of letters, digits and underscores.</summary>
    public static bool IsPlainName(string name)
    {
        if (name.Length == 0 || !((name[0] >= 'a' && name[0] <= 'z') || name[0] == '_')) return false;
        return name.All(c => (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_');
    }

    private static string PrimaryKeyClause(PrimaryKeySnapshot key) => $"CONSTRAINT {Q(key.Name)} PRIMARY KEY ({Columns(key.Columns)})";

    private static string UniqueClause(UniqueConstraintSnapshot unique) =>
        $"CONSTRAINT {Q(unique.Name)} UNIQUE{(unique.NullsNotDistinct ? " NULLS NOT DISTINCT" : "")} ({Columns(unique.Columns)})";

    private static string CheckClause(CheckConstraintSnapshot check) => $"CONSTRAINT {Q(check.Name)} CHECK ({check.Value.Trim()})";

    private static string IndexKeyPart(IndexColumnSnapshot part)
    {
        var sb = new StringBuilder();
        sb.Append(part.IsExpression ? "(" + part.Expression.Trim() + ")" : Q(part.Expression));
        if (!string.IsNullOrWhiteSpace(part.Opclass))
        {
            sb.Append(' ').Append(string.Join(".", part.Opclass!.Trim().Split('.').Select(Q)));
        }
        if (!part.Asc) sb.Append(" DESC");
        var nullsFirst = string.Equals(part.Nulls?.Trim(), "first", StringComparison.OrdinalIgnoreCase);
        if (part.Asc && nullsFirst) sb.Append(" NULLS FIRST");
        if (!part.Asc && !nullsFirst) sb.Append(" NULLS LAST");
        return sb.ToString();
    }

    private static string ParameterValue(string value)
    {
        var text = value.Trim();
        if (text.Length > 0 && (IsPlainName(text.ToLowerInvariant()) || IsNumber(text))) return text;
        if (text.Length >= 2 && text[0] == '\'' && text[text.Length - 1] == '\'' && text.Substring(1, text.Length - 2).Replace("''", "").IndexOf('\'') < 0)
        {
            return text;
        }
        return SqlText.QuoteLiteral(text);
    }

    private static bool IsNumber(string text)
    {
        var digits = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c >= '0' && c <= '9') digits++;
            else if (!(c == '.' || (c == '-' && i == 0))) return false;
        }
        return digits > 0;
    }

    private static string AlterTable(TableSnapshot table) => "ALTER TABLE " + SqlText.QualifiedName(table.Schema, table.Name);

    private static string AlterColumn(TableSnapshot table, string column) => AlterTable(table) + " ALTER COLUMN " + Q(column);

    private static string Columns(IEnumerable<string> columns) => string.Join(", ", columns.Select(Q));

    private static string Q(string identifier) => SqlText.QuoteIdentifier(identifier);
}
