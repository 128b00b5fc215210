using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;

namespace ElizaGen.PluginSql.Tests.Interop;

/// <summary>
/// The interop manifest (eng/interop/README.md, format version 1): rows of the plugin's tables in a canonical JSON
/// form, the same dump for both writers, and the comparison rules of a reader.
/// </summary>
public static class Manifest
{
    public const string Format = "elizagen-interop-manifest";
    public const double VectorTolerance = 1e-6;

    /// <summary>The plugin's tables in foreign-key order, with the columns that identify a row.</summary>
    public static readonly (string Table, string[] Key)[] Tables =
    [
        ("agents", ["id"]), ("servers", ["id"]), ("entities", ["id"]), ("worlds", ["id"]), ("rooms", ["id"]),
        ("components", ["id"]), ("participants", ["id"]), ("relationships", ["id"]), ("memories", ["id"]), ("embeddings", ["id"]),
        ("cache", ["key", "agent_id"]), ("tasks", ["id"]), ("logs", ["id"]), ("message_servers", ["id"]), ("channels", ["id"]),
        ("channel_participants", ["channel_id", "entity_id"]), ("central_messages", ["id"]), ("message_server_agents", ["message_server_id", "agent_id"]),
    ];

    public static string[] KeyOf(string table) => Tables.Single(t => t.Table == table).Key;

    /// <summary>Every row of a table in manifest form, ordered by its key; with the column types.</summary>
    public static async Task<(Dictionary<string, string> Columns, List<JsonObject> Rows)> DumpAsync(NpgsqlConnection connection, string table)
    {
        var columns = new Dictionary<string, string>();
        await using (var command = new NpgsqlCommand("""
            SELECT a.attname, format_type(a.atttypid, a.atttypmod)
            FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relname = $1 AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum
            """, connection))
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = table });
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) columns[reader.GetString(0)] = CanonicalType(reader.GetString(1));
        }

        var select = string.Join(", ", columns.Select(c => SelectExpression(c.Key, c.Value)));
        var order = string.Join(", ", KeyOf(table).Select(k => Quote(k) + "::text"));
        var rows = new List<JsonObject>();
        await using (var command = new NpgsqlCommand($"SELECT {select} FROM public.{Quote(table)} ORDER BY {order}", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var row = new JsonObject();
                var i = 0;
                foreach (var (name, type) in columns)
                {
                    row[name] = reader.IsDBNull(i) ? null : Decode(type, reader.GetValue(i));
                    i++;
                }
                rows.Add(row);
            }
        }
        return (columns, rows);
    }

    /// <summary>A whole manifest of the database (the tables that exist), as <c>read.mjs</c> expects it.</summary>
    public static async Task<JsonObject> WriteAsync(NpgsqlConnection connection, string tool)
    {
        var tables = new JsonObject();
        var counts = new JsonObject();
        foreach (var (table, key) in Tables)
        {
            var (columns, rows) = await DumpAsync(connection, table);
            var columnTypes = new JsonObject();
            foreach (var (name, type) in columns) columnTypes[name] = type;
            tables[table] = new JsonObject { ["key"] = new JsonArray([.. key.Select(k => (JsonNode)k)]), ["columns"] = columnTypes, ["rows"] = new JsonArray([.. rows]) };
            counts[table] = rows.Count;
        }
        return new JsonObject
        {
            ["format"] = Format,
            ["version"] = 1,
            ["writer"] = new JsonObject { ["tool"] = tool, ["library"] = new JsonObject { ["ElizaGen.PluginSql"] = "0.1.0" }, ["written_at"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture) },
            ["embeddings"] = new JsonObject { ["dimension"] = 384, ["column"] = "dim_384", ["tolerance"] = VectorTolerance },
            ["tables"] = tables,
            ["row_counts"] = counts,
        };
    }

    /// <summary>The manifest's text form of a timestamp: UTC, microseconds.</summary>
    public static string Timestamp(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    public static JsonNode Uuid(Guid value) => JsonValue.Create(value.ToString("D"));

    public static JsonNode? Uuid(Guid? value) => value is { } v ? Uuid(v) : null;

    public static JsonNode Vector(float[] value) => new JsonArray([.. value.Select(x => (JsonNode)JsonValue.Create((double)x))]);

    public static JsonNode Texts(IEnumerable<string> values) => new JsonArray([.. values.Select(x => (JsonNode)JsonValue.Create(x))]);

    /// <summary>Null when equal by the manifest's rules for <paramref name="type"/>, otherwise what differs.</summary>
    public static string? Compare(string type, JsonNode? expected, JsonNode? actual)
    {
        if (expected is null || actual is null) return expected is null && actual is null ? null : $"expected {Show(expected)}, got {Show(actual)}";
        if (type is "timestamp" or "timestamptz")
        {
            var e = Micros(expected.GetValue<string>());
            var a = Micros(actual.GetValue<string>());
            return e == a ? null : $"expected {expected}, got {actual}";
        }
        if (type.StartsWith("vector", StringComparison.Ordinal))
        {
            var e = expected.AsArray().Select(x => x!.GetValue<double>()).ToArray();
            var a = actual.AsArray().Select(x => x!.GetValue<double>()).ToArray();
            if (e.Length != a.Length) return $"dimension {a.Length}, expected {e.Length}";
            var worst = e.Zip(a).Select((p, i) => (Diff: Math.Abs(p.First - p.Second), i)).MaxBy(p => p.Diff);
            return worst.Diff <= VectorTolerance ? null : $"component {worst.i}: {a[worst.i]} vs {e[worst.i]}";
        }
        if (type == "uuid") return string.Equals(expected.GetValue<string>(), actual.GetValue<string>(), StringComparison.OrdinalIgnoreCase) ? null : $"expected {expected}, got {actual}";
        return JsonNode.DeepEquals(expected, actual) ? null : $"expected {Show(expected)}, got {Show(actual)}";
    }

    private static long Micros(string text)
    {
        var value = DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
        return (value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;
    }

    private static string Show(JsonNode? node) => node?.ToJsonString() ?? "null";

    private static string CanonicalType(string formatType) => formatType switch
    {
        "timestamp with time zone" => "timestamptz",
        "timestamp without time zone" => "timestamp",
        "character varying" => "text",
        _ => formatType,
    };

    private static string SelectExpression(string name, string type)
    {
        var c = Quote(name);
        if (type == "timestamptz") return $"to_char({c} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') AS {c}";
        if (type == "timestamp") return $"to_char({c}, 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') AS {c}";
        if (type == "uuid" || type.StartsWith("vector", StringComparison.Ordinal) || type == "bigint") return $"{c}::text AS {c}";
        if (type == "jsonb") return $"{c}::text AS {c}";
        return c;
    }

    private static JsonNode? Decode(string type, object value) => type switch
    {
        "jsonb" => JsonNode.Parse((string)value),
        _ when type.StartsWith("vector", StringComparison.Ordinal) => JsonNode.Parse((string)value),
        "text[]" => Texts((string[])value),
        "boolean" => JsonValue.Create((bool)value),
        "integer" => JsonValue.Create((int)value),
        _ => JsonValue.Create((string)value),
    };

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
