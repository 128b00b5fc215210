using System;

namespace ElizaGen;

/// <summary>
/// Marks a <c>static partial class</c> as the home of the plugin's generated <c>Plugin</c> property (a
/// <c>PluginSchema</c>). Without it the generator creates a class named after the plugin
/// (<c>@acme/plugin-notes</c> → <c>AcmePluginNotesSchema</c>) in a namespace named after the assembly.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ElizaPluginSchemaAttribute : Attribute
{
}
