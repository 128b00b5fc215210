using System;
using System.Security.Cryptography;
using System.Text;

namespace ElizaGen.Schema.Naming;

/// <summary>How a plugin's name maps to its PostgreSQL schema and to its migration lock.</summary>
public static class PluginNaming
{
    /// <summary>The ElizaOS SQL plugin, whose tables live in <c>public</c>.</summary>
    public const string CorePluginName = "@elizaos/plugin-sql";

    /// <summary>
    /// The schema a plugin's tables live in: <c>public</c> for <see cref="CorePluginName"/>; for any other plugin
    /// its name in lower case, with '@' dropped, every run of characters other than <c>[a-z0-9]</c> turned into
    /// one '_', '_' trimmed from both ends, and cut to 63 bytes (<c>@your-org/plugin-name</c> →
    /// <c>your_org_plugin_name</c>).
    /// </summary>
    /// <param name="pluginName">The plugin's name, as in <c>[assembly: ElizaPlugin("...")]</c>.</param>
    /// <exception cref="ArgumentException">
    /// The name yields no usable schema (empty, or a reserved schema such as <c>pg_*</c>,
    /// <c>information_schema</c> or <c>migrations</c>); the message says what to do.
    /// </exception>
    public static string SchemaNameFor(string pluginName)
    {
        if (!TrySchemaNameFor(pluginName, out var schemaName, out var error)) throw new ArgumentException(error, nameof(pluginName));
        return schemaName;
    }

    /// <summary>The non-throwing form of <see cref="SchemaNameFor"/>, for compile-time diagnostics.</summary>
    /// <param name="pluginName">The plugin's name.</param>
    /// <param name="schemaName">The schema when the name is usable; otherwise empty.</param>
    /// <param name="error">When the name is not usable, what is wrong and what to do; otherwise empty.</param>
    /// <returns>True when the plugin name yields a usable schema.</returns>
    public static bool TrySchemaNameFor(string pluginName, out string schemaName, out string error)
    {
        schemaName = string.Empty;
        if (pluginName is null || pluginName.Trim().Length == 0)
        {
            error = "The plugin name is empty. Name the plugin, e.g. [assembly: ElizaPlugin(\"@your-org/plugin-name\")].";
            return false;
        }
        if (pluginName == CorePluginName)
        {
            schemaName = "public";
            error = string.Empty;
            return true;
        }

        var derived = Derive(pluginName);
        if (derived.Length == 0)
        {
            error = $"The plugin name \"{pluginName}\" has no letters or digits a-z, 0-9 to build a schema name from. " +
                    "Use a name such as \"@your-org/plugin-name\", or set the schema explicitly with ElizaPlugin(..., Schema = \"name\").";
            return false;
        }
        var reserved = ReservedSchemaError(derived);
        if (reserved is not null)
        {
            error = $"The plugin name \"{pluginName}\" maps to the schema \"{derived}\", which {reserved}. " +
                    "Rename the plugin, or set another schema with ElizaPlugin(..., Schema = \"name\").";
            return false;
        }
        schemaName = derived;
        error = string.Empty;
        return true;
    }

    /// <summary>
    /// Checks a schema name given explicitly (<c>ElizaPlugin(..., Schema = "x")</c>): a valid PostgreSQL name
    /// (<see cref="Identifier.TryValidate"/>) that is not reserved (<c>pg_*</c>, <c>information_schema</c>,
    /// <c>migrations</c>).
    /// </summary>
    /// <param name="schemaName">The schema name.</param>
    /// <param name="error">When the name is not usable, what is wrong and what to do; otherwise empty.</param>
    /// <returns>True when the schema name can be used.</returns>
    public static bool TryValidateSchemaName(string schemaName, out string error)
    {
        if (!Identifier.TryValidate(schemaName, out error)) return false;
        var reserved = ReservedSchemaError(schemaName);
        if (reserved is not null)
        {
            error = $"The schema \"{schemaName}\" {reserved}. Choose another schema name.";
            return false;
        }
        error = string.Empty;
        return true;
    }

    /// <summary>
    /// The key of the PostgreSQL advisory lock that serializes a plugin's migrations: the first 8 bytes of
    /// SHA-256 of the UTF-8 plugin name read as a big-endian integer, with the sign bit cleared, and 0 mapped
    /// to 1. This is <c>@elizaos/plugin-sql</c> 1.7.2's own rule (<c>getAdvisoryLockId</c>), so both
    /// implementations take the same lock for the same plugin.
    /// </summary>
    /// <param name="pluginName">The plugin's name, exactly as registered.</param>
    public static long AdvisoryLockKey(string pluginName)
    {
        if (pluginName is null) throw new ArgumentNullException(nameof(pluginName));
        byte[] digest;
        using (var sha = SHA256.Create())
        {
            digest = sha.ComputeHash(Encoding.UTF8.GetBytes(pluginName));
        }
        ulong value = 0;
        for (var i = 0; i < 8; i++) value = (value << 8) | digest[i];
        var key = (long)(value & 0x7FFF_FFFF_FFFF_FFFFUL);
        return key == 0 ? 1 : key;
    }

    private static string Derive(string pluginName)
    {
        var lower = pluginName.ToLowerInvariant();
        var result = new StringBuilder(lower.Length);
        var pendingSeparator = false;
        foreach (var c in lower)
        {
            if (c == '@') continue;
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            {
                if (pendingSeparator && result.Length > 0) result.Append('_');
                pendingSeparator = false;
                result.Append(c);
            }
            else
            {
                pendingSeparator = true;
            }
        }
        var name = result.ToString();
        if (name.Length > Identifier.MaxBytes) name = name.Substring(0, Identifier.MaxBytes).TrimEnd('_');
        return name;
    }

    private static string? ReservedSchemaError(string schemaName)
    {
        if (schemaName.StartsWith("pg_", StringComparison.Ordinal))
            return "starts with \"pg_\", a prefix PostgreSQL reserves for system schemas";
        if (schemaName == "information_schema")
            return "is PostgreSQL's catalog schema";
        if (schemaName == "migrations")
            return "holds the migration journal shared with @elizaos/plugin-sql";
        return null;
    }
}
