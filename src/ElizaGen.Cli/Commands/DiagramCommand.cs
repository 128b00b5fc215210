using System.CommandLine;
using ElizaGen.Cli.Diagrams;
using ElizaGen.Cli.Output;
using ElizaGen.Cli.Plugins;

namespace ElizaGen.Cli.Commands;

/// <summary><c>elizagen diagram</c>: the plugins' tables as a Mermaid ER diagram on stdout. No database.</summary>
internal static class DiagramCommand
{
    public static Command Create()
    {
        var assemblies = CliOptions.Assembly();
        var noCore = CliOptions.NoCore();
        var json = CliOptions.Json();
        var command = new Command("diagram", "Print a Mermaid ER diagram of the plugins' tables: columns with types, PK/FK/UK markers, relationships from foreign keys.")
        {
            assemblies, noCore, json,
        };
        command.SetAction(parse => CommandRunner.RunAsync(parse.GetValue(json), terminal =>
        {
            var plugins = PluginCatalog.Load(parse.GetValue(assemblies) ?? [], includeBuiltIn: !parse.GetValue(noCore));
            var mermaid = MermaidErDiagram.Write(plugins.Select(p => p.Snapshot));
            if (terminal.Json) JsonOutput.Write(terminal, new DiagramJson(plugins.Select(p => p.Name).ToArray(), mermaid));
            else terminal.RawOut.Write(mermaid);
            return Task.FromResult(ExitCodes.Success);
        }));
        return command;
    }
}
