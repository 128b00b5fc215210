using System;
using System.Text;

namespace ElizaGen.Schema.Naming;

/// <summary>Column names from C# property names.</summary>
public static class SnakeCase
{
    /// <summary>
    /// The snake_case form of a PascalCase or camelCase name: lower case, with an underscore where a new word
    /// starts. A word starts at an upper-case letter after a lower-case letter or a digit
    /// (<c>AgentId</c> → <c>agent_id</c>), at the last capital of a run of capitals followed by a lower-case
    /// letter (<c>HTTPStatus</c> → <c>http_status</c>, <c>UserID</c> → <c>user_id</c>), and at a digit after a
    /// letter (<c>Dim384</c> → <c>dim_384</c>, the ElizaOS column name; <c>Sha256Hash</c> → <c>sha_256_hash</c>).
    /// Existing underscores are kept, never doubled, and trimmed from both ends.
    /// </summary>
    /// <param name="propertyName">A C# identifier.</param>
    public static string From(string propertyName)
    {
        if (propertyName is null) throw new ArgumentNullException(nameof(propertyName));
        var result = new StringBuilder(propertyName.Length + 8);
        for (var i = 0; i < propertyName.Length; i++)
        {
            var c = propertyName[i];
            if (c == '_')
            {
                AppendSeparator(result);
                continue;
            }
            if (i > 0 && StartsWord(propertyName, i)) AppendSeparator(result);
            result.Append(char.ToLowerInvariant(c));
        }
        if (result.Length > 0 && result[result.Length - 1] == '_') result.Length--;
        return result.ToString();
    }

    private static bool StartsWord(string name, int i)
    {
        var c = name[i];
        var previous = name[i - 1];
        if (char.IsUpper(c))
        {
            if (char.IsLower(previous) || char.IsDigit(previous)) return true;
            return char.IsUpper(previous) && i + 1 < name.Length && char.IsLower(name[i + 1]);
        }
        return char.IsDigit(c) && char.IsLetter(previous);
    }

    private static void AppendSeparator(StringBuilder result)
    {
        if (result.Length > 0 && result[result.Length - 1] != '_') result.Append('_');
    }
}
