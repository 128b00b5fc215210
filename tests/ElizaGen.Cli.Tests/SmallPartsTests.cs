using ElizaGen.Cli.Output;
using ElizaGen.Cli.Snapshots;
using Spectre.Console;

namespace ElizaGen.Cli.Tests;

public sealed class SmallPartsTests
{
    [Theory]
    [InlineData("@elizaos/plugin-sql", "plugin-sql")]
    [InlineData("@Acme/Plugin Notes", "plugin-notes")]
    [InlineData("notes.v2", "notes.v2")]
    [InlineData("my plugin/v2", "my-plugin-v2")]
    [InlineData("@acme/", "plugin")]
    public void Plugin_folder_names(string plugin, string folder) => Assert.Equal(folder, SnapshotFiles.FolderName(plugin));

    [Fact]
    public void No_colours_when_NO_COLOR_is_set_even_on_a_terminal()
    {
        var settings = Terminal.SettingsFor(TextWriter.Null, redirected: false, noColor: true);

        Assert.Equal(ColorSystemSupport.NoColors, settings.ColorSystem);
    }

    [Fact]
    public void No_control_codes_and_no_interaction_when_the_stream_is_redirected()
    {
        var settings = Terminal.SettingsFor(TextWriter.Null, redirected: true, noColor: false);

        Assert.Equal(AnsiSupport.No, settings.Ansi);
        Assert.Equal(ColorSystemSupport.NoColors, settings.ColorSystem);
        Assert.Equal(InteractionSupport.No, settings.Interactive);
    }

    [Fact]
    public void Redirected_output_is_plain_text_even_with_markup()
    {
        var output = new StringWriter();
        var terminal = Terminal.Create(json: false, output, TextWriter.Null, outputRedirected: true, errorRedirected: true, noColor: null);

        terminal.Out.MarkupLine("[bold red]DESTRUCTIVE[/] drop");

        Assert.Equal("DESTRUCTIVE drop", output.ToString().TrimEnd());
    }

    [Theory]
    [InlineData("one line", "one line")]
    [InlineData("first:\n  second", "first")]
    [InlineData("  padded \r\nrest", "padded")]
    public void Errors_are_one_line(string message, string line) => Assert.Equal(line, Terminal.OneLine(message));
}
