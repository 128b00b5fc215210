using Npgsql;

namespace ElizaGen.Reliability.Tests.Hostile;

/// <summary>
/// Every object of one database, read from pg_catalog as text entries (<c>kind|schema|name|…</c>): schemas,
/// relations of every kind, columns, constraints, enum types with their labels, functions and user triggers. Two
/// inventories taken before and after a migration show exactly what it added and removed.
/// </summary>
internal static class CatalogInventory
{
    private const string SystemSchemas = "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'";

    private static readonly string[] Queries =
    [
        $"SELECT 'schema|' || n.nspname FROM pg_namespace n WHERE {SystemSchemas}",
        $"SELECT 'relation|' || n.nspname || '|' || c.relname || '|' || c.relkind::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE {SystemSchemas}",
        $"""
        SELECT 'column|' || n.nspname || '|' || c.relname || '|' || a.attname FROM pg_attribute a
        JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE {SystemSchemas} AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND a.attnum > 0 AND NOT a.attisdropped
        """,
        $"""
        SELECT 'constraint|' || n.nspname || '|' || c.relname || '|' || k.conname || '|' || k.contype::text FROM pg_constraint k
        JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE {SystemSchemas}
        """,
        $"""
        SELECT 'enum|' || n.nspname || '|' || t.typname || '|' || string_agg(e.enumlabel, '|' ORDER BY e.enumsortorder) FROM pg_type t
        JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_enum e ON e.enumtypid = t.oid WHERE {SystemSchemas} GROUP BY n.nspname, t.typname
        """,
        $"SELECT 'function|' || n.nspname || '|' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE {SystemSchemas}",
        "SELECT 'trigger|' || c.relname || '|' || t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT t.tgisinternal",
        "SELECT 'extension|' || extname FROM pg_extension",
    ];

    public static async Task<HashSet<string>> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction = null)
    {
        var entries = new HashSet<string>(StringComparer.Ordinal);
        foreach (var query in Queries)
        {
            await using var command = new NpgsqlCommand(query, connection, transaction);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) entries.Add(reader.GetString(0));
        }
        return entries;
    }

    /// <summary>Entries of <paramref name="after"/> that <paramref name="before"/> lacks, outside the given schemas.</summary>
    public static SortedSet<string> Added(HashSet<string> before, HashSet<string> after, params string[] ignoredSchemas)
        => new(after.Where(e => !before.Contains(e) && !InSchemas(e, ignoredSchemas)), StringComparer.Ordinal);

    /// <summary>Entries of <paramref name="before"/> that are gone from <paramref name="after"/>.</summary>
    public static SortedSet<string> Removed(HashSet<string> before, HashSet<string> after)
        => new(before.Where(e => !after.Contains(e)), StringComparer.Ordinal);

    private static bool InSchemas(string entry, string[] schemas)
    {
        var parts = entry.Split('|');
        return parts.Length > 1 && schemas.Contains(parts[1], StringComparer.Ordinal);
    }
}
