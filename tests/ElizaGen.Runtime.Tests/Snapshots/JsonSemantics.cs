using System.Text.Json;

namespace ElizaGen.Runtime.Tests.Snapshots;

/// <summary>JSON equality as jsonb sees it: objects by members in any order, arrays in order, numbers by text.</summary>
internal static class JsonSemantics
{
    public static bool Equal(JsonElement a, JsonElement b)
    {
        if (a.ValueKind != b.ValueKind) return false;
        switch (a.ValueKind)
        {
            case JsonValueKind.Object:
                var aMembers = a.EnumerateObject().ToDictionary(m => m.Name, m => m.Value, StringComparer.Ordinal);
                var bMembers = b.EnumerateObject().ToDictionary(m => m.Name, m => m.Value, StringComparer.Ordinal);
                return aMembers.Count == bMembers.Count
                    && aMembers.All(m => bMembers.TryGetValue(m.Key, out var other) && Equal(m.Value, other));
            case JsonValueKind.Array:
                var aItems = a.EnumerateArray().ToList();
                var bItems = b.EnumerateArray().ToList();
                return aItems.Count == bItems.Count && aItems.Zip(bItems).All(p => Equal(p.First, p.Second));
            case JsonValueKind.String:
                return a.GetString() == b.GetString();
            default:
                return a.GetRawText() == b.GetRawText();
        }
    }
}
