using ElizaGen.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace ElizaGen.Generators.Tests;

/// <summary>Generated output per scenario, compared with committed files; the output must also compile cleanly.</summary>
public sealed class GoldenTests
{
    [Fact]
    public void Minimal_table()
    {
        var run = Generate(("Note.cs", """
            using System;
            using ElizaGen;

            [assembly: ElizaPlugin("@acme/plugin-notes")]

            namespace Acme.Notes;

            [Table("notes")]
            public sealed partial record Note([property: PrimaryKey] Guid Id, string Title, string? Body);
            """));
        Golden.Verify("MinimalTable", run);
    }

    internal static GeneratorRun Generate(params (string Path, string Text)[] sources)
    {
        var run = TestCompilation.Run(TestCompilation.Create("Acme.Notes", sources));
        AssertCompiles(run);
        return run;
    }

    internal static void AssertCompiles(GeneratorRun run)
    {
        Assert.Empty(run.GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        var problems = run.CompilationProblems.Select(Golden.Describe).ToList();
        Assert.True(problems.Count == 0, "The compilation with the generated code has problems:\n" + string.Join("\n", problems));
    }
}
