using System.Text;
using ElizaGen.Generators.Model;

namespace ElizaGen.Generators.Emitting;

/// <summary>Names of the helper methods a repository generates per enum type.</summary>
internal sealed class RepositoryNames
{
    public string ToText(ColumnSpec column) => "ToText_" + Suffix(column.ElementClrType);

    public string FromText(ColumnSpec column) => "FromText_" + Suffix(column.ElementClrType);

    private static string Suffix(string clrType)
    {
        var builder = new StringBuilder();
        foreach (var c in clrType.Replace("global::", string.Empty))
        {
            builder.Append(char.IsLetterOrDigit(c) ? c : '_');
        }
        return builder.ToString();
    }
}
