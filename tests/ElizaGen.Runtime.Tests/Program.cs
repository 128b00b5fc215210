using ElizaGen.Runtime.Tests.Embedded;

namespace ElizaGen.Runtime.Tests;

/// <summary>
/// The test assembly is also a small program, so that tests can run code in a second OS process:
/// <c>dotnet ElizaGen.Runtime.Tests.dll open-embedded &lt;data folder&gt;</c>.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args) => args switch
    {
        [OpenerChild.Verb, var dataDirectory] => await OpenerChild.RunAsync(dataDirectory),
        _ => Usage(),
    };

    private static int Usage()
    {
        Console.Error.WriteLine($"usage: dotnet ElizaGen.Runtime.Tests.dll {OpenerChild.Verb} <data folder>");
        return 2;
    }
}
