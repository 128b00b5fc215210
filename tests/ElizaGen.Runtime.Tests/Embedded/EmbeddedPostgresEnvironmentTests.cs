using System.Runtime.Versioning;
using ElizaGen.Runtime.Embedded;

namespace ElizaGen.Runtime.Tests.Embedded;

/// <summary>Tests that set process environment variables, run alone so that no other test sees them.</summary>
[CollectionDefinition(nameof(EnvironmentVariableTests), DisableParallelization = true)]
public sealed class EnvironmentVariableTests;

[UnsupportedOSPlatform("windows")]
[Collection(nameof(EnvironmentVariableTests))]
public sealed class EmbeddedPostgresEnvironmentTests
{
    [Fact]
    public async Task ELIZA_PG_BIN_pointing_at_an_empty_folder_names_the_folder_and_the_setup_script()
    {
        await using var folder = new TestFolder();
        var bin = folder.Combine("empty-bin");
        Directory.CreateDirectory(bin);

        var error = await WithEnvironment("ELIZA_PG_BIN", bin, () => Assert.ThrowsAsync<EmbeddedPostgresException>(
            () => EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions { DataDirectory = folder.Combine("data") })));

        Assert.Contains($"missing from {bin} (from ELIZA_PG_BIN)", error.Message, StringComparison.Ordinal);
        Assert.Contains("Run eng/setup-postgres.sh", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ELIZA_DATA_DIR_chooses_the_data_folder_when_the_options_do_not()
    {
        await using var folder = new TestFolder();
        var data = folder.Combine("from-env");

        await WithEnvironment("ELIZA_DATA_DIR", data, async () =>
        {
            await using var server = await EmbeddedPostgres.StartAsync();
            Assert.Equal(data, server.DataDirectory);
            Assert.True(File.Exists(Path.Combine(data, "pgdata", "PG_VERSION")));
            return 0;
        });
    }

    private static async Task<T> WithEnvironment<T>(string name, string value, Func<Task<T>> action)
    {
        var previous = Environment.GetEnvironmentVariable(name);
        Environment.SetEnvironmentVariable(name, value);
        try
        {
            return await action();
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, previous);
        }
    }
}
