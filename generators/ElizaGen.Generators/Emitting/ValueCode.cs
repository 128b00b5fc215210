using ElizaGen.Generators.Model;

namespace ElizaGen.Generators.Emitting;

/// <summary>
/// The C# that moves one column's values: how to read it from a data reader, how to turn a non-null value into the
/// value Npgsql writes, and which <c>NpgsqlDbType</c> it is written as.
/// </summary>
internal static class ValueCode
{
    private const string DbType = "global::NpgsqlTypes.NpgsqlDbType.";

    /// <summary>The reader expression for ordinal <paramref name="ordinal"/>, null-aware.</summary>
    public static string Read(ColumnSpec column, int ordinal, RepositoryNames names)
    {
        var i = CSharp.Literal(ordinal);
        var read = column.Kind switch
        {
            ValueKind.Guid => "reader.GetGuid(" + i + ")",
            ValueKind.String => "reader.GetString(" + i + ")",
            ValueKind.Int16 => "reader.GetInt16(" + i + ")",
            ValueKind.Int32 => "reader.GetInt32(" + i + ")",
            ValueKind.Int64 => "reader.GetInt64(" + i + ")",
            ValueKind.Boolean => "reader.GetBoolean(" + i + ")",
            ValueKind.Single => "reader.GetFloat(" + i + ")",
            ValueKind.Double => "reader.GetDouble(" + i + ")",
            ValueKind.Decimal => "reader.GetDecimal(" + i + ")",
            ValueKind.DateTimeOffset => "reader.GetFieldValue<global::System.DateTimeOffset>(" + i + ")",
            ValueKind.DateTime => "reader.GetDateTime(" + i + ")",
            ValueKind.ByteArray => "reader.GetFieldValue<byte[]>(" + i + ")",
            ValueKind.StringArray => "reader.GetFieldValue<string[]>(" + i + ")",
            ValueKind.EnumText or ValueKind.PgEnum => names.FromText(column) + "(reader.GetString(" + i + "))",
            ValueKind.JsonString => "reader.GetString(" + i + ")",
            ValueKind.JsonElement => "ParseJsonElement(reader.GetString(" + i + "))",
            ValueKind.JsonDocument => "global::System.Text.Json.JsonDocument.Parse(reader.GetString(" + i + "))",
            ValueKind.JsonTyped => "ReadJson<" + column.ElementClrType + ">(reader.GetString(" + i + "), " + CSharp.Literal(column.ColumnName) + ")",
            ValueKind.Vector => "reader.GetFieldValue<global::Pgvector.Vector>(" + i + ")",
            ValueKind.HalfVector => "reader.GetFieldValue<global::Pgvector.HalfVector>(" + i + ")",
            _ => throw new System.InvalidOperationException("No reader for " + column.Kind),
        };
        if (!column.IsNullable) return read;
        var empty = IsValueType(column) ? "default(" + column.ElementClrType + "?)" : "null";
        return "reader.IsDBNull(" + i + ") ? " + empty + " : " + read;
    }

    /// <summary>The value Npgsql writes for a non-null value expression, or the expression itself.</summary>
    public static string Convert(ColumnSpec column, string value, RepositoryNames names) => column.Kind switch
    {
        ValueKind.DateTimeOffset => value + ".ToUniversalTime()",
        ValueKind.DateTime => "global::System.DateTime.SpecifyKind(" + value + ", global::System.DateTimeKind.Unspecified)",
        ValueKind.EnumText or ValueKind.PgEnum => names.ToText(column) + "(" + value + ")",
        ValueKind.JsonElement => value + ".GetRawText()",
        ValueKind.JsonDocument => value + ".RootElement.GetRawText()",
        ValueKind.JsonTyped => "WriteJson<" + column.ElementClrType + ">(" + value + ")",
        _ => value,
    };

    /// <summary>The CLR type Npgsql is given (after <see cref="Convert"/>), non-nullable.</summary>
    public static string WireType(ColumnSpec column) => column.Kind switch
    {
        ValueKind.EnumText or ValueKind.PgEnum or ValueKind.JsonElement or ValueKind.JsonDocument or ValueKind.JsonTyped => "string",
        _ => column.ElementClrType,
    };

    /// <summary>True when the wire type is a value type (its nullable form is Nullable&lt;T&gt;).</summary>
    public static bool WireIsValueType(ColumnSpec column) => column.Kind switch
    {
        ValueKind.String or ValueKind.ByteArray or ValueKind.StringArray or ValueKind.EnumText or ValueKind.PgEnum
            or ValueKind.JsonString or ValueKind.JsonElement or ValueKind.JsonDocument or ValueKind.JsonTyped
            or ValueKind.Vector or ValueKind.HalfVector => false,
        _ => true,
    };

    /// <summary>True when the property's type is a value type (Nullable&lt;T&gt; when nullable).</summary>
    public static bool IsValueType(ColumnSpec column) => column.IsValueType;

    /// <summary>The NpgsqlDbType a parameter must state, or null when Npgsql infers it from the CLR type.</summary>
    public static string? ParameterDbType(ColumnSpec column) => column.Kind switch
    {
        ValueKind.DateTime => DbType + "Timestamp",
        ValueKind.JsonString or ValueKind.JsonElement or ValueKind.JsonDocument or ValueKind.JsonTyped => DbType + "Jsonb",
        _ => null,
    };

    /// <summary>The NpgsqlDbType binary COPY writes, or null for the Pgvector types (inferred from the value).</summary>
    public static string? CopyDbType(ColumnSpec column) => column.Kind switch
    {
        ValueKind.Guid => DbType + "Uuid",
        ValueKind.String or ValueKind.EnumText or ValueKind.PgEnum => DbType + "Text",
        ValueKind.Int16 => DbType + "Smallint",
        ValueKind.Int32 => DbType + "Integer",
        ValueKind.Int64 => DbType + "Bigint",
        ValueKind.Boolean => DbType + "Boolean",
        ValueKind.Single => DbType + "Real",
        ValueKind.Double => DbType + "Double",
        ValueKind.Decimal => DbType + "Numeric",
        ValueKind.DateTimeOffset => DbType + "TimestampTz",
        ValueKind.DateTime => DbType + "Timestamp",
        ValueKind.ByteArray => DbType + "Bytea",
        ValueKind.StringArray => "(" + DbType + "Array | " + DbType + "Text)",
        ValueKind.JsonString or ValueKind.JsonElement or ValueKind.JsonDocument or ValueKind.JsonTyped => DbType + "Jsonb",
        _ => null,
    };

    /// <summary>
    /// A typed parameter for a value expression of the property's type (nullable when the column is): converted,
    /// with null kept as null.
    /// </summary>
    public static string Parameter(ColumnSpec column, string value, bool nullable, RepositoryNames names)
    {
        var wire = WireType(column);
        var dbType = ParameterDbType(column);
        string typed;
        string typedValue;
        if (!nullable)
        {
            typed = wire;
            typedValue = Convert(column, value, names);
        }
        else
        {
            typed = wire + "?";
            var converted = Convert(column, "{0}", names);
            if (converted == "{0}")
            {
                typedValue = value;
            }
            else if (IsValueType(column))
            {
                typedValue = value + ".HasValue ? (" + typed + ")" + string.Format(System.Globalization.CultureInfo.InvariantCulture, converted, value + ".Value") + " : null";
            }
            else
            {
                typedValue = value + " is null ? null : " + string.Format(System.Globalization.CultureInfo.InvariantCulture, converted, value);
            }
        }
        return "new global::Npgsql.NpgsqlParameter<" + typed + "> { TypedValue = " + typedValue + (dbType is null ? string.Empty : ", NpgsqlDbType = " + dbType) + " }";
    }

    /// <summary>The COPY statement(s) writing a property value expression (nullable-aware).</summary>
    public static string Copy(ColumnSpec column, string value, RepositoryNames names)
    {
        var dbType = CopyDbType(column);
        string Write(string v) => "await writer.WriteAsync(" + Convert(column, v, names) + (dbType is null ? string.Empty : ", " + dbType) + ", cancellationToken).ConfigureAwait(false);";
        if (!column.IsNullable) return Write(value);
        var nonNull = IsValueType(column) ? value + ".Value" : value;
        var isNull = IsValueType(column) ? "!" + value + ".HasValue" : value + " is null";
        return "if (" + isNull + ") await writer.WriteNullAsync(cancellationToken).ConfigureAwait(false); else " + Write(nonNull);
    }
}
