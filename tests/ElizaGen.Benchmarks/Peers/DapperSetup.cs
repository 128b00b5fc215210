using System.Data;
using Dapper;
using Pgvector;

namespace ElizaGen.Benchmarks.Peers;

/// <summary>
/// What Dapper needs to read the benchmarks' records: snake_case columns matched to constructor parameters, and
/// timestamptz (which Npgsql hands to untyped readers as <see cref="DateTime"/>) turned into <see cref="DateTimeOffset"/>,
/// and pgvector's <see cref="Vector"/> as a parameter type.
/// </summary>
internal static class DapperSetup
{
    private static int s_done;

    public static void Once()
    {
        if (Interlocked.Exchange(ref s_done, 1) == 1) return;
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        SqlMapper.AddTypeHandler(new DateTimeOffsetHandler());
        SqlMapper.AddTypeHandler(new VectorHandler());
    }

    /// <summary>Hands <see cref="Vector"/> values to Npgsql as they are (its pgvector plugin writes them), as Pgvector.Dapper does.</summary>
    private sealed class VectorHandler : SqlMapper.TypeHandler<Vector?>
    {
        public override void SetValue(IDbDataParameter parameter, Vector? value) => parameter.Value = value is null ? DBNull.Value : value;

        public override Vector? Parse(object value) => value as Vector;
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
