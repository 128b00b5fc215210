using ElizaGen.Schema.Diff;
using Spectre.Console;

namespace ElizaGen.Cli.Output;

/// <summary>Writes migration steps for people: the class and what the step does, then its SQL, indented.</summary>
internal static class StepText
{
    private const string SqlIndent = "      ";

    public static void Write(Terminal terminal, IEnumerable<MigrationStep> steps)
    {
        foreach (var step in steps)
        {
            var (label, style) = step.Class switch
            {
                StepClass.Destructive => ("DESTRUCTIVE", "bold red"),
                StepClass.Warning => ("warning    ", "yellow"),
                _ => ("safe       ", "green"),
            };
            terminal.Out.MarkupLine($"  [{style}]{label}[/] {Markup.Escape(step.Description)}");
            foreach (var line in step.Sql.Split('\n'))
            {
                terminal.Out.MarkupLine(SqlIndent + Markup.Escape(line.TrimEnd('\r')));
            }
        }
    }

    /// <summary>"3 steps (1 destructive, 1 warning)".</summary>
    public static string Summary(IReadOnlyCollection<MigrationStep> steps)
    {
        if (steps.Count == 0) return "none";
        var destructive = steps.Count(s => s.Class == StepClass.Destructive);
        var warnings = steps.Count(s => s.Class == StepClass.Warning);
        var details = new List<string>(2);
        if (destructive > 0) details.Add($"{destructive} destructive");
        if (warnings > 0) details.Add($"{warnings} {(warnings == 1 ? "warning" : "warnings")}");
        var text = $"{steps.Count} {(steps.Count == 1 ? "step" : "steps")}";
        return details.Count == 0 ? text : $"{text} ({string.Join(", ", details)})";
    }
}
