// TEMPORARY: stands in for ElizaGen.Schema APIs other helpers are writing on main, so that the generator
// branch compiles. Deleted when main is merged. Not part of the product.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using ElizaGen.Schema.Snapshots;

namespace ElizaGen.Schema.Diff
{
    /// <summary>Shim.</summary>
    public sealed record TableRename(string Schema, string OldName, string NewName);

    /// <summary>Shim.</summary>
    public sealed record ColumnRename(string Schema, string Table, string OldName, string NewName);

    /// <summary>Shim.</summary>
    public sealed record RenameHints(EquatableArray<TableRename> Tables, EquatableArray<ColumnRename> Columns)
    {
        /// <summary>Shim.</summary>
        public static RenameHints None { get; } = new(default, default);
    }
}

namespace ElizaGen.Schema.Snapshots
{
    /// <summary>Shim.</summary>
    public static class SnapshotJsonWriter
    {
        /// <summary>Shim.</summary>
        public static string WriteCanonical(SchemaSnapshot snapshot) => "{\"shim\":" + snapshot.Tables.Count + "}";
    }

    /// <summary>Shim.</summary>
    public static class SnapshotHash
    {
        /// <summary>Shim.</summary>
        public static string Compute(SchemaSnapshot snapshot)
        {
            using var sha = SHA256.Create();
            var bytes = sha.ComputeHash(Encoding.UTF8.GetBytes(SnapshotJsonWriter.WriteCanonical(snapshot)));
            return string.Concat(bytes.Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
        }
    }
}

namespace ElizaGen.Schema.Ddl
{
    /// <summary>Shim.</summary>
    public static class DdlWriter
    {
        /// <summary>Shim.</summary>
        public static string CreateSql(SchemaSnapshot snapshot) => "-- shim " + snapshot.Tables.Count + "\n";
    }
}

namespace ElizaGen.Schema.Sql
{
    /// <summary>Shim.</summary>
    public static class SqlText
    {
        /// <summary>Shim.</summary>
        public static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";
    }
}

namespace ElizaGen.Schema.Naming
{
    /// <summary>Shim.</summary>
    public static class SnakeCase
    {
        /// <summary>Shim.</summary>
        public static string From(string name)
        {
            var sb = new StringBuilder();
            for (var i = 0; i < name.Length; i++)
            {
                var c = name[i];
                if (char.IsUpper(c))
                {
                    if (i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]) && char.IsUpper(name[i - 1])))) sb.Append('_');
                    sb.Append(char.ToLowerInvariant(c));
                }
                else sb.Append(c);
            }
            return sb.ToString();
        }
    }

    /// <summary>Shim.</summary>
    public static class PluginNaming
    {
        /// <summary>Shim.</summary>
        public static string SchemaNameFor(string pluginName)
        {
            if (pluginName == "@elizaos/plugin-sql") return "public";
            var sb = new StringBuilder();
            var lastUnderscore = false;
            foreach (var ch in pluginName.ToLowerInvariant().Replace("@", ""))
            {
                if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) { sb.Append(ch); lastUnderscore = false; }
                else if (!lastUnderscore) { sb.Append('_'); lastUnderscore = true; }
            }
            var s = sb.ToString().Trim('_');
            return s.Length > 63 ? s.Substring(0, 63) : s;
        }
    }

    /// <summary>Shim.</summary>
    public static class ConstraintNames
    {
        /// <summary>Shim.</summary>
        public static string Unique(string table, IEnumerable<string> columns) => table + "_" + string.Join("_", columns) + "_unique";

        /// <summary>Shim.</summary>
        public static string Index(string table, IEnumerable<string> columns) => table + "_" + string.Join("_", columns) + "_index";

        /// <summary>Shim.</summary>
        public static string PrimaryKey(string table, IEnumerable<string> columns) => table + "_" + string.Join("_", columns) + "_pk";

        /// <summary>Shim.</summary>
        public static string ForeignKey(string tableFrom, IEnumerable<string> columnsFrom, string tableTo, IEnumerable<string> columnsTo)
            => tableFrom + "_" + string.Join("_", columnsFrom) + "_" + tableTo + "_" + string.Join("_", columnsTo) + "_fk";
    }

    /// <summary>Shim.</summary>
    public static class Identifier
    {
        /// <summary>Shim.</summary>
        public static bool TryValidate(string name, out string? error)
        {
            if (string.IsNullOrEmpty(name)) { error = "empty"; return false; }
            if (Encoding.UTF8.GetByteCount(name) > 63) { error = "longer than 63 bytes"; return false; }
            error = null;
            return true;
        }
    }
}
