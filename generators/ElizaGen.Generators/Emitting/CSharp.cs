using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace ElizaGen.Generators.Emitting;

/// <summary>C# text helpers for emitted code: literals and identifiers.</summary>
internal static class CSharp
{
    /// <summary>A regular C# string literal, escaped so that any text round-trips (culture-invariant).</summary>
    public static string Literal(string? value)
    {
        if (value is null) return "null";
        var builder = new StringBuilder(value.Length + 2);
        builder.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\t': builder.Append("\\t"); break;
                case '\0': builder.Append("\\0"); break;
                default: AppendOnOneLine(builder, c); break;
            }
        }
        return builder.Append('"').ToString();
    }

    public static string Literal(bool value) => value ? "true" : "false";

    public static string Literal(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Names the generated methods use for their own parameters and locals.</summary>
    private static readonly string[] Taken =
    {
        "connection", "transaction", "cancellationToken", "row", "rows", "keys", "key", "index", "query", "limit",
        "maxDistance", "command", "reader", "writer", "count", "operation", "state", "token", "repository",
    };

    /// <summary>
    /// A camelCase parameter name for a property, escaped with @ when it is a keyword, and suffixed with
    /// <c>Value</c> when the generated methods already use that name.
    /// </summary>
    public static string ParameterName(string propertyName)
    {
        var name = propertyName.Length == 0 ? "value" : char.ToLowerInvariant(propertyName[0]) + propertyName.Substring(1);
        if (System.Array.IndexOf(Taken, name) >= 0 || name.StartsWith("keys", System.StringComparison.Ordinal)) name += "Value";
        return SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) != SyntaxKind.None
            ? "@" + name
            : name;
    }

    /// <summary>Text for an XML doc comment (on one line: see <see cref="CommentText"/>).</summary>
    public static string Xml(string text)
        => CommentText(text).Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    /// <summary>
    /// Text for a <c>//</c> or <c>///</c> comment: every character C# reads as a line break (CR, LF, U+0085, U+2028,
    /// U+2029) and every other control character is written as its escape (<c>\n</c>, <c>\u2028</c>), so that a name
    /// cannot end the comment and put code into the generated file.
    /// </summary>
    public static string CommentText(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text) AppendOnOneLine(builder, c);
        return builder.ToString();
    }

    /// <summary>Appends <paramref name="c"/>, or its escape when C# would read it as a line break or it is a control character.</summary>
    private static void AppendOnOneLine(StringBuilder builder, char c)
    {
        switch (c)
        {
            case '\n': builder.Append("\\n"); break;
            case '\r': builder.Append("\\r"); break;
            default:
                if (char.IsControl(c) || c is '\u2028' or '\u2029' or '\u0085')
                {
                    builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                }
                else
                {
                    builder.Append(c);
                }
                break;
        }
    }
}
