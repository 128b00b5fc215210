using System.CommandLine;
using System.Globalization;
using ElizaGen.Cli.Output;
using ElizaGen.Cli.Plugins;
using ElizaGen.PluginSql;
using ElizaGen.Runtime.Migrations;
using ElizaGen.Schema;
using ElizaGen.Schema.Diff;
using Spectre.Console;

namespace ElizaGen.Cli.Commands;

/// <summary><c>elizagen status</c>: per plugin its schema, hash, last migration, pending plan and drift. Changes nothing.</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var assemblies = CliOptions.Assembly();
        var noCore = CliOptions.NoCore();
        var connection = CliOptions.Connection();
        var json = CliOptions.Json();
        var command = new Command("status", "Show each plugin's schema, hash, last migration, pending plan and drift (changes nothing).")
        {
            assemblies, noCore, connection, json,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse.GetValue(json), terminal =>
            RunAsync(terminal, PluginCatalog.Load(parse.GetValue(assemblies) ?? [], includeBuiltIn: !parse.GetValue(noCore)), parse.GetValue(connection), cancellationToken)));
        return command;
    }

    private sealed record PluginState(PluginSchema Plugin, MigrationStatus Status, IReadOnlyList<MigrationStep> Pending, bool UpToDate);

    private static Task<int> RunAsync(Terminal terminal, IReadOnlyList<PluginSchema> plugins, string? connection, CancellationToken cancellationToken)
        => CommandRunner.WithDatabaseAsync(terminal, connection, async database =>
        {
            var states = await terminal.RunAsync("Reading the migration journal…", async () =>
            {
                var pending = await PluginSqlMigrations.FindPendingAsync(database, plugins, cancellationToken).ConfigureAwait(false);
                var result = new List<PluginState>(plugins.Count);
                foreach (var plugin in plugins)
                {
                    var status = await database.Migrator.GetStatusAsync(plugin.Name, cancellationToken).ConfigureAwait(false);
                    var upToDate = !pending.Contains(plugin);
                    IReadOnlyList<MigrationStep> steps = upToDate ? [] : (await database.Migrator.CheckAsync(plugin, cancellationToken).ConfigureAwait(false)).Steps;
                    result.Add(new PluginState(plugin, status, steps, upToDate));
                }
                return result;
            }).ConfigureAwait(false);

            var server = $"{database.Server} (from {CommandRunner.Describe(database.Source)})";
            if (terminal.Json)
            {
                JsonOutput.Write(terminal, new StatusJson(database.Server, CommandRunner.Describe(database.Source), states.Select(s => new StatusPluginJson(
                    s.Plugin.Name, s.Plugin.SchemaName, s.Plugin.Hash, s.UpToDate, LastMigrationJson.From(s.Status.LastMigration),
                    s.Status.Snapshots, StepJson.From(s.Pending), StepJson.From(s.Status.Drift))).ToArray()));
                return ExitCodes.Success;
            }

            terminal.Out.MarkupLine($"PostgreSQL: {Markup.Escape(server)}");
            var table = new Table().AddColumns("Plugin", "Schema", "Hash", "Last migration", "Pending", "Drift");
            foreach (var s in states)
            {
                var last = s.Status.LastMigration is { } m
                    ? $"#{m.Id.ToString(CultureInfo.InvariantCulture)} {m.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}Z"
                    : "never";
                var pendingText = s.UpToDate ? "up to date" : StepText.Summary(s.Pending) == "none" ? "journal update only" : StepText.Summary(s.Pending);
                table.AddRow(
                    Markup.Escape(s.Plugin.Name), Markup.Escape(s.Plugin.SchemaName), s.Plugin.Hash[..12], last,
                    Styled(pendingText, s.Pending), Styled(StepText.Summary(s.Status.Drift), s.Status.Drift));
            }
            terminal.Out.Write(table);

            foreach (var s in states.Where(s => s.Pending.Count > 0))
            {
                terminal.Out.WriteLine();
                terminal.Out.MarkupLine($"Pending for {Markup.Escape(s.Plugin.Name)} (elizagen migrate applies it):");
                StepText.Write(terminal, s.Pending);
            }
            foreach (var s in states.Where(s => s.Status.Drift.Count > 0))
            {
                terminal.Out.WriteLine();
                terminal.Out.MarkupLine($"Drift in {Markup.Escape(s.Plugin.Name)}: the database was changed outside migrations; these steps would turn its last recorded schema into what the database holds now:");
                StepText.Write(terminal, s.Status.Drift);
            }
            return ExitCodes.Success;
        });

    private static string Styled(string text, IReadOnlyCollection<MigrationStep> steps)
    {
        var style = steps.Any(s => s.Class == StepClass.Destructive) ? "red" : steps.Count > 0 ? "yellow" : "green";
        return $"[{style}]{Markup.Escape(text)}[/]";
    }
}
