using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace ElizaGen.Schema.Internal;

/// <summary>
/// Writes compact JSON (no whitespace) token by token, placing the commas itself. Strings are escaped the way
/// ECMAScript's <c>JSON.stringify</c> escapes them, so a JavaScript reader re-serialising our text gets the
/// same characters back.
/// </summary>
internal sealed class JsonTextBuilder
{
    private readonly StringBuilder _text = new();
    private readonly Stack<bool> _containerHasItems = new();
    private bool _afterPropertyName;

    public JsonTextBuilder StartObject()
    {
        BeforeValue();
        _text.Append('{');
        _containerHasItems.Push(false);
        return this;
    }

    public JsonTextBuilder EndObject()
    {
        _containerHasItems.Pop();
        _text.Append('}');
        return this;
    }

    public JsonTextBuilder StartArray()
    {
        BeforeValue();
        _text.Append('[');
        _containerHasItems.Push(false);
        return this;
    }

    public JsonTextBuilder EndArray()
    {
        _containerHasItems.Pop();
        _text.Append(']');
        return this;
    }

    public JsonTextBuilder Name(string name)
    {
        BeforeItem();
        AppendQuoted(_text, name);
        _text.Append(':');
        _afterPropertyName = true;
        return this;
    }

    public JsonTextBuilder String(string value)
    {
        BeforeValue();
        AppendQuoted(_text, value);
        return this;
    }

    public JsonTextBuilder Bool(bool value)
    {
        BeforeValue();
        _text.Append(value ? "true" : "false");
        return this;
    }

    /// <summary>
    /// A SQL literal as drizzle-kit stores it: <c>true</c>/<c>false</c> and plain decimal numbers as bare JSON
    /// scalars (drizzle-kit copies non-string JavaScript defaults unchanged), everything else as a string.
    /// </summary>
    public JsonTextBuilder SqlLiteral(string value)
    {
        if (IsBareJsonLiteral(value))
        {
            BeforeValue();
            _text.Append(value);
            return this;
        }
        return String(value);
    }

    public JsonTextBuilder StringArray(IEnumerable<string> values)
    {
        StartArray();
        foreach (var v in values) String(v);
        return EndArray();
    }

    public JsonTextBuilder EmptyObject() => StartObject().EndObject();

    public override string ToString() => _text.ToString();

    /// <summary>
    /// True for <c>true</c>, <c>false</c> and numbers matching <c>-?(0|[1-9][0-9]*)(\.[0-9]+)?</c>: text that
    /// reads back character for character from a JSON number or boolean token.
    /// </summary>
    internal static bool IsBareJsonLiteral(string value)
    {
        if (value == "true" || value == "false") return true;
        var i = 0;
        if (i < value.Length && value[i] == '-') i++;
        if (i >= value.Length) return false;
        if (value[i] == '0')
        {
            i++;
        }
        else if (value[i] >= '1' && value[i] <= '9')
        {
            while (i < value.Length && IsDigit(value[i])) i++;
        }
        else
        {
            return false;
        }
        if (i == value.Length) return true;
        if (value[i] != '.') return false;
        i++;
        var fractionStart = i;
        while (i < value.Length && IsDigit(value[i])) i++;
        return i > fractionStart && i == value.Length;
    }

    private static bool IsDigit(char c) => c >= '0' && c <= '9';

    private void BeforeValue()
    {
        if (_afterPropertyName)
        {
            _afterPropertyName = false;
            return;
        }
        BeforeItem();
    }

    private void BeforeItem()
    {
        if (_containerHasItems.Count == 0) return;
        if (_containerHasItems.Pop()) _text.Append(',');
        _containerHasItems.Push(true);
    }

    /// <summary>
    /// Quotes and escapes like <c>JSON.stringify</c>: <c>\"</c>, <c>\\</c>, the short escapes <c>\b \t \n \f \r</c>,
    /// other control characters and unpaired surrogates as lowercase <c>\u00xx</c>; everything else, non-ASCII
    /// included, as itself (it becomes UTF-8 when the text is encoded).
    /// </summary>
    internal static void AppendQuoted(StringBuilder text, string value)
    {
        text.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\b': text.Append("\\b"); break;
                case '\t': text.Append("\\t"); break;
                case '\n': text.Append("\\n"); break;
                case '\f': text.Append("\\f"); break;
                case '\r': text.Append("\\r"); break;
                default:
                    if (c < 0x20)
                    {
                        AppendUnicodeEscape(text, c);
                    }
                    else if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                    {
                        text.Append(c).Append(value[i + 1]);
                        i++;
                    }
                    else if (char.IsSurrogate(c))
                    {
                        AppendUnicodeEscape(text, c);
                    }
                    else
                    {
                        text.Append(c);
                    }
                    break;
            }
        }
        text.Append('"');
    }

    private static void AppendUnicodeEscape(StringBuilder text, char c) =>
        text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
}
