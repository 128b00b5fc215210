using ElizaGen;

[assembly: ElizaPlugin("@elizagen/hello-plugin")]

namespace HelloPlugin;

/// <summary>
/// The plugin's schema (tables in PostgreSQL schema <c>elizagen_hello_plugin</c>): the generator fills in
/// <c>HelloSchema.Plugin</c>, which the migrator takes.
/// </summary>
[ElizaPluginSchema]
public static partial class HelloSchema
{
    /// <summary>The size of <see cref="Greeting.Embedding"/> vectors.</summary>
    public const int EmbeddingDimensions = 3;
}
