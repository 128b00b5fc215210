using System;
using System.Collections.Generic;
using System.Linq;

namespace ElizaGen.Schema.Naming;

/// <summary>
/// The names drizzle (and so <c>@elizaos/plugin-sql</c>) gives constraints and indexes that are declared
/// without one, as they end up in the database.
/// </summary>
/// <remarks>
/// drizzle builds the name by joining table and column names and writes it unchanged, even when it is longer
/// than PostgreSQL's 63-byte limit; the server then silently cuts it (plugin-sql's foreign key
/// <c>central_messages_in_reply_to_root_message_id_central_messages_id_fk</c> exists in the database as
/// <c>central_messages_in_reply_to_root_message_id_central_messages_i</c>). These functions return the name the
/// database really holds: drizzle's name cut the same way (<see cref="Identifier.TruncateToMaxBytes"/>), so that
/// the snapshot and the catalog agree. Two long names can become equal once cut; whoever builds a table must
/// check that its constraint names are unique.
/// </remarks>
public static class ConstraintNames
{
    /// <summary>A unique constraint: <c>&lt;table&gt;_&lt;columns joined by _&gt;_unique</c>.</summary>
    /// <param name="table">The table name (without schema).</param>
    /// <param name="columns">The constrained columns, in order.</param>
    public static string Unique(string table, IEnumerable<string> columns) =>
        Build(new[] { table }.Concat(Required(columns, nameof(columns))), "unique");

    /// <summary>
    /// A foreign key: <c>&lt;table&gt;_&lt;columns&gt;_&lt;referenced table&gt;_&lt;referenced columns&gt;_fk</c>.
    /// </summary>
    /// <param name="table">The referencing table (without schema).</param>
    /// <param name="columns">The referencing columns, in order.</param>
    /// <param name="referencedTable">The referenced table (without schema).</param>
    /// <param name="referencedColumns">The referenced columns, in order.</param>
    public static string ForeignKey(string table, IEnumerable<string> columns, string referencedTable, IEnumerable<string> referencedColumns)
    {
        if (referencedTable is null) throw new ArgumentNullException(nameof(referencedTable));
        var parts = new[] { table }
            .Concat(Required(columns, nameof(columns)))
            .Concat(new[] { referencedTable })
            .Concat(Required(referencedColumns, nameof(referencedColumns)));
        return Build(parts, "fk");
    }

    /// <summary>An index: <c>&lt;table&gt;_&lt;columns joined by _&gt;_index</c> (drizzle-kit's rule).</summary>
    /// <param name="table">The table name (without schema).</param>
    /// <param name="columns">The indexed columns, in order.</param>
    public static string Index(string table, IEnumerable<string> columns) =>
        Build(new[] { table }.Concat(Required(columns, nameof(columns))), "index");

    /// <summary>A primary key declared as a table constraint: <c>&lt;table&gt;_&lt;columns joined by _&gt;_pk</c>.</summary>
    /// <param name="table">The table name (without schema).</param>
    /// <param name="columns">The key columns, in order.</param>
    public static string PrimaryKey(string table, IEnumerable<string> columns) =>
        Build(new[] { table }.Concat(Required(columns, nameof(columns))), "pk");

    private static IReadOnlyList<string> Required(IEnumerable<string> columns, string parameter)
    {
        if (columns is null) throw new ArgumentNullException(parameter);
        var list = columns.ToList();
        if (list.Count == 0) throw new ArgumentException("A constraint or index needs at least one column.", parameter);
        return list;
    }

    private static string Build(IEnumerable<string> parts, string suffix)
    {
        var list = parts.ToList();
        if (list.Any(p => p is null)) throw new ArgumentNullException(nameof(parts), "A table or column name is null.");
        return Identifier.TruncateToMaxBytes(string.Join("_", list) + "_" + suffix);
    }
}
