using ElizaGen.Schema.Sql;

namespace ElizaGen.Schema.Tests.Sql;

public class SqlExpressionTests
{
    [Theory]
    [InlineData("qty > 0", "qty > 0")]
    [InlineData("  QTY\n\t>   0 ", "qty > 0")]
    [InlineData("((qty > 0))", "qty > 0")]
    [InlineData("(a > 0) AND (b > 0)", "(a > 0) and (b > 0)")]
    [InlineData("lower( title )", "lower(title)")]
    [InlineData("coalesce(a , b)", "coalesce(a,b)")]
    [InlineData("NOW()", "now()")]
    [InlineData("'A  B'", "'A  B'")]
    [InlineData("\"Mixed  Case\" = 'X'", "\"Mixed  Case\" = 'X'")]
    [InlineData("E'it''s\\\\  x'", "e'it''s\\\\  x'")]
    public void Normalize_ignores_spacing_case_and_outer_parentheses_outside_quotes(string expression, string expected) =>
        Assert.Equal(expected, SqlExpression.Normalize(expression));

    [Fact]
    public void AreEquivalent_keeps_literal_content_significant()
    {
        Assert.True(SqlExpression.AreEquivalent("status <> 'Draft'", "STATUS  <>  'Draft'"));
        Assert.False(SqlExpression.AreEquivalent("status <> 'Draft'", "status <> 'draft'"));
        Assert.True(SqlExpression.AreEquivalent(null, null));
        Assert.False(SqlExpression.AreEquivalent("0", null));
    }

    [Theory]
    [InlineData("title <> ''", "title", true)]
    [InlineData("\"title\" <> ''", "title", true)]
    [InlineData("TITLE <> ''", "title", true)]
    [InlineData("'title' <> x", "title", false)]
    [InlineData("subtitle <> ''", "title", false)]
    [InlineData("title(x) > 0", "title", false)]
    [InlineData("\"Title\" > 0", "Title", true)]
    [InlineData("Title > 0", "Title", false)]
    public void References_finds_the_column_outside_literals(string expression, string column, bool expected) =>
        Assert.Equal(expected, SqlExpression.References(expression, column));

    [Theory]
    [InlineData("title <> '' AND length(title) < 100", "title", "heading", "heading <> '' AND length(heading) < 100")]
    [InlineData("\"title\" IS NOT NULL", "title", "heading", "\"heading\" IS NOT NULL")]
    [InlineData("title = 'title'", "title", "heading", "heading = 'title'")]
    [InlineData("title > 0", "title", "New Name", "\"New Name\" > 0")]
    public void RenameColumn_rewrites_references_only(string expression, string old, string @new, string expected) =>
        Assert.Equal(expected, SqlExpression.RenameColumn(expression, old, @new));

    [Theory]
    [InlineData("now()")]
    [InlineData("'it''s; -- /* fine */'")]
    [InlineData("$$a; b -- c$$")]
    [InlineData("$q$it's $$ fine$q$")]
    [InlineData("E'a\\'; b'")]
    [InlineData("\"we;ird\"\"name\" IS NOT NULL")]
    [InlineData("(a + (b * c)) > 0")]
    [InlineData("a - -1")]
    [InlineData("'\\d+'")]
    public void One_closed_expression_is_accepted(string expression) => Assert.True(SqlExpression.TryValidate(expression, out _));

    [Theory]
    [InlineData("0; DROP TABLE t", "';' outside quotes")]
    [InlineData("0 -- x", "comment marker (--)")]
    [InlineData("a--1", "comment marker (--)")]
    [InlineData("0 /* x */", "comment marker (/*)")]
    [InlineData("0 */", "comment marker (*/)")]
    [InlineData("'open", "string literal (') that is never closed")]
    [InlineData("E'open\\'", "string literal (') that is never closed")]
    [InlineData("\"open", "quoted identifier")]
    [InlineData("$$open", "dollar-quoted string ($$)")]
    [InlineData("$t$open$$", "dollar-quoted string ($t$)")]
    [InlineData("(1", "never closes")]
    [InlineData("1)", "never opened")]
    [InlineData("'a\\'; x'", "backslash before a quote")]
    [InlineData("'a\0'", "NUL")]
    public void An_expression_that_would_not_stay_one_expression_is_refused(string expression, string reason)
    {
        Assert.False(SqlExpression.TryValidate(expression, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }
}
