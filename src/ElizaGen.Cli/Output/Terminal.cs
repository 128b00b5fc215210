using Spectre.Console;

namespace ElizaGen.Cli.Output;

/// <summary>
/// Where a command writes: results to stdout (tables and text, or JSON with <c>--json</c>), progress and errors to
/// stderr. No colours or control codes when a stream is not a terminal or <c>NO_COLOR</c> is set; progress is shown
/// only on an interactive stderr and never with <c>--json</c>.
/// </summary>
internal sealed class Terminal
{
    private readonly bool _showProgress;

    private Terminal(IAnsiConsole output, IAnsiConsole progress, TextWriter rawOutput, TextWriter rawError, bool json, bool showProgress)
    {
        Out = output;
        Progress = progress;
        RawOut = rawOutput;
        RawError = rawError;
        Json = json;
        _showProgress = showProgress;
    }

    /// <summary>The styled stdout.</summary>
    public IAnsiConsole Out { get; }

    /// <summary>The styled stderr, for progress.</summary>
    public IAnsiConsole Progress { get; }

    /// <summary>Plain stdout, for JSON and text that must not be wrapped.</summary>
    public TextWriter RawOut { get; }

    /// <summary>Plain stderr, for errors.</summary>
    public TextWriter RawError { get; }

    /// <summary>True with <c>--json</c>: stdout carries one JSON document and nothing else.</summary>
    public bool Json { get; }

    /// <summary>The process's own console streams.</summary>
    public static Terminal ForProcess(bool json) => Create(
        json, Console.Out, Console.Error, Console.IsOutputRedirected, Console.IsErrorRedirected,
        Environment.GetEnvironmentVariable("NO_COLOR"));

    /// <summary>A terminal over the given streams.</summary>
    public static Terminal Create(bool json, TextWriter output, TextWriter error, bool outputRedirected, bool errorRedirected, string? noColor)
    {
        var colorless = !string.IsNullOrEmpty(noColor);
        var console = AnsiConsole.Create(SettingsFor(output, outputRedirected, colorless));
        // A pipe or file has no width; keep lines whole rather than wrap them at 80 columns.
        if (outputRedirected) console.Profile.Width = 4096;
        var progress = AnsiConsole.Create(SettingsFor(error, errorRedirected, colorless));
        return new Terminal(console, progress, output, error, json, showProgress: !json && !errorRedirected);
    }

    /// <summary>Console settings for one stream: plain when redirected, colourless under <c>NO_COLOR</c>.</summary>
    internal static AnsiConsoleSettings SettingsFor(TextWriter writer, bool redirected, bool noColor) => new()
    {
        Out = new AnsiConsoleOutput(writer),
        Ansi = redirected ? AnsiSupport.No : AnsiSupport.Detect,
        ColorSystem = redirected || noColor ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
        Interactive = redirected ? InteractionSupport.No : InteractionSupport.Detect,
    };

    /// <summary>Runs <paramref name="work"/> under a spinner with <paramref name="message"/> when progress can be shown.</summary>
    public async Task<T> RunAsync<T>(string message, Func<Task<T>> work)
    {
        if (!_showProgress) return await work().ConfigureAwait(false);
        return await Progress.Status().Spinner(Spinner.Known.Dots).StartAsync(Markup.Escape(message), _ => work()).ConfigureAwait(false);
    }

    /// <summary>Writes an error as one line on stderr.</summary>
    public void Error(string message) => RawError.WriteLine("elizagen: " + OneLine(message));

    /// <summary>The first line of a message, trimmed (details belong on stdout).</summary>
    internal static string OneLine(string message)
    {
        var trimmed = message.Trim();
        var end = trimmed.IndexOfAny(['\r', '\n']);
        return (end < 0 ? trimmed : trimmed[..end].TrimEnd()).TrimEnd(':');
    }
}
