using ElizaGen;

namespace ElizaGen.Benchmarks.Schema;

/// <summary>A small row of common column types; rows come in groups of <see cref="Data.ItemData.PageSize"/>.</summary>
[Table("items")]
[Index(nameof(GroupId))]
public sealed partial record Item(
    [property: PrimaryKey] Guid Id,
    Guid GroupId,
    string Name,
    string? Note,
    int Quantity,
    DateTimeOffset CreatedAt);
