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

    /// <summary>The JSON text of a node, or of an empty object/array when null.</summary>
    public static string TextOr(JsonNode? node, string whenNull) => node?.ToJsonString() ?? whenNull;

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
