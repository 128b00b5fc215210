using System;
using System.Text;
using ElizaGen.Schema.Naming;

namespace ElizaGen.Schema.Sql;

/// <summary>
/// Quoting of identifiers and literals for PostgreSQL. Every name and every string that goes into generated
/// SQL passes through here, so that no name or value can break out of its place in a statement.
/// </summary>
public static class SqlText
{
    /// <summary>
    /// Quotes an identifier: always in double quotes, with embedded double quotes doubled, so that its case
    /// and any character are kept (<c>notes</c> → <c>"notes"</c>, <c>a"b</c> → <c>"a""b"</c>).
    /// </summary>
    /// <param name="identifier">The name of a schema, table, column, constraint, index or type.</param>
    /// <exception cref="ArgumentException">The name is empty or holds a NUL character.</exception>
    public static string QuoteIdentifier(string identifier)
    {
        if (identifier is null) throw new ArgumentNullException(nameof(identifier));
        if (identifier.Length == 0)
        {
            throw new ArgumentException("An SQL identifier cannot be empty: give the schema, table, column, constraint or index a name.", nameof(identifier));
        }
        if (identifier.IndexOf('\0') >= 0)
        {
            throw new ArgumentException($"The SQL identifier \"{identifier.Replace("\0", "\\0")}\" holds a NUL character, which PostgreSQL cannot store: remove it from the name.", nameof(identifier));
        }
        return "\"" + identifier.Replace("\"", "\"\"") + "\"";
    }

    /// <summary>
    /// Quotes a string literal. Single quotes are doubled (<c>it's</c> → <c>'it''s'</c>). A string holding a
    /// backslash is written in the <c>E'…'</c> form with the backslash doubled, as PostgreSQL's own
    /// <c>quote_literal</c> does, so that the literal means the same whatever <c>standard_conforming_strings</c> says.
    /// </summary>
    /// <param name="value">The text.</param>
    /// <exception cref="ArgumentException">The text holds a NUL character (PostgreSQL text cannot).</exception>
    public static string QuoteLiteral(string value)
    {
        if (value is null) throw new ArgumentNullException(nameof(value));
        if (value.IndexOf('\0') >= 0)
        {
            throw new ArgumentException("A PostgreSQL string literal cannot hold a NUL character (U+0000): remove it from the value.", nameof(value));
        }
        var escaped = value.Replace("'", "''");
        if (value.IndexOf('\\') < 0) return "'" + escaped + "'";
        return "E'" + escaped.Replace("\\", "\\\\") + "'";
    }

    /// <summary>A schema-qualified name, both parts quoted: <c>"public"."notes"</c>.</summary>
    /// <param name="schema">The schema.</param>
    /// <param name="name">The object's name.</param>
    public static string QualifiedName(string schema, string name) => QuoteIdentifier(schema) + "." + QuoteIdentifier(name);

    /// <summary>
    /// The name PostgreSQL chooses for an implicit object (its <c>makeObjectName</c>): <c>name1_name2_label</c>,
    /// where the longer of the two names is shortened until the whole fits in 63 bytes.
    /// </summary>
    /// <param name="name1">The first part, usually the table.</param>
    /// <param name="name2">The second part, usually the column, or null.</param>
    /// <param name="label">The suffix: <c>pkey</c>, <c>seq</c>, <c>key</c>, <c>fkey</c>.</param>
    public static string ImplicitObjectName(string name1, string? name2, string label)
    {
        var overhead = label.Length + 1 + (name2 is null ? 0 : 1);
        var available = Identifier.MaxBytes - overhead;
        var name1Bytes = Encoding.UTF8.GetByteCount(name1);
        var name2Bytes = name2 is null ? 0 : Encoding.UTF8.GetByteCount(name2);
        while (name1Bytes + name2Bytes > available)
        {
            if (name1Bytes > name2Bytes) name1Bytes--;
            else name2Bytes--;
        }
        var result = ClipToBytes(name1, name1Bytes);
        if (name2 is not null) result += "_" + ClipToBytes(name2, name2Bytes);
        return result + "_" + label;
    }

    private static string ClipToBytes(string text, int maxBytes)
    {
        if (Encoding.UTF8.GetByteCount(text) <= maxBytes) return text;
        var bytes = 0;
        var i = 0;
        while (i < text.Length)
        {
            var charCount = char.IsHighSurrogate(text[i]) && i + 1 < text.Length ? 2 : 1;
            var charBytes = Encoding.UTF8.GetByteCount(text.ToCharArray(i, charCount));
            if (bytes + charBytes > maxBytes) break;
            bytes += charBytes;
            i += charCount;
        }
        return text.Substring(0, i);
    }
}
