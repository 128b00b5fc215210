namespace ElizaGen.Runtime.Tests.Connections;

/// <summary>Waits on a condition, with a bound and a message that says what never happened.</summary>
internal static class Conditions
{
    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan bound, string what)
    {
        var deadline = DateTime.UtcNow + bound;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {bound.TotalSeconds:0.#} s for {what}, in vain.");
            }

            await Task.Delay(20);
        }
    }

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan bound, string what)
    {
        var deadline = DateTime.UtcNow + bound;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {bound.TotalSeconds:0.#} s for {what}, in vain.");
            }

            await Task.Delay(20);
        }
    }
}
