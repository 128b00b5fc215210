using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace ElizaGen.Schema.Sql;

/// <summary>The groups of types whose conversions PostgreSQL treats alike.</summary>
internal enum SqlTypeCategory
{
    Integer,
    Decimal,
    Float,
    String,
    DateTime,
    Time,
    Json,
    Uuid,
    Boolean,
    UserDefined,
    Other,
}

/// <summary>
/// A parsed SQL type: its canonical base name (PostgreSQL's <c>format_type</c> spelling for built-in types),
/// its modifiers (<c>(10,2)</c>) and whether it is an array. Equal types give equal <see cref="Canonical"/> text.
/// </summary>
internal sealed class SqlType
{
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["int"] = "integer",
        ["int4"] = "integer",
        ["integer"] = "integer",
        ["serial"] = "integer",
        ["serial4"] = "integer",
        ["int8"] = "bigint",
        ["bigint"] = "bigint",
        ["bigserial"] = "bigint",
        ["serial8"] = "bigint",
        ["int2"] = "smallint",
        ["smallint"] = "smallint",
        ["smallserial"] = "smallint",
        ["serial2"] = "smallint",
        ["float4"] = "real",
        ["real"] = "real",
        ["float8"] = "double precision",
        ["double precision"] = "double precision",
        ["bool"] = "boolean",
        ["boolean"] = "boolean",
        ["decimal"] = "numeric",
        ["numeric"] = "numeric",
        ["varchar"] = "character varying",
        ["character varying"] = "character varying",
        ["char varying"] = "character varying",
        ["char"] = "character",
        ["character"] = "character",
        ["bpchar"] = "character",
        ["timestamp"] = "timestamp without time zone",
        ["timestamp without time zone"] = "timestamp without time zone",
        ["timestamptz"] = "timestamp with time zone",
        ["timestamp with time zone"] = "timestamp with time zone",
        ["time"] = "time without time zone",
        ["time without time zone"] = "time without time zone",
        ["timetz"] = "time with time zone",
        ["time with time zone"] = "time with time zone",
        ["varbit"] = "bit varying",
        ["bit varying"] = "bit varying",
    };

    private static readonly HashSet<string> SerialNames = new(StringComparer.Ordinal)
    {
        "serial", "serial4", "bigserial", "serial8", "smallserial", "serial2",
    };

    private SqlType(string baseName, string[] modifiers, bool isArray, bool isSerial, bool isUserDefined)
    {
        BaseName = baseName;
        Modifiers = modifiers;
        IsArray = isArray;
        IsSerial = isSerial;
        IsUserDefined = isUserDefined;
        Category = CategoryOf(baseName, isUserDefined);
        Canonical = BuildCanonical();
    }

    /// <summary>The canonical base name without modifiers or array brackets.</summary>
    public string BaseName { get; }

    /// <summary>The type modifiers: numbers (length, precision and scale, dimensions), or lower-case words (<c>geometry(point,4326)</c>).</summary>
    public string[] Modifiers { get; }

    /// <summary>True for an array type (PostgreSQL does not distinguish the number of dimensions).</summary>
    public bool IsArray { get; }

    /// <summary>True for serial, bigserial and smallserial (an integer with an owned sequence as default).</summary>
    public bool IsSerial { get; }

    /// <summary>True for a quoted or schema-qualified name: an enum or another user type.</summary>
    public bool IsUserDefined { get; }

    /// <summary>The conversion group.</summary>
    public SqlTypeCategory Category { get; }

    /// <summary>The canonical spelling, usable in SQL.</summary>
    public string Canonical { get; }

    /// <summary>The same type without its array brackets.</summary>
    public SqlType Element => IsArray ? new SqlType(BaseName, Modifiers, false, false, IsUserDefined) : this;

    /// <summary>The first modifier (length or precision), or null.</summary>
    public int? Length => Modifiers.Length > 0 ? Number(Modifiers[0]) : null;

    /// <summary>The scale of a numeric, 0 when only a precision is given, or null when unconstrained.</summary>
    public int? Scale => Modifiers.Length > 1 ? Number(Modifiers[1]) : Modifiers.Length == 1 ? 0 : null;

    public override string ToString() => Canonical;

    /// <summary>Parses a type as written in DDL.</summary>
    /// <exception cref="ArgumentException">The text is not a type name PostgreSQL would accept.</exception>
    public static SqlType Parse(string text)
    {
        if (text is null) throw new ArgumentNullException(nameof(text));
        var tokens = Tokenize(text);
        var nameParts = new List<string>();
        var words = new List<string>();
        var modifiers = new List<string>();
        var quoted = false;
        var qualified = false;
        var isArray = false;
        var sawModifiers = false;
        var i = 0;
        while (i < tokens.Count)
        {
            var token = tokens[i];
            if (isArray) throw Invalid(text, "nothing may follow the array brackets");
            switch (token.Kind)
            {
                case TokenKind.Word when token.Text == "array" && (words.Count > 0 || nameParts.Count > 0):
                    isArray = true;
                    i++;
                    if (i < tokens.Count && tokens[i].Kind == TokenKind.Open && tokens[i].Text == "[")
                    {
                        i = SkipBrackets(text, tokens, i);
                    }
                    continue;
                case TokenKind.Word:
                case TokenKind.Quoted:
                    if (token.Kind == TokenKind.Quoted) quoted = true;
                    if (sawModifiers && nameParts.Count == 0) words.Add(token.Text);
                    else if (nameParts.Count > 0 && tokens[i - 1].Kind == TokenKind.Dot) nameParts.Add(token.Text);
                    else if (words.Count == 0 && nameParts.Count == 0) nameParts.Add(token.Text);
                    else if (token.Kind == TokenKind.Quoted) throw Invalid(text, "a quoted name must come first");
                    else words.Add(token.Text);
                    i++;
                    continue;
                case TokenKind.Dot:
                    if (nameParts.Count == 0 || words.Count > 0 || sawModifiers || i + 1 >= tokens.Count
                        || (tokens[i + 1].Kind != TokenKind.Word && tokens[i + 1].Kind != TokenKind.Quoted))
                    {
                        throw Invalid(text, "a dot must join two names");
                    }
                    qualified = true;
                    i++;
                    continue;
                case TokenKind.Open when token.Text == "(":
                    if (sawModifiers || nameParts.Count == 0) throw Invalid(text, "modifiers must follow the type name, once");
                    sawModifiers = true;
                    i = ReadModifiers(text, tokens, i, modifiers);
                    continue;
                case TokenKind.Open when token.Text == "[":
                    if (nameParts.Count == 0) throw Invalid(text, "array brackets must follow the type name");
                    isArray = true;
                    i = SkipBrackets(text, tokens, i);
                    continue;
                default:
                    throw Invalid(text, "unexpected '" + token.Text + "'");
            }
        }
        if (nameParts.Count == 0) throw Invalid(text, "it names no type");

        if (quoted || qualified)
        {
            if (words.Count > 0) throw Invalid(text, "a quoted or schema-qualified type name is a single name");
            var name = string.Join(".", nameParts.Select(SqlText.QuoteIdentifier));
            return new SqlType(name, modifiers.ToArray(), isArray, false, true);
        }

        // Words after the modifiers ("timestamp(3) with time zone") belong to the name.
        var baseName = string.Join(" ", nameParts.Concat(words));
        if (baseName.Length > 1 && baseName[0] == '_' && words.Count == 0 && !isArray)
        {
            // The catalog's name of an array type: _text is text[].
            baseName = baseName.Substring(1);
            isArray = true;
        }
        var writtenName = baseName;
        var isSerial = SerialNames.Contains(baseName);
        if (Aliases.TryGetValue(baseName, out var alias)) baseName = alias;
        var mods = modifiers.ToArray();
        if (baseName == "float" || baseName == "double")
        {
            if (baseName == "double") throw Invalid(text, "write 'double precision'");
            baseName = mods.Length == 1 && Number(mods[0]) <= 24 ? "real" : "double precision";
            mods = Array.Empty<string>();
        }
        else if (baseName == "numeric" && mods.Length == 1)
        {
            mods = new[] { mods[0], "0" };
        }
        else if (baseName == "character" && mods.Length == 0 && writtenName != "bpchar")
        {
            mods = new[] { "1" };
        }
        return new SqlType(baseName, mods, isArray, isSerial, false);
    }

    private string BuildCanonical()
    {
        var modifierText = Modifiers.Length == 0 ? "" : "(" + string.Join(",", Modifiers) + ")";
        string text;
        var zoneAt = BaseName.IndexOf(" with", StringComparison.Ordinal);
        if (modifierText.Length > 0 && (BaseName.StartsWith("timestamp ", StringComparison.Ordinal) || BaseName.StartsWith("time ", StringComparison.Ordinal)) && zoneAt > 0)
        {
            text = BaseName.Substring(0, zoneAt) + modifierText + BaseName.Substring(zoneAt);
        }
        else
        {
            text = BaseName + modifierText;
        }
        return IsArray ? text + "[]" : text;
    }

    private static SqlTypeCategory CategoryOf(string baseName, bool isUserDefined)
    {
        if (isUserDefined) return SqlTypeCategory.UserDefined;
        switch (baseName)
        {
            case "smallint":
            case "integer":
            case "bigint":
                return SqlTypeCategory.Integer;
            case "numeric":
                return SqlTypeCategory.Decimal;
            case "real":
            case "double precision":
                return SqlTypeCategory.Float;
            case "text":
            case "character varying":
            case "character":
                return SqlTypeCategory.String;
            case "date":
            case "timestamp without time zone":
            case "timestamp with time zone":
                return SqlTypeCategory.DateTime;
            case "time without time zone":
            case "time with time zone":
                return SqlTypeCategory.Time;
            case "json":
            case "jsonb":
                return SqlTypeCategory.Json;
            case "uuid":
                return SqlTypeCategory.Uuid;
            case "boolean":
                return SqlTypeCategory.Boolean;
            default:
                return SqlTypeCategory.Other;
        }
    }

    private static int ReadModifiers(string text, List<Token> tokens, int i, List<string> modifiers)
    {
        i++;
        while (true)
        {
            if (i < tokens.Count && tokens[i].Kind == TokenKind.Number)
            {
                // Canonical digits: numeric(010) is numeric(10).
                modifiers.Add(int.Parse(tokens[i].Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture));
            }
            else if (i < tokens.Count && tokens[i].Kind == TokenKind.Word)
            {
                modifiers.Add(tokens[i].Text);
            }
            else
            {
                throw Invalid(text, "type modifiers must be whole numbers or plain words");
            }
            i++;
            if (i < tokens.Count && tokens[i].Kind == TokenKind.Comma)
            {
                i++;
                continue;
            }
            if (i < tokens.Count && tokens[i].Kind == TokenKind.Close && tokens[i].Text == ")") return i + 1;
            throw Invalid(text, "unclosed modifier list");
        }
    }

    private static int SkipBrackets(string text, List<Token> tokens, int i)
    {
        while (i < tokens.Count && tokens[i].Kind == TokenKind.Open && tokens[i].Text == "[")
        {
            i++;
            if (i < tokens.Count && tokens[i].Kind == TokenKind.Number) i++;
            if (i >= tokens.Count || tokens[i].Kind != TokenKind.Close || tokens[i].Text != "]") throw Invalid(text, "unclosed array brackets");
            i++;
        }
        return i;
    }

    private static int? Number(string modifier) =>
        int.TryParse(modifier, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static ArgumentException Invalid(string text, string why) =>
        new($"\"{text}\" is not a PostgreSQL type this library can write ({why}). Write a type as in DDL, for example text, integer, numeric(10,2), varchar(64), timestamp with time zone, vector(384) or text[].");

    private enum TokenKind
    {
        Word,
        Quoted,
        Number,
        Dot,
        Comma,
        Open,
        Close,
    }

    private readonly struct Token
    {
        public Token(TokenKind kind, string text)
        {
            Kind = kind;
            Text = text;
        }

        public TokenKind Kind { get; }

        public string Text { get; }
    }

    private static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '"')
            {
                var sb = new StringBuilder();
                i++;
                while (true)
                {
                    if (i >= text.Length) throw Invalid(text, "unclosed double quote");
                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            sb.Append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    sb.Append(text[i]);
                    i++;
                }
                if (sb.Length == 0) throw Invalid(text, "empty quoted name");
                tokens.Add(new Token(TokenKind.Quoted, sb.ToString()));
            }
            else if (IsWordStart(c))
            {
                var start = i;
                while (i < text.Length && IsWordPart(text[i])) i++;
                tokens.Add(new Token(TokenKind.Word, text.Substring(start, i - start).ToLowerInvariant()));
            }
            else if (char.IsDigit(c) || (c == '-' && i + 1 < text.Length && char.IsDigit(text[i + 1])))
            {
                var start = i;
                i++;
                while (i < text.Length && char.IsDigit(text[i])) i++;
                tokens.Add(new Token(TokenKind.Number, text.Substring(start, i - start)));
            }
            else
            {
                var kind = c switch
                {
                    '.' => TokenKind.Dot,
                    ',' => TokenKind.Comma,
                    '(' or '[' => TokenKind.Open,
                    ')' or ']' => TokenKind.Close,
                    _ => throw Invalid(text, "the character '" + c + "' has no place in a type name"),
                };
                tokens.Add(new Token(kind, c.ToString()));
                i++;
            }
        }
        return tokens;
    }

    private static bool IsWordStart(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';

    private static bool IsWordPart(char c) => IsWordStart(c) || (c >= '0' && c <= '9') || c == '$';
}
