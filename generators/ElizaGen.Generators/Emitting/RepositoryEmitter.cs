using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ElizaGen.Generators.Building;
using ElizaGen.Generators.Model;
using ElizaGen.Schema.Sql;

namespace ElizaGen.Generators.Emitting;

/// <summary>Builds the view of a table's repository (SQL, per-column code) and renders Repository.scriban.</summary>
internal static class RepositoryEmitter
{
    public static string Emit(TableSpec table, PluginContext plugin)
    {
        var names = new RepositoryNames();
        var schema = plugin.SchemaName;
        var qualified = SqlText.QuoteIdentifier(schema) + "." + SqlText.QuoteIdentifier(table.TableName);
        var columns = table.Columns;
        var ordinal = columns.Select((c, i) => (c, i)).ToDictionary(x => x.c.ColumnName, x => x.i);
        var keyColumns = table.PrimaryKey.Select(k => columns[ordinal[k]]).ToList();
        string Quote(string name) => SqlText.QuoteIdentifier(name);
        string EnumType(ColumnSpec c) => Quote(schema) + "." + Quote(c.EnumTypeName!);
        string Placeholder(ColumnSpec c, int position) => "$" + position.ToString(CultureInfo.InvariantCulture) + (c.Kind == ValueKind.PgEnum ? "::" + EnumType(c) : string.Empty);
        string RowPlaceholder(ColumnSpec c) => Placeholder(c, ordinal[c.ColumnName] + 1);

        var selectList = string.Join(", ", columns.Select(c => c.Kind == ValueKind.PgEnum ? Quote(c.ColumnName) + "::text AS " + Quote(c.ColumnName) : Quote(c.ColumnName)));
        var columnList = string.Join(", ", columns.Select(c => Quote(c.ColumnName)));
        var select = "SELECT " + selectList + " FROM " + qualified;
        var keyWhere = string.Join(" AND ", keyColumns.Select((c, i) => Quote(c.ColumnName) + " = " + Placeholder(c, i + 1)));
        var rowKeyWhere = string.Join(" AND ", keyColumns.Select(c => Quote(c.ColumnName) + " = " + RowPlaceholder(c)));
        var nonKey = columns.Where(c => !table.PrimaryKey.Contains(c.ColumnName)).ToList();

        var insert = "INSERT INTO " + qualified + " (" + columnList + ") VALUES (" + string.Join(", ", columns.Select(RowPlaceholder)) + ")";
        var upsert = insert + " ON CONFLICT (" + string.Join(", ", keyColumns.Select(c => Quote(c.ColumnName))) + ") DO "
            + (nonKey.Count == 0 ? "NOTHING" : "UPDATE SET " + string.Join(", ", nonKey.Select(c => Quote(c.ColumnName) + " = EXCLUDED." + Quote(c.ColumnName))));

        string ArrayCast(ColumnSpec c) => "::" + (c.Kind == ValueKind.PgEnum ? EnumType(c) : c.SqlType) + "[]";
        var getMany = keyColumns.Count == 1
            ? select + " WHERE " + Quote(keyColumns[0].ColumnName) + " = ANY($1" + ArrayCast(keyColumns[0]) + ")"
            : select + " WHERE (" + string.Join(", ", keyColumns.Select(c => Quote(c.ColumnName))) + ") IN (SELECT * FROM unnest("
                + string.Join(", ", keyColumns.Select((c, i) => "$" + (i + 1).ToString(CultureInfo.InvariantCulture) + ArrayCast(c))) + "))";

        var constants = new List<SqlConstant>
        {
            new("InsertSql", insert),
            new("UpsertSql", upsert),
            new("GetSql", select + " WHERE " + keyWhere),
            new("GetManySql", getMany),
        };
        if (nonKey.Count > 0)
        {
            constants.Add(new("UpdateSql", "UPDATE " + qualified + " SET " + string.Join(", ", nonKey.Select(c => Quote(c.ColumnName) + " = " + RowPlaceholder(c))) + " WHERE " + rowKeyWhere));
        }
        constants.Add(new("DeleteSql", "DELETE FROM " + qualified + " WHERE " + keyWhere));
        constants.Add(new("CountSql", "SELECT count(*) FROM " + qualified));
        constants.Add(new("CopySql", "COPY " + qualified + " (" + columnList + ") FROM STDIN (FORMAT BINARY)"));

        var keys = keyColumns.Select(c => new KeyView(CSharp.ParameterName(c.PropertyName), CSharp.Xml(c.ColumnName), c.ElementClrType)).ToList();
        var keyParameterLines = keyColumns.Select((c, i) => "command.Parameters.Add(" + ValueCode.Parameter(c, keys[i].Name, nullable: false, names) + ");").ToList();

        var getManyLines = new List<string>();
        string keyCollectionType;
        if (keyColumns.Count == 1)
        {
            var c = keyColumns[0];
            keyCollectionType = c.ElementClrType;
            var converted = ValueCode.Convert(c, "key", names);
            var array = converted == "key"
                ? "global::System.Linq.Enumerable.ToArray(keys)"
                : "global::System.Linq.Enumerable.ToArray(global::System.Linq.Enumerable.Select(keys, static key => " + converted + "))";
            getManyLines.Add("command.Parameters.Add(new global::Npgsql.NpgsqlParameter<" + ValueCode.WireType(c) + "[]> { TypedValue = " + array + " });");
        }
        else
        {
            keyCollectionType = "(" + string.Join(", ", keyColumns.Select(c => c.ElementClrType + " " + c.PropertyName)) + ")";
            for (var i = 0; i < keyColumns.Count; i++)
            {
                getManyLines.Add("var keys" + i.ToString(CultureInfo.InvariantCulture) + " = new " + ValueCode.WireType(keyColumns[i]) + "[keys.Count];");
            }
            getManyLines.Add("var index = 0;");
            getManyLines.Add("foreach (var key in keys)");
            getManyLines.Add("{");
            for (var i = 0; i < keyColumns.Count; i++)
            {
                getManyLines.Add("    keys" + i.ToString(CultureInfo.InvariantCulture) + "[index] = " + ValueCode.Convert(keyColumns[i], "key." + keyColumns[i].PropertyName, names) + ";");
            }
            getManyLines.Add("    index++;");
            getManyLines.Add("}");
            for (var i = 0; i < keyColumns.Count; i++)
            {
                getManyLines.Add("command.Parameters.Add(new global::Npgsql.NpgsqlParameter<" + ValueCode.WireType(keyColumns[i]) + "[]> { TypedValue = keys" + i.ToString(CultureInfo.InvariantCulture) + " });");
            }
        }

        var view = new RepositoryView
        {
            Namespace = table.Namespace,
            Accessibility = table.Accessibility,
            TypeName = table.TypeName,
            FullTypeName = table.FullTypeName,
            RepositoryName = table.TypeName + "Repository",
            TableDoc = "<c>" + CSharp.Xml(qualified) + "</c>",
            GeneratorVersion = GeneratorInfo.Version,
            SqlConstants = constants,
            Keys = keys,
            KeyParameters = string.Join(", ", keys.Select(k => k.Type + " " + k.Name)),
            KeyState = "(repository: this, " + string.Join(", ", keys.Select(k => k.Name + ": " + k.Name)) + ")",
            KeyStateArguments = string.Join(", ", keys.Select(k => "state." + k.Name)),
            KeyParameterLines = keyParameterLines,
            KeyCollectionType = keyCollectionType,
            GetManyLines = getManyLines,
            HasUpdate = nonKey.Count > 0,
            RowParameterLines = columns.Select(c => "command.Parameters.Add(" + ValueCode.Parameter(c, "row." + c.PropertyName, c.IsNullable, names) + ");").ToList(),
            CopyLines = columns.Select(c => ValueCode.Copy(c, "row." + c.PropertyName, names)).ToList(),
            ReadRowLines = ReadRowLines(table, names),
            DistanceOrdinal = columns.Count.ToString(CultureInfo.InvariantCulture),
            HasJsonElement = columns.Any(c => c.Kind == ValueKind.JsonElement),
            HasJsonTyped = columns.Any(c => c.Kind == ValueKind.JsonTyped),
            JsonContextType = plugin.JsonContextType ?? string.Empty,
            JsonContextName = (plugin.JsonContextType ?? string.Empty).Replace("global::", string.Empty),
        };

        foreach (var find in FindBys(table, keyColumns))
        {
            var c = find.Column;
            var methodName = "FindBy" + c.PropertyName + "Async";
            var constName = "FindBy" + c.PropertyName + "Sql";
            var parameterName = CSharp.ParameterName(c.PropertyName);
            constants.Add(new(constName, select + " WHERE " + Quote(c.ColumnName) + " = " + Placeholder(c, 1)));
            if (c.IsNullable) constants.Add(new(constName + "Null", select + " WHERE " + Quote(c.ColumnName) + " IS NULL"));
            var nonNull = c.IsNullable && c.IsValueType ? parameterName + ".Value" : parameterName;
            view.FindBys.Add(new FindByView
            {
                MethodName = methodName,
                Summary = find.Single
                    ? "The row whose " + CSharp.Xml(c.ColumnName) + " is <paramref name=\"" + parameterName.TrimStart('@') + "\"/> (unique), or null."
                    : "The rows whose " + CSharp.Xml(c.ColumnName) + " is <paramref name=\"" + parameterName.TrimStart('@') + "\"/>.",
                DocName = parameterName.TrimStart('@'),
                Column = CSharp.Xml(c.ColumnName),
                ParameterType = c.IsNullable ? c.ElementClrType + "?" : c.ElementClrType,
                ParameterName = parameterName,
                IsNullable = c.IsNullable,
                Single = find.Single,
                ResultType = find.Single ? table.FullTypeName + "?" : "global::System.Collections.Generic.IReadOnlyList<" + table.FullTypeName + ">",
                Sql = constName,
                NullSql = constName + "Null",
                Parameter = ValueCode.Parameter(c, nonNull, nullable: false, names),
            });
        }

        foreach (var c in columns.Where(c => c.Kind is ValueKind.Vector or ValueKind.HalfVector))
        {
            var metric = c.VectorIndex?.Metric ?? VectorMetricKind.Cosine;
            var op = SnapshotBuilder.DistanceOperator(metric);
            var half = c.VectorIndex?.HalfPrecision == true;
            var column = half ? SnapshotBuilder.HalfCast(Quote(c.ColumnName), c.VectorDimensions) : Quote(c.ColumnName);
            var query = half ? "$1::halfvec(" + c.VectorDimensions.ToString(CultureInfo.InvariantCulture) + ")" : "$1";
            var distance = column + " " + op + " " + query;
            var head = "SELECT " + selectList + ", " + distance + " FROM " + qualified + " WHERE " + Quote(c.ColumnName) + " IS NOT NULL";
            var tail = " ORDER BY " + distance + " LIMIT $2";
            var constName = "Nearest" + c.PropertyName + "Sql";
            constants.Add(new(constName, head + tail));
            constants.Add(new(constName + "WithMax", head + " AND " + distance + " <= $3" + tail));
            view.Nearests.Add(new NearestView
            {
                MethodName = "Nearest" + c.PropertyName + "Async",
                QueryType = c.ElementClrType,
                Column = CSharp.Xml(c.ColumnName),
                Metric = metric switch { VectorMetricKind.L2 => "Euclidean distance", VectorMetricKind.InnerProduct => "negative inner product", _ => "cosine distance" },
                Operator = CSharp.Xml(op),
                Sql = constName,
                SqlWithMax = constName + "WithMax",
            });
        }

        foreach (var group in columns.Where(c => c.Kind is ValueKind.EnumText or ValueKind.PgEnum).GroupBy(c => c.ElementClrType).OrderBy(g => g.Key, System.StringComparer.Ordinal))
        {
            var c = group.First();
            view.EnumHelpers.Add(new EnumHelperView
            {
                EnumType = c.ElementClrType,
                EnumName = c.ElementClrType.Replace("global::", string.Empty),
                ToTextName = names.ToText(c),
                FromTextName = names.FromText(c),
                ToTextCases = c.EnumMembers.Where(m => !m.IsAlias).Select(m => c.ElementClrType + "." + m.MemberName + " => " + CSharp.Literal(m.Label) + ",").ToList(),
                FromTextCases = c.EnumMembers.GroupBy(m => m.Label).Select(g => CSharp.Literal(g.Key) + " => " + c.ElementClrType + "." + g.First().MemberName + ",").ToList(),
            });
        }

        view.SqlConstants = constants.Select(k => new SqlConstant(k.Name, CSharp.Literal(k.Literal))).ToList();
        return Templates.Repository(view);
    }

    private static List<string> ReadRowLines(TableSpec table, RepositoryNames names)
    {
        var columns = table.Columns;
        var byProperty = columns.Select((c, i) => (c, i)).ToDictionary(x => x.c.PropertyName, x => x);
        var lines = new List<string>();
        var arguments = table.Construction.ConstructorArguments;
        var initializers = table.Construction.Initializers;
        if (arguments.IsEmpty && initializers.IsEmpty)
        {
            lines.Add("return new " + table.FullTypeName + "();");
            return lines;
        }
        lines.Add("return new " + table.FullTypeName + "(" + (arguments.IsEmpty ? ")" : string.Empty));
        for (var i = 0; i < arguments.Count; i++)
        {
            var (c, ordinal) = byProperty[arguments[i]];
            lines.Add("    " + ValueCode.Read(c, ordinal, names) + (i == arguments.Count - 1 ? ")" : ","));
        }
        if (!initializers.IsEmpty)
        {
            lines.Add("{");
            foreach (var property in initializers)
            {
                var (c, ordinal) = byProperty[property];
                lines.Add("    " + property + " = " + ValueCode.Read(c, ordinal, names) + ",");
            }
            lines.Add("};");
        }
        else
        {
            lines[lines.Count - 1] += ";";
        }
        return lines;
    }

    /// <summary>
    /// Columns that lead an index or unique constraint (or a composite primary key), other than a single-column key:
    /// each gets a FindBy method; a single-column unique one returns at most one row.
    /// </summary>
    private static IEnumerable<(ColumnSpec Column, bool Single)> FindBys(TableSpec table, List<ColumnSpec> keyColumns)
    {
        var leading = new Dictionary<string, bool>(System.StringComparer.Ordinal);
        void Add(string column, bool single)
        {
            leading[column] = leading.TryGetValue(column, out var existing) ? existing || single : single;
        }
        foreach (var index in table.Indexes.Where(i => i.Method is "btree" or "hash" && !i.Parts[0].IsExpression && i.Where is null))
        {
            Add(index.Parts[0].Text, index.IsUnique && index.Parts.Count == 1);
        }
        foreach (var unique in table.Uniques) Add(unique.Columns[0], unique.Columns.Count == 1);
        if (keyColumns.Count > 1) Add(keyColumns[0].ColumnName, false);
        if (keyColumns.Count == 1) leading.Remove(keyColumns[0].ColumnName);

        foreach (var column in table.Columns)
        {
            if (column.Kind is ValueKind.Vector or ValueKind.HalfVector or ValueKind.JsonDocument or ValueKind.JsonElement or ValueKind.JsonTyped or ValueKind.JsonString) continue;
            if (leading.TryGetValue(column.ColumnName, out var single)) yield return (column, single);
        }
    }
}

internal sealed record SqlConstant(string Name, string Literal);

internal sealed record KeyView(string Name, string Column, string Type)
{
    public string DocName => Name.TrimStart('@');
}

internal sealed class RepositoryView
{
    public string Namespace { get; set; } = string.Empty;
    public string Accessibility { get; set; } = "public";
    public string TypeName { get; set; } = string.Empty;
    public string FullTypeName { get; set; } = string.Empty;
    public string RepositoryName { get; set; } = string.Empty;
    public string TableDoc { get; set; } = string.Empty;
    public string GeneratorVersion { get; set; } = string.Empty;
    public List<SqlConstant> SqlConstants { get; set; } = new();
    public List<KeyView> Keys { get; set; } = new();
    public string KeyParameters { get; set; } = string.Empty;
    /// <summary>The tuple a data-source method hands its static lambda: the repository and the key values.</summary>
    public string KeyState { get; set; } = string.Empty;
    /// <summary>The key values read back from that tuple inside the lambda.</summary>
    public string KeyStateArguments { get; set; } = string.Empty;
    public List<string> KeyParameterLines { get; set; } = new();
    public string KeyCollectionType { get; set; } = string.Empty;
    public List<string> GetManyLines { get; set; } = new();
    public bool HasUpdate { get; set; }
    public List<string> RowParameterLines { get; set; } = new();
    public List<string> CopyLines { get; set; } = new();
    public List<string> ReadRowLines { get; set; } = new();
    public string DistanceOrdinal { get; set; } = "0";
    public List<FindByView> FindBys { get; set; } = new();
    public List<NearestView> Nearests { get; set; } = new();
    public List<EnumHelperView> EnumHelpers { get; set; } = new();
    public bool HasJsonElement { get; set; }
    public bool HasJsonTyped { get; set; }
    public string JsonContextType { get; set; } = string.Empty;
    public string JsonContextName { get; set; } = string.Empty;
}

internal sealed class FindByView
{
    public string MethodName { get; set; } = string.Empty;
    public string Summary { get; set; } = string.Empty;
    public string DocName { get; set; } = string.Empty;
    public string Column { get; set; } = string.Empty;
    public string ParameterType { get; set; } = string.Empty;
    public string ParameterName { get; set; } = string.Empty;
    public bool IsNullable { get; set; }
    public bool Single { get; set; }
    public string ResultType { get; set; } = string.Empty;
    public string Sql { get; set; } = string.Empty;
    public string NullSql { get; set; } = string.Empty;
    public string Parameter { get; set; } = string.Empty;
}

internal sealed class NearestView
{
    public string MethodName { get; set; } = string.Empty;
    public string QueryType { get; set; } = string.Empty;
    public string Column { get; set; } = string.Empty;
    public string Metric { get; set; } = string.Empty;
    public string Operator { get; set; } = string.Empty;
    public string Sql { get; set; } = string.Empty;
    public string SqlWithMax { get; set; } = string.Empty;
}

internal sealed class EnumHelperView
{
    public string EnumType { get; set; } = string.Empty;
    public string EnumName { get; set; } = string.Empty;
    public string ToTextName { get; set; } = string.Empty;
    public string FromTextName { get; set; } = string.Empty;
    public List<string> ToTextCases { get; set; } = new();
    public List<string> FromTextCases { get; set; } = new();
}
