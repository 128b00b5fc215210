using System;
using System.Collections.Generic;
using System.Text;

namespace ElizaGen.Schema.Sql;

/// <summary>
/// Light handling of SQL expression text (defaults, checks, generated columns, index expressions and
/// predicates) that keeps string literals and quoted identifiers intact: spelling-insensitive comparison, and
/// following a column rename.
/// </summary>
public static class SqlExpression
{
    /// <summary>
    /// The expression with its spelling made canonical, for comparison only: runs of white space outside quotes
    /// become one space (none after <c>(</c>, before <c>)</c> or around <c>,</c>), unquoted words are lower
    /// case (PostgreSQL folds them), and parentheses around the whole expression are dropped.
    /// </summary>
    /// <param name="expression">The SQL expression.</param>
    public static string Normalize(string expression)
    {
        if (expression is null) throw new ArgumentNullException(nameof(expression));
        var tokens = Tokenize(expression);
        var sb = new StringBuilder(expression.Length);
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Kind == ExpressionTokenKind.Space)
            {
                if (sb.Length == 0 || i == tokens.Count - 1) continue;
                var previous = sb[sb.Length - 1];
                var next = tokens[i + 1].Text;
                if (previous == '(' || previous == ',' || next == ")" || next == ",") continue;
                sb.Append(' ');
            }
            else if (token.Kind == ExpressionTokenKind.Word)
            {
                sb.Append(token.Text.ToLowerInvariant());
            }
            else if (token.Kind == ExpressionTokenKind.Literal && token.Text.StartsWith("E'", StringComparison.Ordinal))
            {
                sb.Append('e').Append(token.Text, 1, token.Text.Length - 1);
            }
            else
            {
                sb.Append(token.Text);
            }
        }
        var text = sb.ToString();
        while (text.Length >= 2 && text[0] == '(' && text[text.Length - 1] == ')' && ClosingParenthesis(text, 0) == text.Length - 1)
        {
            text = text.Substring(1, text.Length - 2).Trim();
        }
        return text;
    }

    /// <summary>True when both expressions are the same up to <see cref="Normalize"/>.</summary>
    /// <param name="left">An expression, or null.</param>
    /// <param name="right">Another expression, or null.</param>
    public static bool AreEquivalent(string? left, string? right)
    {
        if (left is null || right is null) return left is null && right is null;
        return Normalize(left) == Normalize(right);
    }

    /// <summary>True when the expression names the column (quoted, or unquoted in any case), other than as a function name.</summary>
    /// <param name="expression">The SQL expression.</param>
    /// <param name="column">The column name.</param>
    public static bool References(string expression, string column)
    {
        var tokens = Tokenize(expression);
        for (var i = 0; i < tokens.Count; i++)
        {
            if (Names(tokens, i, column)) return true;
        }
        return false;
    }

    /// <summary>
    /// The expression with every reference to column <paramref name="oldName"/> renamed to
    /// <paramref name="newName"/> (what PostgreSQL itself does to stored expressions on <c>RENAME COLUMN</c>).
    /// </summary>
    /// <param name="expression">The SQL expression.</param>
    /// <param name="oldName">The old column name.</param>
    /// <param name="newName">The new column name.</param>
    public static string RenameColumn(string expression, string oldName, string newName)
    {
        var tokens = Tokenize(expression);
        var sb = new StringBuilder(expression.Length);
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!Names(tokens, i, oldName))
            {
                sb.Append(tokens[i].Text);
                continue;
            }
            var keepBare = tokens[i].Kind == ExpressionTokenKind.Word && IsSimpleLowerCase(newName);
            sb.Append(keepBare ? newName : SqlText.QuoteIdentifier(newName));
        }
        return sb.ToString();
    }

    private static bool Names(List<ExpressionToken> tokens, int i, string column)
    {
        var token = tokens[i];
        var matches = token.Kind switch
        {
            ExpressionTokenKind.QuotedIdentifier => token.Value == column,
            ExpressionTokenKind.Word => IsSimpleLowerCase(column) && string.Equals(token.Text, column, StringComparison.OrdinalIgnoreCase),
            _ => false,
        };
        if (!matches) return false;
        var next = i + 1;
        while (next < tokens.Count && tokens[next].Kind == ExpressionTokenKind.Space) next++;
        return next >= tokens.Count || tokens[next].Text != "(";
    }

    private static bool IsSimpleLowerCase(string name)
    {
        if (name.Length == 0 || !((name[0] >= 'a' && name[0] <= 'z') || name[0] == '_')) return false;
        foreach (var c in name)
        {
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '$')) return false;
        }
        return true;
    }

    private static int ClosingParenthesis(string text, int open)
    {
        var tokens = Tokenize(text);
        var depth = 0;
        var position = 0;
        foreach (var token in tokens)
        {
            if (position >= open && token.Kind == ExpressionTokenKind.Symbol)
            {
                if (token.Text == "(") depth++;
                else if (token.Text == ")")
                {
                    depth--;
                    if (depth == 0) return position;
                }
            }
            position += token.Text.Length;
        }
        return -1;
    }

    private enum ExpressionTokenKind
    {
        Space,
        Word,
        QuotedIdentifier,
        Literal,
        Symbol,
    }

    private readonly struct ExpressionToken
    {
        public ExpressionToken(ExpressionTokenKind kind, string text, string value)
        {
            Kind = kind;
            Text = text;
            Value = value;
        }

        public ExpressionTokenKind Kind { get; }

        /// <summary>The token as written.</summary>
        public string Text { get; }

        /// <summary>For a quoted identifier, the name it stands for.</summary>
        public string Value { get; }
    }

    private static List<ExpressionToken> Tokenize(string text)
    {
        var tokens = new List<ExpressionToken>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            var start = i;
            if (char.IsWhiteSpace(c))
            {
                while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
                tokens.Add(new ExpressionToken(ExpressionTokenKind.Space, text.Substring(start, i - start), " "));
            }
            else if ((c == 'e' || c == 'E') && i + 1 < text.Length && text[i + 1] == '\'')
            {
                i = SkipQuoted(text, i + 1, '\'', backslashEscapes: true);
                tokens.Add(new ExpressionToken(ExpressionTokenKind.Literal, text.Substring(start, i - start), ""));
            }
            else if (c == '\'')
            {
                i = SkipQuoted(text, i, '\'', backslashEscapes: false);
                tokens.Add(new ExpressionToken(ExpressionTokenKind.Literal, text.Substring(start, i - start), ""));
            }
            else if (c == '"')
            {
                i = SkipQuoted(text, i, '"', backslashEscapes: false);
                var raw = text.Substring(start, i - start);
                var value = raw.Length >= 2 && raw[raw.Length - 1] == '"' ? raw.Substring(1, raw.Length - 2).Replace("\"\"", "\"") : raw.Substring(1);
                tokens.Add(new ExpressionToken(ExpressionTokenKind.QuotedIdentifier, raw, value));
            }
            else if (c == '$' && TryDollarTag(text, i, out var tag))
            {
                var end = text.IndexOf(tag, i + tag.Length, StringComparison.Ordinal);
                i = end < 0 ? text.Length : end + tag.Length;
                tokens.Add(new ExpressionToken(ExpressionTokenKind.Literal, text.Substring(start, i - start), ""));
            }
            else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c > 127)
            {
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_' || text[i] == '$')) i++;
                if (i == start) i++;
                tokens.Add(new ExpressionToken(ExpressionTokenKind.Word, text.Substring(start, i - start), ""));
            }
            else if (char.IsDigit(c))
            {
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '.')) i++;
                tokens.Add(new ExpressionToken(ExpressionTokenKind.Literal, text.Substring(start, i - start), ""));
            }
            else
            {
                i++;
                tokens.Add(new ExpressionToken(ExpressionTokenKind.Symbol, c.ToString(), ""));
            }
        }
        return tokens;
    }

    private static int SkipQuoted(string text, int open, char quote, bool backslashEscapes)
    {
        var i = open + 1;
        while (i < text.Length)
        {
            if (backslashEscapes && text[i] == '\\')
            {
                i += 2;
                continue;
            }
            if (text[i] == quote)
            {
                if (i + 1 < text.Length && text[i + 1] == quote)
                {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return text.Length;
    }

    private static bool TryDollarTag(string text, int i, out string tag)
    {
        var j = i + 1;
        while (j < text.Length && (char.IsLetter(text[j]) || text[j] == '_')) j++;
        if (j < text.Length && text[j] == '$')
        {
            tag = text.Substring(i, j - i + 1);
            return true;
        }
        tag = "";
        return false;
    }
}
