using System;

namespace ElizaGen;

/// <summary>
/// Stores the property as <c>jsonb</c>. <c>string</c> (raw JSON text), <c>System.Text.Json.JsonElement</c> and
/// <c>JsonDocument</c> need nothing else; any other type is serialized with System.Text.Json through the
/// <see cref="ElizaPluginAttribute.JsonContext"/> of the plugin (trim- and AOT-safe).
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class JsonbAttribute : Attribute
{
}
