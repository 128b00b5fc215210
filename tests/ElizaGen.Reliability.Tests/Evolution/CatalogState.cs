using ElizaGen.Runtime.Migrations;
using ElizaGen.Schema.Snapshots;
using ElizaGen.Schema.Sql;
using Npgsql;

namespace ElizaGen.Reliability.Tests.Evolution;

/// <summary>
/// What a database holds, read in ways independent of the library under test as far as possible: an inventory of
/// every object in some schemas (relations, columns, constraints, indexes, types, as PostgreSQL prints them;
/// sequences by the column that owns them, since PostgreSQL keeps a sequence's name when its table is renamed),
/// checksums of table contents, and the journal's rows.
/// </summary>
internal static class CatalogState
{
    private const string InventorySql = """
        WITH ns AS (SELECT oid, nspname FROM pg_namespace WHERE nspname = ANY($1))
        SELECT 'schema ' || nspname FROM ns
        UNION ALL
        SELECT 'rel ' || ns.nspname || '.' || c.relname || ' ' || c.relkind::text
        FROM pg_class c JOIN ns ON ns.oid = c.relnamespace
        WHERE c.relkind <> 'S'
        UNION ALL
        SELECT 'seq ' || coalesce(t.relname || '.' || a.attname, 'unowned ' || s.relname) || ' ' || format_type(q.seqtypid, NULL)
        FROM pg_class s JOIN ns ON ns.oid = s.relnamespace JOIN pg_sequence q ON q.seqrelid = s.oid
        LEFT JOIN pg_depend d ON d.objid = s.oid AND d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
        LEFT JOIN pg_class t ON t.oid = d.refobjid
        LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
        UNION ALL
        SELECT 'col ' || ns.nspname || '.' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
               || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
               || coalesce(' default ' || regexp_replace(pg_get_expr(d.adbin, d.adrelid), '^nextval\(''[^'']*''::regclass\)$', 'nextval(its sequence)'), '')
               || CASE WHEN a.attgenerated <> '' THEN ' generated' ELSE '' END
        FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN ns ON ns.oid = c.relnamespace
        LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p')
        UNION ALL
        SELECT 'con ' || ns.nspname || '.' || c.relname || ' ' || con.conname || ' ' || pg_get_constraintdef(con.oid)
        FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN ns ON ns.oid = c.relnamespace
        UNION ALL
        SELECT 'idx ' || pg_get_indexdef(i.indexrelid)
        FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN ns ON ns.oid = c.relnamespace
        UNION ALL
        SELECT 'type ' || ns.nspname || '.' || t.typname || ' ' || t.typtype::text
               || coalesce(' ' || (SELECT string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid), '')
        FROM pg_type t JOIN ns ON ns.oid = t.typnamespace
        WHERE t.typtype IN ('e', 'd', 'r', 'm')
        """;

    /// <summary>Every object in the schemas, one sorted line each.</summary>
    public static async Task<List<string>> InventoryAsync(NpgsqlDataSource source, IEnumerable<string> schemas)
    {
        await using var command = source.CreateCommand(InventorySql);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = schemas.Distinct().ToArray() });
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) lines.Add(reader.GetString(0));
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    /// <summary>The library's own description of the tables, columns in name order (a rebuilt or added column moves to the end).</summary>
    public static async Task<SchemaSnapshot> IntrospectAsync(NpgsqlDataSource source, SchemaSnapshot tablesOf)
    {
        var tables = tablesOf.Tables.Select(t => new CatalogIntrospector.TableName(t.Schema, t.Name)).ToArray();
        await using var connection = await source.OpenConnectionAsync();
        var snapshot = await CatalogIntrospector.ReadAsync(connection, null, tables, CancellationToken.None);
        return SchemaSnapshot.Create(
            snapshot.Tables.Select(t => t with { Columns = t.Columns.OrderBy(c => c.Name, StringComparer.Ordinal).ToArray() }),
            snapshot.Enums,
            snapshot.Schemas);
    }

    /// <summary>Per table: its row count and an md5 of every row as text, in a fixed order.</summary>
    public static async Task<Dictionary<string, string>> FullChecksumsAsync(NpgsqlDataSource source, SchemaSnapshot snapshot)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var table in snapshot.Tables)
        {
            var name = SqlText.QualifiedName(table.Schema, table.Name);
            result[table.Key] = await ChecksumAsync(source, $"SELECT t::text AS r FROM {name} t");
        }
        return result;
    }

    /// <summary>Row count and md5 of the rows of <paramref name="rowsSql"/> (one text column named r).</summary>
    public static async Task<string> ChecksumAsync(NpgsqlDataSource source, string rowsSql)
    {
        await using var command = source.CreateCommand(
            $"SELECT count(*)::text || ':' || coalesce(md5(string_agg(r, E'\\n' ORDER BY r COLLATE \"C\")), '') FROM ({rowsSql}) s");
        return (string)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The journal's rows for a plugin and its last hash; (-1, null) when the journal does not exist.</summary>
    public static async Task<(long Count, string? LastHash)> JournalAsync(NpgsqlDataSource source, string plugin)
    {
        await using var exists = source.CreateCommand("SELECT to_regclass('migrations._migrations') IS NOT NULL");
        if (!(bool)(await exists.ExecuteScalarAsync())!) return (-1, null);
        await using var command = source.CreateCommand(
            "SELECT count(*), (SELECT hash FROM migrations._migrations WHERE plugin_name = $1 ORDER BY id DESC LIMIT 1) FROM migrations._migrations WHERE plugin_name = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = plugin });
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1));
    }

    /// <summary>Lines in one list and not the other, for a failure message.</summary>
    public static string Difference(IReadOnlyList<string> expected, IReadOnlyList<string> actual)
    {
        var missing = expected.Except(actual, StringComparer.Ordinal).Select(l => "  - " + l);
        var extra = actual.Except(expected, StringComparer.Ordinal).Select(l => "  + " + l);
        return string.Join("\n", missing.Concat(extra));
    }
}
