using ElizaGen.Runtime.Embedded;

namespace ElizaGen.Runtime.Tests.Embedded;

/// <summary>
/// The child side of the cross-process tests: opens the embedded server on a data folder, reports one line
/// ("ready owns=True|False &lt;connection string&gt;" or "error &lt;message&gt;"), then waits for "stop" (or the end of
/// its input), disposes the server and reports "stopped"; or for "exit", on which it ends without disposing it.
/// </summary>
internal static class OpenerChild
{
    public const string Verb = "open-embedded";

    public static async Task<int> RunAsync(string dataDirectory)
    {
        EmbeddedPostgres server;
        try
        {
            server = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions { DataDirectory = dataDirectory });
        }
        catch (EmbeddedPostgresException e)
        {
            Console.WriteLine("error " + e.Message.ReplaceLineEndings(" "));
            return 1;
        }
        Console.WriteLine($"ready owns={server.OwnsServer} {server.ConnectionString}");
        var command = await Console.In.ReadLineAsync();
        while (command is not null and not "stop" and not "exit")
            command = await Console.In.ReadLineAsync();
        if (command == "exit")
        {
            // Leaves without disposing: the server must not outlive this process anyway.
            Console.WriteLine("exiting");
            return 0;
        }
        await server.DisposeAsync();
        Console.WriteLine("stopped");
        return 0;
    }
}
