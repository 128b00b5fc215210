using ElizaGen.Runtime.Connections;

namespace ElizaGen.Runtime.Tests.Connections;

public sealed class ConnectionStringMaskerTests
{
    [Theory]
    [InlineData("postgres://eliza:hunter2@db:5432/agents", "postgres://eliza:***@db:5432/agents")]
    [InlineData("postgresql://eliza:hun@ter2@db/agents", "postgresql://eliza:***@db/agents")]
    [InlineData("postgres://eliza:hun/ter?2@db/agents", "postgres://eliza:***@db/agents")]
    [InlineData("postgres://eliza@db/agents?password=hunter2&sslmode=require", "postgres://eliza@db/agents?password=***&sslmode=require")]
    [InlineData("postgres://eliza@db/agents?sslpassword=hunter2", "postgres://eliza@db/agents?sslpassword=***")]
    [InlineData("Host=db;Password=hunter2;Database=agents", "Host=db;Password=***;Database=agents")]
    [InlineData("Host=db;password = 'hun;ter2' ;Database=agents", "Host=db;password = *** ;Database=agents")]
    [InlineData("Host=db;PWD=\"hun\"\"ter2\";Database=agents", "Host=db;PWD=***;Database=agents")]
    [InlineData("Host=db;Psw=hunter2", "Host=db;Psw=***")]
    [InlineData("Host=db;SSL Password=hunter2;Database=agents", "Host=db;SSL Password=***;Database=agents")]
    [InlineData("Host=db;Password='hun;ter2", "Host=db;Password=***")]
    [InlineData("Password=hunter2", "Password=***")]
    public void Passwords_are_masked_in_every_form(string input, string expected)
    {
        var masked = ConnectionStringMasker.Apply(input);

        Assert.Equal(expected, masked);
        Assert.DoesNotContain("ter2", masked, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("postgres://eliza@db:5432/agents")]
    [InlineData("postgres://db:5432/agents?sslmode=require")]
    [InlineData("Host=db;Username=eliza;Database=agents")]
    public void Strings_without_a_password_are_left_alone(string input) =>
        Assert.Equal(input, ConnectionStringMasker.Apply(input));

    [Fact]
    public void A_password_inside_longer_text_is_masked()
    {
        var masked = ConnectionStringMasker.Apply("could not open postgres://eliza:hunter2@db/agents: refused");

        Assert.DoesNotContain("hunter2", masked, StringComparison.Ordinal);
        Assert.Contains("postgres://eliza:***@db/agents", masked, StringComparison.Ordinal);
    }
}
