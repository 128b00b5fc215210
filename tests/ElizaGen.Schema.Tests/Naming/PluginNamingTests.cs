using ElizaGen.Schema.Naming;

namespace ElizaGen.Schema.Tests.Naming;

public sealed class PluginNamingTests
{
    [Theory]
    [InlineData("@elizaos/plugin-sql", "public")]
    [InlineData("@acme/plugin-notes", "acme_plugin_notes")]
    [InlineData("@your-org/plugin-name", "your_org_plugin_name")]
    [InlineData("@ElizaOS/Plugin-Knowledge", "elizaos_plugin_knowledge")]
    [InlineData("@elizaos/plugin-sql-extra", "elizaos_plugin_sql_extra")]
    [InlineData("my plugin!!", "my_plugin")]
    [InlineData("--weird__name--", "weird_name")]
    [InlineData("a@b", "ab")]
    [InlineData("plugin.v2", "plugin_v2")]
    [InlineData("café-plugin", "caf_plugin")]
    [InlineData("1st-plugin", "1st_plugin")]
    public void Schema_name_follows_the_design_rule(string pluginName, string expected)
    {
        Assert.Equal(expected, PluginNaming.SchemaNameFor(pluginName));
        Assert.True(PluginNaming.TrySchemaNameFor(pluginName, out var schema, out var error));
        Assert.Equal(expected, schema);
        Assert.Equal(string.Empty, error);
    }

    [Fact]
    public void Schema_name_is_cut_to_63_bytes_without_a_trailing_underscore()
    {
        var longName = "@org/" + new string('a', 58) + "-tail"; // the 63rd byte is the '_' before "tail"

        var schema = PluginNaming.SchemaNameFor(longName);

        Assert.Equal("org_" + new string('a', 58), schema);
        Assert.True(schema.Length <= 63);
    }

    [Theory]
    [InlineData("pg-tools", "pg_tools", "pg_")]
    [InlineData("@pg/stat", "pg_stat", "pg_")]
    [InlineData("information-schema", "information_schema", "catalog")]
    [InlineData("Migrations", "migrations", "migration journal")]
    public void Reserved_schemas_are_refused_with_a_clear_message(string pluginName, string derived, string reason)
    {
        var ex = Assert.Throws<ArgumentException>(() => PluginNaming.SchemaNameFor(pluginName));
        Assert.Contains($"\"{pluginName}\"", ex.Message);
        Assert.Contains($"\"{derived}\"", ex.Message);
        Assert.Contains(reason, ex.Message);
        Assert.Contains("Schema = ", ex.Message);

        Assert.False(PluginNaming.TrySchemaNameFor(pluginName, out var schema, out var error));
        Assert.Equal(string.Empty, schema);
        Assert.Contains(derived, error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("@@@/---")]
    public void A_name_without_letters_or_digits_is_refused(string pluginName)
    {
        Assert.False(PluginNaming.TrySchemaNameFor(pluginName, out _, out var error));
        Assert.NotEmpty(error);
        Assert.Throws<ArgumentException>(() => PluginNaming.SchemaNameFor(pluginName));
    }

    [Theory]
    [InlineData("notes", true)]
    [InlineData("Acme Notes", true)]
    [InlineData("pg_notes", false)]
    [InlineData("information_schema", false)]
    [InlineData("migrations", false)]
    [InlineData("", false)]
    public void Explicit_schema_names_are_checked(string schema, bool valid)
    {
        Assert.Equal(valid, PluginNaming.TryValidateSchemaName(schema, out var error));
        Assert.Equal(valid, error.Length == 0);
    }

    [Fact]
    public void An_explicit_schema_over_63_bytes_is_refused()
    {
        Assert.False(PluginNaming.TryValidateSchemaName(new string('s', 64), out var error));
        Assert.Contains("64 bytes", error);
    }

    /// <summary>
    /// Expected values computed with @elizaos/plugin-sql 1.7.2's own algorithm in Node
    /// (<c>createHash('sha256').update(name).digest()</c>, first 8 bytes as a BigInt, <c>&amp; 0x7fffffffffffffffn</c>).
    /// The first one also appears in the plugin's recorded statements: <c>pg_advisory_unlock(3107075068959399104)</c>.
    /// </summary>
    [Theory]
    [InlineData("@elizaos/plugin-sql", 3107075068959399104L)]
    [InlineData("@acme/plugin-notes", 6814410692112218308L)]
    [InlineData("", 7183457195969485844L)]
    [InlineData("a", 5374906597990186442L)] // its digest starts with the sign bit set: the mask clears it
    [InlineData("@ünïcödé/plugin", 1586474560710856008L)]
    public void Advisory_lock_key_matches_plugin_sql(string pluginName, long expected)
    {
        Assert.Equal(expected, PluginNaming.AdvisoryLockKey(pluginName));
    }

    [Fact]
    public void Advisory_lock_keys_are_positive()
    {
        foreach (var name in new[] { "a", "b", "c", "@x/y", "plugin-42" })
        {
            Assert.True(PluginNaming.AdvisoryLockKey(name) > 0);
        }
    }
}
