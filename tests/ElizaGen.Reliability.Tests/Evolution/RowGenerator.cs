using System.Text;
using ElizaGen.Schema.Sql;

namespace ElizaGen.Reliability.Tests.Evolution;

/// <summary>
/// Random rows for a schema, as one <c>DO</c> block: each INSERT runs in its own subtransaction and a row that
/// breaks a constraint (class 23: duplicate, check, foreign key, NULL) is skipped, so the rows that land are
/// exactly those the schema accepts. Any other error (a value of the wrong type) is a generator bug and fails.
/// </summary>
internal static class RowGenerator
{
    public static string Generate(SchemaModel model, int seed, int rowLimit = int.MaxValue)
    {
        var sql = new StringBuilder("DO $rows$\nBEGIN\n");
        var inserted = new Dictionary<int, List<Dictionary<int, string>>>();
        var statements = 0;
        foreach (var table in ReferencedFirst(model))
        {
            var random = new Random(unchecked(seed * 31 + table.Id)); // not HashCode.Combine: it is seeded per process
            var rows = new List<Dictionary<int, string>>();
            inserted[table.Id] = rows;
            var count = Math.Min(rowLimit, random.Next(5) == 0 ? 0 : 1 + random.Next(12));
            var domains = table.Columns.ToDictionary(c => c.Id, _ => random.Next(3) == 0 ? 3 : 0);
            var keyColumns = new HashSet<int>(table.PrimaryKey?.Columns ?? []);
            for (var r = 0; r < count; r++)
            {
                var row = new Dictionary<int, string>();
                foreach (var fk in table.ForeignKeys)
                {
                    if (!inserted.TryGetValue(fk.TargetTable, out var targetRows) || targetRows.Count == 0 || random.Next(8) == 0) continue;
                    var target = targetRows[random.Next(targetRows.Count)];
                    for (var i = 0; i < fk.From.Count; i++)
                    {
                        if (target.TryGetValue(fk.To[i], out var value)) row[fk.From[i]] = value;
                    }
                }
                foreach (var column in table.Columns)
                {
                    if (row.ContainsKey(column.Id) || column.Generated != Generation.None) continue;
                    if (column.Serial && random.Next(2) == 0) continue;
                    var nullable = !column.NotNull && !keyColumns.Contains(column.Id);
                    if (column.Default is not null && !IsVolatile(column.Default) && random.Next(5) == 0) continue;
                    row[column.Id] = nullable && random.Next(7) == 0 ? "NULL" : ColumnKinds.Value(column.Type, random, model, domains[column.Id]);
                }
                rows.Add(row);
                var target2 = SqlText.QualifiedName(table.Schema, table.Name);
                var names = table.Columns.Where(c => row.ContainsKey(c.Id)).ToList();
                var insert = names.Count == 0
                    ? $"INSERT INTO {target2} DEFAULT VALUES;"
                    : $"INSERT INTO {target2} ({string.Join(", ", names.Select(c => SqlText.QuoteIdentifier(c.Name)))}) VALUES ({string.Join(", ", names.Select(c => row[c.Id]))});";
                sql.Append("  BEGIN ").Append(insert).Append(" EXCEPTION WHEN integrity_constraint_violation THEN NULL; END;\n");
                statements++;
            }
        }
        return statements == 0 ? "" : sql.Append("END $rows$;").ToString();
    }

    /// <summary>A default that gives another value on every run: rows never use it, so that a case replays the same.</summary>
    private static bool IsVolatile(string sql) =>
        sql.Contains("random", StringComparison.Ordinal) || sql.Contains("now()", StringComparison.Ordinal) || sql.StartsWith("CURRENT_", StringComparison.Ordinal);

    private static IEnumerable<TableModel> ReferencedFirst(SchemaModel model)
    {
        var done = new HashSet<int>();
        var remaining = model.Tables.ToList();
        while (remaining.Count > 0)
        {
            var next = remaining.FirstOrDefault(t => t.ForeignKeys.All(f => f.TargetTable == t.Id || done.Contains(f.TargetTable) || model.Table(f.TargetTable) is null))
                ?? remaining[0];
            remaining.Remove(next);
            done.Add(next.Id);
            yield return next;
        }
    }
}
