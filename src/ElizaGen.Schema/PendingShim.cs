// TEMPORARY: stands in for ElizaGen.Schema APIs other helpers are writing on main, so that the generator
// branch compiles. Deleted when main is merged. Not part of the product.
using System;
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

