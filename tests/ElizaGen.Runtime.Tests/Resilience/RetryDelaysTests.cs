using ElizaGen.Runtime.Resilience;

namespace ElizaGen.Runtime.Tests.Resilience;

public sealed class RetryDelaysTests
{
    private static readonly TimeSpan Base = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Jitter = TimeSpan.FromSeconds(1);

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 2)]
    [InlineData(2, 4)]
    [InlineData(3, 8)]
    [InlineData(4, 10)]
    [InlineData(40, 10)]
    public void Delays_double_from_the_base_and_stop_at_the_cap(int attempt, int expectedSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), RetryDelays.Compute(attempt, Base, Max, Jitter, random01: 0));

    [Fact]
    public void Jitter_adds_up_to_its_maximum_on_top_of_the_cap()
    {
        Assert.Equal(TimeSpan.FromSeconds(1.5), RetryDelays.Compute(0, Base, Max, Jitter, random01: 0.5));
        var largest = RetryDelays.Compute(10, Base, Max, Jitter, random01: 0.999999);
        Assert.True(largest < TimeSpan.FromSeconds(11) && largest > TimeSpan.FromSeconds(10.99), largest.ToString());
    }

    [Fact]
    public void The_defaults_are_the_documented_ones()
    {
        var options = new ResilienceOptions();

        Assert.Equal(5, options.FailureThreshold);
        Assert.Equal(TimeSpan.FromSeconds(60), options.ResetTimeout);
        Assert.Equal(3, options.HalfOpenMaxAttempts);
        Assert.Equal(3, options.MaxRetries);
        Assert.Equal(TimeSpan.FromSeconds(1), options.BaseDelay);
        Assert.Equal(TimeSpan.FromSeconds(10), options.MaxDelay);
        Assert.Equal(TimeSpan.FromSeconds(1), options.JitterMax);
        Assert.Equal(TimeSpan.FromSeconds(5), options.ConnectionTimeout);
    }

    [Fact]
    public void Nonsense_options_are_refused_with_the_setting_named()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ResilienceOptions { FailureThreshold = 0 }.Validate());
        Assert.Contains("FailureThreshold", error.Message, StringComparison.Ordinal);

        error = Assert.Throws<ArgumentOutOfRangeException>(
            () => new ResilienceOptions { BaseDelay = TimeSpan.FromSeconds(20) }.Validate());
        Assert.Contains("MaxDelay", error.Message, StringComparison.Ordinal);
    }
}
