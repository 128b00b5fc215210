namespace ElizaGen.Generators.Model;

/// <summary>How a column's value travels between C# and PostgreSQL; decides the reader, parameter and COPY code.</summary>
internal enum ValueKind
{
    Guid,
    String,
    Int16,
    Int32,
    Int64,
    Boolean,
    Single,
    Double,
    Decimal,
    DateTimeOffset,
    DateTime,
    ByteArray,
    StringArray,
    /// <summary>A C# enum stored as text (its member name).</summary>
    EnumText,
    /// <summary>A C# enum stored as a PostgreSQL enum (its labels).</summary>
    PgEnum,
    /// <summary>jsonb held as raw JSON text in a string.</summary>
    JsonString,
    /// <summary>jsonb held as a System.Text.Json.JsonElement.</summary>
    JsonElement,
    /// <summary>jsonb held as a System.Text.Json.JsonDocument.</summary>
    JsonDocument,
    /// <summary>jsonb serialized through the plugin's JsonSerializerContext.</summary>
    JsonTyped,
    Vector,
    HalfVector,
}
