using System.Runtime.Versioning;
using ElizaGen.Runtime.Embedded;

namespace ElizaGen.Runtime.Tests.Embedded;

/// <summary>
/// The test assembly, where another user can run it: in place when that user may read it, else a copy of the
/// output folder inside a test folder (a checkout under /root is closed to other users).
/// </summary>
[UnsupportedOSPlatform("windows")]
internal static class ProgramCopy
{
    public static async Task<string> AssemblyReadableByAsync(string user, TestFolder folder)
    {
        var assembly = typeof(ProgramCopy).Assembly.Location;
        if (await CanReadAsync(user, assembly))
            return assembly;
        var copy = folder.Combine("program");
        var result = await RunAsync("cp", "-r", AppContext.BaseDirectory.TrimEnd('/'), copy);
        Assert.True(result.Succeeded, result.Output);
        result = await RunAsync("chmod", "-R", "a+rX", copy);
        Assert.True(result.Succeeded, result.Output);
        var copied = Path.Combine(copy, Path.GetFileName(assembly));
        Assert.True(await CanReadAsync(user, copied), $"{user} cannot read {copied}");
        return copied;
    }

    private static async Task<bool> CanReadAsync(string user, string file) =>
        (await RunAsync("runuser", "-u", user, "--", "test", "-r", file)).Succeeded;

    private static Task<CommandResult> RunAsync(string program, params string[] arguments) =>
        CommandRunner.RunAsync(new CommandLine(program, arguments), "/", TimeSpan.FromMinutes(1), CancellationToken.None);
}
