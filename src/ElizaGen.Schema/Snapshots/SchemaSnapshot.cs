using System;
using System.Collections.Generic;
using System.Linq;
using ElizaGen.Schema.Sql;

namespace ElizaGen.Schema.Snapshots;

/// <summary>
/// A whole database schema as one plugin declares it, in the shape of drizzle-kit's PostgreSQL snapshot
/// version "7". Immutable, with value equality. Build it through <see cref="Create"/>, which puts every
/// collection into canonical order (tables, enums, constraints and indexes by name; columns and enum values
/// keep their declared order), so that two equal schemas are equal records.
/// </summary>
public sealed record SchemaSnapshot
{
    /// <summary>The snapshot format version written by this library.</summary>
    public const string FormatVersion = "7";

    /// <summary>The only dialect supported.</summary>
    public const string PostgresDialect = "postgresql";

    /// <summary>The default PostgreSQL schema.</summary>
    public const string PublicSchema = "public";

    private SchemaSnapshot(EquatableArray<string> schemas, EquatableArray<EnumSnapshot> enums, EquatableArray<TableSnapshot> tables)
    {
        Schemas = schemas;
        Enums = enums;
        Tables = tables;
    }

    /// <summary>The schemas (namespaces) this snapshot creates, other than <c>public</c>, sorted.</summary>
    public EquatableArray<string> Schemas { get; }

    /// <summary>The enum types, sorted by schema then name.</summary>
    public EquatableArray<EnumSnapshot> Enums { get; }

    /// <summary>The tables, sorted by schema then name.</summary>
    public EquatableArray<TableSnapshot> Tables { get; }

    /// <summary>An empty snapshot: what a plugin's previous state is before its first migration.</summary>
    public static SchemaSnapshot Empty { get; } = Create(Array.Empty<TableSnapshot>());

    /// <summary>Builds a snapshot in canonical order.</summary>
    /// <param name="tables">The tables.</param>
    /// <param name="enums">The enum types.</param>
    /// <param name="schemas">
    /// The schemas to create; the schemas of the tables and enums are added, and <c>public</c> is dropped
    /// (it always exists).
    /// </param>
    public static SchemaSnapshot Create(
        IEnumerable<TableSnapshot> tables,
        IEnumerable<EnumSnapshot>? enums = null,
        IEnumerable<string>? schemas = null)
    {
        var tableList = tables.Select(t => t.Canonical()).OrderBy(t => t.Schema, StringComparer.Ordinal).ThenBy(t => t.Name, StringComparer.Ordinal).ToArray();
        var enumList = (enums ?? Enumerable.Empty<EnumSnapshot>()).OrderBy(e => e.Schema, StringComparer.Ordinal).ThenBy(e => e.Name, StringComparer.Ordinal).ToArray();
        var schemaSet = new SortedSet<string>(schemas ?? Enumerable.Empty<string>(), StringComparer.Ordinal);
        foreach (var t in tableList) schemaSet.Add(t.Schema);
        foreach (var e in enumList) schemaSet.Add(e.Schema);
        schemaSet.Remove(PublicSchema);
        return new SchemaSnapshot(schemaSet.ToArray(), enumList, tableList);
    }

    /// <summary>The table with this schema and name, or null.</summary>
    public TableSnapshot? FindTable(string schema, string name)
    {
        foreach (var t in Tables)
        {
            if (t.Schema == schema && t.Name == name) return t;
        }
        return null;
    }

    /// <summary>The enum type with this schema and name, or null.</summary>
    public EnumSnapshot? FindEnum(string schema, string name)
    {
        foreach (var e in Enums)
        {
            if (e.Schema == schema && e.Name == name) return e;
        }
        return null;
    }

    /// <summary>True when the snapshot declares nothing.</summary>
    public bool IsEmpty => Tables.IsEmpty && Enums.IsEmpty && Schemas.IsEmpty;
}

/// <summary>A PostgreSQL enum type: <c>CREATE TYPE schema.name AS ENUM (values…)</c>.</summary>
/// <param name="Schema">The schema the type lives in.</param>
/// <param name="Name">The type name.</param>
/// <param name="Values">The labels, in their sort order.</param>
public sealed record EnumSnapshot(string Schema, string Name, EquatableArray<string> Values);

/// <summary>A table with its columns, keys, constraints and indexes.</summary>
/// <param name="Schema">The schema (namespace), <c>public</c> for the default one.</param>
/// <param name="Name">The table name.</param>
/// <param name="Columns">The columns in declaration order.</param>
/// <param name="Indexes">The indexes, sorted by name.</param>
/// <param name="ForeignKeys">The foreign keys, sorted by name.</param>
/// <param name="CompositePrimaryKeys">
/// Primary keys declared as table constraints (drizzle-kit's <c>compositePrimaryKeys</c>): at most one.
/// A single-column key may instead be marked on its column (<see cref="ColumnSnapshot.PrimaryKey"/>).
/// </param>
/// <param name="UniqueConstraints">Unique constraints, sorted by name.</param>
/// <param name="CheckConstraints">Check constraints, sorted by name.</param>
public sealed record TableSnapshot(
    string Schema,
    string Name,
    EquatableArray<ColumnSnapshot> Columns,
    EquatableArray<IndexSnapshot> Indexes = default,
    EquatableArray<ForeignKeySnapshot> ForeignKeys = default,
    EquatableArray<PrimaryKeySnapshot> CompositePrimaryKeys = default,
    EquatableArray<UniqueConstraintSnapshot> UniqueConstraints = default,
    EquatableArray<CheckConstraintSnapshot> CheckConstraints = default)
{
    /// <summary>The key drizzle-kit uses for the table: <c>schema.name</c>.</summary>
    public string Key => Schema + "." + Name;

    /// <summary>The column with this name, or null.</summary>
    public ColumnSnapshot? FindColumn(string name)
    {
        foreach (var c in Columns)
        {
            if (c.Name == name) return c;
        }
        return null;
    }

    /// <summary>
    /// The primary key's columns in key order, however it was declared (column flags or a table constraint);
    /// empty when the table has none.
    /// </summary>
    public EquatableArray<string> PrimaryKeyColumns
    {
        get
        {
            if (!CompositePrimaryKeys.IsEmpty) return CompositePrimaryKeys[0].Columns;
            return Columns.Where(c => c.PrimaryKey).Select(c => c.Name).ToEquatableArray();
        }
    }

    /// <summary>
    /// The same table with its constraint and index collections sorted by name (and each index's storage
    /// parameters sorted by name), and a primary key flagged on several columns written as the named table
    /// constraint it is (<c>&lt;table&gt;_pkey</c>, columns in declaration order).
    /// </summary>
    /// <remarks>
    /// The journal keeps snapshots in jsonb, which does not keep the order of a table's columns: read back, flags
    /// on several columns would give the key's columns in another order. A constraint lists them in an array.
    /// </remarks>
    public TableSnapshot Canonical()
    {
        var columns = Columns;
        var primaryKeys = CompositePrimaryKeys;
        if (primaryKeys.IsEmpty && columns.Count(c => c.PrimaryKey) > 1)
        {
            primaryKeys = EquatableArray.Create(new PrimaryKeySnapshot(
                SqlText.ImplicitObjectName(Name, null, "pkey"), columns.Where(c => c.PrimaryKey).Select(c => c.Name).ToEquatableArray()));
            columns = columns.Select(c => c.PrimaryKey ? c with { PrimaryKey = false } : c).ToEquatableArray();
        }
        return this with
        {
            Columns = columns,
            Indexes = Indexes
                .Select(i => i with { With = i.With.OrderBy(p => p.Name, StringComparer.Ordinal).ToEquatableArray() })
                .OrderBy(i => i.Name, StringComparer.Ordinal)
                .ToEquatableArray(),
            ForeignKeys = ForeignKeys.OrderBy(f => f.Name, StringComparer.Ordinal).ToEquatableArray(),
            CompositePrimaryKeys = primaryKeys.OrderBy(p => p.Name, StringComparer.Ordinal).ToEquatableArray(),
            UniqueConstraints = UniqueConstraints.OrderBy(u => u.Name, StringComparer.Ordinal).ToEquatableArray(),
            CheckConstraints = CheckConstraints.OrderBy(c => c.Name, StringComparer.Ordinal).ToEquatableArray(),
        };
    }
}

/// <summary>A column.</summary>
/// <param name="Name">The column name.</param>
/// <param name="Type">
/// The SQL type as written in DDL (<c>uuid</c>, <c>text</c>, <c>vector(384)</c>, <c>numeric(10, 2)</c>,
/// <c>text[]</c>, or an enum's name with <see cref="TypeSchema"/> set).
/// </param>
/// <param name="PrimaryKey">True when this column alone is the table's primary key.</param>
/// <param name="NotNull">True for NOT NULL.</param>
/// <param name="Default">The default as a SQL expression (<c>now()</c>, <c>'draft'</c>, <c>0</c>), or null.</param>
/// <param name="TypeSchema">For an enum column, the schema of its type; otherwise null.</param>
/// <param name="Generated">For a stored generated column, its expression; otherwise null.</param>
public sealed record ColumnSnapshot(
    string Name,
    string Type,
    bool PrimaryKey = false,
    bool NotNull = false,
    string? Default = null,
    string? TypeSchema = null,
    GeneratedColumnSnapshot? Generated = null);

/// <summary>A stored generated column: <c>GENERATED ALWAYS AS (expression) STORED</c>.</summary>
/// <param name="As">The SQL expression.</param>
public sealed record GeneratedColumnSnapshot(string As)
{
    /// <summary>Always <c>stored</c> (PostgreSQL has no virtual generated columns before 18).</summary>
    public string Type => "stored";
}

/// <summary>An index.</summary>
/// <param name="Name">The index name.</param>
/// <param name="Columns">The key parts, in order.</param>
/// <param name="IsUnique">True for a unique index.</param>
/// <param name="Method">The access method: btree, gin, gist, hash, brin, hnsw.</param>
/// <param name="Where">The predicate of a partial index (SQL), or null.</param>
/// <param name="With">Storage parameters (<c>m</c>, <c>ef_construction</c>, …), sorted by name.</param>
/// <param name="Concurrently">drizzle-kit's flag; kept for round trips, not used when migrating in a transaction.</param>
public sealed record IndexSnapshot(
    string Name,
    EquatableArray<IndexColumnSnapshot> Columns,
    bool IsUnique = false,
    string Method = "btree",
    string? Where = null,
    EquatableArray<IndexParameter> With = default,
    bool Concurrently = false);

/// <summary>One key part of an index: a column or an expression.</summary>
/// <param name="Expression">The column name, or the SQL expression when <paramref name="IsExpression"/>.</param>
/// <param name="IsExpression">True for an expression key part.</param>
/// <param name="Asc">False for DESC.</param>
/// <param name="Nulls"><c>last</c> (the default for ASC) or <c>first</c>.</param>
/// <param name="Opclass">An operator class such as <c>vector_cosine_ops</c>, or null.</param>
public sealed record IndexColumnSnapshot(
    string Expression,
    bool IsExpression = false,
    bool Asc = true,
    string Nulls = "last",
    string? Opclass = null);

/// <summary>An index storage parameter, written <c>WITH (name = value)</c>.</summary>
/// <param name="Name">The parameter name.</param>
/// <param name="Value">The value as SQL text.</param>
public sealed record IndexParameter(string Name, string Value);

/// <summary>A foreign key.</summary>
/// <param name="Name">The constraint name.</param>
/// <param name="TableFrom">The referencing table (the table that holds this key).</param>
/// <param name="ColumnsFrom">The referencing columns.</param>
/// <param name="SchemaTo">The referenced table's schema.</param>
/// <param name="TableTo">The referenced table.</param>
/// <param name="ColumnsTo">The referenced columns.</param>
/// <param name="OnDelete">no action, restrict, cascade, set null or set default (lower case).</param>
/// <param name="OnUpdate">As <paramref name="OnDelete"/>.</param>
public sealed record ForeignKeySnapshot(
    string Name,
    string TableFrom,
    EquatableArray<string> ColumnsFrom,
    string SchemaTo,
    string TableTo,
    EquatableArray<string> ColumnsTo,
    string OnDelete = "no action",
    string OnUpdate = "no action");

/// <summary>A primary key declared as a table constraint.</summary>
/// <param name="Name">The constraint name.</param>
/// <param name="Columns">The key columns in order.</param>
public sealed record PrimaryKeySnapshot(string Name, EquatableArray<string> Columns);

/// <summary>A unique constraint.</summary>
/// <param name="Name">The constraint name.</param>
/// <param name="Columns">The columns.</param>
/// <param name="NullsNotDistinct">True for <c>UNIQUE NULLS NOT DISTINCT</c>.</param>
public sealed record UniqueConstraintSnapshot(string Name, EquatableArray<string> Columns, bool NullsNotDistinct = false);

/// <summary>A check constraint.</summary>
/// <param name="Name">The constraint name.</param>
/// <param name="Value">The boolean SQL expression.</param>
public sealed record CheckConstraintSnapshot(string Name, string Value);
