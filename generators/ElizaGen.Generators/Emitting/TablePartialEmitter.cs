using System.Linq;
using ElizaGen.Generators.Model;
using ElizaGen.Schema.Sql;

namespace ElizaGen.Generators.Emitting;

/// <summary>Renders what the generator adds to a [Table] type: its Table snapshot and Columns names.</summary>
internal static class TablePartialEmitter
{
    public static string Emit(TableSpec table, PluginContext plugin)
        => Templates.TablePartial(new
        {
            table.Namespace,
            table.TypeName,
            Keyword = table.DeclarationKeyword,
            TableDoc = "<c>" + CSharp.Xml(SqlText.QuoteIdentifier(plugin.SchemaName) + "." + SqlText.QuoteIdentifier(table.TableName)) + "</c>",
            SchemaClass = plugin.SchemaClassFullName,
            SchemaLiteral = CSharp.Literal(plugin.SchemaName),
            TableLiteral = CSharp.Literal(table.TableName),
            GeneratorVersion = GeneratorInfo.Version,
            Columns = table.Columns.Select(c => new
            {
                c.PropertyName,
                Literal = CSharp.Literal(c.ColumnName),
                Doc = CSharp.Xml(c.ColumnName + " " + c.SqlType + (c.NotNull ? " NOT NULL" : string.Empty)),
            }).ToList(),
        });
}
