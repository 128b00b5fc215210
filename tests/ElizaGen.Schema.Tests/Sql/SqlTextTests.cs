using ElizaGen.Schema.Sql;

namespace ElizaGen.Schema.Tests.Sql;

public class SqlTextTests
{
    [Theory]
    [InlineData("notes", "\"notes\"")]
    [InlineData("Notes", "\"Notes\"")]
    [InlineData("a\"b", "\"a\"\"b\"")]
    [InlineData("select", "\"select\"")]
    [InlineData("x; DROP TABLE y; --", "\"x; DROP TABLE y; --\"")]
    [InlineData("ünïcödé", "\"ünïcödé\"")]
    public void QuoteIdentifier_always_double_quotes_and_doubles_embedded_quotes(string name, string expected) =>
        Assert.Equal(expected, SqlText.QuoteIdentifier(name));

    [Fact]
    public void QuoteIdentifier_refuses_empty_and_NUL_with_a_message_naming_the_fix()
    {
        var empty = Assert.Throws<ArgumentException>(() => SqlText.QuoteIdentifier(""));
        Assert.Contains("cannot be empty", empty.Message);
        var nul = Assert.Throws<ArgumentException>(() => SqlText.QuoteIdentifier("a\0b"));
        Assert.Contains("NUL", nul.Message);
    }

    [Theory]
    [InlineData("draft", "'draft'")]
    [InlineData("it's", "'it''s'")]
    [InlineData("''", "''''''")]
    [InlineData("", "''")]
    [InlineData("a\\b", "E'a\\\\b'")]
    [InlineData("it's a\\n", "E'it''s a\\\\n'")]
    [InlineData("'); DROP TABLE x; --", "'''); DROP TABLE x; --'")]
    public void QuoteLiteral_doubles_quotes_and_uses_the_E_form_only_for_backslashes(string value, string expected) =>
        Assert.Equal(expected, SqlText.QuoteLiteral(value));

    [Fact]
    public void QuoteLiteral_refuses_NUL()
    {
        var e = Assert.Throws<ArgumentException>(() => SqlText.QuoteLiteral("a\0"));
        Assert.Contains("NUL", e.Message);
    }

    [Fact]
    public void QualifiedName_quotes_both_parts() =>
        Assert.Equal("\"my schema\".\"t\"\"x\"", SqlText.QualifiedName("my schema", "t\"x"));

    [Fact]
    public void ImplicitObjectName_shortens_the_longer_part_like_PostgreSQL()
    {
        Assert.Equal("notes_pkey", SqlText.ImplicitObjectName("notes", null, "pkey"));
        Assert.Equal("notes_id_seq", SqlText.ImplicitObjectName("notes", "id", "seq"));
        Assert.Equal(new string('t', 58) + "_pkey", SqlText.ImplicitObjectName(new string('t', 70), null, "pkey"));
        var name = SqlText.ImplicitObjectName(new string('t', 50), new string('c', 20), "seq");
        Assert.Equal(new string('t', 38) + "_" + new string('c', 20) + "_seq", name);
        Assert.Equal(63, name.Length);
        // 'é' is two bytes: the table part stops at a character boundary.
        Assert.Equal(new string('é', 29) + "_pkey", SqlText.ImplicitObjectName(new string('é', 40), null, "pkey"));
    }
}
