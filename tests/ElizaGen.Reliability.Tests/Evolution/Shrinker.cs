using ElizaGen.Schema.Snapshots;

namespace ElizaGen.Reliability.Tests.Evolution;

/// <summary>
/// Makes a failing case small: tries removing tables, enums, columns, keys, constraints and indexes (from both
/// sides), undoing edits, dropping rows and flags, and keeps each change after which the same invariant still
/// breaks, until no change keeps it failing (or the budget of runs is spent).
/// </summary>
internal sealed class Shrinker(EvolutionRunner runner, int budget = 250)
{
    public async Task<(ModelCase Case, CaseFailure Failure, int Runs)> ShrinkAsync(ModelCase failing, CaseFailure failure)
    {
        var current = failing;
        var currentFailure = failure;
        var runs = 0;
        var progress = true;
        while (progress && runs < budget)
        {
            progress = false;
            var key = Key(current);
            foreach (var candidate in Candidates(current))
            {
                if (Key(candidate) == key) continue;
                if (++runs > budget) break;
                var outcome = await runner.RunAsync(candidate.Render());
                if (outcome.Failure?.Signature != failure.Signature) continue;
                current = candidate;
                currentFailure = outcome.Failure;
                progress = true;
                break;
            }
        }
        return (current, currentFailure, runs);
    }

    private static string Key(ModelCase c)
    {
        var rendered = c.Render();
        return SnapshotJsonWriter.WriteCanonical(rendered.Before) + SnapshotJsonWriter.WriteCanonical(rendered.After) + rendered.RowsSql
            + rendered.Hints + c.AdoptBefore + c.DryRunFirst;
    }

    private static IEnumerable<ModelCase> Candidates(ModelCase c)
    {
        if (c.DryRunFirst) yield return c with { DryRunFirst = false };
        if (c.AdoptBefore) yield return c with { AdoptBefore = false };
        if (c.RowLimit > 0) yield return c with { RowLimit = 0 };
        if (c.RowLimit > 1) yield return c with { RowLimit = c.RowLimit == int.MaxValue ? 6 : c.RowLimit / 2 };

        foreach (var id in Ids(c, m => m.Tables.Select(t => t.Id))) yield return Both(c, m => m.Tables.RemoveAll(t => t.Id == id));
        foreach (var id in Ids(c, m => m.Enums.Select(e => e.Id))) yield return Both(c, m => m.Enums.RemoveAll(e => e.Id == id));
        foreach (var tableId in Ids(c, m => m.Tables.Select(t => t.Id)))
        {
            foreach (var id in Ids(c, m => m.Table(tableId)?.Columns.Select(x => x.Id) ?? [])) yield return Both(c, m => m.Table(tableId)?.Columns.RemoveAll(x => x.Id == id));
            yield return Both(c, m => { if (m.Table(tableId) is { } t) t.PrimaryKey = null; });
            foreach (var name in Ids(c, m => m.Table(tableId)?.Uniques.Select(x => x.Name) ?? [])) yield return Both(c, m => m.Table(tableId)?.Uniques.RemoveAll(x => x.Name == name));
            foreach (var name in Ids(c, m => m.Table(tableId)?.Checks.Select(x => x.Name) ?? [])) yield return Both(c, m => m.Table(tableId)?.Checks.RemoveAll(x => x.Name == name));
            foreach (var name in Ids(c, m => m.Table(tableId)?.Indexes.Select(x => x.Name) ?? [])) yield return Both(c, m => m.Table(tableId)?.Indexes.RemoveAll(x => x.Name == name));
            foreach (var name in Ids(c, m => m.Table(tableId)?.ForeignKeys.Select(x => x.Name) ?? [])) yield return Both(c, m => m.Table(tableId)?.ForeignKeys.RemoveAll(x => x.Name == name));
        }

        // Undo edits: the after side takes the before side's version of a table, a column or an enum.
        foreach (var table in c.Before.Tables.Where(t => c.After.Table(t.Id) is not null))
        {
            yield return After(c, m => m.Tables[m.Tables.FindIndex(t => t.Id == table.Id)] = table.Clone());
            foreach (var column in table.Columns)
            {
                yield return After(c, m =>
                {
                    var columns = m.Table(table.Id)!.Columns;
                    var i = columns.FindIndex(x => x.Id == column.Id);
                    if (i >= 0) columns[i] = column.Clone();
                });
            }
        }
        foreach (var e in c.Before.Enums.Where(e => c.After.Enum(e.Id) is not null))
        {
            yield return After(c, m => m.Enums[m.Enums.FindIndex(x => x.Id == e.Id)] = e.Clone());
        }
    }

    private static IEnumerable<T> Ids<T>(ModelCase c, Func<SchemaModel, IEnumerable<T>> select) => select(c.Before).Concat(select(c.After)).Distinct().ToList();

    private static ModelCase Both(ModelCase c, Action<SchemaModel> edit)
    {
        var before = c.Before.Clone();
        var after = c.After.Clone();
        edit(before);
        edit(after);
        ModelRepair.Repair(before);
        ModelRepair.Repair(after);
        return c with { Before = before, After = after };
    }

    private static ModelCase After(ModelCase c, Action<SchemaModel> edit)
    {
        var after = c.After.Clone();
        edit(after);
        ModelRepair.Repair(after);
        return c with { After = after };
    }
}
