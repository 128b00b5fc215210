using ElizaGen.Schema;
using ElizaGen.Schema.Snapshots;
using ElizaGen.Schema.Sql;
using Npgsql;

namespace ElizaGen.Runtime.Migrations;

/// <summary>
/// The privileges an application role needs on a plugin's objects and no more (<see cref="MigrationOptions.GrantTo"/>):
/// USAGE on the plugin's schemas; SELECT, INSERT, UPDATE and DELETE on its tables; USAGE and SELECT on the sequences
/// its tables own. Nothing that changes the schema (no CREATE, no ownership, no TRUNCATE, REFERENCES or TRIGGER) and
/// nothing on the migration journal. Granted inside the migration's transaction, so a table the application can
/// see is a table it can use; granting again what is already granted changes nothing.
/// </summary>
internal static class Grants
{
    private static readonly string[] TablePrivileges = ["SELECT", "INSERT", "UPDATE", "DELETE"];

    /// <summary>Grants the privileges to every role; a missing role or a migrator that may not grant gets a message saying what to do.</summary>
    public static async Task ApplyAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, PluginSchema plugin, IReadOnlyList<string> roles, CancellationToken ct)
    {
        var tables = plugin.Snapshot.Tables.Select(t => SqlText.QualifiedName(t.Schema, t.Name)).ToArray();
        var schemas = SchemasOf(plugin).Select(SqlText.QuoteIdentifier).ToArray();
        if (roles.Count == 0 || (tables.Length == 0 && schemas.Length == 0)) return;
        var grantees = string.Join(", ", roles.Select(SqlText.QuoteIdentifier));

        var statements = new List<string>();
        if (schemas.Length > 0) statements.Add($"GRANT USAGE ON SCHEMA {string.Join(", ", schemas)} TO {grantees}");
        if (tables.Length > 0)
        {
            statements.Add($"GRANT {string.Join(", ", TablePrivileges)} ON TABLE {string.Join(", ", tables)} TO {grantees}");
            var sequences = await OwnedSequencesAsync(connection, transaction, tables, ct).ConfigureAwait(false);
            if (sequences.Count > 0) statements.Add($"GRANT USAGE, SELECT ON SEQUENCE {string.Join(", ", sequences)} TO {grantees}");
        }
        await using var command = new NpgsqlCommand(string.Join(";\n", statements), connection, transaction);
        try
        {
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedObject)
        {
            throw new MigrationException(plugin.Name,
                $"Granting the application roles ({string.Join(", ", roles)}) access to plugin '{plugin.Name}' failed: {e.MessageText}. " +
                "Create the role first (CREATE ROLE name LOGIN PASSWORD '…', as a superuser or a role with CREATEROLE), " +
                "or remove it from MigrationOptions.GrantTo. Nothing was changed.", e);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            throw new MigrationException(plugin.Name,
                $"The migrating role may not grant access to plugin '{plugin.Name}''s objects: {e.MessageText}. " +
                "Migrate as the role that owns the plugin's schema and tables (or one holding the privileges WITH GRANT OPTION). Nothing was changed.", e);
        }
    }

    /// <summary>
    /// True when every role already holds every privilege on the plugin's existing schemas and tables (one query):
    /// the start-up fast path then has nothing to grant. A role that does not exist counts as missing its grants.
    /// </summary>
    public static async Task<bool> AreInPlaceAsync(NpgsqlConnection connection, PluginSchema plugin, IReadOnlyList<string> roles, CancellationToken ct)
    {
        if (roles.Count == 0) return true;
        const string sql = """
            SELECT bool_and(CASE WHEN NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN false ELSE
                       coalesce((SELECT bool_and(has_schema_privilege(r, n.oid, 'USAGE'))
                                 FROM unnest($2::text[]) s JOIN pg_namespace n ON n.nspname = s), true)
                   AND coalesce((SELECT bool_and(has_table_privilege(r, c.oid, 'SELECT') AND has_table_privilege(r, c.oid, 'INSERT')
                                             AND has_table_privilege(r, c.oid, 'UPDATE') AND has_table_privilege(r, c.oid, 'DELETE'))
                                 FROM unnest($3::text[]) t JOIN pg_class c ON c.oid = to_regclass(t)), true) END)
            FROM unnest($1::text[]) r
            """;
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = roles.ToArray() });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = SchemasOf(plugin).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = plugin.Snapshot.Tables.Select(t => SqlText.QualifiedName(t.Schema, t.Name)).ToArray() });
        return await command.ExecuteScalarAsync(ct).ConfigureAwait(false) is true;
    }

    /// <summary>
    /// The plugin's schemas, but <c>public</c>: every role has USAGE there unless an administrator decided
    /// otherwise, and granting on it needs the database owner, which the migrator need not be.
    /// </summary>
    private static IEnumerable<string> SchemasOf(PluginSchema plugin) =>
        plugin.Snapshot.Tables.Select(t => t.Schema)
            .Concat(plugin.Snapshot.Enums.Select(e => e.Schema))
            .Concat(plugin.Snapshot.Schemas)
            .Where(s => s != SchemaSnapshot.PublicSchema)
            .Distinct(StringComparer.Ordinal);

    /// <summary>The sequences owned by the tables' columns (serial and identity), qualified and quoted.</summary>
    private static async Task<IReadOnlyList<string>> OwnedSequencesAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string[] tables, CancellationToken ct)
    {
        const string sql = """
            SELECT DISTINCT quote_ident(n.nspname) || '.' || quote_ident(s.relname)
            FROM pg_depend d
            JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'
            JOIN pg_namespace n ON n.oid = s.relnamespace
            WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
              AND d.refobjid IN (SELECT to_regclass(t) FROM unnest($1::text[]) t)
            ORDER BY 1
            """;
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = tables });
        var result = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false)) result.Add(reader.GetString(0));
        return result;
    }
}
