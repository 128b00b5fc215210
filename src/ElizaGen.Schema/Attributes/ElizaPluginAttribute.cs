using System;

namespace ElizaGen;

/// <summary>
/// Declares the assembly as an ElizaGen plugin: every <see cref="TableAttribute"/> record in it belongs to this
/// plugin's schema, and the source generator emits its <c>PluginSchema</c> (snapshot, DDL, hash) and repositories.
/// One per assembly (a second one is reported as EG0013, with a clearer message than the compiler's duplicate error).
/// </summary>
/// <example><code>[assembly: ElizaPlugin("@acme/plugin-notes")]   // tables live in schema "acme_plugin_notes"</code></example>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true, Inherited = false)]
public sealed class ElizaPluginAttribute : Attribute
{
    /// <summary>Declares the plugin.</summary>
    /// <param name="name">
    /// The plugin's name as the migration journal records it (<c>@acme/plugin-notes</c>); it also gives the
    /// schema name unless <see cref="Schema"/> is set.
    /// </param>
    public ElizaPluginAttribute(string name) => Name = name;

    /// <summary>The plugin's name.</summary>
    public string Name { get; }

    /// <summary>
    /// The PostgreSQL schema for the plugin's tables, instead of the one derived from <see cref="Name"/>
    /// (<c>@your-org/plugin-name</c> → <c>your_org_plugin_name</c>; <c>@elizaos/plugin-sql</c> → <c>public</c>).
    /// </summary>
    public string? Schema { get; set; }

    /// <summary>
    /// A <c>System.Text.Json.Serialization.JsonSerializerContext</c> type that knows every type stored in a
    /// <see cref="JsonbAttribute"/> column (other than <c>string</c>, <c>JsonElement</c> and <c>JsonDocument</c>).
    /// The generated repositories serialize through it, so they stay trim- and AOT-safe.
    /// </summary>
    public Type? JsonContext { get; set; }

    /// <summary>
    /// PostgreSQL extensions the plugin needs beyond those its columns imply (<c>vector</c> is added for vector
    /// columns on its own), such as <c>fuzzystrmatch</c>: the migrator runs <c>CREATE EXTENSION IF NOT EXISTS</c>
    /// for each, and says clearly when one is not installed on the server.
    /// </summary>
    public string[]? Extensions { get; set; }
}
