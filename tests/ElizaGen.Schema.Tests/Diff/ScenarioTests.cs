using ElizaGen.Schema.Ddl;
using ElizaGen.Schema.Diff;

namespace ElizaGen.Schema.Tests.Diff;

public class ScenarioTests
{
    [Theory]
    [MemberData(nameof(Scenarios.Names), MemberType = typeof(Scenarios))]
    public void The_plan_holds_exactly_the_expected_statements_in_order(string name)
    {
        var scenario = Scenarios.Named(name);

        var plan = Differ.Diff(scenario.Before, scenario.After, scenario.Hints);

        var actual = plan.Steps.Select(s => new ExpectedStep(s.Class, s.Sql)).ToArray();
        Assert.Equal(scenario.Expected, actual);
        Assert.Equal(scenario.Expected.Any(e => e.Class == StepClass.Destructive), plan.HasDestructiveSteps);
        Assert.Equal(scenario.Expected.Count == 0, plan.IsEmpty);
    }

    [Theory]
    [MemberData(nameof(Scenarios.Names), MemberType = typeof(Scenarios))]
    public void Both_sides_of_every_scenario_can_be_written_as_ddl(string name)
    {
        var scenario = Scenarios.Named(name);

        Assert.NotNull(DdlWriter.CreateStatements(scenario.Before));
        Assert.NotNull(DdlWriter.CreateStatements(scenario.After));
    }

    [Theory]
    [MemberData(nameof(Scenarios.Names), MemberType = typeof(Scenarios))]
    public void Planning_again_from_the_desired_side_gives_an_empty_plan(string name)
    {
        var scenario = Scenarios.Named(name);

        Assert.True(Differ.Diff(scenario.After, scenario.After).IsEmpty);
    }

    [Fact]
    public void Every_step_kind_appears_in_some_scenario()
    {
        var seen = Scenarios.All.SelectMany(s => Differ.Diff(s.Before, s.After, s.Hints).Steps).Select(s => s.Kind).ToHashSet();

        var missing = Enum.GetValues<StepKind>().Where(k => !seen.Contains(k)).ToArray();
        Assert.True(missing.Length == 0, "No scenario plans: " + string.Join(", ", missing));
    }

    [Fact]
    public void There_are_at_least_25_scenarios_with_distinct_names()
    {
        Assert.True(Scenarios.All.Count >= 25);
        Assert.Equal(Scenarios.All.Count, Scenarios.All.Select(s => s.Name).Distinct().Count());
    }
}
