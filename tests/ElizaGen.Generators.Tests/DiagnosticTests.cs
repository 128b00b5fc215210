using ElizaGen.Tests.Shared;
using System.Globalization;
using ElizaGen.Generators.Diagnostics;
using ElizaGen.Generators.Tests.Infrastructure;
using ElizaGen.Schema.Naming;
using Microsoft.CodeAnalysis;

namespace ElizaGen.Generators.Tests;

/// <summary>
/// One test per diagnostic: the id, where it points (line and column of the offending attribute or declaration)
/// and the exact message. Each source has exactly one mistake, so each run reports exactly one diagnostic.
/// </summary>
public sealed class DiagnosticTests
{
    private const string Usings = "using System;\nusing ElizaGen;\nusing Pgvector;\n";
    private const string Plugin = Usings + "\n[assembly: ElizaPlugin(\"@acme/test\")]\n\nnamespace Acme.Test;\n\n";

    [Fact]
    public void EG0001_table_without_a_primary_key() => Expect(
        Plugin + """
        [Table("notes")]
        public sealed partial record Note(Guid Id, string Title);
        """,
        "EG0001", at: "Table(\"notes\")",
        "Table 'Note' (notes) has no primary key: mark its key property with [PrimaryKey] (several for a composite key)");

    [Fact]
    public void EG0002_unsupported_type() => Expect(
        Plugin + """
        [Table("links")]
        public sealed partial record Link([property: PrimaryKey] Guid Id, Uri Target);
        """,
        "EG0002", at: "Target",
        "Property 'Target' has type 'System.Uri', which has no PostgreSQL column type: use a mapped type (Guid, string, int, long, short, bool, float, double, decimal, DateTimeOffset, DateTime, byte[], string[], an enum, Pgvector.Vector) or store it as jsonb with [Jsonb]");

    [Fact]
    public void EG0003_over_long_identifier()
    {
        var name = new string('c', 64);
        Identifier.TryValidate(name, out var error);
        Expect(
            Plugin + """
            [Table("notes")]
            public sealed partial record Note([property: PrimaryKey] Guid Id, [property: Column("NAME")] string Title);
            """.Replace("NAME", name),
            "EG0003", at: "Column(",
            "Invalid column name: " + error);
    }

    [Fact]
    public void EG0004_duplicate_table_name() => Expect(
        Plugin + """
        [Table("notes")]
        public sealed partial record Note([property: PrimaryKey] Guid Id);

        [Table("notes")]
        public sealed partial record Memo([property: PrimaryKey] Guid Id);
        """,
        "EG0004", at: "Table(\"notes\")",
        message: "Table name 'notes' is already used by 'Note': give each [Table] type its own table name", occurrence: 2);

    [Fact]
    public void EG0005_duplicate_column_name() => Expect(
        Plugin + """
        [Table("notes")]
        public sealed partial record Note([property: PrimaryKey] Guid Id, string Title, [property: Column("title")] string Heading);
        """,
        "EG0005", at: "Heading",
        "Column name 'title' of property 'Heading' is already used by property 'Title': give one of them another name with [Column(\"...\")]");

    [Fact]
    public void EG0006_vector_dimensions_out_of_range() => Expect(
        Plugin + """
        [Table("embeddings")]
        public sealed partial record Embedding([property: PrimaryKey] Guid Id, [property: Vector(16001)] Vector? Value);
        """,
        "EG0006", at: "Vector(16001)",
        "[Vector(16001)] on 'Value': a vector column has 1 to 16000 dimensions; give a number in that range");

    [Fact]
    public void EG0007_vector_index_over_2000_dimensions_without_half_precision() => Expect(
        Plugin + """
        [Table("embeddings")]
        public sealed partial record Embedding([property: PrimaryKey] Guid Id, [property: Vector(3072), VectorIndex(VectorMetric.Cosine)] Vector? Value);
        """,
        "EG0007", at: "VectorIndex(",
        "[VectorIndex] on 'Value' (3072 dimensions): HNSW indexes vector columns of at most 2000 dimensions; set [VectorIndex(..., HalfPrecision = true)] to index it as halfvec, or store it as halfvec with [Vector(3072, HalfPrecision = true)]");

    [Fact]
    public void EG0008_vector_index_over_4000_dimensions() => Expect(
        Plugin + """
        [Table("embeddings")]
        public sealed partial record Embedding([property: PrimaryKey] Guid Id, [property: Vector(5000), VectorIndex(VectorMetric.L2, HalfPrecision = true)] Vector? Value);
        """,
        "EG0008", at: "VectorIndex(",
        "[VectorIndex] on 'Value' (5000 dimensions): HNSW indexes at most 4000 dimensions even as halfvec; remove the index or reduce the dimensions");

    [Fact]
    public void EG0009_index_naming_an_unknown_column() => Expect(
        Plugin + """
        [Table("notes")]
        [Index("missing")]
        public sealed partial record Note([property: PrimaryKey] Guid Id, string Title);
        """,
        "EG0009", at: "Index(\"missing\")",
        "[Index] on 'Note' names 'missing', which is not a column of table 'notes': use a property name (nameof(...)) or a column name of this table");

    [Fact]
    public void EG0010_reference_to_a_type_that_is_not_a_table() => Expect(
        Plugin + """
        public sealed record Agent(Guid Id);

        [Table("notes")]
        public sealed partial record Note([property: PrimaryKey] Guid Id, [property: References(typeof(Agent))] Guid AgentId);
        """,
        "EG0010", at: "References(",
        "[References] on 'AgentId' names type 'Acme.Test.Agent', which has no [Table]: reference a [Table] type, or give the table by name with Column set");

    [Fact]
    public void EG0011_reference_with_a_mismatched_column_type() => Expect(
        Plugin + """
        [Table("agents")]
        public sealed partial record Agent([property: PrimaryKey] Guid Id);

        [Table("notes")]
        public sealed partial record Note([property: PrimaryKey] Guid Id, [property: References(typeof(Agent))] string AgentId);
        """,
        "EG0011", at: "References(",
        "'AgentId' is text but references Agent.Id, which is uuid: give the property the referenced column's type");

    [Fact]
    public void EG0012_table_in_an_assembly_without_a_plugin() => Expect(
        Usings + """

        namespace Acme.Test;

        [Table("notes")]
        public sealed partial record Note([property: PrimaryKey] Guid Id);
        """,
        "EG0012", at: "Table(\"notes\")",
        "'Note' has [Table] but its assembly declares no plugin: add [assembly: ElizaPlugin(\"@your-org/plugin-name\")]");

    [Fact]
    public void EG0013_more_than_one_plugin() => Expect(
        Usings + """

        [assembly: ElizaPlugin("@acme/first")]
        [assembly: ElizaPlugin("@acme/second")]

        namespace Acme.Test;

        [Table("notes")]
        public sealed partial record Note([property: PrimaryKey] Guid Id);
        """,
        "EG0013", at: "ElizaPlugin(\"@acme/second\")",
        "The assembly already declares plugin '@acme/first'; one assembly is one plugin: remove this [assembly: ElizaPlugin(\"@acme/second\")] or move its tables to their own project");

    [Fact]
    public void EG0014_reserved_schema_name() => Expect(
        Usings + """

        [assembly: ElizaPlugin("@acme/test", Schema = "pg_notes")]

        namespace Acme.Test;
        """,
        "EG0014", at: "ElizaPlugin(",
        "The schema \"pg_notes\" starts with \"pg_\", a prefix PostgreSQL reserves for system schemas. Choose another schema name.");

    [Fact]
    public void EG0014_reserved_schema_derived_from_the_plugin_name() => Expect(
        Usings + """

        [assembly: ElizaPlugin("Migrations")]

        namespace Acme.Test;
        """,
        "EG0014", at: "ElizaPlugin(",
        "The plugin name \"Migrations\" maps to the schema \"migrations\", which holds the migration journal shared with @elizaos/plugin-sql. Rename the plugin, or set another schema with ElizaPlugin(..., Schema = \"name\").");

    [Fact]
    public void EG0015_table_type_that_is_not_partial() => Expect(
        Plugin + """
        [Table("notes")]
        public sealed record Note([property: PrimaryKey] Guid Id);
        """,
        "EG0015", at: "Note(",
        "'Note' must be declared partial: the generator adds its Table and Columns members to it");

    [Fact]
    public void EG0016_empty_default() => Expect(
        Plugin + """
        [Table("notes")]
        public sealed partial record Note([property: PrimaryKey] Guid Id, [property: Default(" ")] string Title);
        """,
        "EG0016", at: "Default(",
        "[Default] on 'Title' has no SQL expression: give one (now(), 0, 'text', gen_random_uuid()) or remove the attribute");

    [Fact]
    public void EG0016_empty_check() => Expect(
        Plugin + """
        [Table("notes")]
        [Check("notes_title_check", "")]
        public sealed partial record Note([property: PrimaryKey] Guid Id, string Title);
        """,
        "EG0016", at: "Check(",
        "[Check] on 'Note' has no SQL expression: give the boolean SQL expression the constraint checks");

    [Fact]
    public void EG0017_jsonb_of_a_serialized_type_without_a_json_context() => Expect(
        Plugin + """
        public sealed record Meta(string Source);

        [Table("notes")]
        public sealed partial record Note([property: PrimaryKey] Guid Id, [property: Jsonb] Meta Meta);
        """,
        "EG0017", at: "Meta Meta",
        message: "'Meta' stores 'Acme.Test.Meta' as jsonb, but the plugin has no JSON context: declare [JsonSerializable(typeof(Acme.Test.Meta))] on a JsonSerializerContext and set [assembly: ElizaPlugin(..., JsonContext = typeof(ThatContext))], or use string or JsonElement", offset: 5);

    [Fact]
    public void EG0018_expression_index_without_a_name() => Expect(
        Plugin + """
        [Table("notes")]
        [Index(Expression = "lower(title)")]
        public sealed partial record Note([property: PrimaryKey] Guid Id, string Title);
        """,
        "EG0018", at: "Index(",
        "An expression index on 'Note' needs a name: add Name = \"...\" to the [Index]");

    [Fact]
    public void EG0019_table_type_that_cannot_be_built_from_a_row() => Expect(
        Plugin + """
        [Table("notes")]
        public sealed partial class Note
        {
            [PrimaryKey]
            public Guid Id { get; init; }

            public string Title { get; private set; } = "";
        }
        """,
        "EG0019", at: "Title",
        "'Note' cannot be built from a row: property 'Title' is neither a constructor parameter nor settable from the repository; give it a constructor whose parameters are its columns (a positional record), or make the property settable (init or set)");

    [Fact]
    public void EG0020_nested_table_type() => Expect(
        Plugin + """
        public static partial class Outer
        {
            [Table("notes")]
            public sealed partial record Note([property: PrimaryKey] Guid Id);
        }
        """,
        "EG0020", at: "Note(",
        "[Table] type 'Note' is nested in 'Outer': declare it as a non-generic class or record directly in a namespace");

    [Fact]
    public void EG0021_member_name_reserved_by_the_generator() => Expect(
        Plugin + """
        [Table("notes")]
        public sealed partial record Note([property: PrimaryKey] Guid Id, string Columns);
        """,
        "EG0021", at: "Columns",
        "'Note' declares a member named 'Columns', which the generator adds to [Table] types: rename the member (its column name can stay the same with [Column(\"...\")])");

    [Fact]
    public void EG0022_vector_property_without_dimensions() => Expect(
        Plugin + """
        [Table("embeddings")]
        public sealed partial record Embedding([property: PrimaryKey] Guid Id, Vector? Value);
        """,
        "EG0022", at: "Value",
        "'Value': a Pgvector vector property needs its dimensions: add [Vector(n)]");

    [Fact]
    public void EG0023_reference_by_name_without_a_column() => Expect(
        Plugin + """
        [Table("notes")]
        public sealed partial record Note([property: PrimaryKey] Guid Id, [property: References("agents")] Guid AgentId);
        """,
        "EG0023", at: "References(",
        "[References] on 'AgentId': a table given by name needs its column: add Column = \"column_name\"");

    [Fact]
    public void EG0024_duplicate_index_name() => Expect(
        Plugin + """
        [Table("notes")]
        [Index(nameof(Title), Name = "notes_lookup")]
        [Index(nameof(Body), Name = "notes_lookup")]
        public sealed partial record Note([property: PrimaryKey] Guid Id, string Title, string Body);
        """,
        "EG0024", at: "Index(nameof(Body)",
        "The name 'notes_lookup' is already used by another index or constraint of table 'notes': give this one its own Name");

    [Fact]
    public void EG0025_invalid_numeric_precision() => Expect(
        Plugin + """
        [Table("prices")]
        public sealed partial record Price([property: PrimaryKey] Guid Id, [property: Column(Precision = 5, Scale = 7)] decimal Amount);
        """,
        "EG0025", at: "Column(",
        "[Column] on 'Amount': Scale must be between 0 and Precision (5)");

    [Fact]
    public void EG0026_more_than_one_schema_class() => Expect(
        Plugin + """
        [ElizaPluginSchema]
        public static partial class FirstSchema;

        [ElizaPluginSchema]
        public static partial class SecondSchema;
        """,
        "EG0026", at: "SecondSchema",
        "'FirstSchema' is the plugin's schema class already: keep [ElizaPluginSchema] on one class only");

    [Fact]
    public void EG0027_schema_the_ddl_writer_refuses() => Expect(
        Usings + """

        [assembly: ElizaPlugin("@acme/test")]

        namespace Acme.Test;

        [PgEnum("notes")]
        public enum Stage { Draft, Done }

        [Table("notes")]
        public sealed partial record Note([property: PrimaryKey] Guid Id, Stage Stage);
        """,
        "EG0027", at: "ElizaPlugin(",
        "The plugin's schema cannot be created: Enum \"acme_test.notes\" has the name of a table of the same schema: PostgreSQL gives every table a type of its own name, so the two collide. Rename the enum ([PgEnum(\"...\")]) or the table.");

    [Fact]
    public void EG0003_enum_label_longer_than_63_bytes()
    {
        var label = new string('x', 64);
        Expect(
            Plugin.Replace("namespace Acme.Test;", "namespace Acme.Test;\n\n[PgEnum]\npublic enum Stage { [PgLabel(\"" + label + "\")] Draft, Done }", StringComparison.Ordinal) + """
            [Table("notes")]
            public sealed partial record Note([property: PrimaryKey] Guid Id, Stage Stage);
            """,
            "EG0003", at: "Stage Stage", offset: 6,
            message: "Invalid enum label name: The name \"" + label + "\" is 64 bytes long in UTF-8; PostgreSQL keeps only the first 63 bytes of a name, so it would be cut to \"" + label[..63] + "\". Choose a name of at most 63 bytes.");
    }

    [Fact]
    public void EG0028_default_that_would_end_the_statement() => Expect(
        Plugin + """
        [Table("notes")]
        public sealed partial record Note([property: PrimaryKey] Guid Id, [property: Default("'a'; DROP TABLE notes")] string Title);
        """,
        "EG0028", at: "Default(",
        "[Default] on 'Title': the SQL expression holds a ';' outside quotes, which would end the statement: give one expression without ';' (inside a string literal it is fine)");

    [Fact]
    public void EG0028_index_predicate_with_a_comment() => Expect(
        Plugin + """
        [Table("notes")]
        [Index(nameof(Title), Name = "notes_title", Where = "title IS NOT NULL -- only set ones")]
        public sealed partial record Note([property: PrimaryKey] Guid Id, string Title);
        """,
        "EG0028", at: "Index(",
        "[Index] on 'Note': the SQL expression holds a comment marker (--) outside quotes, which would hide the SQL after it: remove the comment");

    [Fact]
    public void EG9999_an_unexpected_exception_becomes_one_diagnostic()
    {
        var generator = new ElizaGenGenerator(stage =>
        {
            if (stage == "table:Note") throw new InvalidOperationException("simulated failure");
        });
        Expect(
            Plugin + """
            [Table("notes")]
            public sealed partial record Note([property: PrimaryKey] Guid Id);
            """,
            "EG9999", at: "Table(\"notes\")",
            "The ElizaGen generator failed unexpectedly while reading [Table] type 'Note': System.InvalidOperationException: simulated failure; please report it with the declaration that caused it",
            generator: generator);
    }

    [Fact]
    public void Every_descriptor_has_a_title_a_help_link_and_a_row_in_the_documentation()
    {
        var docs = File.ReadAllText(RepositoryPaths.Combine("docs", "diagnostics.md"));
        foreach (var descriptor in DiagnosticDescriptors.All)
        {
            Assert.False(string.IsNullOrWhiteSpace(descriptor.Title.ToString(CultureInfo.InvariantCulture)), descriptor.Id);
            Assert.Equal(DiagnosticDescriptors.HelpLink, descriptor.HelpLinkUri);
            Assert.Equal(DiagnosticSeverity.Error, descriptor.DefaultSeverity);
            Assert.Contains("| " + descriptor.Id + " |", docs);
        }
    }

    private static void Expect(string source, string id, string at, string message, int occurrence = 1, int offset = 0, ElizaGenGenerator? generator = null)
    {
        var run = TestCompilation.Run(TestCompilation.Create("Acme.Test", ("Test.cs", source)), generator);
        var all = run.Diagnostics;
        Assert.True(all.Count == 1, "Expected exactly one diagnostic, got:\n" + string.Join("\n", all.Select(Golden.Describe)));
        var diagnostic = all[0];
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(message, diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal(DiagnosticDescriptors.HelpLink, diagnostic.Descriptor.HelpLinkUri);

        var index = -1;
        for (var i = 0; i < occurrence; i++)
        {
            index = source.IndexOf(at, index + 1, StringComparison.Ordinal);
            Assert.True(index >= 0, "'" + at + "' (occurrence " + occurrence + ") is not in the source");
        }
        index += offset;
        var line = source.Take(index).Count(c => c == '\n') + 1;
        var lineStart = index == 0 ? 0 : source.LastIndexOf('\n', index - 1) + 1;
        var column = index - lineStart + 1;
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal("Test.cs", span.Path);
        Assert.Equal((line, column), (span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1));
    }

}
