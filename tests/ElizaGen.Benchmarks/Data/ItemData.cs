using ElizaGen.Benchmarks.Schema;

namespace ElizaGen.Benchmarks.Data;

/// <summary>The rows the single-row and page benchmarks read: <see cref="GroupCount"/> groups of <see cref="PageSize"/>.</summary>
internal static class ItemData
{
    public const int PageSize = 20;
    public const int GroupCount = 500;

    /// <summary>Deterministic rows (fixed seed), group by group.</summary>
    public static IReadOnlyList<Item> Rows()
    {
        var random = new Random(7);
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var rows = new List<Item>(PageSize * GroupCount);
        for (var g = 0; g < GroupCount; g++)
        {
            var group = GuidFrom(random);
            for (var i = 0; i < PageSize; i++)
            {
                var n = rows.Count;
                rows.Add(New(GuidFrom(random), group, n, start.AddSeconds(n)));
            }
        }
        return rows;
    }

    /// <summary>One row as the insert benchmarks write it.</summary>
    public static Item New(Guid id, Guid group, int n, DateTimeOffset createdAt) =>
        new(id, group, "item " + n.ToString(System.Globalization.CultureInfo.InvariantCulture), n % 3 == 0 ? null : "a short note about the item", n % 1000, createdAt);

    private static Guid GuidFrom(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }
}
