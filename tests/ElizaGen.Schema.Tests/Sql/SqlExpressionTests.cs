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
}
