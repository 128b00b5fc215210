using System.Text.Json;
using System.Text.Json.Nodes;

namespace ElizaGen.PluginSql.Internal;

/// <summary>JSON helpers: conversions, NUL removal for jsonb, the settings deep merge.</summary>
internal static class Json
{
    public static JsonObject EmptyObject() => [];

    /// <summary>
    /// The node as an object. The columns read this way hold objects when the ElizaOS plugin or this adapter wrote
    /// them; a scalar or array written by other SQL is returned wrapped as <c>{"value": …}</c> rather than failing the read.
    /// </summary>
    public static JsonObject? AsObject(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => o,
        _ => new JsonObject { ["value"] = node },
    };

    public static JsonObject? ToObject(JsonElement? element) => AsObject(ToNode(element));

    public static JsonArray? ToArray(JsonElement? element)
        => element is { ValueKind: JsonValueKind.Array } e ? JsonArray.Create(e) : null;

    public static JsonNode? ToNode(JsonElement? element)
        => element is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } e ? JsonNode.Parse(e.GetRawText()) : null;

    /// <summary>The largest value PostgreSQL's jsonb holds, in bytes (its 28-bit offsets: 268,435,455, about 255 MB).</summary>
    public const int MaxJsonbBytes = 0x0FFFFFFF;

    /// <summary>The JSON text of a node, or of an empty object/array when null.</summary>
    /// <exception cref="ArgumentException">The text is larger than jsonb holds.</exception>
    public static string TextOr(JsonNode? node, string whenNull) => node is null ? whenNull : Text(node);

    /// <summary>
    /// The JSON text of a node, refused before it is written when its keys and strings (in UTF-8, as jsonb stores
    /// them) are larger than jsonb holds: the server would refuse it only after receiving it all, and
    /// System.Text.Json itself fails on strings of some hundred million characters.
    /// </summary>
    /// <exception cref="ArgumentException">The document is larger than jsonb holds.</exception>
    public static string Text(JsonNode node)
    {
        string text;
        try
        {
            text = node.ToJsonString();
        }
        catch (Exception e) when (e is ArgumentException or IndexOutOfRangeException or OverflowException or OutOfMemoryException)
        {
            CheckTextBytes(node);
            throw TooLarge("is too large to write as JSON (" + e.GetType().Name + ": " + e.Message + ")", e);
        }
        // The keys and strings take at most the text's UTF-8 bytes, at most 3 per UTF-16 char: only a text that long
        // can hold more than jsonb does, so only then is the document walked (not on every write).
        if ((long)text.Length * 3 > MaxJsonbBytes) CheckTextBytes(node);
        return text;
    }

    private static void CheckTextBytes(JsonNode node)
    {
        var bytes = TextBytes(node);
        if (bytes > MaxJsonbBytes)
        {
            throw TooLarge("holds at least " + bytes.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " bytes of text", null);
        }
    }

    /// <summary>The UTF-8 bytes of the keys and string values of a document (a lower bound of its jsonb size).</summary>
    private static long TextBytes(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                long objectBytes = 0;
                foreach (var (key, value) in o) objectBytes += System.Text.Encoding.UTF8.GetByteCount(key) + TextBytes(value);
                return objectBytes;
            case JsonArray a:
                long arrayBytes = 0;
                foreach (var item in a) arrayBytes += TextBytes(item);
                return arrayBytes;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                return System.Text.Encoding.UTF8.GetByteCount(v.GetValue<string>());
            default:
                return 0;
        }
    }

    private static ArgumentException TooLarge(string what, Exception? inner) => new(
        $"A JSON value (content, metadata, body or settings) {what}, but PostgreSQL's jsonb holds at most " +
        $"{MaxJsonbBytes.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} bytes (about 255 MB) per value; nothing was written. " +
        "Store large payloads outside the database (a file or an object store) and keep a reference to them in the JSON.", inner);

    /// <summary>
    /// A copy of <paramref name="node"/> without U+0000 characters in strings and keys: PostgreSQL's jsonb cannot hold
    /// them (<c>unsupported Unicode escape sequence</c>), and the ElizaOS plugin removes them the same way.
    /// </summary>
    public static JsonNode? WithoutNul(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonObject o:
                var copy = new JsonObject();
                foreach (var (key, value) in o) copy[key.Replace("\0", "", StringComparison.Ordinal)] = WithoutNul(value);
                return copy;
            case JsonArray a:
                var array = new JsonArray();
                foreach (var item in a) array.Add(WithoutNul(item));
                return array;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                return JsonValue.Create(v.GetValue<string>().Replace("\0", "", StringComparison.Ordinal));
            default:
                return node.DeepClone();
        }
    }

    /// <summary>
    /// The ElizaOS settings merge: keys of <paramref name="update"/> whose value is JSON null are removed from the
    /// result, nested objects are merged key by key (an object left empty by removals disappears), every other value
    /// replaces the stored one.
    /// </summary>
    public static JsonObject DeepMerge(JsonObject? current, JsonObject update)
    {
        var merged = (current?.DeepClone() as JsonObject) ?? [];
        MergeInto(merged, update);
        return merged;
    }

    private static void MergeInto(JsonObject target, JsonObject update)
    {
        foreach (var (key, value) in update)
        {
            if (value is null)
            {
                target.Remove(key);
            }
            else if (value is JsonObject nested)
            {
                var child = target[key] as JsonObject ?? [];
                var wasEmptyUpdate = nested.Count == 0;
                var merged = (JsonObject)child.DeepClone();
                MergeInto(merged, nested);
                target.Remove(key);
                if (merged.Count > 0 || wasEmptyUpdate) target[key] = merged;
            }
            else
            {
                target[key] = value.DeepClone();
            }
        }
    }
}
