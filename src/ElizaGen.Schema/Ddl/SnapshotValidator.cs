using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using ElizaGen.Schema.Naming;
using ElizaGen.Schema.Snapshots;
using ElizaGen.Schema.Sql;

namespace ElizaGen.Schema.Ddl;

/// <summary>
/// Refuses snapshots that cannot become valid DDL, before any SQL is written, with a message that names the
/// table and the fix. Checks what PostgreSQL would otherwise reject halfway through a migration.
/// </summary>
internal static class SnapshotValidator
{
    public static void Validate(SchemaSnapshot snapshot)
    {
        foreach (var schema in snapshot.Schemas) CheckName(schema, "Schema");
        foreach (var e in snapshot.Enums)
        {
            ValidateEnum(e);
            if (snapshot.FindTable(e.Schema, e.Name) is not null)
            {
                throw new SchemaDefinitionException($"Enum \"{e.Schema}.{e.Name}\" has the name of a table of the same schema: PostgreSQL gives every table a type of its own name, so the two collide. Rename the enum ([PgEnum(\"...\")]) or the table.");
            }
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var table in snapshot.Tables)
        {
            if (!seen.Add(table.Schema + "\u0001" + table.Name))
            {
                throw new SchemaDefinitionException($"Table \"{table.Schema}.{table.Name}\" is declared twice: give each table its own name.");
            }
            ValidateTable(table, snapshot);
        }
    }

    private static void ValidateEnum(EnumSnapshot e)
    {
        CheckName(e.Schema, "Schema");
        CheckName(e.Name, "Enum");
        var labels = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in e.Values)
        {
            if (string.IsNullOrEmpty(value) || Encoding.UTF8.GetByteCount(value) > Identifier.MaxBytes || value.IndexOf('\0') >= 0)
            {
                throw new SchemaDefinitionException($"Enum \"{e.Schema}.{e.Name}\": the value \"{value}\" must be 1 to 63 bytes long without NUL characters.");
            }
            if (!labels.Add(value))
            {
                throw new SchemaDefinitionException($"Enum \"{e.Schema}.{e.Name}\": the value \"{value}\" is listed twice: list each value once.");
            }
        }
    }

    private static void ValidateTable(TableSnapshot table, SchemaSnapshot snapshot)
    {
        var where = $"Table \"{table.Schema}.{table.Name}\"";
        CheckName(table.Schema, "Schema");
        CheckName(table.Name, "Table");
        var columns = new HashSet<string>(StringComparer.Ordinal);
        foreach (var column in table.Columns)
        {
            CheckName(column.Name, where + ": column");
            if (!columns.Add(column.Name))
            {
                throw new SchemaDefinitionException($"{where}: column \"{column.Name}\" is declared twice: give each column its own name.");
            }
            var type = ColumnType.Of(table, column, snapshot);
            var at = $"{where}, column \"{column.Name}\"";
            if (column.Default is not null && column.Generated is not null)
            {
                throw new SchemaDefinitionException($"{at} has both a default and a generated expression: keep one of them.");
            }
            if (type.Parsed.IsSerial && (column.Default is not null || column.Generated is not null))
            {
                throw new SchemaDefinitionException($"{at} is {column.Type}, whose default is its sequence: remove the default or generated expression, or use a plain integer type.");
            }
            if (column.Default is not null && column.Default.Trim().Length == 0)
            {
                throw new SchemaDefinitionException($"{at} has an empty default: give an SQL expression (for a text value, a quoted literal such as '').");
            }
            if (column.Generated is not null && string.IsNullOrWhiteSpace(column.Generated.As))
            {
                throw new SchemaDefinitionException($"{at} has an empty generated expression: give the SQL expression it is computed from.");
            }
            CheckExpression(column.Default, $"{at}: the default");
            CheckExpression(column.Generated?.As, $"{at}: the generated expression");
        }

        if (table.CompositePrimaryKeys.Count > 1)
        {
            throw new SchemaDefinitionException($"{where} declares {table.CompositePrimaryKeys.Count} primary keys: a table has at most one; list all its columns in one key.");
        }
        var primaryKey = DdlStatements.PrimaryKey(table);
        if (primaryKey is not null) CheckColumns(where, "primary key \"" + primaryKey.Name + "\"", primaryKey.Columns, columns);

        foreach (var unique in table.UniqueConstraints)
        {
            CheckName(unique.Name, where + ": unique constraint");
            CheckColumns(where, "unique constraint \"" + unique.Name + "\"", unique.Columns, columns);
        }
        foreach (var check in table.CheckConstraints)
        {
            CheckName(check.Name, where + ": check constraint");
            if (string.IsNullOrWhiteSpace(check.Value))
            {
                throw new SchemaDefinitionException($"{where}: check constraint \"{check.Name}\" has no expression: give the boolean SQL expression it checks.");
            }
            CheckExpression(check.Value, $"{where}: check constraint \"{check.Name}\"");
        }
        foreach (var fk in table.ForeignKeys) ValidateForeignKey(where, table, fk, columns, snapshot);
        foreach (var index in table.Indexes) ValidateIndex(where, index, columns);
    }

    private static void ValidateForeignKey(string where, TableSnapshot table, ForeignKeySnapshot fk, HashSet<string> columns, SchemaSnapshot snapshot)
    {
        CheckName(fk.Name, where + ": foreign key");
        var what = "foreign key \"" + fk.Name + "\"";
        CheckColumns(where, what, fk.ColumnsFrom, columns);
        CheckName(fk.SchemaTo, $"{where}: {what}: referenced schema");
        CheckName(fk.TableTo, $"{where}: {what}: referenced table");
        if (fk.ColumnsTo.Count != fk.ColumnsFrom.Count)
        {
            throw new SchemaDefinitionException($"{where}: {what} has {fk.ColumnsFrom.Count} column(s) but references {fk.ColumnsTo.Count}: list as many referenced columns as referencing ones.");
        }
        var target = snapshot.FindTable(fk.SchemaTo, fk.TableTo);
        if (target is not null)
        {
            var targetColumns = new HashSet<string>(target.Columns.Select(c => c.Name), StringComparer.Ordinal);
            foreach (var c in fk.ColumnsTo)
            {
                if (!targetColumns.Contains(c))
                {
                    throw new SchemaDefinitionException($"{where}: {what} references column \"{c}\", which table \"{target.Schema}.{target.Name}\" does not have: reference one of its columns.");
                }
            }
        }
        try
        {
            DdlStatements.ReferentialAction(fk.OnDelete);
            DdlStatements.ReferentialAction(fk.OnUpdate);
        }
        catch (SchemaDefinitionException e)
        {
            throw new SchemaDefinitionException($"{where}: {what}: {e.Message}", e);
        }
    }

    private static void ValidateIndex(string where, IndexSnapshot index, HashSet<string> columns)
    {
        CheckName(index.Name, where + ": index");
        var what = "index \"" + index.Name + "\"";
        if (index.Columns.IsEmpty)
        {
            throw new SchemaDefinitionException($"{where}: {what} has no key: list at least one column or expression.");
        }
        foreach (var part in index.Columns)
        {
            if (string.IsNullOrWhiteSpace(part.Expression))
            {
                throw new SchemaDefinitionException($"{where}: {what} has an empty key part: give a column name or an SQL expression.");
            }
            if (part.IsExpression) CheckExpression(part.Expression, $"{where}: {what}: the key expression");
            if (!part.IsExpression && !columns.Contains(part.Expression))
            {
                throw new SchemaDefinitionException($"{where}: {what} uses column \"{part.Expression}\", which the table does not have: index one of its columns, or mark the key part as an expression.");
            }
            var nulls = part.Nulls?.Trim().ToLowerInvariant();
            if (nulls is not null && nulls != "first" && nulls != "last")
            {
                throw new SchemaDefinitionException($"{where}: {what}: nulls \"{part.Nulls}\" must be first or last.");
            }
            if (part.Opclass is not null && (part.Opclass.Trim().Length == 0 || part.Opclass.Split('.').Any(p => p.Trim().Length == 0)))
            {
                throw new SchemaDefinitionException($"{where}: {what}: the operator class \"{part.Opclass}\" is not a name: give one such as vector_cosine_ops, or none.");
            }
        }
        CheckExpression(index.Where, $"{where}: {what}: the WHERE predicate");
        try
        {
            DdlStatements.IndexMethod(index.Method);
        }
        catch (SchemaDefinitionException e)
        {
            throw new SchemaDefinitionException($"{where}: {what}: {e.Message}", e);
        }
        foreach (var parameter in index.With)
        {
            if (!DdlStatements.IsPlainName(parameter.Name.ToLowerInvariant()))
            {
                throw new SchemaDefinitionException($"{where}: {what}: the storage parameter \"{parameter.Name}\" is not a plain name such as m or ef_construction.");
            }
        }
    }

    private static void CheckColumns(string where, string what, EquatableArray<string> keyColumns, HashSet<string> columns)
    {
        if (keyColumns.IsEmpty)
        {
            throw new SchemaDefinitionException($"{where}: {what} lists no columns: list the columns it covers.");
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in keyColumns)
        {
            if (!columns.Contains(c))
            {
                throw new SchemaDefinitionException($"{where}: {what} uses column \"{c}\", which the table does not have: use one of its columns.");
            }
            if (!seen.Add(c))
            {
                throw new SchemaDefinitionException($"{where}: {what} lists column \"{c}\" twice: list each column once.");
            }
        }
    }

    /// <summary>An expression is placed in the DDL as written: it must stay one expression (see <see cref="SqlExpression.TryValidate"/>).</summary>
    private static void CheckExpression(string? expression, string what)
    {
        if (expression is null || SqlExpression.TryValidate(expression, out var error)) return;
        throw new SchemaDefinitionException($"{what} ({expression.Replace("\0", "\\0")}) {error}.");
    }

    private static void CheckName(string name, string what)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw new SchemaDefinitionException($"{what} has an empty name: give it a name.");
        }
        if (name.IndexOf('\0') >= 0)
        {
            throw new SchemaDefinitionException($"{what} \"{name.Replace("\0", "\\0")}\" holds a NUL character: remove it from the name.");
        }
    }
}
