using System.CommandLine;
using ElizaGen.Cli.Output;
using ElizaGen.Cli.Plugins;
using ElizaGen.Runtime.Migrations;
using ElizaGen.Schema;
using Spectre.Console;

namespace ElizaGen.Cli.Commands;

/// <summary>
/// <c>elizagen check</c>: the migration plan of each plugin against the database as it is, destructive steps marked.
/// Changes nothing. Exit code 2 when any step is destructive, so that CI can stop a release that would lose data.
/// </summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var assemblies = CliOptions.Assembly();
        var noCore = CliOptions.NoCore();
        var connection = CliOptions.Connection();
        var json = CliOptions.Json();
        var command = new Command("check", "Show the migration plan with destructive steps marked (changes nothing; exit code 2 when a step is destructive).")
        {
            assemblies, noCore, connection, json,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse.GetValue(json), terminal =>
            RunAsync(terminal, PluginCatalog.Load(parse.GetValue(assemblies) ?? [], includeBuiltIn: !parse.GetValue(noCore)), parse.GetValue(connection), cancellationToken)));
        return command;
    }

    private static Task<int> RunAsync(Terminal terminal, IReadOnlyList<PluginSchema> plugins, string? connection, CancellationToken cancellationToken)
        => CommandRunner.WithDatabaseAsync(terminal, connection, async database =>
        {
            var checks = await terminal.RunAsync("Planning…", async () =>
            {
                var result = new List<(PluginSchema Plugin, MigrationCheck Check)>(plugins.Count);
                foreach (var plugin in plugins)
                {
                    result.Add((plugin, await database.Migrator.CheckAsync(plugin, cancellationToken).ConfigureAwait(false)));
                }
                return result;
            }).ConfigureAwait(false);

            var destructive = checks.Any(c => c.Check.HasDataLoss);
            var server = $"{database.Server} (from {CommandRunner.Describe(database.Source)})";
            if (terminal.Json)
            {
                JsonOutput.Write(terminal, new CheckJson(database.Server, CommandRunner.Describe(database.Source), destructive, checks.Select(c => new CheckPluginJson(
                    c.Plugin.Name, c.Plugin.SchemaName, c.Check.HasDataLoss, c.Check.Warnings, StepJson.From(c.Check.Steps))).ToArray()));
            }
            else
            {
                terminal.Out.MarkupLine($"PostgreSQL: {Markup.Escape(server)}");
                foreach (var (plugin, check) in checks)
                {
                    terminal.Out.WriteLine();
                    terminal.Out.MarkupLine($"[bold]{Markup.Escape(plugin.Name)}[/] (schema {Markup.Escape(plugin.SchemaName)}): {Markup.Escape(StepText.Summary(check.Steps))}");
                    StepText.Write(terminal, check.Steps);
                }
                terminal.Out.WriteLine();
                terminal.Out.MarkupLine(destructive
                    ? "[bold red]Destructive steps found:[/] migrate refuses them unless run with --force (or ELIZA_ALLOW_DESTRUCTIVE_MIGRATIONS=true). Back up first."
                    : "[green]No destructive step.[/]");
            }

            if (destructive)
            {
                var names = string.Join(", ", checks.Where(c => c.Check.HasDataLoss).Select(c => c.Plugin.Name));
                terminal.Error($"destructive steps in {names}; review them above, then migrate with --force if the data may go.");
                return ExitCodes.Destructive;
            }
            return ExitCodes.Success;
        });
}
