using System;
using System.Text;

namespace ElizaGen.Schema.Naming;

/// <summary>Rules for PostgreSQL names (tables, columns, schemas, constraints, indexes, types).</summary>
public static class Identifier
{
    /// <summary>
    /// The longest name PostgreSQL keeps, in bytes of UTF-8 (<c>NAMEDATALEN - 1</c>); longer names are cut
    /// to this length by the server.
    /// </summary>
    public const int MaxBytes = 63;

    /// <summary>Checks a name: not empty, at most <see cref="MaxBytes"/> bytes of UTF-8, no NUL character.</summary>
    /// <param name="name">The name to check.</param>
    /// <exception cref="ArgumentException">The name breaks a rule; the message says which and what to do.</exception>
    public static void Validate(string name)
    {
        if (!TryValidate(name, out var error)) throw new ArgumentException(error, nameof(name));
    }

    /// <summary>Checks a name without throwing.</summary>
    /// <param name="name">The name to check.</param>
    /// <param name="error">When the name is not valid, what is wrong and what to do; otherwise empty.</param>
    /// <returns>True when the name is a valid PostgreSQL name.</returns>
    public static bool TryValidate(string name, out string error)
    {
        if (name is null || name.Length == 0)
        {
            error = "The name is empty: a PostgreSQL name needs at least one character. Give it a name.";
            return false;
        }
        if (name.IndexOf('\0') >= 0)
        {
            error = $"The name \"{name.Replace("\0", "\\0")}\" contains a NUL character, which PostgreSQL does not allow in a name. Remove it.";
            return false;
        }
        var bytes = Utf8Length(name);
        if (bytes > MaxBytes)
        {
            error = $"The name \"{name}\" is {bytes} bytes long in UTF-8; PostgreSQL keeps only the first {MaxBytes} bytes of a name, so it would be cut to \"{TruncateToMaxBytes(name)}\". Choose a name of at most {MaxBytes} bytes.";
            return false;
        }
        error = string.Empty;
        return true;
    }

    /// <summary>
    /// The name as PostgreSQL stores it: cut to at most <see cref="MaxBytes"/> bytes of UTF-8, never inside a
    /// character (what the server does to a longer name, see <c>truncate_identifier</c>).
    /// </summary>
    /// <param name="name">Any name.</param>
    public static string TruncateToMaxBytes(string name)
    {
        if (name is null) throw new ArgumentNullException(nameof(name));
        if (Utf8Length(name) <= MaxBytes) return name;
        var bytes = 0;
        var i = 0;
        while (i < name.Length)
        {
            var charCount = char.IsHighSurrogate(name[i]) && i + 1 < name.Length && char.IsLowSurrogate(name[i + 1]) ? 2 : 1;
            var charBytes = Encoding.UTF8.GetByteCount(name.ToCharArray(i, charCount));
            if (bytes + charBytes > MaxBytes) break;
            bytes += charBytes;
            i += charCount;
        }
        return name.Substring(0, i);
    }

    /// <summary>The length of <paramref name="name"/> in bytes of UTF-8.</summary>
    public static int Utf8Length(string name) => Encoding.UTF8.GetByteCount(name);
}
