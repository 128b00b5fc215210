using ElizaGen.Schema.Sql;
using Microsoft.CodeAnalysis.CSharp;

namespace ElizaGen.Reliability.Tests.Hostile;

/// <summary>
/// One plugin that uses every attribute argument that becomes a name or an SQL expression: two tables, an enum, keys,
/// a unique and a check constraint, plain, expression, partial and vector indexes, a foreign key by type and one by
/// name, renames. Each argument is looked up by its tag in <see cref="Names"/>, so a case can put a hostile value into
/// one argument or into all of them.
/// </summary>
internal sealed class HostilePlugin
{
    /// <summary>Tags of the arguments that are names (identifiers), each with the good value used when a case leaves it alone.</summary>
    public static readonly IReadOnlyList<string> NameTags =
    [
        "plugin", "schema", "enum", "label1", "label2", "t1", "old_t1", "idx1", "idx2", "uq", "ck", "c_id", "c_title", "c_mood",
        "c_emb", "vidx", "c_note", "old_note", "t2", "idx3", "c_parent", "fk1", "fk2", "ref_table", "ref_column", "idx3_column",
    ];

    /// <summary>Tags of the arguments that are SQL expressions.</summary>
    public static readonly IReadOnlyList<string> ExpressionTags = ["default", "check", "index_expression", "where"];

    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    /// <summary>Arguments that must name another argument's object, with that argument's tag.</summary>
    private static readonly Dictionary<string, string> Linked = new(StringComparer.Ordinal)
    {
        ["ref_table"] = "t1", ["ref_column"] = "c_id", ["idx3_column"] = "c_parent",
    };

    /// <param name="name">The value of an argument by its tag, or null for the default: the tag itself, or for an argument that names another one, that one's value.</param>
    public HostilePlugin(Func<string, string?> name)
    {
        foreach (var tag in NameTags.Where(t => !Linked.ContainsKey(t))) _values[tag] = name(tag) ?? (tag == "plugin" ? "@acme/plugin-hostile" : tag);
        foreach (var (tag, partner) in Linked) _values[tag] = name(tag) ?? _values[partner];
        // The expressions quote the names they use, as an author must: a hostile value stays a value.
        // (A name the generator refuses, with NUL or empty, is left out of them so that they stay valid.)
        TitleValue = "title " + _values["c_title"];
        _values["default"] = SqlText.QuoteLiteral(WithoutNul(TitleValue));
        _values["check"] = "length(" + Identifier("c_title") + ") >= 0 AND " + SqlText.QuoteLiteral(WithoutNul(_values["ck"])) + " <> ''";
        _values["index_expression"] = "lower(" + Identifier("c_title") + ")";
        _values["where"] = Identifier("c_note") + " IS DISTINCT FROM " + SqlText.QuoteLiteral(WithoutNul(_values["c_note"]));
        _values["mood_default"] = SqlText.QuoteLiteral(WithoutNul(_values["label1"]));
    }

    private string Identifier(string tag) => _values[tag].Length == 0 ? "\"x\"" : SqlText.QuoteIdentifier(WithoutNul(_values[tag]));

    public string this[string tag] => _values[tag];

    /// <summary>What the title column's default stores (the default expression is its quoted literal).</summary>
    public string TitleValue { get; }

    /// <summary>Replaces an expression argument (the names stay).</summary>
    public HostilePlugin WithExpression(string tag, string expression)
    {
        if (!ExpressionTags.Contains(tag)) throw new ArgumentException("Not an expression tag: " + tag, nameof(tag));
        _values[tag] = expression;
        return this;
    }

    private static string WithoutNul(string text) => text.Replace("\0", "", StringComparison.Ordinal);

    public string Source() => $$"""
        using System;
        using ElizaGen;
        using Pgvector;

        [assembly: ElizaPlugin({{L("plugin")}}, Schema = {{L("schema")}})]

        namespace Hostile;

        [ElizaPluginSchema]
        public static partial class HostileSchema;

        [PgEnum({{L("enum")}})]
        public enum Mood { [PgLabel({{L("label1")}})] Calm, [PgLabel({{L("label2")}})] Busy }

        [Table({{L("t1")}})]
        [RenamedFrom({{L("old_t1")}})]
        [Index(nameof(Title), Name = {{L("idx1")}})]
        [Index(Expression = {{L("index_expression")}}, Name = {{L("idx2")}}, Where = {{L("where")}})]
        [Unique(nameof(Title), nameof(Mood), Name = {{L("uq")}})]
        [Check({{L("ck")}}, {{L("check")}})]
        public sealed partial record Parent(
            [property: PrimaryKey, Column({{L("c_id")}})] Guid Id,
            [property: Column({{L("c_title")}}), Default({{L("default")}})] string Title,
            [property: Column({{L("c_mood")}}), Default({{L("mood_default")}})] Mood Mood,
            [property: Column({{L("c_emb")}}), Vector(3), VectorIndex(VectorMetric.Cosine, Name = {{L("vidx")}})] Vector? Embedding,
            [property: Column({{L("c_note")}}), RenamedFrom({{L("old_note")}})] string? Note);

        [Table({{L("t2")}})]
        [Index({{L("idx3_column")}}, Name = {{L("idx3")}})]
        public sealed partial record Child(
            [property: PrimaryKey] Guid Id,
            [property: Column({{L("c_parent")}}), References(typeof(Parent), Name = {{L("fk1")}})] Guid ParentId,
            [property: References({{L("ref_table")}}, Column = {{L("ref_column")}}, Name = {{L("fk2")}})] Guid OtherId);
        """;

    private string L(string tag) => Literal(_values[tag]);

    private static string Literal(string value) => SymbolDisplay.FormatLiteral(value, quote: true);
}
