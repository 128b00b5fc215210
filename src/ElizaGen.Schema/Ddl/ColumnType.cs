using System;
using ElizaGen.Schema.Snapshots;
using ElizaGen.Schema.Sql;

namespace ElizaGen.Schema.Ddl;

/// <summary>A column's type resolved for DDL: a built-in or extension type as declared, or a qualified enum.</summary>
internal sealed class ColumnType
{
    private ColumnType(string sql, SqlType parsed, string? enumSchema, string? enumName)
    {
        Sql = sql;
        Parsed = parsed;
        EnumSchema = enumSchema;
        EnumName = enumName;
    }

    /// <summary>The type as written in DDL (<c>timestamp with time zone</c>, <c>"public"."status"[]</c>).</summary>
    public string Sql { get; }

    /// <summary>The parsed type, for comparisons.</summary>
    public SqlType Parsed { get; }

    /// <summary>For an enum column, the enum's schema.</summary>
    public string? EnumSchema { get; }

    /// <summary>For an enum column, the enum's name.</summary>
    public string? EnumName { get; }

    /// <summary>True for a column of an enum type (or an array of one).</summary>
    public bool IsEnum => EnumName is not null;

    /// <summary>True when the column uses the enum <paramref name="schema"/>.<paramref name="name"/>.</summary>
    public bool Uses(string schema, string name) => EnumSchema == schema && EnumName == name;

    /// <summary>
    /// Resolves a column's type. A column with <see cref="ColumnSnapshot.TypeSchema"/> is an enum; so is a
    /// column whose type names an enum of <paramref name="snapshot"/> in <c>public</c>.
    /// </summary>
    /// <exception cref="SchemaDefinitionException">The type is not one PostgreSQL accepts.</exception>
    public static ColumnType Of(TableSnapshot table, ColumnSnapshot column, SchemaSnapshot? snapshot)
    {
        var declared = column.Type?.Trim() ?? "";
        var (name, isArray) = SplitArray(declared);
        var enumSchema = column.TypeSchema;
        // An enum's name is a name: kept as written, spaces included (only a trailing [] marks an array).
        if (enumSchema is not null) (name, isArray) = SplitEnumArray(column.Type ?? "");
        if (enumSchema is null && name.Length > 0 && snapshot?.FindEnum(SchemaSnapshot.PublicSchema, name) is not null)
        {
            enumSchema = SchemaSnapshot.PublicSchema;
        }
        try
        {
            if (enumSchema is not null)
            {
                var sql = SqlText.QualifiedName(enumSchema, name) + (isArray ? "[]" : "");
                return new ColumnType(sql, SqlType.Parse(sql), enumSchema, name);
            }
            return new ColumnType(declared, SqlType.Parse(declared), null, null);
        }
        catch (ArgumentException e)
        {
            throw new SchemaDefinitionException(
                $"Table \"{table.Schema}.{table.Name}\", column \"{column.Name}\": {e.Message}", e);
        }
    }

    private static (string Name, bool IsArray) SplitEnumArray(string type)
    {
        var name = type;
        while (name.EndsWith("[]", StringComparison.Ordinal)) name = name.Substring(0, name.Length - 2);
        return (name, name.Length != type.Length);
    }

    private static (string Name, bool IsArray) SplitArray(string type)
    {
        var end = type.Length;
        var isArray = false;
        while (end > 0 && type[end - 1] == ']')
        {
            var open = type.LastIndexOf('[', end - 1);
            if (open < 0) break;
            end = open;
            while (end > 0 && char.IsWhiteSpace(type[end - 1])) end--;
            isArray = true;
        }
        var name = type.Substring(0, end).Trim();
        if (name.Length >= 2 && name[0] == '"' && name[name.Length - 1] == '"')
        {
            name = name.Substring(1, name.Length - 2).Replace("\"\"", "\"");
        }
        return (name, isArray);
    }
}
