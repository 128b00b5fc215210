using System.Globalization;
using System.Text;
using ElizaGen.Schema.Diff;
using ElizaGen.Schema.Snapshots;

namespace ElizaGen.Reliability.Tests.Evolution;

/// <summary>
/// One schema evolution to check: the snapshot a plugin had, the one it has now, its rename hints, and the rows the
/// database holds in between. <see cref="AdoptBefore"/> creates the first schema without the migrator (tables that
/// exist without a journal); <see cref="DryRunFirst"/> runs a dry run before the real migration.
/// </summary>
internal sealed record EvolutionCase(
    string Name,
    SchemaSnapshot Before,
    SchemaSnapshot After,
    RenameHints Hints,
    string RowsSql,
    bool AdoptBefore = false,
    bool DryRunFirst = false)
{
    /// <summary>The case as text a regression scenario can be written from.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        text.Append("case ").Append(Name).Append(" (adopt before: ").Append(AdoptBefore).Append(", dry run first: ").Append(DryRunFirst).AppendLine(")");
        text.Append("before: ").AppendLine(SnapshotJsonWriter.WriteCanonical(Before));
        text.Append("after:  ").AppendLine(SnapshotJsonWriter.WriteCanonical(After));
        foreach (var t in Hints.Tables) text.Append("rename table ").Append(t.Schema).Append('.').Append(t.OldName).Append(" -> ").AppendLine(t.NewName);
        foreach (var c in Hints.Columns) text.Append("rename column ").Append(c.Schema).Append('.').Append(c.Table).Append('.').Append(c.OldName).Append(" -> ").AppendLine(c.NewName);
        text.Append("rows: ").AppendLine(RowsSql.Length == 0 ? "(none)" : RowsSql);
        return text.ToString();
    }
}

/// <summary>A case as models (what the shrinker edits), drawn from one seed.</summary>
internal sealed record ModelCase(long Seed, SchemaModel Before, SchemaModel After, int RowSeed, bool AdoptBefore, bool DryRunFirst, int RowLimit = int.MaxValue)
{
    public static ModelCase FromSeed(long seed)
    {
        var random = new Random(unchecked((int)seed ^ (int)(seed >> 32)));
        var draw = new SchemaGenerator(random);
        var before = draw.Generate();
        ModelRepair.Repair(before);
        var after = new SchemaMutator(draw).Mutate(before);
        return new ModelCase(seed, before, after, random.Next(), random.Next(6) == 0, random.Next(5) == 0);
    }

    /// <summary>The seed of the case at <paramref name="index"/> of a run with <paramref name="runSeed"/>.</summary>
    public static long CaseSeed(long runSeed, int index) => unchecked(runSeed * 1_000_003L + index);

    public EvolutionCase Render(string? name = null) => new(
        name ?? Seed.ToString(CultureInfo.InvariantCulture),
        SnapshotRenderer.Render(Before),
        SnapshotRenderer.Render(After),
        SnapshotRenderer.Hints(Before, After),
        RowGenerator.Generate(Before, RowSeed, RowLimit),
        AdoptBefore && KeepsEverything,
        DryRunFirst);

    /// <summary>
    /// Adoption (tables found without a journal) can only drop what it can see: a table or enum the new schema no
    /// longer declares is unknown to it and rightly left alone, so adoption cases keep every table and enum.
    /// </summary>
    private bool KeepsEverything =>
        Before.Tables.All(t => After.Table(t.Id) is not null) && Before.Enums.All(e => After.Enum(e.Id) is not null);
}
