namespace ElizaGen.Reliability.Tests.Evolution;

/// <summary>The column types the generator draws from (every type the generator of plugins maps to).</summary>
internal enum ColumnKind
{
    Uuid,
    Text,
    Varchar,
    Integer,
    Bigint,
    Smallint,
    Boolean,
    Real,
    Double,
    Numeric,
    Timestamptz,
    Timestamp,
    Date,
    Jsonb,
    Bytea,
    TextArray,
    Enum,
    Vector,
}

/// <summary>
/// A column type by meaning: <see cref="Size"/> is the varchar length, numeric precision or vector dimension;
/// <see cref="EnumId"/> names the enum of an enum column. How it is spelled lives on the column.
/// </summary>
internal sealed record ColumnType(ColumnKind Kind, int Size = 0, int Scale = 0, int EnumId = -1);

/// <summary>
/// A generated schema before it is written as a snapshot. Every table, column and enum has an id that stays the
/// same across a mutation, so that the pair (before, after) says which objects are "the same" — the rename hints
/// and the row checks follow from the ids. Mutable on purpose: mutations and shrinking edit deep copies.
/// </summary>
internal sealed class SchemaModel
{
    public List<TableModel> Tables { get; init; } = [];

    public List<EnumModel> Enums { get; init; } = [];

    /// <summary>The next free id (shared by tables, columns and enums) and the next free name number.</summary>
    public int NextId { get; set; } = 1;

    public int Fresh() => NextId++;

    public TableModel? Table(int id) => Tables.FirstOrDefault(t => t.Id == id);

    public EnumModel? Enum(int id) => Enums.FirstOrDefault(e => e.Id == id);

    public SchemaModel Clone() => new()
    {
        Tables = Tables.Select(t => t.Clone()).ToList(),
        Enums = Enums.Select(e => e.Clone()).ToList(),
        NextId = NextId,
    };
}

internal sealed class EnumModel
{
    public required int Id { get; init; }

    public required string Schema { get; set; }

    public required string Name { get; set; }

    public List<string> Values { get; set; } = [];

    public EnumModel Clone() => new() { Id = Id, Schema = Schema, Name = Name, Values = [.. Values] };
}

internal sealed class TableModel
{
    public required int Id { get; init; }

    public required string Schema { get; set; }

    public required string Name { get; set; }

    public List<ColumnModel> Columns { get; set; } = [];

    public PrimaryKeyModel? PrimaryKey { get; set; }

    public List<UniqueModel> Uniques { get; set; } = [];

    public List<CheckModel> Checks { get; set; } = [];

    public List<IndexModel> Indexes { get; set; } = [];

    public List<ForeignKeyModel> ForeignKeys { get; set; } = [];

    public ColumnModel? Column(int id) => Columns.FirstOrDefault(c => c.Id == id);

    public TableModel Clone() => new()
    {
        Id = Id,
        Schema = Schema,
        Name = Name,
        Columns = Columns.Select(c => c.Clone()).ToList(),
        PrimaryKey = PrimaryKey?.Clone(),
        Uniques = Uniques.Select(u => u.Clone()).ToList(),
        Checks = Checks.Select(c => c.Clone()).ToList(),
        Indexes = Indexes.Select(i => i.Clone()).ToList(),
        ForeignKeys = ForeignKeys.Select(f => f.Clone()).ToList(),
    };
}

internal sealed class ColumnModel
{
    public required int Id { get; init; }

    public required string Name { get; set; }

    public required ColumnType Type { get; set; }

    /// <summary>Which of the type's spellings the snapshot uses (<c>int4</c> or <c>integer</c>…).</summary>
    public int Spelling { get; set; }

    public bool NotNull { get; set; }

    /// <summary>The default as SQL, one of <see cref="ColumnKinds.Defaults"/> for the type, or null.</summary>
    public string? Default { get; set; }

    /// <summary>For an integer column: spelled serial, bigserial or smallserial (its sequence is its default).</summary>
    public bool Serial { get; set; }

    /// <summary>For a stored generated column: how it is computed, and from which column of the table.</summary>
    public Generation Generated { get; set; }

    public int GeneratedFrom { get; set; }

    public ColumnModel Clone() => (ColumnModel)MemberwiseClone();
}

/// <summary>A primary key: with a name it is a table constraint, without one it is marked on its columns.</summary>
internal sealed class PrimaryKeyModel
{
    public List<int> Columns { get; set; } = [];

    public string? Name { get; set; }

    public PrimaryKeyModel Clone() => new() { Columns = [.. Columns], Name = Name };
}

internal sealed class UniqueModel
{
    public required string Name { get; set; }

    public List<int> Columns { get; set; } = [];

    public bool NullsNotDistinct { get; set; }

    public UniqueModel Clone() => new() { Name = Name, Columns = [.. Columns], NullsNotDistinct = NullsNotDistinct };
}

internal enum Generation
{
    None,
    PlusOne,
    Twice,
    Lower,
}

internal enum CheckTemplate
{
    NonNegative,
    ShortText,
    NotEmpty,
    JsonObject,
    ArrayShort,
    EnumNot,
    AfterY2K,
    NullImplies,
    NotFalse,
    VectorDims,
    ByteaShort,
    UuidNotZero,
}

internal sealed class CheckModel
{
    public required string Name { get; set; }

    public required CheckTemplate Template { get; set; }

    public List<int> Columns { get; set; } = [];

    /// <summary>For <see cref="CheckTemplate.EnumNot"/>: the label it excludes.</summary>
    public string? Label { get; set; }

    public CheckModel Clone() => new() { Name = Name, Template = Template, Columns = [.. Columns], Label = Label };
}

internal enum IndexMethod
{
    Btree,
    Gin,
    Hnsw,
}

internal enum KeyExpression
{
    None,
    Lower,
    JsonField,
    Abs,
}

internal enum Predicate
{
    None,
    NotNull,
    Positive,
    IsTrue,
}

internal sealed class IndexPartModel
{
    public required int Column { get; set; }

    public KeyExpression Expression { get; set; }

    public bool Descending { get; set; }

    public bool NullsFirst { get; set; }

    public string? Opclass { get; set; }

    public IndexPartModel Clone() => (IndexPartModel)MemberwiseClone();
}

internal sealed class IndexModel
{
    public required string Name { get; set; }

    public IndexMethod Method { get; set; }

    public List<IndexPartModel> Parts { get; set; } = [];

    public bool Unique { get; set; }

    public Predicate Where { get; set; }

    public int WhereColumn { get; set; }

    /// <summary>hnsw storage parameters (m, ef_construction); 0 leaves one out.</summary>
    public int M { get; set; }

    public int EfConstruction { get; set; }

    public IndexModel Clone() => new()
    {
        Name = Name,
        Method = Method,
        Parts = Parts.Select(p => p.Clone()).ToList(),
        Unique = Unique,
        Where = Where,
        WhereColumn = WhereColumn,
        M = M,
        EfConstruction = EfConstruction,
    };
}

internal sealed class ForeignKeyModel
{
    public required string Name { get; set; }

    public List<int> From { get; set; } = [];

    public required int TargetTable { get; set; }

    public List<int> To { get; set; } = [];

    public string OnDelete { get; set; } = "no action";

    public string OnUpdate { get; set; } = "no action";

    public ForeignKeyModel Clone() => new() { Name = Name, From = [.. From], TargetTable = TargetTable, To = [.. To], OnDelete = OnDelete, OnUpdate = OnUpdate };
}
