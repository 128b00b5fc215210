using System.Data;
using Dapper;

namespace ElizaGen.Benchmarks.Peers;

/// <summary>
/// What Dapper needs to read the benchmarks' records: snake_case columns matched to constructor parameters, and
/// timestamptz (which Npgsql hands to untyped readers as <see cref="DateTime"/>) turned into <see cref="DateTimeOffset"/>.
/// </summary>
internal static class DapperSetup
{
    private static int s_done;

    public static void Once()
    {
        if (Interlocked.Exchange(ref s_done, 1) == 1) return;
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        SqlMapper.AddTypeHandler(new DateTimeOffsetHandler());
    }

    private sealed class DateTimeOffsetHandler : SqlMapper.TypeHandler<DateTimeOffset>
    {
        public override void SetValue(IDbDataParameter parameter, DateTimeOffset value) => parameter.Value = value;

        public override DateTimeOffset Parse(object value) => value switch
        {
            DateTimeOffset offset => offset,
            DateTime utc => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)),
            _ => throw new InvalidCastException("Cannot read " + value.GetType() + " as DateTimeOffset."),
        };
    }
}
