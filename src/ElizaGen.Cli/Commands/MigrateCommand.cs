using System.CommandLine;
using ElizaGen.Cli.Output;
using ElizaGen.Cli.Plugins;
using ElizaGen.PluginSql;
using ElizaGen.Runtime.Migrations;
using ElizaGen.Schema;
using ElizaGen.Schema.Diff;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace ElizaGen.Cli.Commands;

/// <summary>
/// <c>elizagen migrate</c>: brings the database in step with the plugins, exactly as the runtime does at start-up
/// (same migrator, same locks, same refusal of destructive steps without <c>--force</c>).
/// </summary>
internal static class MigrateCommand
{
    public static Command Create()
    {
        var assemblies = CliOptions.Assembly();
        var noCore = CliOptions.NoCore();
        var connection = CliOptions.Connection();
        var json = CliOptions.Json();
        var dryRun = new Option<bool>("--dry-run") { Description = "Run the migration and roll it back: shows the plan, leaves nothing behind." };
        var force = new Option<bool>("--force") { Description = "Apply destructive steps (dropped tables or columns, narrowed types). Back up first." };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Log every statement to stderr as it runs, and list the statements in the report." };
        var command = new Command("migrate", "Migrate the database to the plugins' compiled schemas (destructive steps need --force).")
        {
            assemblies, noCore, connection, dryRun, force, verbose, json,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse.GetValue(json), terminal =>
            RunAsync(
                terminal, PluginCatalog.Load(parse.GetValue(assemblies) ?? [], includeBuiltIn: !parse.GetValue(noCore)), parse.GetValue(connection),
                new MigrationOptions { DryRun = parse.GetValue(dryRun), Force = parse.GetValue(force), Verbose = parse.GetValue(verbose), ThrowOnFailure = false },
                cancellationToken)));
        return command;
    }

    private static Task<int> RunAsync(Terminal terminal, IReadOnlyList<PluginSchema> plugins, string? connection, MigrationOptions options, CancellationToken cancellationToken)
        => CommandRunner.WithDatabaseAsync(terminal, connection, async database =>
        {
            MigrationReport report;
            using (var loggerFactory = CreateLoggerFactory(options.Verbose))
            {
                var migrator = new Migrator(database.DataSource, loggerFactory.CreateLogger<Migrator>());
                // Through PluginSqlMigrations, so that a migrated core schema stays openable by @elizaos/plugin-sql.
                report = await terminal.RunAsync(options.DryRun ? "Dry run…" : "Migrating…",
                    () => PluginSqlMigrations.MigrateAsync(database, migrator, plugins, options, keepPluginSqlCompatible: true, cancellationToken)).ConfigureAwait(false);
            }

            var server = $"{database.Server} (from {CommandRunner.Describe(database.Source)})";
            if (terminal.Json)
            {
                JsonOutput.Write(terminal, new MigrateJson(database.Server, CommandRunner.Describe(database.Source), options.DryRun, report.Succeeded, report.Plugins.Select(p => new MigratePluginJson(
                    p.PluginName, p.Outcome.ToString(), (long)p.Duration.TotalMilliseconds, StepJson.From(p.Steps), p.Warnings, p.Error?.Message)).ToArray()));
            }
            else
            {
                WriteReport(terminal, server, report, options);
            }
            return Conclude(terminal, report, options);
        });

    private static void WriteReport(Terminal terminal, string server, MigrationReport report, MigrationOptions options)
    {
        terminal.Out.MarkupLine($"PostgreSQL: {Markup.Escape(server)}{(options.DryRun ? " — dry run, nothing is kept" : string.Empty)}");
        foreach (var result in report.Plugins)
        {
            var (text, style) = result.Outcome switch
            {
                MigrationOutcome.NoChanges => ("up to date", "green"),
                MigrationOutcome.Applied => ($"applied {StepText.Summary(result.Steps)} in {(long)result.Duration.TotalMilliseconds} ms", "green"),
                MigrationOutcome.Planned => ($"would apply {StepText.Summary(result.Steps)} (rolled back)", "yellow"),
                MigrationOutcome.Blocked => ("blocked: destructive steps, nothing changed", "bold red"),
                _ => ("failed, rolled back: nothing changed", "bold red"),
            };
            terminal.Out.MarkupLine($"[bold]{Markup.Escape(result.PluginName)}[/]: [{style}]{Markup.Escape(text)}[/]");
            foreach (var warning in result.Warnings) terminal.Out.MarkupLine($"  [yellow]warning[/] {Markup.Escape(warning)}");

            var shown = result.Outcome switch
            {
                MigrationOutcome.Planned => result.Steps,
                MigrationOutcome.Blocked => result.Steps.Where(s => s.Class == StepClass.Destructive).ToArray(),
                MigrationOutcome.Applied when options.Verbose => result.Steps,
                _ => [],
            };
            StepText.Write(terminal, shown);
            if (result.Outcome == MigrationOutcome.Failed && result.Error is not null)
            {
                foreach (var line in result.Error.Message.Split('\n')) terminal.Out.WriteLine("  " + line.TrimEnd('\r'));
            }
        }
    }

    private static int Conclude(Terminal terminal, MigrationReport report, MigrationOptions options)
    {
        var failed = report.Plugins.Where(p => p.Outcome == MigrationOutcome.Failed).ToArray();
        if (failed.Length > 0)
        {
            var first = failed[0];
            terminal.Error($"migration of {first.PluginName} failed and was rolled back: {Output.Terminal.OneLine(first.Error?.Message ?? "unknown error")}");
            return ExitCodes.Error;
        }

        var blocked = report.Plugins.Where(p => p.Outcome == MigrationOutcome.Blocked).ToArray();
        if (blocked.Length > 0)
        {
            var steps = blocked.Sum(b => b.Steps.Count(s => s.Class == StepClass.Destructive));
            terminal.Error(
                $"migration blocked: {steps} destructive {(steps == 1 ? "step" : "steps")} in {string.Join(", ", blocked.Select(b => b.PluginName))}; " +
                "nothing was changed. Review them with `elizagen check`, back up, then rerun with --force.");
            return ExitCodes.Destructive;
        }
        return ExitCodes.Success;
    }

    /// <summary>The migrator's log on stderr with <c>--verbose</c> (each statement at information level); silent otherwise.</summary>
    private static ILoggerFactory CreateLoggerFactory(bool verbose) => verbose
        ? LoggerFactory.Create(logging => logging
            .SetMinimumLevel(LogLevel.Information)
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace)
            .AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.ColorBehavior = Microsoft.Extensions.Logging.Console.LoggerColorBehavior.Disabled;
            }))
        : Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance;
}
