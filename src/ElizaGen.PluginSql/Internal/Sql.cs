using System.Text.Json.Nodes;
using Npgsql;
using NpgsqlTypes;

namespace ElizaGen.PluginSql.Internal;

/// <summary>Small helpers for hand-written commands: typed parameters, jsonb, zone-less timestamps, readers.</summary>
internal static class Sql
{
    public static NpgsqlCommand Command(this NpgsqlConnection connection, string sql, NpgsqlTransaction? transaction = null)
        => new(sql, connection, transaction);

    /// <summary>Adds the next positional parameter ($1, $2, …) with its CLR type.</summary>
    /// <exception cref="ArgumentException">A text value holds a NUL character, which PostgreSQL text cannot store.</exception>
    public static NpgsqlCommand With<T>(this NpgsqlCommand command, T value)
    {
        if (value is string text) RejectNul(text);
        else if (value is string[] texts) foreach (var t in texts) RejectNul(t);
        command.Parameters.Add(new NpgsqlParameter<T> { TypedValue = value });
        return command;
    }

    /// <summary>Adds a jsonb parameter (SQL NULL for a null node).</summary>
    /// <exception cref="ArgumentException">The document is larger than jsonb holds.</exception>
    public static NpgsqlCommand WithJsonb(this NpgsqlCommand command, JsonNode? value)
        => command.WithJsonbText(value is null ? null : Json.Text(value));

    /// <summary>Adds a jsonb parameter from JSON text (SQL NULL for null).</summary>
    public static NpgsqlCommand WithJsonbText(this NpgsqlCommand command, string? json)
    {
        command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = json, NpgsqlDbType = NpgsqlDbType.Jsonb });
        return command;
    }

    /// <summary>
    /// Adds a <c>timestamp without time zone</c> parameter holding the UTC wall-clock time, as the ElizaOS plugin
    /// stores it in its zone-less columns.
    /// </summary>
    public static NpgsqlCommand WithUtcTimestamp(this NpgsqlCommand command, DateTimeOffset? value)
    {
        command.Parameters.Add(new NpgsqlParameter<DateTime?>
        {
            TypedValue = value is { } v ? ToUtcWallClock(v) : null,
            NpgsqlDbType = NpgsqlDbType.Timestamp,
        });
        return command;
    }

    /// <summary>Adds a uuid parameter stored in a <c>text</c> column (lower-case, hyphenated).</summary>
    public static NpgsqlCommand WithUuidText(this NpgsqlCommand command, Guid? value)
        => command.With(value?.ToString("D"));

    /// <summary>Adds a <c>timestamp with time zone</c> parameter (sent as UTC, which Npgsql requires).</summary>
    public static NpgsqlCommand WithTimestampTz(this NpgsqlCommand command, DateTimeOffset? value)
        => command.With(value?.ToUniversalTime());

    private static void RejectNul(string? text)
    {
        if (text is not null && text.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException(
                "A text value (a table name, type, name, key or tag) holds a NUL character (U+0000), which PostgreSQL text cannot store; " +
                "nothing was written. Remove the NUL character from the value.");
        }
    }

    public static DateTime ToUtcWallClock(DateTimeOffset value) => DateTime.SpecifyKind(value.UtcDateTime, DateTimeKind.Unspecified);

    /// <summary>Reads a <c>timestamp without time zone</c> that holds UTC wall-clock time.</summary>
    public static DateTimeOffset GetUtcTimestamp(this NpgsqlDataReader reader, int ordinal)
        => new(DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc));

    public static DateTimeOffset GetTimestampTz(this NpgsqlDataReader reader, int ordinal)
        => reader.GetFieldValue<DateTimeOffset>(ordinal);

    public static Guid? GetGuidOrNull(this NpgsqlDataReader reader, int ordinal)
        => reader.IsDBNull(ordinal) ? null : reader.GetGuid(ordinal);

    public static string? GetStringOrNull(this NpgsqlDataReader reader, int ordinal)
        => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static Guid? GetUuidTextOrNull(this NpgsqlDataReader reader, int ordinal)
        => reader.IsDBNull(ordinal) ? null : UuidText.Parse(reader.GetString(ordinal));

    public static string[] GetTextArray(this NpgsqlDataReader reader, int ordinal)
        => reader.IsDBNull(ordinal) ? [] : reader.GetFieldValue<string[]>(ordinal);

    public static JsonNode? GetJsonNode(this NpgsqlDataReader reader, int ordinal)
        => reader.IsDBNull(ordinal) ? null : JsonNode.Parse(reader.GetString(ordinal));

    public static JsonObject? GetJsonObjectOrNull(this NpgsqlDataReader reader, int ordinal)
        => reader.IsDBNull(ordinal) ? null : Json.AsObject(JsonNode.Parse(reader.GetString(ordinal)));

    public static JsonArray? GetJsonArrayOrNull(this NpgsqlDataReader reader, int ordinal)
        => reader.GetJsonNode(ordinal) as JsonArray;

    /// <summary>Runs the query and maps every row.</summary>
    public static async Task<List<T>> ListAsync<T>(this NpgsqlCommand command, Func<NpgsqlDataReader, T> map, CancellationToken ct)
    {
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var result = new List<T>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false)) result.Add(map(reader));
        return result;
    }

    /// <summary>Runs the query and maps the first row, or returns the default.</summary>
    public static async Task<T?> FirstOrDefaultAsync<T>(this NpgsqlCommand command, Func<NpgsqlDataReader, T> map, CancellationToken ct)
    {
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        return await reader.ReadAsync(ct).ConfigureAwait(false) ? map(reader) : default;
    }
}

/// <summary>UUIDs kept in <c>text</c> columns (channels, central messages, channel participants).</summary>
internal static class UuidText
{
    public static Guid Parse(string text)
    {
        if (Guid.TryParse(text, out var value)) return value;
        throw new FormatException(
            $"The stored id '{text}' is not a UUID. The messaging tables keep ids as text; ElizaDatabaseAdapter reads them as UUIDs, " +
            "as the ElizaOS plugin writes them. Fix or remove the row that holds it.");
    }
}
