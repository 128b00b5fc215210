using ElizaGen.Schema;
using ElizaGen.Schema.Diff;
using ElizaGen.Schema.Snapshots;
using Npgsql;

namespace ElizaGen.Runtime.Migrations;

/// <summary>
/// Reads what the live catalog says about a set of tables (<c>pg_catalog</c>, not text) and describes it as a
/// <see cref="SchemaSnapshot"/>: used to adopt tables that exist without a journal, and to find drift.
/// Only the tables asked for are read: whatever else the database holds is none of a plugin's business.
/// </summary>
public static class CatalogIntrospector
{
    /// <summary>A table to read.</summary>
    /// <param name="Schema">Its schema.</param>
    /// <param name="Name">Its name.</param>
    public readonly record struct TableName(string Schema, string Name);

    /// <summary>The tables among <paramref name="tables"/> that exist.</summary>
    public static async Task<IReadOnlyList<TableName>> ExistingTablesAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, IReadOnlyCollection<TableName> tables, CancellationToken cancellationToken)
    {
        if (tables.Count == 0) return [];
        const string sql = """
            SELECT n.nspname, c.relname
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN unnest($1::text[], $2::text[]) AS t(s, r) ON t.s = n.nspname AND t.r = c.relname
            WHERE c.relkind IN ('r', 'p')
            ORDER BY 1, 2
            """;
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = tables.Select(t => t.Schema).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = tables.Select(t => t.Name).ToArray() });
        var result = new List<TableName>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add(new TableName(reader.GetString(0), reader.GetString(1)));
        }
        return result;
    }

    /// <summary>
    /// Describes the given tables as they are in the catalog, with the enum types their columns use.
    /// Tables that do not exist are left out.
    /// </summary>
    public static Task<SchemaSnapshot> ReadAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, IReadOnlyCollection<TableName> tables, CancellationToken cancellationToken)
        => ReadAsync(connection, transaction, tables, [], [], cancellationToken);

    /// <summary>
    /// Describes what the catalog holds of a declared schema: its tables (also under their previous names when
    /// <paramref name="renames"/> are given) with the enum types their columns use, and the declared enum types and
    /// schemas that exist, whether a table uses them or not. What does not exist is left out.
    /// </summary>
    public static Task<SchemaSnapshot> ReadAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, SchemaSnapshot declared, RenameHints? renames, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(declared);
        var tables = declared.Tables.Select(t => new TableName(t.Schema, t.Name));
        if (renames is not null) tables = tables.Concat(renames.Tables.Select(t => new TableName(t.Schema, t.OldName)));
        return ReadAsync(connection, transaction, tables.Distinct().ToArray(),
            declared.Enums.Select(e => (e.Schema, e.Name)).ToArray(), declared.Schemas.ToArray(), cancellationToken);
    }

    private static async Task<SchemaSnapshot> ReadAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction? transaction,
        IReadOnlyCollection<TableName> tables,
        IReadOnlyCollection<(string Schema, string Name)> declaredEnums,
        IReadOnlyCollection<string> declaredSchemas,
        CancellationToken cancellationToken)
    {
        var existing = await ExistingTablesAsync(connection, transaction, tables, cancellationToken).ConfigureAwait(false);
        var existingSchemas = await ExistingSchemasAsync(connection, transaction, declaredSchemas, cancellationToken).ConfigureAwait(false);
        if (existing.Count == 0 && declaredEnums.Count == 0 && existingSchemas.Count == 0) return SchemaSnapshot.Empty;

        var schemas = existing.Select(t => t.Schema).ToArray();
        var names = existing.Select(t => t.Name).ToArray();

        var columns = await ReadColumnsAsync(connection, transaction, schemas, names, cancellationToken).ConfigureAwait(false);
        var constraints = await ReadConstraintsAsync(connection, transaction, schemas, names, cancellationToken).ConfigureAwait(false);
        var indexes = await ReadIndexesAsync(connection, transaction, schemas, names, cancellationToken).ConfigureAwait(false);
        var enums = await ReadEnumsAsync(connection, transaction, columns.Values.SelectMany(c => c)
            .Where(c => c.EnumSchema is not null).Select(c => (c.EnumSchema!, c.EnumName!)).Concat(declaredEnums).Distinct().ToArray(), cancellationToken).ConfigureAwait(false);

        var result = new List<TableSnapshot>();
        foreach (var table in existing)
        {
            var key = table;
            var tableConstraints = constraints.TryGetValue(key, out var list) ? list : [];
            var primaryKey = tableConstraints.FirstOrDefault(c => c.Type == 'p');
            var singleColumnKey = primaryKey is not null && primaryKey.Columns.Length == 1 && primaryKey.Name == table.Name + "_pkey"
                ? primaryKey.Columns[0]
                : null;

            var tableColumns = (columns.TryGetValue(key, out var cols) ? cols : [])
                .Select(c => new ColumnSnapshot(
                    c.Name,
                    c.Type,
                    PrimaryKey: c.Name == singleColumnKey,
                    NotNull: c.NotNull,
                    Default: c.Default,
                    TypeSchema: c.EnumSchema,
                    Generated: c.GeneratedExpression is null ? null : new GeneratedColumnSnapshot(c.GeneratedExpression)))
                .ToArray();

            var composite = primaryKey is not null && singleColumnKey is null
                ? new[] { new PrimaryKeySnapshot(primaryKey.Name, primaryKey.Columns) }
                : [];

            result.Add(new TableSnapshot(
                table.Schema,
                table.Name,
                tableColumns,
                Indexes: indexes.TryGetValue(key, out var idx) ? idx.ToEquatableArray() : default,
                ForeignKeys: tableConstraints.Where(c => c.Type == 'f').Select(c => new ForeignKeySnapshot(
                    c.Name, table.Name, c.Columns, c.ReferencedSchema!, c.ReferencedTable!, c.ReferencedColumns!,
                    OnDelete: ReferentialAction(c.OnDelete), OnUpdate: ReferentialAction(c.OnUpdate))).ToEquatableArray(),
                CompositePrimaryKeys: composite,
                UniqueConstraints: tableConstraints.Where(c => c.Type == 'u')
                    .Select(c => new UniqueConstraintSnapshot(c.Name, c.Columns, c.NullsNotDistinct)).ToEquatableArray(),
                CheckConstraints: tableConstraints.Where(c => c.Type == 'c')
                    .Select(c => new CheckConstraintSnapshot(c.Name, c.CheckExpression!)).ToEquatableArray()));
        }

        return SchemaSnapshot.Create(result, enums, existingSchemas);
    }

    private static async Task<IReadOnlyList<string>> ExistingSchemasAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, IReadOnlyCollection<string> schemas, CancellationToken ct)
    {
        if (schemas.Count == 0) return [];
        await using var command = new NpgsqlCommand("SELECT nspname::text FROM pg_namespace WHERE nspname = ANY($1) ORDER BY 1", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = schemas.ToArray() });
        var result = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false)) result.Add(reader.GetString(0));
        return result;
    }

    private static string ReferentialAction(char code) => code switch
    {
        'a' => "no action",
        'r' => "restrict",
        'c' => "cascade",
        'n' => "set null",
        'd' => "set default",
        _ => "no action",
    };

    private sealed record ColumnRow(string Name, string Type, bool NotNull, string? Default, string? GeneratedExpression, string? EnumSchema, string? EnumName);

    private static async Task<Dictionary<TableName, List<ColumnRow>>> ReadColumnsAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string[] schemas, string[] names, CancellationToken ct)
    {
        // format_type gives the type as DDL writes it (varchar(20), numeric(10,2), vector(384), text[]).
        // An enum column reports the enum's bare name plus its schema; serial columns are reported as drizzle-kit
        // does: type serial/bigserial/smallserial and no default.
        const string sql = """
            SELECT n.nspname, c.relname, a.attname,
                   format_type(a.atttypid, a.atttypmod),
                   a.attnotnull,
                   pg_get_expr(d.adbin, d.adrelid),
                   a.attgenerated,
                   CASE WHEN t.typtype = 'e' THEN tn.nspname END,
                   CASE WHEN t.typtype = 'e' THEN t.typname END,
                   pg_get_serial_sequence(quote_ident(n.nspname) || '.' || quote_ident(c.relname), a.attname) IS NOT NULL
            FROM pg_attribute a
            JOIN pg_class c ON c.oid = a.attrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN unnest($1::text[], $2::text[]) AS w(s, r) ON w.s = n.nspname AND w.r = c.relname
            JOIN pg_type t ON t.oid = a.atttypid
            JOIN pg_namespace tn ON tn.oid = t.typnamespace
            LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE a.attnum > 0 AND NOT a.attisdropped
            ORDER BY n.nspname, c.relname, a.attnum
            """;
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = schemas });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = names });
        var result = new Dictionary<TableName, List<ColumnRow>>();
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            var table = new TableName(reader.GetString(0), reader.GetString(1));
            var type = reader.GetString(3);
            var expression = reader.IsDBNull(5) ? null : reader.GetString(5);
            var generated = reader.GetChar(6) == 's';
            var enumSchema = reader.IsDBNull(7) ? null : reader.GetString(7);
            var enumName = reader.IsDBNull(8) ? null : reader.GetString(8);
            var isSerial = reader.GetBoolean(9) && expression is not null && expression.StartsWith("nextval(", StringComparison.Ordinal);
            if (isSerial)
            {
                type = type switch { "integer" => "serial", "bigint" => "bigserial", "smallint" => "smallserial", _ => type };
                expression = null;
            }
            if (enumName is not null) type = enumName;

            if (!result.TryGetValue(table, out var list)) result[table] = list = [];
            list.Add(new ColumnRow(
                reader.GetString(2), type, reader.GetBoolean(4),
                generated ? null : expression,
                generated ? expression : null,
                enumSchema, enumName));
        }
        return result;
    }

    private sealed record ConstraintRow(
        char Type, string Name, string[] Columns, bool NullsNotDistinct, string? CheckExpression,
        string? ReferencedSchema, string? ReferencedTable, string[]? ReferencedColumns, char OnDelete, char OnUpdate);

    private static async Task<Dictionary<TableName, List<ConstraintRow>>> ReadConstraintsAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string[] schemas, string[] names, CancellationToken ct)
    {
        const string sql = """
            SELECT n.nspname, c.relname, con.contype, con.conname,
                   ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
                         JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.ord)::text[],
                   COALESCE(i.indnullsnotdistinct, false),
                   CASE WHEN con.contype = 'c' THEN pg_get_expr(con.conbin, con.conrelid) END,
                   fn.nspname, fc.relname,
                   CASE WHEN con.contype = 'f' THEN
                     ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
                           JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.ord)::text[]
                   END,
                   con.confdeltype, con.confupdtype
            FROM pg_constraint con
            JOIN pg_class c ON c.oid = con.conrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN unnest($1::text[], $2::text[]) AS w(s, r) ON w.s = n.nspname AND w.r = c.relname
            LEFT JOIN pg_index i ON i.indexrelid = con.conindid AND con.contype = 'u'
            LEFT JOIN pg_class fc ON fc.oid = con.confrelid
            LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
            WHERE con.contype IN ('p', 'u', 'c', 'f')
            ORDER BY n.nspname, c.relname, con.conname
            """;
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = schemas });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = names });
        var result = new Dictionary<TableName, List<ConstraintRow>>();
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            var table = new TableName(reader.GetString(0), reader.GetString(1));
            if (!result.TryGetValue(table, out var list)) result[table] = list = [];
            list.Add(new ConstraintRow(
                reader.GetChar(2),
                reader.GetString(3),
                reader.GetFieldValue<string[]>(4),
                reader.GetBoolean(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.IsDBNull(8) ? null : reader.GetString(8),
                reader.IsDBNull(9) ? null : reader.GetFieldValue<string[]>(9),
                reader.GetChar(10),
                reader.GetChar(11)));
        }
        return result;
    }

    private static async Task<Dictionary<TableName, List<IndexSnapshot>>> ReadIndexesAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string[] schemas, string[] names, CancellationToken ct)
    {
        // Indexes that back a primary key or unique constraint are described by the constraint, not here.
        // Per key part: the column (or the expression text), DESC / NULLS FIRST from indoption, and the
        // operator class when it is not the type's default for the access method.
        const string sql = """
            SELECT n.nspname, c.relname, ic.relname, i.indisunique, am.amname,
                   pg_get_expr(i.indpred, i.indrelid),
                   COALESCE(ic.reloptions, ARRAY[]::text[]),
                   ARRAY(SELECT CASE WHEN k.attnum = 0 THEN NULL ELSE a.attname END::text
                         FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(attnum, ord)
                         LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                         WHERE k.ord <= i.indnkeyatts ORDER BY k.ord),
                   ARRAY(SELECT pg_get_indexdef(i.indexrelid, k.ord::int, true)
                         FROM generate_series(1, i.indnkeyatts) AS k(ord) ORDER BY k.ord),
                   ARRAY(SELECT o::int FROM unnest(i.indoption::int2[]) WITH ORDINALITY x(o, ord) ORDER BY x.ord),
                   ARRAY(SELECT CASE WHEN oc.opcdefault THEN NULL ELSE oc.opcname END::text
                         FROM unnest(i.indclass::oid[]) WITH ORDINALITY x(oid, ord)
                         JOIN pg_opclass oc ON oc.oid = x.oid ORDER BY x.ord)
            FROM pg_index i
            JOIN pg_class c ON c.oid = i.indrelid
            JOIN pg_class ic ON ic.oid = i.indexrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_am am ON am.oid = ic.relam
            JOIN unnest($1::text[], $2::text[]) AS w(s, r) ON w.s = n.nspname AND w.r = c.relname
            WHERE NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = i.indexrelid AND con.contype IN ('p', 'u', 'x'))
            ORDER BY n.nspname, c.relname, ic.relname
            """;
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = schemas });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = names });
        var result = new Dictionary<TableName, List<IndexSnapshot>>();
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            var table = new TableName(reader.GetString(0), reader.GetString(1));
            var columnNames = reader.GetFieldValue<string?[]>(7);
            var definitions = reader.GetFieldValue<string[]>(8);
            var options = reader.GetFieldValue<int[]>(9);
            var opclasses = reader.GetFieldValue<string?[]>(10);
            var parts = new IndexColumnSnapshot[columnNames.Length];
            for (var k = 0; k < parts.Length; k++)
            {
                var descending = (options[k] & 1) != 0;
                var nullsFirst = (options[k] & 2) != 0;
                var isExpression = columnNames[k] is null;
                parts[k] = new IndexColumnSnapshot(
                    isExpression ? definitions[k] : columnNames[k]!,
                    IsExpression: isExpression,
                    Asc: !descending,
                    Nulls: nullsFirst ? "first" : "last",
                    Opclass: opclasses[k]);
            }
            var with = reader.GetFieldValue<string[]>(6)
                .Select(o => o.Split(['='], 2))
                .Select(kv => new IndexParameter(kv[0], kv.Length > 1 ? kv[1] : ""))
                .OrderBy(p => p.Name, StringComparer.Ordinal)
                .ToEquatableArray();

            if (!result.TryGetValue(table, out var list)) result[table] = list = [];
            list.Add(new IndexSnapshot(
                reader.GetString(2),
                parts,
                IsUnique: reader.GetBoolean(3),
                Method: reader.GetString(4),
                Where: reader.IsDBNull(5) ? null : reader.GetString(5),
                With: with));
        }
        return result;
    }

    private static async Task<IReadOnlyList<EnumSnapshot>> ReadEnumsAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, IReadOnlyList<(string Schema, string Name)> types, CancellationToken ct)
    {
        if (types.Count == 0) return [];
        const string sql = """
            SELECT n.nspname, t.typname, ARRAY(SELECT e.enumlabel::text FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder)
            FROM pg_type t
            JOIN pg_namespace n ON n.oid = t.typnamespace
            JOIN unnest($1::text[], $2::text[]) AS w(s, r) ON w.s = n.nspname AND w.r = t.typname
            WHERE t.typtype = 'e'
            ORDER BY 1, 2
            """;
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = types.Select(t => t.Schema).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = types.Select(t => t.Name).ToArray() });
        var result = new List<EnumSnapshot>();
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            result.Add(new EnumSnapshot(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<string[]>(2)));
        }
        return result;
    }
}
