using ElizaGen.Runtime.Tests.Embedded;
using ElizaGen.Runtime.Tests.Migrations;

namespace ElizaGen.Runtime.Tests;

/// <summary>
/// The test assembly is also a small program, so that tests can run code in a second OS process:
/// <c>dotnet ElizaGen.Runtime.Tests.dll open-embedded &lt;data folder&gt;</c>, or <c>migrate …</c> (see <see cref="MigrateChild"/>).
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args) => args switch
    {
        [OpenerChild.Verb, var dataDirectory] => await OpenerChild.RunAsync(dataDirectory),
        [MigrateChild.Verb, var connectionString, var plugin, var snapshot] => await MigrateChild.RunAsync(connectionString, plugin, snapshot),
        _ => Usage(),
    };

    private static int Usage()
    {
        Console.Error.WriteLine($"usage: dotnet ElizaGen.Runtime.Tests.dll {OpenerChild.Verb} <data folder>");
        Console.Error.WriteLine($"       dotnet ElizaGen.Runtime.Tests.dll {MigrateChild.Verb} <connection string> <plugin> <snapshot.json>");
        return 2;
    }
}
