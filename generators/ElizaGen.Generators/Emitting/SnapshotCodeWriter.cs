using System.Collections.Generic;
using System.Linq;
using System.Text;
using ElizaGen.Schema;
using ElizaGen.Schema.Snapshots;

namespace ElizaGen.Generators.Emitting;

/// <summary>
/// Writes C# that constructs a <see cref="SchemaSnapshot"/> (object construction, no JSON parsing at start-up).
/// A source writer rather than a template: the nesting reads better as code. Only values that differ from the
/// record defaults are written, as named arguments.
/// </summary>
internal static class SnapshotCodeWriter
{
    private const string Ns = "global::ElizaGen.Schema.Snapshots.";

    /// <summary>The expression, indented to <paramref name="indent"/> levels of 4 spaces after its first line.</summary>
    public static string Write(SchemaSnapshot snapshot, int indent)
    {
        var w = new Writer(indent);
        w.Line(Ns + "SchemaSnapshot.Create(");
        w.Push();
        w.Array("tables: ", Ns + "TableSnapshot", snapshot.Tables, Table, ",");
        w.Array("enums: ", Ns + "EnumSnapshot", snapshot.Enums, (x, e, end) => x.Line("new " + Ns + "EnumSnapshot(" + CSharp.Literal(e.Schema) + ", " + CSharp.Literal(e.Name) + ", " + Strings(e.Values) + ")" + end), ",");
        w.Line("schemas: " + Strings(snapshot.Schemas) + ")");
        w.Pop();
        return w.ToString();
    }

    private static void Table(Writer w, TableSnapshot t, string end)
    {
        w.Line("new " + Ns + "TableSnapshot(");
        w.Push();
        var parts = new List<System.Action<string>>
        {
            e => w.Line("Schema: " + CSharp.Literal(t.Schema) + e),
            e => w.Line("Name: " + CSharp.Literal(t.Name) + e),
            e => w.Array("Columns: ", Ns + "ColumnSnapshot", t.Columns, (x, c, ce) => x.Line(Column(c) + ce), e),
        };
        if (!t.Indexes.IsEmpty) parts.Add(e => w.Array("Indexes: ", Ns + "IndexSnapshot", t.Indexes, Index, e));
        if (!t.ForeignKeys.IsEmpty) parts.Add(e => w.Array("ForeignKeys: ", Ns + "ForeignKeySnapshot", t.ForeignKeys, (x, f, fe) => x.Line(ForeignKey(f) + fe), e));
        if (!t.CompositePrimaryKeys.IsEmpty) parts.Add(e => w.Array("CompositePrimaryKeys: ", Ns + "PrimaryKeySnapshot", t.CompositePrimaryKeys, (x, p, pe) => x.Line("new " + Ns + "PrimaryKeySnapshot(" + CSharp.Literal(p.Name) + ", " + Strings(p.Columns) + ")" + pe), e));
        if (!t.UniqueConstraints.IsEmpty) parts.Add(e => w.Array("UniqueConstraints: ", Ns + "UniqueConstraintSnapshot", t.UniqueConstraints, (x, u, ue) => x.Line("new " + Ns + "UniqueConstraintSnapshot(" + CSharp.Literal(u.Name) + ", " + Strings(u.Columns) + (u.NullsNotDistinct ? ", NullsNotDistinct: true" : string.Empty) + ")" + ue), e));
        if (!t.CheckConstraints.IsEmpty) parts.Add(e => w.Array("CheckConstraints: ", Ns + "CheckConstraintSnapshot", t.CheckConstraints, (x, c, ce) => x.Line("new " + Ns + "CheckConstraintSnapshot(" + CSharp.Literal(c.Name) + ", " + CSharp.Literal(c.Value) + ")" + ce), e));
        for (var i = 0; i < parts.Count; i++) parts[i](i == parts.Count - 1 ? ")" + end : ",");
        w.Pop();
    }

    private static string Column(ColumnSnapshot c)
    {
        var b = new StringBuilder("new " + Ns + "ColumnSnapshot(" + CSharp.Literal(c.Name) + ", " + CSharp.Literal(c.Type));
        if (c.PrimaryKey) b.Append(", PrimaryKey: true");
        if (c.NotNull) b.Append(", NotNull: true");
        if (c.Default is not null) b.Append(", Default: ").Append(CSharp.Literal(c.Default));
        if (c.TypeSchema is not null) b.Append(", TypeSchema: ").Append(CSharp.Literal(c.TypeSchema));
        if (c.Generated is not null) b.Append(", Generated: new " + Ns + "GeneratedColumnSnapshot(").Append(CSharp.Literal(c.Generated.As)).Append(')');
        return b.Append(')').ToString();
    }

    private static void Index(Writer w, IndexSnapshot i, string end)
    {
        var parts = string.Join(", ", i.Columns.Select(IndexColumn));
        var b = new StringBuilder("new " + Ns + "IndexSnapshot(" + CSharp.Literal(i.Name) + ", new " + Ns + "IndexColumnSnapshot[] { " + parts + " }");
        if (i.IsUnique) b.Append(", IsUnique: true");
        if (i.Method != "btree") b.Append(", Method: ").Append(CSharp.Literal(i.Method));
        if (i.Where is not null) b.Append(", Where: ").Append(CSharp.Literal(i.Where));
        if (!i.With.IsEmpty)
        {
            b.Append(", With: new " + Ns + "IndexParameter[] { ")
                .Append(string.Join(", ", i.With.Select(p => "new " + Ns + "IndexParameter(" + CSharp.Literal(p.Name) + ", " + CSharp.Literal(p.Value) + ")")))
                .Append(" }");
        }
        if (i.Concurrently) b.Append(", Concurrently: true");
        w.Line(b.Append(')').Append(end).ToString());
    }

    private static string IndexColumn(IndexColumnSnapshot c)
    {
        var b = new StringBuilder("new " + Ns + "IndexColumnSnapshot(" + CSharp.Literal(c.Expression));
        if (c.IsExpression) b.Append(", IsExpression: true");
        if (!c.Asc) b.Append(", Asc: false");
        if (c.Nulls != "last") b.Append(", Nulls: ").Append(CSharp.Literal(c.Nulls));
        if (c.Opclass is not null) b.Append(", Opclass: ").Append(CSharp.Literal(c.Opclass));
        return b.Append(')').ToString();
    }

    private static string ForeignKey(ForeignKeySnapshot f)
    {
        var b = new StringBuilder("new " + Ns + "ForeignKeySnapshot(")
            .Append(CSharp.Literal(f.Name)).Append(", ")
            .Append(CSharp.Literal(f.TableFrom)).Append(", ")
            .Append(Strings(f.ColumnsFrom)).Append(", ")
            .Append(CSharp.Literal(f.SchemaTo)).Append(", ")
            .Append(CSharp.Literal(f.TableTo)).Append(", ")
            .Append(Strings(f.ColumnsTo));
        if (f.OnDelete != "no action") b.Append(", OnDelete: ").Append(CSharp.Literal(f.OnDelete));
        if (f.OnUpdate != "no action") b.Append(", OnUpdate: ").Append(CSharp.Literal(f.OnUpdate));
        return b.Append(')').ToString();
    }

    private static string Strings(EquatableArray<string> values)
        => values.IsEmpty ? "new string[0]" : "new string[] { " + string.Join(", ", values.Select(v => CSharp.Literal(v))) + " }";

    private sealed class Writer
    {
        private readonly StringBuilder _builder = new();
        private int _indent;
        private bool _first = true;

        public Writer(int indent) => _indent = indent;

        public void Push() => _indent++;

        public void Pop() => _indent--;

        public void Line(string text)
        {
            if (!_first) _builder.Append('\n').Append(' ', _indent * 4);
            _first = false;
            _builder.Append(text);
        }

        public void Array<T>(string prefix, string type, EquatableArray<T> items, System.Action<Writer, T, string> item, string end)
        {
            if (items.IsEmpty)
            {
                Line(prefix + "new " + type + "[0]" + end);
                return;
            }
            Line(prefix + "new " + type + "[]");
            Line("{");
            Push();
            foreach (var x in items) item(this, x, ",");
            Pop();
            Line("}" + end);
        }

        public override string ToString() => _builder.ToString();
    }
}
