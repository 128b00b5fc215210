using System;
using System.Collections.Generic;
using System.Linq;
using ElizaGen.Schema.Internal;

namespace ElizaGen.Schema.Snapshots;

/// <summary>
/// Writes a <see cref="SchemaSnapshot"/> as the canonical JSON text of a drizzle-kit PostgreSQL snapshot,
/// version "7": the text that is stored in the migration journal and hashed by <see cref="SnapshotHash"/>.
/// </summary>
/// <remarks>
/// <para>Canonical means one text per snapshot: no whitespace, keys in a fixed order, maps in the snapshot's
/// canonical order (tables and enums by schema then name, keyed <c>schema.name</c>; columns by name in declared
/// order; indexes and constraints by name, ordinal), index storage parameters sorted by name.</para>
/// <para>Fields are written as drizzle-kit names them. Optional fields are left out exactly when they carry
/// nothing, so that the text matches what <c>@elizaos/plugin-sql</c> 1.7.2 stores for the same schema:
/// a column's <c>typeSchema</c>, <c>default</c> and <c>generated</c> when null; an index's <c>where</c> when null,
/// <c>with</c> when empty and <c>concurrently</c> when false (drizzle-kit reads a missing one as false);
/// an index key part's <c>opclass</c> when null, and for an <em>expression</em> key part <c>asc</c> and
/// <c>nulls</c> when they are the defaults (ascending, nulls last). A column key part always has both.</para>
/// <para>The public schema is written <c>"schema":"public"</c> in tables and enums, as plugin-sql writes it
/// (drizzle-kit's own generator writes <c>""</c>; the runtime reader accepts both).</para>
/// <para>Column defaults and index storage parameters are SQL text; the ones that are <c>true</c>,
/// <c>false</c> or a plain decimal number are written as bare JSON scalars, the way drizzle-kit stores a
/// JavaScript number or boolean default; everything else as a JSON string.</para>
/// <para>Strings are escaped as <c>JSON.stringify</c> does (<c>\"</c>, <c>\\</c>, <c>\n</c>-style short escapes,
/// other control characters as <c>\u00xx</c>); non-ASCII characters are written as themselves.</para>
/// </remarks>
public static class SnapshotJsonWriter
{
    /// <summary>Writes the canonical JSON text of <paramref name="snapshot"/>.</summary>
    /// <exception cref="ArgumentNullException">The snapshot is null.</exception>
    /// <exception cref="ArgumentException">
    /// Two items of one map share a name (two tables <c>schema.name</c>, two columns of a table, two indexes, …):
    /// a JSON map cannot hold both.
    /// </exception>
    public static string WriteCanonical(SchemaSnapshot snapshot)
    {
        if (snapshot is null) throw new ArgumentNullException(nameof(snapshot));

        var json = new JsonTextBuilder();
        json.StartObject()
            .Name("version").String(SchemaSnapshot.FormatVersion)
            .Name("dialect").String(SchemaSnapshot.PostgresDialect);

        json.Name("tables").StartObject();
        var tableKeys = new UniqueKeys("the snapshot", "tables");
        foreach (var table in snapshot.Tables)
        {
            json.Name(tableKeys.Add(table.Key));
            WriteTable(json, table.Canonical());
        }
        json.EndObject();

        json.Name("enums").StartObject();
        var enumKeys = new UniqueKeys("the snapshot", "enum types");
        foreach (var e in snapshot.Enums)
        {
            json.Name(enumKeys.Add(e.Schema + "." + e.Name)).StartObject()
                .Name("name").String(e.Name)
                .Name("schema").String(e.Schema)
                .Name("values").StringArray(e.Values)
                .EndObject();
        }
        json.EndObject();

        json.Name("schemas").StartObject();
        foreach (var schema in snapshot.Schemas.Distinct().OrderBy(s => s, StringComparer.Ordinal))
        {
            json.Name(schema).String(schema);
        }
        json.EndObject();

        json.Name("sequences").EmptyObject()
            .Name("roles").EmptyObject()
            .Name("policies").EmptyObject()
            .Name("views").EmptyObject()
            .Name("_meta").StartObject()
                .Name("columns").EmptyObject()
                .Name("schemas").EmptyObject()
                .Name("tables").EmptyObject()
            .EndObject();

        return json.EndObject().ToString();
    }

    private static void WriteTable(JsonTextBuilder json, TableSnapshot table)
    {
        var owner = "table " + table.Key;
        json.StartObject()
            .Name("name").String(table.Name)
            .Name("schema").String(table.Schema);

        json.Name("columns").StartObject();
        var columnKeys = new UniqueKeys(owner, "columns");
        foreach (var column in table.Columns)
        {
            json.Name(columnKeys.Add(column.Name));
            WriteColumn(json, column);
        }
        json.EndObject();

        json.Name("indexes").StartObject();
        var indexKeys = new UniqueKeys(owner, "indexes");
        foreach (var index in table.Indexes)
        {
            json.Name(indexKeys.Add(index.Name));
            WriteIndex(json, index);
        }
        json.EndObject();

        json.Name("foreignKeys").StartObject();
        var fkKeys = new UniqueKeys(owner, "foreign keys");
        foreach (var fk in table.ForeignKeys)
        {
            json.Name(fkKeys.Add(fk.Name)).StartObject()
                .Name("name").String(fk.Name)
                .Name("tableFrom").String(fk.TableFrom)
                .Name("tableTo").String(fk.TableTo)
                .Name("schemaTo").String(fk.SchemaTo)
                .Name("columnsFrom").StringArray(fk.ColumnsFrom)
                .Name("columnsTo").StringArray(fk.ColumnsTo)
                .Name("onDelete").String(fk.OnDelete)
                .Name("onUpdate").String(fk.OnUpdate)
                .EndObject();
        }
        json.EndObject();

        json.Name("compositePrimaryKeys").StartObject();
        var pkKeys = new UniqueKeys(owner, "primary keys");
        foreach (var pk in table.CompositePrimaryKeys)
        {
            json.Name(pkKeys.Add(pk.Name)).StartObject()
                .Name("name").String(pk.Name)
                .Name("columns").StringArray(pk.Columns)
                .EndObject();
        }
        json.EndObject();

        json.Name("uniqueConstraints").StartObject();
        var uniqueKeys = new UniqueKeys(owner, "unique constraints");
        foreach (var unique in table.UniqueConstraints)
        {
            json.Name(uniqueKeys.Add(unique.Name)).StartObject()
                .Name("name").String(unique.Name)
                .Name("columns").StringArray(unique.Columns)
                .Name("nullsNotDistinct").Bool(unique.NullsNotDistinct)
                .EndObject();
        }
        json.EndObject();

        json.Name("policies").EmptyObject();

        json.Name("checkConstraints").StartObject();
        var checkKeys = new UniqueKeys(owner, "check constraints");
        foreach (var check in table.CheckConstraints)
        {
            json.Name(checkKeys.Add(check.Name)).StartObject()
                .Name("name").String(check.Name)
                .Name("value").String(check.Value)
                .EndObject();
        }
        json.EndObject();

        json.Name("isRLSEnabled").Bool(false);
        json.EndObject();
    }

    private static void WriteColumn(JsonTextBuilder json, ColumnSnapshot column)
    {
        json.StartObject()
            .Name("name").String(column.Name)
            .Name("type").String(column.Type);
        if (column.TypeSchema is not null) json.Name("typeSchema").String(column.TypeSchema);
        json.Name("primaryKey").Bool(column.PrimaryKey)
            .Name("notNull").Bool(column.NotNull);
        if (column.Default is not null) json.Name("default").SqlLiteral(column.Default);
        if (column.Generated is not null)
        {
            json.Name("generated").StartObject()
                .Name("as").String(column.Generated.As)
                .Name("type").String(column.Generated.Type)
                .EndObject();
        }
        json.EndObject();
    }

    private static void WriteIndex(JsonTextBuilder json, IndexSnapshot index)
    {
        json.StartObject()
            .Name("name").String(index.Name)
            .Name("columns").StartArray();
        foreach (var part in index.Columns)
        {
            json.StartObject()
                .Name("expression").String(part.Expression)
                .Name("isExpression").Bool(part.IsExpression);
            var defaultOrder = part.Asc && part.Nulls == "last";
            if (!part.IsExpression || !defaultOrder)
            {
                json.Name("asc").Bool(part.Asc)
                    .Name("nulls").String(part.Nulls);
            }
            if (part.Opclass is not null) json.Name("opclass").String(part.Opclass);
            json.EndObject();
        }
        json.EndArray()
            .Name("isUnique").Bool(index.IsUnique);
        if (index.Where is not null) json.Name("where").String(index.Where);
        if (index.Concurrently) json.Name("concurrently").Bool(true);
        json.Name("method").String(index.Method);
        if (!index.With.IsEmpty)
        {
            json.Name("with").StartObject();
            var parameterKeys = new UniqueKeys("index " + index.Name, "storage parameters");
            foreach (var parameter in index.With.OrderBy(p => p.Name, StringComparer.Ordinal))
            {
                json.Name(parameterKeys.Add(parameter.Name)).SqlLiteral(parameter.Value);
            }
            json.EndObject();
        }
        json.EndObject();
    }

    /// <summary>Refuses a second item with the same key in one JSON map.</summary>
    private sealed class UniqueKeys
    {
        private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
        private readonly string _owner;
        private readonly string _what;

        public UniqueKeys(string owner, string what)
        {
            _owner = owner;
            _what = what;
        }

        public string Add(string key)
        {
            if (!_seen.Add(key))
            {
                throw new ArgumentException(
                    $"Cannot write the snapshot: {_owner} has two {_what} named \"{key}\". " +
                    "Names must be unique within their map; rename one of them.");
            }
            return key;
        }
    }
}
