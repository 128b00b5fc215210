using ElizaGen.Generators.Building;

namespace ElizaGen.Generators.Tests;

/// <summary>The names of the schema class the generator creates when the plugin has none of its own.</summary>
public sealed class NamingTests
{
    [Theory]
    [InlineData("@acme/plugin-notes", "AcmePluginNotesSchema")]
    [InlineData("@elizaos/plugin-sql", "ElizaosPluginSqlSchema")]
    [InlineData("notes", "NotesSchema")]
    [InlineData("@acme/3d-models", "Acme3dModelsSchema")]
    [InlineData("42", "Plugin42Schema")]
    public void Schema_class_is_named_after_the_plugin(string plugin, string expected)
        => Assert.Equal(expected, PluginContextBuilder.ClassNameFor(plugin));

    [Theory]
    [InlineData("Acme.Notes", "Acme.Notes")]
    [InlineData("acme-notes.plugin", "acme_notes.plugin")]
    [InlineData("My.2nd.Plugin", "My._2nd.Plugin")]
    [InlineData("class.Notes", "@class.Notes")]
    public void Its_namespace_is_the_assembly_name_made_valid(string assembly, string expected)
        => Assert.Equal(expected, PluginContextBuilder.NamespaceFor(assembly));
}
