using System.CommandLine;
using ElizaGen.Cli.Output;
using ElizaGen.Cli.Plugins;
using ElizaGen.Cli.Snapshots;
using ElizaGen.Schema;
using Spectre.Console;

namespace ElizaGen.Cli.Commands;

/// <summary>
/// <c>elizagen snapshot</c>: writes each plugin's compiled snapshot (canonical JSON) and DDL under
/// <c>&lt;out&gt;/schemas/&lt;plugin-folder&gt;/</c>, to commit and review schema changes in pull requests. No database.
/// </summary>
internal static class SnapshotCommand
{
    public static Command Create()
    {
        var assemblies = CliOptions.Assembly();
        var noCore = CliOptions.NoCore();
        var json = CliOptions.Json();
        var output = new Option<string>("--out", "-o")
        {
            Description = "The folder under which schemas/<plugin-folder>/snapshot.json and create.sql are written. Default: the current folder.",
            HelpName = "folder",
            DefaultValueFactory = _ => ".",
        };
        var command = new Command("snapshot", "Write each plugin's snapshot.json (canonical JSON) and create.sql under <out>/schemas/<plugin-folder>/.")
        {
            assemblies, noCore, output, json,
        };
        command.SetAction(parse => CommandRunner.RunAsync(parse.GetValue(json), terminal =>
            Task.FromResult(Run(terminal, PluginCatalog.Load(parse.GetValue(assemblies) ?? [], includeBuiltIn: !parse.GetValue(noCore)), parse.GetValue(output) ?? "."))));
        return command;
    }

    private static int Run(Terminal terminal, IReadOnlyList<PluginSchema> plugins, string output)
    {
        var clash = plugins.GroupBy(p => SnapshotFiles.FolderName(p.Name)).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
        {
            throw new CliException(
                $"Plugins {string.Join(" and ", clash.Select(p => p.Name))} would share the folder schemas/{clash.Key}; snapshot them in separate runs with different --out folders.");
        }

        var written = new List<SnapshotFileJson>(plugins.Count);
        try
        {
            foreach (var plugin in plugins)
            {
                var (snapshot, createSql) = SnapshotFiles.Write(output, plugin);
                written.Add(new SnapshotFileJson(plugin.Name, plugin.Hash, Path.GetFullPath(snapshot), Path.GetFullPath(createSql)));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"Cannot write under {Path.GetFullPath(output)}: {e.Message}", e);
        }

        if (terminal.Json)
        {
            JsonOutput.Write(terminal, new SnapshotJson(written));
            return ExitCodes.Success;
        }
        foreach (var file in written)
        {
            terminal.Out.MarkupLine($"[bold]{Markup.Escape(file.Name)}[/] (hash {file.Hash[..12]})");
            terminal.Out.MarkupLine($"  {Markup.Escape(file.Snapshot)}");
            terminal.Out.MarkupLine($"  {Markup.Escape(file.CreateSql)}");
        }
        return ExitCodes.Success;
    }
}
