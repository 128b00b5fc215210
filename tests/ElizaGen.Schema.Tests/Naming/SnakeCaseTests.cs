using ElizaGen.Schema.Naming;

namespace ElizaGen.Schema.Tests.Naming;

public sealed class SnakeCaseTests
{
    [Theory]
    [InlineData("Id", "id")]
    [InlineData("ID", "id")]
    [InlineData("AgentId", "agent_id")]
    [InlineData("agentId", "agent_id")]
    [InlineData("CreatedAt", "created_at")]
    [InlineData("InReplyToRootMessageId", "in_reply_to_root_message_id")]
    [InlineData("HTTPStatus", "http_status")]
    [InlineData("UserID", "user_id")]
    [InlineData("IOStream", "io_stream")]
    [InlineData("Dim384", "dim_384")]
    [InlineData("Dim1536", "dim_1536")]
    [InlineData("Sha256Hash", "sha_256_hash")]
    [InlineData("Is2FAEnabled", "is_2_fa_enabled")]
    [InlineData("already_snake", "already_snake")]
    [InlineData("Agent_Id", "agent_id")]
    [InlineData("_Private", "private")]
    [InlineData("Trailing_", "trailing")]
    [InlineData("X", "x")]
    [InlineData("Über", "über")]
    [InlineData("", "")]
    public void Property_names_become_snake_case(string propertyName, string expected)
    {
        Assert.Equal(expected, SnakeCase.From(propertyName));
    }

    [Fact]
    public void Result_does_not_depend_on_the_current_culture()
    {
        var original = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("tr-TR");
            Assert.Equal("item_id", SnakeCase.From("ItemID"));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = original;
        }
    }
}
