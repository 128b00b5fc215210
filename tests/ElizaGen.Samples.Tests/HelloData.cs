using HelloPlugin;
using Pgvector;

namespace ElizaGen.Samples.Tests;

/// <summary>Rows of the sample plugin, with values that survive a round trip (timestamps in whole microseconds).</summary>
internal static class HelloData
{
    private static readonly DateTimeOffset Start = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public static Greeting Greeting(string slug, string language = "en", float[]? embedding = null, int minute = 0) => new(
        Guid.NewGuid(),
        slug,
        language,
        "Hello from " + slug,
        Start.AddMinutes(minute).AddTicks(1230),
        embedding is null ? null : new Vector(embedding));

    public static GreetingReply Reply(Guid greetingId, string text, int likes = 0, int minute = 0) => new(
        Guid.NewGuid(), greetingId, text, likes, Start.AddMinutes(minute).AddTicks(40));

    /// <summary>Compares two greetings field by field (a vector compares by its values).</summary>
    public static void AssertSame(Greeting expected, Greeting? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected with { Embedding = null }, actual with { Embedding = null });
        Assert.Equal(expected.Embedding?.ToArray(), actual.Embedding?.ToArray());
    }
}
