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

    /// <summary>
    /// Checks that the text is one SQL expression that stays in its place in a statement: every string literal,
    /// quoted identifier and dollar-quoted string is closed, parentheses are balanced (never closed before they are
    /// opened), and outside quotes there is no <c>;</c> (which would end the statement), no comment (<c>--</c>,
    /// <c>/*</c>, <c>*/</c>, which would hide the rest of the statement) and no NUL character. What the expression
    /// means is the author's (it is SQL by design) and PostgreSQL checks it; this only keeps one expression from
    /// becoming two statements or swallowing the DDL around it.
    /// </summary>
    /// <param name="expression">A default, check, generated-column, index expression or index predicate.</param>
    /// <param name="error">When the text is refused, what is wrong and what to do; otherwise empty.</param>
    /// <returns>True when the text can be placed in a statement as it is.</returns>
    public static bool TryValidate(string expression, out string error)
    {
        if (expression is null) throw new ArgumentNullException(nameof(expression));
        error = string.Empty;
        if (expression.IndexOf('\0') >= 0)
        {
            error = "holds a NUL character (U+0000), which PostgreSQL cannot read in SQL text: remove it";
            return false;
        }
        var tokens = Tokenize(expression);
        var depth = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (!token.Closed)
            {
                error = token.Kind == ExpressionTokenKind.QuotedIdentifier
                    ? "opens a quoted identifier (\") that is never closed: close it, and double a \" that belongs to the name"
                    : token.Text[0] == '$'
                        ? "opens a dollar-quoted string (" + DollarTagOf(token.Text) + ") that is never closed: close it with the same tag"
                        : "opens a string literal (') that is never closed: close it, and double a ' that belongs to the text ('it''s')";
                return false;
            }
            if (token.Kind == ExpressionTokenKind.Literal && token.Text[0] == '\'' && token.Text.IndexOf("\\'", StringComparison.Ordinal) >= 0)
            {
                // With standard_conforming_strings off, \' would escape the quote and the literal would end elsewhere.
                error = "has a backslash before a quote (\\') in a '...' literal, which PostgreSQL reads differently when standard_conforming_strings is off: write the literal as E'...' with the backslash doubled, or leave the backslash out";
                return false;
            }
            if (token.Kind != ExpressionTokenKind.Symbol) continue;
            var next = i + 1 < tokens.Count && tokens[i + 1].Kind == ExpressionTokenKind.Symbol ? tokens[i + 1].Text : string.Empty;
            switch (token.Text)
            {
                case ";":
                    error = "holds a ';' outside quotes, which would end the statement: give one expression without ';' (inside a string literal it is fine)";
                    return false;
                case "-" when next == "-":
                case "/" when next == "*":
                case "*" when next == "/":
                    error = "holds a comment marker (" + token.Text + next + ") outside quotes, which would hide the SQL after it: remove the comment";
                    return false;
                case "(":
                    depth++;
                    break;
                case ")" when depth == 0:
                    error = "closes a parenthesis that it never opened, which would end the clause around it: balance the parentheses";
                    return false;
                case ")":
                    depth--;
                    break;
            }
        }
        if (depth > 0)
        {
            error = "opens a parenthesis that it never closes: balance the parentheses";
            return false;
        }
        return true;
    }

    private static string DollarTagOf(string text) => TryDollarTag(text, 0, out var tag) ? tag : "$$";

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
        public ExpressionToken(ExpressionTokenKind kind, string text, string value, bool closed = true)
        {
            Kind = kind;
            Text = text;
            Value = value;
            Closed = closed;
        }

        /// <summary>False for a literal, quoted identifier or dollar-quoted string that runs to the end of the text unclosed.</summary>
        public bool Closed { get; }

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
                i = SkipQuoted(text, i + 1, '\'', backslashEscapes: true, out var closed);
                tokens.Add(new ExpressionToken(ExpressionTokenKind.Literal, text.Substring(start, i - start), "", closed));
            }
            else if (c == '\'')
            {
                i = SkipQuoted(text, i, '\'', backslashEscapes: false, out var closed);
                tokens.Add(new ExpressionToken(ExpressionTokenKind.Literal, text.Substring(start, i - start), "", closed));
            }
            else if (c == '"')
            {
                i = SkipQuoted(text, i, '"', backslashEscapes: false, out var closed);
                var raw = text.Substring(start, i - start);
                var value = closed ? raw.Substring(1, raw.Length - 2).Replace("\"\"", "\"") : raw.Substring(1);
                tokens.Add(new ExpressionToken(ExpressionTokenKind.QuotedIdentifier, raw, value, closed));
            }
            else if (c == '$' && TryDollarTag(text, i, out var tag))
            {
                var end = text.IndexOf(tag, i + tag.Length, StringComparison.Ordinal);
                i = end < 0 ? text.Length : end + tag.Length;
                tokens.Add(new ExpressionToken(ExpressionTokenKind.Literal, text.Substring(start, i - start), "", end >= 0));
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

    private static int SkipQuoted(string text, int open, char quote, bool backslashEscapes, out bool closed)
    {
        closed = false;
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
                closed = true;
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
