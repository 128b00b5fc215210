using System.Text;
using ElizaGen.Schema.Snapshots;

namespace ElizaGen.Cli.Diagrams;

/// <summary>
/// Writes schema snapshots as a Mermaid entity-relationship diagram (<c>erDiagram</c>): one entity per table with
/// its columns (type, name, PK/FK/UK markers), one relationship per foreign key. Pure: no I/O.
/// </summary>
/// <remarks>
/// Mermaid's attribute types and entity names are single words, so spaces and commas become underscores
/// (<c>double precision</c> → <c>double_precision</c>); the exact SQL type then appears in the attribute's comment,
/// with <c>not null</c> where it applies. Entities are named after their tables; tables of the same name in two
/// schemas are named <c>schema_table</c>.
/// </remarks>
internal static class MermaidErDiagram
{
    /// <summary>The diagram text, ending with a newline.</summary>
    public static string Write(IEnumerable<SchemaSnapshot> snapshots)
    {
        var tables = snapshots.SelectMany(s => s.Tables).ToList();
        var names = new EntityNames(tables);
        var text = new StringBuilder("erDiagram\n");

        foreach (var table in tables)
        {
            text.Append("    ").Append(names.Of(table.Schema, table.Name)).Append(" {\n");
            var foreignKeyColumns = table.ForeignKeys.SelectMany(f => f.ColumnsFrom).ToHashSet(StringComparer.Ordinal);
            var primaryKey = table.PrimaryKeyColumns.ToHashSet(StringComparer.Ordinal);
            var uniqueColumns = SingleColumnUniques(table);
            foreach (var column in table.Columns)
            {
                var keys = new List<string>(3);
                if (primaryKey.Contains(column.Name)) keys.Add("PK");
                if (foreignKeyColumns.Contains(column.Name)) keys.Add("FK");
                if (uniqueColumns.Contains(column.Name) && !(primaryKey.Count == 1 && primaryKey.Contains(column.Name))) keys.Add("UK");

                var type = Word(column.Type);
                text.Append("        ").Append(type).Append(' ').Append(Word(column.Name));
                if (keys.Count > 0) text.Append(' ').Append(string.Join(", ", keys));
                var comment = Comment(column, type, isPrimaryKey: primaryKey.Contains(column.Name));
                if (comment.Length > 0) text.Append(" \"").Append(comment).Append('"');
                text.Append('\n');
            }
            text.Append("    }\n");
        }

        foreach (var table in tables)
        {
            foreach (var key in table.ForeignKeys)
            {
                var parent = names.Of(key.SchemaTo, key.TableTo);
                var child = names.Of(table.Schema, table.Name);
                var required = key.ColumnsFrom.All(c => table.FindColumn(c)?.NotNull == true);
                var atMostOne = IsUniqueKey(table, key.ColumnsFrom);
                text.Append("    ").Append(parent).Append(' ')
                    .Append(required ? "||" : "|o").Append("--").Append(atMostOne ? "o|" : "o{")
                    .Append(' ').Append(child).Append(" : \"").Append(string.Join(", ", key.ColumnsFrom)).Append("\"\n");
            }
        }
        return text.ToString();
    }

    /// <summary>A Mermaid word: letters, digits, <c>_ - ( ) [ ]</c>; anything else becomes <c>_</c>.</summary>
    internal static string Word(string value)
    {
        var word = new StringBuilder(value.Length);
        var lastWasReplacement = false;
        foreach (var c in value)
        {
            var allowed = char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '(' or ')' or '[' or ']';
            if (allowed)
            {
                word.Append(c);
                lastWasReplacement = false;
            }
            else if (!lastWasReplacement)
            {
                word.Append('_');
                lastWasReplacement = true;
            }
        }
        if (word.Length == 0 || !(char.IsAsciiLetter(word[0]) || word[0] == '_')) word.Insert(0, '_');
        return word.ToString();
    }

    private static string Comment(ColumnSnapshot column, string typeWord, bool isPrimaryKey)
    {
        var parts = new List<string>(2);
        var sqlType = column.TypeSchema is null ? column.Type : column.TypeSchema + "." + column.Type;
        if (typeWord != column.Type || column.TypeSchema is not null) parts.Add(sqlType);
        if (column.NotNull && !isPrimaryKey) parts.Add("not null");
        return string.Join(" ", parts).Replace("\"", "'", StringComparison.Ordinal);
    }

    private static HashSet<string> SingleColumnUniques(TableSnapshot table)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var unique in table.UniqueConstraints)
        {
            if (unique.Columns.Count == 1) result.Add(unique.Columns[0]);
        }
        foreach (var index in table.Indexes)
        {
            if (index.IsUnique && index.Where is null && index.Columns.Count == 1 && !index.Columns[0].IsExpression) result.Add(index.Columns[0].Expression);
        }
        return result;
    }

    /// <summary>True when the columns are the primary key or carry a unique constraint or full unique index: one child per parent at most.</summary>
    private static bool IsUniqueKey(TableSnapshot table, IEnumerable<string> columns)
    {
        var set = columns.ToHashSet(StringComparer.Ordinal);
        if (set.SetEquals(table.PrimaryKeyColumns)) return true;
        if (table.UniqueConstraints.Any(u => set.SetEquals(u.Columns))) return true;
        return table.Indexes.Any(i => i.IsUnique && i.Where is null && i.Columns.All(c => !c.IsExpression)
            && set.SetEquals(i.Columns.Select(c => c.Expression)));
    }

    /// <summary>Entity names: the table's, or <c>schema_table</c> when two schemas hold a table of that name.</summary>
    private sealed class EntityNames
    {
        private readonly HashSet<string> _ambiguous;

        public EntityNames(IReadOnlyCollection<TableSnapshot> tables)
        {
            var referenced = tables.SelectMany(t => t.ForeignKeys.Select(f => (Schema: f.SchemaTo, Name: f.TableTo)));
            _ambiguous = tables.Select(t => (t.Schema, t.Name)).Concat(referenced).Distinct()
                .GroupBy(t => Word(t.Name), StringComparer.Ordinal)
                .Where(g => g.Count() > 1)
                .Select(g => g.Key)
                .ToHashSet(StringComparer.Ordinal);
        }

        public string Of(string schema, string table)
        {
            var name = Word(table);
            return _ambiguous.Contains(name) ? Word(schema + "_" + table) : name;
        }
    }
}
