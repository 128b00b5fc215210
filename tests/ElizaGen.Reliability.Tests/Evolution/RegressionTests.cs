namespace ElizaGen.Reliability.Tests.Evolution;

/// <summary>The shrunk failures of the random suite, replayed with every invariant, each expected to end one way.</summary>
[Collection(EvolutionCollection.Name)]
public sealed class RegressionTests(EvolutionDatabases databases)
{
    public static IEnumerable<object[]> Names => RegressionCases.Names;

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Found_failure_stays_fixed(string name)
    {
        var regression = RegressionCases.Named(name);

        var outcome = await databases.Runners[0].RunAsync(regression.Case);

        Assert.True(outcome.Failure is null, $"{outcome.Failure?.Invariant}: {outcome.Failure?.Message}\n{regression.Case.Describe()}");
        Assert.Equal(regression.ExpectedCategory, outcome.Category);
    }
}
