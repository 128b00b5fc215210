using ElizaGen.Schema;
using ElizaGen.Schema.Snapshots;

namespace ElizaGen.Schema.Tests;

/// <summary>Terse snapshot construction for tests.</summary>
public static class Build
{
    public static ColumnSnapshot Col(
        string name,
        string type,
        bool notNull = false,
        string? @default = null,
        bool pk = false,
        string? enumSchema = null,
        string? generated = null) =>
        new(name, type, pk, notNull || pk, @default, enumSchema, generated is null ? null : new GeneratedColumnSnapshot(generated));

    public static TableSnapshot Table(string name, params ColumnSnapshot[] columns) => new(SchemaSnapshot.PublicSchema, name, columns);

    public static TableSnapshot TableIn(string schema, string name, params ColumnSnapshot[] columns) => new(schema, name, columns);

    public static TableSnapshot WithPk(this TableSnapshot t, string name, params string[] columns) =>
        t with { CompositePrimaryKeys = EquatableArray.Create(new PrimaryKeySnapshot(name, columns)) };

    public static TableSnapshot WithUnique(this TableSnapshot t, string name, bool nullsNotDistinct, params string[] columns) =>
        t with { UniqueConstraints = t.UniqueConstraints.Append(new UniqueConstraintSnapshot(name, columns, nullsNotDistinct)).ToEquatableArray() };

    public static TableSnapshot WithCheck(this TableSnapshot t, string name, string value) =>
        t with { CheckConstraints = t.CheckConstraints.Append(new CheckConstraintSnapshot(name, value)).ToEquatableArray() };

    public static TableSnapshot WithFk(
        this TableSnapshot t,
        string name,
        string column,
        string tableTo,
        string columnTo = "id",
        string onDelete = "no action",
        string onUpdate = "no action",
        string schemaTo = SchemaSnapshot.PublicSchema) =>
        t with
        {
            ForeignKeys = t.ForeignKeys.Append(new ForeignKeySnapshot(name, t.Name, new[] { column }, schemaTo, tableTo, new[] { columnTo }, onDelete, onUpdate)).ToEquatableArray(),
        };

    public static TableSnapshot WithIndex(this TableSnapshot t, string name, params string[] columns) =>
        t.WithIndex(new IndexSnapshot(name, columns.Select(c => new IndexColumnSnapshot(c)).ToEquatableArray()));

    public static TableSnapshot WithIndex(this TableSnapshot t, IndexSnapshot index) =>
        t with { Indexes = t.Indexes.Append(index).ToEquatableArray() };

    public static EnumSnapshot Enum(string name, params string[] values) => new(SchemaSnapshot.PublicSchema, name, values);

    public static SchemaSnapshot Snap(params TableSnapshot[] tables) => SchemaSnapshot.Create(tables);

    public static SchemaSnapshot Snap(EnumSnapshot[] enums, params TableSnapshot[] tables) => SchemaSnapshot.Create(tables, enums);
}
