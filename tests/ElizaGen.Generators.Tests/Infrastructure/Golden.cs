using ElizaGen.Tests.Shared;
using System.Text;

namespace ElizaGen.Generators.Tests.Infrastructure;

/// <summary>
/// Compares generated files with the committed ones under Golden/&lt;scenario&gt;/. With ELIZAGEN_ACCEPT=1 it
/// rewrites them instead (review the diff before committing).
/// </summary>
internal static class Golden
{
    public const string AcceptVariable = "ELIZAGEN_ACCEPT";

    public static void Verify(string scenario, GeneratorRun run)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var source in run.Sources) files[source.HintName] = Normalize(source.SourceText.ToString());
        if (run.Diagnostics.Count > 0)
        {
            files["diagnostics.txt"] = string.Join("\n", run.Diagnostics.Select(Describe)) + "\n";
        }
        Verify(scenario, files);
    }

    public static void Verify(string scenario, IReadOnlyDictionary<string, string> files)
    {
        var directory = RepositoryPaths.Combine("tests", "ElizaGen.Generators.Tests", "Golden", scenario);
        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
            Directory.CreateDirectory(directory);
            foreach (var (name, text) in files) File.WriteAllText(Path.Combine(directory, name), text, new UTF8Encoding(false));
            return;
        }

        var problems = new List<string>();
        var expected = Directory.Exists(directory)
            ? Directory.GetFiles(directory).ToDictionary(f => Path.GetFileName(f)!, f => Normalize(File.ReadAllText(f)), StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in expected.Keys.Except(files.Keys).OrderBy(n => n, StringComparer.Ordinal)) problems.Add("no longer generated: " + name);
        foreach (var (name, text) in files)
        {
            if (!expected.TryGetValue(name, out var golden)) problems.Add("new file: " + name);
            else if (golden != text) problems.Add("differs: " + name + "\n" + FirstDifference(golden, text));
        }
        if (problems.Count > 0)
        {
            Assert.Fail("Generated output of scenario '" + scenario + "' does not match Golden/" + scenario + ":\n"
                + string.Join("\n", problems)
                + "\nIf the change is intended, accept it with:  " + AcceptVariable + "=1 dotnet test tests/ElizaGen.Generators.Tests"
                + "  and review the diff of tests/ElizaGen.Generators.Tests/Golden before committing.");
        }
    }

    public static string Describe(Microsoft.CodeAnalysis.Diagnostic d)
    {
        var span = d.Location.GetLineSpan();
        var where = d.Location.Kind != Microsoft.CodeAnalysis.LocationKind.None
            ? Path.GetFileName(span.Path) + "(" + (span.StartLinePosition.Line + 1) + "," + (span.StartLinePosition.Character + 1) + ")"
            : "(no location)";
        return where + ": " + d.Severity.ToString().ToLowerInvariant() + " " + d.Id + ": " + d.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n");

    private static string FirstDifference(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var el = i < e.Length ? e[i] : "<end of file>";
            var al = i < a.Length ? a[i] : "<end of file>";
            if (el != al) return "  line " + (i + 1) + "\n    golden:    " + el + "\n    generated: " + al;
        }
        return "  (line endings)";
    }

}
