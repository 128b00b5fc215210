using System.CommandLine;
using ElizaGen.Cli.Commands;
using ElizaGen.Cli.Output;

namespace ElizaGen.Cli;

/// <summary>The <c>elizagen</c> tool.</summary>
public static class Program
{
    /// <summary>Parses the command line and runs the command; returns the exit code (see ExitCodes).</summary>
    public static async Task<int> Main(string[] args)
    {
        var root = CreateRootCommand();
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            var messages = string.Join(" ", parse.Errors.Select(e => e.Message.Trim()).Distinct());
            Terminal.ForProcess(json: false).Error($"{messages} Run 'elizagen {CommandPath(parse)}--help' for usage.");
            return ExitCodes.Error;
        }
        return await parse.InvokeAsync().ConfigureAwait(false);
    }

    internal static RootCommand CreateRootCommand() => new("elizagen: migration status, checks, migrations, snapshots and diagrams for ElizaGen plugin schemas.")
    {
        StatusCommand.Create(),
        CheckCommand.Create(),
        MigrateCommand.Create(),
        SnapshotCommand.Create(),
        DiagramCommand.Create(),
    };

    private static string CommandPath(ParseResult parse)
        => parse.CommandResult.Command is RootCommand ? string.Empty : parse.CommandResult.Command.Name + " ";
}
