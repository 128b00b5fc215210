using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using ElizaGen.Schema.Ddl;
using ElizaGen.Schema.Snapshots;
using Npgsql;

namespace ElizaGen.Runtime.Migrations;

/// <summary>
/// Turns a declared snapshot into the form the catalog reports for it, by letting PostgreSQL itself parse it:
/// the snapshot is created in throw-away schemas inside a savepoint, read back from the catalog, and rolled back.
/// Comparing that with an introspected snapshot compares what PostgreSQL stores (deparsed expressions, defaults,
/// type names), not how somebody happened to write them.
/// </summary>
internal static class SchemaCanonicalizer
{
    public static async Task<SchemaSnapshot> CanonicalizeAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, SchemaSnapshot declared, CancellationToken ct)
    {
        if (declared.Tables.IsEmpty) return declared;

        var suffix = Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant();
        var declaredSchemas = declared.Tables.Select(t => t.Schema)
            .Concat(declared.Enums.Select(e => e.Schema))
            .Concat(declared.Schemas)
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        var toScratch = declaredSchemas
            .Select((s, i) => (s, scratch: $"elizagen_scratch_{suffix}_{i}"))
            .ToDictionary(p => p.s, p => p.scratch, StringComparer.Ordinal);
        var fromScratch = toScratch.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

        var scratch = SnapshotSchemas.Rename(declared, toScratch);
        var (searchPath, quoted) = await SearchPathAsync(connection, transaction, declaredSchemas, ct).ConfigureAwait(false);
        await Execute(connection, transaction, "SAVEPOINT elizagen_canonicalize", ct).ConfigureAwait(false);
        try
        {
            var ddl = new StringBuilder();
            foreach (var schema in toScratch.Values) ddl.Append("CREATE SCHEMA \"").Append(schema).AppendLine("\";");
            // Each scratch schema goes just before its original in the search path, so that PostgreSQL qualifies
            // names in the expressions it prints (a default 'a'::mood) exactly as it does for the real schema.
            var path = searchPath.SelectMany(s => toScratch.TryGetValue(s, out var scratchName) ? [scratchName, s] : new[] { s })
                .Select(s => "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"").ToArray();
            ddl.Append("SET LOCAL search_path TO ").Append(path.Length == 0 ? "''" : string.Join(", ", path)).AppendLine(";");
            foreach (var statement in DdlWriter.CreateStatements(scratch)) ddl.Append(statement).AppendLine(";");
            await Execute(connection, transaction, ddl.ToString(), ct).ConfigureAwait(false);

            var introspected = await CatalogIntrospector.ReadAsync(connection, transaction, scratch, null, ct).ConfigureAwait(false);
            var scratchName = new Regex("elizagen_scratch_" + suffix + "_[0-9]+", RegexOptions.CultureInvariant);
            return SnapshotSchemas.Rename(introspected, fromScratch,
                expression => scratchName.Replace(expression, m => quoted[fromScratch[m.Value]]));
        }
        finally
        {
            await Execute(connection, transaction, "ROLLBACK TO SAVEPOINT elizagen_canonicalize; RELEASE SAVEPOINT elizagen_canonicalize", ct).ConfigureAwait(false);
        }
    }

    /// <summary>The schemas of the current search path, and each declared schema as PostgreSQL quotes it in expressions.</summary>
    private static async Task<(string[] SearchPath, Dictionary<string, string> Quoted)> SearchPathAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string[] schemas, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT current_schemas(false)::text[], ARRAY(SELECT quote_ident(s) FROM unnest($1::text[]) WITH ORDINALITY u(s, o) ORDER BY o)", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = schemas });
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        await reader.ReadAsync(ct).ConfigureAwait(false);
        var path = reader.GetFieldValue<string[]>(0);
        var quoted = reader.GetFieldValue<string[]>(1);
        return (path, schemas.Select((s, i) => (s, q: quoted[i])).ToDictionary(p => p.s, p => p.q, StringComparer.Ordinal));
    }

    private static async Task Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }
}

/// <summary>
/// Renames schemas throughout a snapshot (tables, foreign-key targets, enum types and their uses), and, when given
/// a rewrite, in the SQL of defaults, checks, generated columns and index expressions and predicates.
/// </summary>
internal static class SnapshotSchemas
{
    public static SchemaSnapshot Rename(SchemaSnapshot snapshot, IReadOnlyDictionary<string, string> map, Func<string, string>? expressions = null)
    {
        string Map(string schema) => map.TryGetValue(schema, out var to) ? to : schema;
        var sql = expressions ?? (text => text);

        var tables = snapshot.Tables.Select(t => t with
        {
            Schema = Map(t.Schema),
            Columns = t.Columns.Select(c => c with
            {
                TypeSchema = c.TypeSchema is null ? null : Map(c.TypeSchema),
                Default = c.Default is null ? null : sql(c.Default),
                Generated = c.Generated is null ? null : new GeneratedColumnSnapshot(sql(c.Generated.As)),
            }).ToArray(),
            ForeignKeys = t.ForeignKeys.Select(f => f with { SchemaTo = Map(f.SchemaTo) }).ToArray(),
            CheckConstraints = t.CheckConstraints.Select(c => c with { Value = sql(c.Value) }).ToArray(),
            Indexes = t.Indexes.Select(i => i with
            {
                Where = i.Where is null ? null : sql(i.Where),
                Columns = i.Columns.Select(p => p.IsExpression ? p with { Expression = sql(p.Expression) } : p).ToArray(),
            }).ToArray(),
        });
        var enums = snapshot.Enums.Select(e => e with { Schema = Map(e.Schema) });
        return SchemaSnapshot.Create(tables, enums, snapshot.Schemas.Select(Map));
    }
}
