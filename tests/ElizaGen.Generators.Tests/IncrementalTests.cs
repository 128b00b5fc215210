using System.Collections;
using System.Collections.Immutable;
using System.Reflection;
using ElizaGen.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ElizaGen.Generators.Tests;

/// <summary>
/// The pipeline caches: a rerun or an unrelated edit leaves every named step Cached or Unchanged, a schema edit
/// reruns it, and no value flowing through it holds a Roslyn symbol, syntax, location or compilation.
/// </summary>
public sealed class IncrementalTests
{
    private const string NoteSource = """
        using System;
        using ElizaGen;
        using Pgvector;

        [assembly: ElizaPlugin("@acme/plugin-notes")]

        namespace Acme.Notes;

        [ElizaPluginSchema]
        public static partial class NotesSchema;

        [Table("agents")]
        public sealed partial record Agent([property: PrimaryKey] Guid Id, string Name);

        [Table("notes")]
        [Index(nameof(AgentId), nameof(CreatedAt))]
        public sealed partial record Note(
            [property: PrimaryKey, Default("gen_random_uuid()")] Guid Id,
            [property: References(typeof(Agent), OnDelete = ReferentialAction.Cascade)] Guid AgentId,
            string Title,
            string? Body,
            [property: Default("now()")] DateTimeOffset CreatedAt,
            [property: Vector(384), VectorIndex(VectorMetric.Cosine)] Vector? Embedding);
        """;

    private static readonly string[] OwnSteps = typeof(ElizaGenGenerator.Steps)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (string)f.GetValue(null)!)
        .ToArray();

    [Fact]
    public void A_second_run_on_the_same_compilation_is_all_cached()
    {
        var compilation = Compilation(NoteSource);
        var driver = Driver().RunGenerators(compilation);
        driver = driver.RunGenerators(compilation);
        AssertNothingRan(driver.GetRunResult().Results.Single());
    }

    [Fact]
    public void An_unrelated_edit_leaves_every_step_cached_or_unchanged()
    {
        var compilation = Compilation(NoteSource);
        var driver = Driver().RunGenerators(compilation);
        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(
            "namespace Acme.Notes;\n\npublic sealed class Unrelated\n{\n    public int Value { get; set; }\n}\n",
            TestCompilation.ParseOptions,
            path: "Unrelated.cs"));
        driver = driver.RunGenerators(edited);
        AssertNothingRan(driver.GetRunResult().Results.Single());
    }

    [Fact]
    public void A_schema_edit_reruns_the_table_and_the_plugin_model()
    {
        var compilation = Compilation(NoteSource);
        var driver = Driver().RunGenerators(compilation);
        var tree = compilation.SyntaxTrees.Single();
        var changed = NoteSource.Replace("string? Body,", "string? Body,\n    int Rating,");
        driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(changed))));
        var result = driver.GetRunResult().Results.Single();

        Assert.Contains(result.TrackedSteps[ElizaGenGenerator.Steps.Tables].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains(result.TrackedSteps[ElizaGenGenerator.Steps.PluginModel].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains(result.GeneratedSources, s => s.HintName == "Acme.Notes.NoteRepository.g.cs" && s.SourceText.ToString().Contains("row.Rating", StringComparison.Ordinal));
    }

    [Fact]
    public void No_value_in_the_pipeline_holds_a_roslyn_object()
    {
        var compilation = Compilation(NoteSource);
        var driver = Driver().RunGenerators(compilation);
        var result = driver.GetRunResult().Results.Single();
        var values = OwnSteps.SelectMany(name => result.TrackedSteps[name]).SelectMany(s => s.Outputs).Select(o => o.Value).ToList();
        Assert.NotEmpty(values);

        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        foreach (var value in values) WalkValue(value, "step output", seen);

        // The declared shapes too, so that a field typed object or an interface cannot smuggle one in later.
        var types = new HashSet<Type>();
        foreach (var value in values.Where(v => v is not null)) WalkType(value!.GetType(), value.GetType().Name, types);
    }

    private static void AssertNothingRan(GeneratorRunResult result)
    {
        foreach (var name in OwnSteps)
        {
            Assert.True(result.TrackedSteps.ContainsKey(name), "The pipeline has no step named " + name);
            foreach (var step in result.TrackedSteps[name])
            {
                foreach (var (_, reason) in step.Outputs)
                {
                    Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, "Step " + name + " produced a " + reason + " output");
                }
            }
        }
        foreach (var (name, steps) in result.TrackedOutputSteps)
        {
            foreach (var (_, reason) in steps.SelectMany(s => s.Outputs))
            {
                Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, "Output step " + name + " produced a " + reason + " output");
            }
        }
    }

    private static void WalkValue(object? value, string path, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum) return;
        var type = value.GetType();
        Assert.False(IsRoslyn(type), path + " is a " + type.FullName);
        if (!type.IsValueType && !seen.Add(value)) return;
        if (value is IEnumerable sequence and not string)
        {
            var i = 0;
            foreach (var item in sequence) WalkValue(item, path + "[" + i++ + "]", seen);
        }
        foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            WalkValue(field.GetValue(value), path + "." + field.Name, seen);
        }
    }

    private static void WalkType(Type type, string path, HashSet<Type> seen)
    {
        if (type.IsPrimitive || type.IsEnum || type == typeof(string) || !seen.Add(type)) return;
        Assert.False(IsRoslyn(type), path + " is declared as " + type.FullName);
        Assert.False(type == typeof(object), path + " is declared as object, which could hold anything");
        if (type.IsArray) WalkType(type.GetElementType()!, path + "[]", seen);
        foreach (var argument in type.IsGenericType ? type.GetGenericArguments() : Type.EmptyTypes) WalkType(argument, path + "<" + argument.Name + ">", seen);
        foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            WalkType(field.FieldType, path + "." + field.Name, seen);
        }
    }

    private static bool IsRoslyn(Type type) => type.Assembly.GetName().Name?.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) == true;

    private static CSharpCompilation Compilation(string source) => TestCompilation.Create("Acme.Notes", ("Note.cs", source));

    private static GeneratorDriver Driver() => CSharpGeneratorDriver.Create(
        new[] { new ElizaGenGenerator().AsSourceGenerator() },
        parseOptions: TestCompilation.ParseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
}
