using ElizaGen.Schema.Naming;

namespace ElizaGen.Schema.Tests.Naming;

public sealed class IdentifierTests
{
    [Theory]
    [InlineData("agents")]
    [InlineData("Mixed Case With Spaces")]
    [InlineData("日本語")]
    public void Ordinary_names_are_valid(string name)
    {
        Assert.True(Identifier.TryValidate(name, out var error));
        Assert.Equal(string.Empty, error);
        Identifier.Validate(name);
    }

    [Fact]
    public void Exactly_63_bytes_is_valid_and_64_is_not()
    {
        Assert.True(Identifier.TryValidate(new string('a', 63), out _));
        Assert.False(Identifier.TryValidate(new string('a', 64), out var error));
        Assert.Contains("64 bytes", error);
        Assert.Contains("at most 63 bytes", error);
    }

    [Fact]
    public void Length_counts_UTF8_bytes_not_characters()
    {
        var name = new string('é', 32); // 64 bytes in UTF-8, 32 characters

        var ex = Assert.Throws<ArgumentException>(() => Identifier.Validate(name));

        Assert.Contains("64 bytes", ex.Message);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("a\0b", "NUL")]
    public void Empty_names_and_NUL_are_refused(string name, string reason)
    {
        Assert.False(Identifier.TryValidate(name, out var error));
        Assert.Contains(reason, error);
        Assert.Throws<ArgumentException>(() => Identifier.Validate(name));
    }

    [Fact]
    public void Null_is_refused_as_empty()
    {
        Assert.False(Identifier.TryValidate(null!, out var error));
        Assert.Contains("empty", error);
    }

    [Fact]
    public void Truncation_keeps_names_that_fit()
    {
        Assert.Equal("short", Identifier.TruncateToMaxBytes("short"));
    }

    [Fact]
    public void Truncation_cuts_to_63_bytes_like_PostgreSQL()
    {
        Assert.Equal(new string('x', 63), Identifier.TruncateToMaxBytes(new string('x', 70)));
    }

    [Fact]
    public void Truncation_never_splits_a_character()
    {
        var name = new string('a', 62) + "é" + "zz"; // 'é' would straddle bytes 63-64

        var cut = Identifier.TruncateToMaxBytes(name);

        Assert.Equal(new string('a', 62), cut);
        Assert.Equal(62, Identifier.Utf8Length(cut));
    }

    [Fact]
    public void Truncation_never_splits_a_surrogate_pair()
    {
        var name = new string('a', 61) + "😀"; // 61 + 4 bytes

        Assert.Equal(new string('a', 61), Identifier.TruncateToMaxBytes(name));
    }
}
