using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using ElizaGen.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ElizaGen.Benchmarks;

/// <summary>
/// The generator over a plugin of 200 <c>[Table]</c> records (ten columns each: a foreign key to the previous
/// table, an index, a vector column with an HNSW index): a cold run (a fresh driver over a fresh compilation, as in
/// a command-line build) and the rerun after an unrelated edit (a file with a plain class added to the compilation
/// the driver has already seen, as in the IDE while typing: a new compilation, so Roslyn binds the records' symbols
/// again, and the generator re-reads them; what it emits stays cached).
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private const int TableCount = 200;

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Preview);

    private CSharpCompilation _compilation = null!;
    private GeneratorDriver _warmDriver = null!;
    private SyntaxTree _unrelatedFile = null!;
    private CSharpCompilation _editedCompilation = null!;

    [GlobalSetup]
    public void Setup()
    {
        var trees = new List<SyntaxTree> { Parse("Plugin.cs", "[assembly: ElizaGen.ElizaPlugin(\"@bench/two-hundred-tables\")]\n") };
        for (var i = 0; i < TableCount; i++) trees.Add(Parse("Table" + i.ToString("000", CultureInfo.InvariantCulture) + ".cs", TableSource(i)));
        _compilation = CSharpCompilation.Create(
            "Bench.TwoHundredTables",
            trees,
            References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        _unrelatedFile = Parse("Unrelated.cs", "namespace Bench;\n\npublic sealed class Unrelated\n{\n    public int Value { get; set; }\n}\n");

        _editedCompilation = _compilation.AddSyntaxTrees(_unrelatedFile);
        _warmDriver = NewDriver().RunGenerators(_compilation);
        var result = _warmDriver.GetRunResult();
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0 || result.GeneratedTrees.Length != 2 * TableCount + 1)
        {
            throw new InvalidOperationException(
                $"The benchmark's plugin does not generate as expected: {result.GeneratedTrees.Length} files, errors: " +
                string.Join("; ", errors.Select(e => e.ToString())));
        }
    }

    [Benchmark(Description = "200 tables, cold (new driver, new compilation)")]
    public GeneratorDriver Cold() => NewDriver().RunGenerators(_compilation.Clone());

    [Benchmark(Description = "200 tables, unrelated edit (driver already ran)")]
    public GeneratorDriver UnrelatedEdit() => _warmDriver.RunGenerators(_compilation.AddSyntaxTrees(_unrelatedFile));

    /// <summary>
    /// The same edit, always the same edited compilation, whose symbols are bound after the first call: what is
    /// left is the generator's own work (re-reading the 200 records into equatable specs, comparing them).
    /// </summary>
    [Benchmark(Description = "200 tables, unrelated edit, symbols already bound")]
    public GeneratorDriver UnrelatedEditBound() => _warmDriver.RunGenerators(_editedCompilation);

    private static GeneratorDriver NewDriver() => CSharpGeneratorDriver.Create(
        [new ElizaGenGenerator().AsSourceGenerator()],
        parseOptions: ParseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));

    private static SyntaxTree Parse(string path, string text) => CSharpSyntaxTree.ParseText(text, ParseOptions, path: path, encoding: Encoding.UTF8);

    private static string TableSource(int i)
    {
        var name = "Table" + i.ToString("000", CultureInfo.InvariantCulture);
        var parent = i == 0
            ? "Guid? ParentId,"
            : "[property: References(typeof(Table" + (i - 1).ToString("000", CultureInfo.InvariantCulture) + "), OnDelete = ReferentialAction.Cascade)] Guid? ParentId,";
        return $$"""
            using System;
            using ElizaGen;
            using Pgvector;

            namespace Bench;

            [Table("table_{{i.ToString("000", CultureInfo.InvariantCulture)}}")]
            [Index(nameof(Name), nameof(CreatedAt))]
            public sealed partial record {{name}}(
                [property: PrimaryKey, Default("gen_random_uuid()")] Guid Id,
                {{parent}}
                string Name,
                string? Description,
                int Count,
                long Total,
                bool Active,
                [property: Default("now()")] DateTimeOffset CreatedAt,
                string[] Tags,
                [property: Vector(384), VectorIndex(VectorMetric.Cosine)] Vector? Embedding);
            """;
    }

    private static ImmutableArray<MetadataReference> References()
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator).ToList();
        paths.Add(typeof(ElizaGen.Schema.PluginSchema).Assembly.Location);
        paths.Add(typeof(Npgsql.NpgsqlConnection).Assembly.Location);
        paths.Add(typeof(Pgvector.Vector).Assembly.Location);
        paths.Add(typeof(ElizaGen.Runtime.Connections.IDatabaseExecutor).Assembly.Location);
        return paths
            .Where(p => p.Length > 0)
            .GroupBy(Path.GetFileName)
            .Select(g => (MetadataReference)MetadataReference.CreateFromFile(g.First()))
            .ToImmutableArray();
    }
}
