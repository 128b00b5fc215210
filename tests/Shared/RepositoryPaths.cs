namespace ElizaGen.Tests.Shared;

/// <summary>
/// Finds the repository from the test assembly's folder. Source paths from [CallerFilePath] cannot be used:
/// a CI build (ContinuousIntegrationBuild) maps them to "/_/…", which exists on no disk.
/// </summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> RootValue = new(FindRoot);

    /// <summary>The folder that holds ElizaGen.sln.</summary>
    public static string Root => RootValue.Value;

    /// <summary>A path under the repository root.</summary>
    public static string Combine(params string[] parts) => Path.GetFullPath(Path.Combine([Root, .. parts]));

    private static string FindRoot()
    {
        var directory = AppContext.BaseDirectory;
        while (!string.IsNullOrEmpty(directory) && !File.Exists(Path.Combine(directory, "ElizaGen.sln")))
        {
            directory = Path.GetDirectoryName(directory.TrimEnd(Path.DirectorySeparatorChar));
        }
        return !string.IsNullOrEmpty(directory)
            ? directory
            : throw new InvalidOperationException("No ElizaGen.sln above " + AppContext.BaseDirectory + ": run the tests from a clone of the repository.");
    }
}
