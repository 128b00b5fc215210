using System;
using System.Collections.Generic;
using System.Linq;
using ElizaGen.Schema.Snapshots;

namespace ElizaGen.Schema.Ddl;

/// <summary>
/// Writes the DDL that creates a whole snapshot in an empty database: schemas, enum types, tables (columns,
/// primary key, unique and check constraints), indexes, then foreign keys (after every table, so that cycles
/// work, and after every index, so that a foreign key can reference a unique index). The output is
/// deterministic: the same snapshot always gives the same text.
/// </summary>
/// <remarks>
/// Extensions are not created here: the migrator runs <c>CREATE EXTENSION</c> for
/// <see cref="RequiredExtensions"/> first, because that needs privileges and happens once per database.
/// </remarks>
public static class DdlWriter
{
    /// <summary>All statements of <see cref="CreateStatements"/>, separated by blank lines, ending in a newline.</summary>
    /// <param name="snapshot">The schema to create.</param>
    /// <exception cref="SchemaDefinitionException">The snapshot cannot be written as valid DDL.</exception>
    public static string CreateSql(SchemaSnapshot snapshot)
    {
        var statements = CreateStatements(snapshot);
        return statements.Count == 0 ? "" : string.Join("\n\n", statements) + "\n";
    }

    /// <summary>
    /// The statements that create <paramref name="snapshot"/>, each ending in a semicolon, in this order:
    /// <c>CREATE SCHEMA IF NOT EXISTS</c> (by name), <c>CREATE TYPE … AS ENUM</c> (by schema and name),
    /// <c>CREATE TABLE</c> (referenced tables first, ties by schema and name), <c>CREATE INDEX</c>, and foreign
    /// keys as <c>ALTER TABLE … ADD CONSTRAINT</c> (both in table order, then by name).
    /// </summary>
    /// <param name="snapshot">The schema to create.</param>
    /// <exception cref="SchemaDefinitionException">The snapshot cannot be written as valid DDL.</exception>
    public static IReadOnlyList<string> CreateStatements(SchemaSnapshot snapshot)
    {
        if (snapshot is null) throw new ArgumentNullException(nameof(snapshot));
        SnapshotValidator.Validate(snapshot);
        var statements = new List<string>();
        statements.AddRange(snapshot.Schemas.Select(DdlStatements.CreateSchema));
        statements.AddRange(snapshot.Enums.Select(e => DdlStatements.CreateEnum(e.Schema, e.Name, e.Values)));
        var tables = TableOrder.ReferencedFirst(snapshot.Tables);
        statements.AddRange(tables.Select(t => DdlStatements.CreateTable(t, snapshot)));
        foreach (var table in tables)
        {
            statements.AddRange(DdlStatements.UniquesAddedAfterCreate(table).Select(u => DdlStatements.AddUnique(table, u)));
        }
        foreach (var table in tables)
        {
            statements.AddRange(table.Indexes.Select(i => DdlStatements.CreateIndex(table, i)));
        }
        foreach (var table in tables)
        {
            statements.AddRange(table.ForeignKeys.Select(fk => DdlStatements.AddForeignKey(table, fk)));
        }
        return statements;
    }

    /// <summary>
    /// The PostgreSQL extensions the snapshot needs, sorted: <c>vector</c> for vector, halfvec or sparsevec
    /// columns and for hnsw or ivfflat indexes; <c>pg_trgm</c> for trigram operator classes; <c>citext</c>
    /// and <c>hstore</c> for those column types.
    /// </summary>
    /// <param name="snapshot">The schema.</param>
    public static IReadOnlyList<string> RequiredExtensions(SchemaSnapshot snapshot)
    {
        if (snapshot is null) throw new ArgumentNullException(nameof(snapshot));
        var extensions = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var table in snapshot.Tables)
        {
            foreach (var column in table.Columns)
            {
                var type = ColumnType.Of(table, column, snapshot);
                if (type.IsEnum) continue;
                switch (type.Parsed.BaseName)
                {
                    case "vector":
                    case "halfvec":
                    case "sparsevec":
                        extensions.Add("vector");
                        break;
                    case "citext":
                    case "hstore":
                        extensions.Add(type.Parsed.BaseName);
                        break;
                }
            }
            foreach (var index in table.Indexes)
            {
                var method = (index.Method ?? "").Trim().ToLowerInvariant();
                if (method is "hnsw" or "ivfflat") extensions.Add("vector");
                foreach (var part in index.Columns)
                {
                    var opclass = (part.Opclass ?? "").Trim().ToLowerInvariant();
                    if (opclass.EndsWith("_trgm_ops", StringComparison.Ordinal)) extensions.Add("pg_trgm");
                    if (opclass.StartsWith("vector_", StringComparison.Ordinal) || opclass.StartsWith("halfvec_", StringComparison.Ordinal)
                        || opclass.StartsWith("sparsevec_", StringComparison.Ordinal))
                    {
                        extensions.Add("vector");
                    }
                }
            }
        }
        return extensions.ToArray();
    }

    /// <summary>
    /// The name of the table's primary key constraint as the DDL writes it: the declared constraint's name,
    /// or for a key marked on columns PostgreSQL's own name, <c>&lt;table&gt;_pkey</c> (the table name
    /// shortened so that the whole fits in 63 bytes). Null when the table has no primary key.
    /// </summary>
    /// <param name="table">The table.</param>
    public static string? PrimaryKeyName(TableSnapshot table) => DdlStatements.PrimaryKey(table)?.Name;
}
