using System.Collections.Immutable;
using System.Reflection;
using ElizaGen.Generators;
using ElizaGen.Schema;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ElizaGen.Generators.Tests.Infrastructure;

/// <summary>Builds C# compilations against the same references a plugin project has, and runs the generator on them.</summary>
internal static class TestCompilation
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> _references = new(LoadReferences);
    private static readonly Lazy<ISourceGenerator> _jsonGenerator = new(LoadJsonSourceGenerator);

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Preview);

    public static ImmutableArray<MetadataReference> References => _references.Value;

    public static CSharpCompilation Create(string assemblyName, IEnumerable<MetadataReference>? extra, params (string Path, string Text)[] sources)
    {
        var trees = sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, ParseOptions, path: s.Path));
        return CSharpCompilation.Create(
            assemblyName,
            trees,
            References.AddRange(extra ?? Array.Empty<MetadataReference>()),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }

    public static CSharpCompilation Create(string assemblyName, params (string Path, string Text)[] sources) => Create(assemblyName, null, sources);

    /// <summary>Runs ElizaGen (and System.Text.Json's generator, so that JSON contexts exist) over the compilation.</summary>
    public static GeneratorRun Run(CSharpCompilation compilation, ElizaGenGenerator? generator = null)
    {
        generator ??= new ElizaGenGenerator();
        var generators = new List<ISourceGenerator> { generator.AsSourceGenerator() };
        generators.Add(_jsonGenerator.Value);
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            generators,
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        return new GeneratorRun(driver, (CSharpCompilation)output, generatorDiagnostics);
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator).ToList();
        paths.Add(typeof(PluginSchema).Assembly.Location);
        paths.Add(typeof(Npgsql.NpgsqlConnection).Assembly.Location);
        paths.Add(typeof(Pgvector.Vector).Assembly.Location);
        paths.Add(typeof(Microsoft.Extensions.Logging.ILogger).Assembly.Location);
        return paths
            .Where(p => p.Length > 0)
            .GroupBy(Path.GetFileName)
            .Select(g => (MetadataReference)MetadataReference.CreateFromFile(g.First()))
            .ToImmutableArray();
    }

    /// <summary>System.Text.Json's source generator from the SDK's reference pack (it creates JsonSerializerContext.Default).</summary>
    private static ISourceGenerator LoadJsonSourceGenerator()
    {
        var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var dotnetRoot = Path.GetFullPath(Path.Combine(runtimeDirectory, "..", "..", ".."));
        var packs = Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref");
        if (!Directory.Exists(packs)) throw new InvalidOperationException("No .NET reference packs under " + packs + ": the tests need System.Text.Json's source generator from the SDK.");
        var major = Environment.Version.Major.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".";
        var pack = Directory.GetDirectories(packs)
            .Where(d => Path.GetFileName(d).StartsWith(major, StringComparison.Ordinal))
            .OrderByDescending(d => Version.TryParse(Path.GetFileName(d).Split('-')[0], out var v) ? v : new Version(0, 0))
            .FirstOrDefault();
        var path = pack is null ? null : Path.Combine(pack, "analyzers", "dotnet", "cs", "System.Text.Json.SourceGeneration.dll");
        if (path is null || !File.Exists(path)) throw new InvalidOperationException("System.Text.Json.SourceGeneration.dll is not in the .NET " + major + "x reference pack under " + packs + ".");
        var assembly = Assembly.LoadFrom(path);
        var type = assembly.GetTypes().First(t => t.GetCustomAttributes().Any(a => a.GetType().Name == "GeneratorAttribute") && typeof(IIncrementalGenerator).IsAssignableFrom(t));
        return ((IIncrementalGenerator)Activator.CreateInstance(type)!).AsSourceGenerator();
    }
}

/// <summary>The outcome of one generator run.</summary>
internal sealed record GeneratorRun(GeneratorDriver Driver, CSharpCompilation Output, ImmutableArray<Diagnostic> GeneratorDiagnostics)
{
    public GeneratorRunResult ElizaGen => Driver.GetRunResult().Results.Single(r => r.Generator.GetGeneratorType() == typeof(ElizaGenGenerator));

    /// <summary>ElizaGen's diagnostics, in location order.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics => ElizaGen.Diagnostics
        .OrderBy(d => d.Location.SourceTree?.FilePath, StringComparer.Ordinal)
        .ThenBy(d => d.Location.SourceSpan.Start)
        .ThenBy(d => d.Id, StringComparer.Ordinal)
        .ToList();

    /// <summary>ElizaGen's generated files by hint name.</summary>
    public IReadOnlyList<GeneratedSourceResult> Sources => ElizaGen.GeneratedSources.OrderBy(s => s.HintName, StringComparer.Ordinal).ToList();

    /// <summary>Errors and warnings of the compilation with the generated code in it.</summary>
    public IReadOnlyList<Diagnostic> CompilationProblems => Output.GetDiagnostics()
        .Where(d => d.Severity >= DiagnosticSeverity.Warning)
        .ToList();
}
