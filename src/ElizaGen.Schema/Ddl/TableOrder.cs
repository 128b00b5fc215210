using System;
using System.Collections.Generic;
using System.Linq;
using ElizaGen.Schema.Snapshots;

namespace ElizaGen.Schema.Ddl;

/// <summary>Orders tables along their foreign keys, deterministically.</summary>
internal static class TableOrder
{
    /// <summary>
    /// Referenced tables before the tables that reference them (the order to create them in). Ties go by
    /// schema then name; a cycle is broken by taking the first remaining table by schema then name.
    /// Self-references and references to tables outside <paramref name="tables"/> are ignored.
    /// </summary>
    public static IReadOnlyList<TableSnapshot> ReferencedFirst(IEnumerable<TableSnapshot> tables) =>
        Sort(tables, referencedFirst: true);

    /// <summary>Referencing tables before the tables they reference (the order to drop them in).</summary>
    public static IReadOnlyList<TableSnapshot> ReferencingFirst(IEnumerable<TableSnapshot> tables) =>
        Sort(tables, referencedFirst: false);

    private static IReadOnlyList<TableSnapshot> Sort(IEnumerable<TableSnapshot> tables, bool referencedFirst)
    {
        var byKey = new SortedDictionary<string, TableSnapshot>(StringComparer.Ordinal);
        foreach (var t in tables) byKey[SortKey(t.Schema, t.Name)] = t;

        // mustWait[a] = tables that must come before a.
        var mustWait = byKey.Keys.ToDictionary(k => k, _ => new HashSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var pair in byKey)
        {
            foreach (var fk in pair.Value.ForeignKeys)
            {
                var target = SortKey(fk.SchemaTo, fk.TableTo);
                if (target == pair.Key || !byKey.ContainsKey(target)) continue;
                if (referencedFirst) mustWait[pair.Key].Add(target);
                else mustWait[target].Add(pair.Key);
            }
        }

        var result = new List<TableSnapshot>(byKey.Count);
        var remaining = new SortedSet<string>(byKey.Keys, StringComparer.Ordinal);
        while (remaining.Count > 0)
        {
            var next = remaining.FirstOrDefault(k => mustWait[k].All(d => !remaining.Contains(d))) ?? remaining.Min!;
            remaining.Remove(next);
            result.Add(byKey[next]);
        }
        return result;
    }

    // "\u0001" sorts before every character of a name, so schema "a" + table "b" never meets schema "a.b".
    private static string SortKey(string schema, string name) => schema + "\u0001" + name;
}
