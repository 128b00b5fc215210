using System.Security.Cryptography;
using System.Text;
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
        await Execute(connection, transaction, "SAVEPOINT elizagen_canonicalize", ct).ConfigureAwait(false);
        try
        {
            var ddl = new StringBuilder();
            foreach (var schema in toScratch.Values) ddl.Append("CREATE SCHEMA \"").Append(schema).AppendLine("\";");
            foreach (var statement in DdlWriter.CreateStatements(scratch)) ddl.Append(statement).AppendLine(";");
            await Execute(connection, transaction, ddl.ToString(), ct).ConfigureAwait(false);

            var introspected = await CatalogIntrospector.ReadAsync(connection, transaction, scratch, null, ct).ConfigureAwait(false);
            return SnapshotSchemas.Rename(introspected, fromScratch);
        }
        finally
        {
            await Execute(connection, transaction, "ROLLBACK TO SAVEPOINT elizagen_canonicalize; RELEASE SAVEPOINT elizagen_canonicalize", ct).ConfigureAwait(false);
        }
    }

    private static async Task Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }
}

/// <summary>Renames schemas throughout a snapshot (tables, foreign-key targets, enum types and their uses).</summary>
internal static class SnapshotSchemas
{
    public static SchemaSnapshot Rename(SchemaSnapshot snapshot, IReadOnlyDictionary<string, string> map)
    {
        string Map(string schema) => map.TryGetValue(schema, out var to) ? to : schema;

        var tables = snapshot.Tables.Select(t => t with
        {
            Schema = Map(t.Schema),
            Columns = t.Columns.Select(c => c.TypeSchema is null ? c : c with { TypeSchema = Map(c.TypeSchema) }).ToArray(),
            ForeignKeys = t.ForeignKeys.Select(f => f with { SchemaTo = Map(f.SchemaTo) }).ToArray(),
        });
        var enums = snapshot.Enums.Select(e => e with { Schema = Map(e.Schema) });
        return SchemaSnapshot.Create(tables, enums, snapshot.Schemas.Select(Map));
    }
}
