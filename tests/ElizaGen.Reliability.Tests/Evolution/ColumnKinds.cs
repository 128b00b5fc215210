using System.Globalization;
using System.Text;
using ElizaGen.Schema.Sql;

namespace ElizaGen.Reliability.Tests.Evolution;

/// <summary>What the generator knows about each column kind: spellings, defaults, values, and what it may index or check.</summary>
internal static class ColumnKinds
{
    public static readonly ColumnKind[] All = Enum.GetValues<ColumnKind>();

    /// <summary>The spellings of the type as DDL accepts them; the enum's name for an enum.</summary>
    public static string[] Spellings(ColumnType type, SchemaModel model)
    {
        var n = type.Size.ToString(CultureInfo.InvariantCulture);
        var s = type.Scale.ToString(CultureInfo.InvariantCulture);
        return type.Kind switch
        {
            ColumnKind.Uuid => ["uuid"],
            ColumnKind.Text => ["text"],
            ColumnKind.Varchar => [$"varchar({n})", $"character varying({n})"],
            ColumnKind.Integer => ["integer", "int4", "int"],
            ColumnKind.Bigint => ["bigint", "int8"],
            ColumnKind.Smallint => ["smallint", "int2"],
            ColumnKind.Boolean => ["boolean", "bool"],
            ColumnKind.Real => ["real", "float4"],
            ColumnKind.Double => ["double precision", "float8"],
            ColumnKind.Numeric => [$"numeric({n}, {s})", $"numeric({n},{s})", $"decimal({n},{s})"],
            ColumnKind.Timestamptz => ["timestamptz", "timestamp with time zone"],
            ColumnKind.Timestamp => ["timestamp", "timestamp without time zone"],
            ColumnKind.Date => ["date"],
            ColumnKind.Jsonb => ["jsonb"],
            ColumnKind.Bytea => ["bytea"],
            ColumnKind.TextArray => ["text[]", "_text"],
            ColumnKind.Enum => [model.Enum(type.EnumId)?.Name ?? throw new InvalidOperationException($"enum {type.EnumId} is missing")],
            ColumnKind.Vector => [$"vector({n})"],
            _ => throw new ArgumentOutOfRangeException(nameof(type)),
        };
    }

    /// <summary>The serial spellings of an integer type.</summary>
    public static string[] SerialSpellings(ColumnKind kind) => kind switch
    {
        ColumnKind.Integer => ["serial", "serial4"],
        ColumnKind.Bigint => ["bigserial", "serial8"],
        ColumnKind.Smallint => ["smallserial", "serial2"],
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Whether a generated column of <paramref name="kind"/> can be computed that way from a column of <paramref name="source"/>.</summary>
    public static bool Fits(Generation generation, ColumnKind kind, ColumnKind source) => generation switch
    {
        Generation.PlusOne or Generation.Twice => IsNumber(source) && IsNumber(kind),
        Generation.Lower => IsString(source) && IsString(kind),
        _ => false,
    };

    /// <summary>The defaults a column of this type may have (SQL).</summary>
    public static string[] Defaults(ColumnType type, SchemaModel model) => type.Kind switch
    {
        ColumnKind.Uuid => ["gen_random_uuid()"],
        ColumnKind.Text => ["'x'", "''", "'it''s'"],
        ColumnKind.Varchar => ["'x'", "''"],
        ColumnKind.Integer or ColumnKind.Bigint or ColumnKind.Smallint => ["0", "42", "-1"],
        ColumnKind.Boolean => ["false", "true"],
        ColumnKind.Real or ColumnKind.Double => ["0", "1.5"],
        ColumnKind.Numeric => ["0"],
        ColumnKind.Timestamptz => ["now()", "CURRENT_TIMESTAMP", "'2020-01-01 00:00:00+00'::timestamptz"],
        ColumnKind.Timestamp => ["now()", "'2020-01-01 00:00:00'::timestamp"],
        ColumnKind.Date => ["CURRENT_DATE", "'2020-01-01'::date"],
        ColumnKind.Jsonb => ["'{}'::jsonb", "'[]'::jsonb"],
        ColumnKind.Bytea => ["'\\x00'::bytea"],
        ColumnKind.TextArray => ["'{}'::text[]", "ARRAY['a']::text[]"],
        ColumnKind.Enum => (model.Enum(type.EnumId)?.Values ?? []).Select(v => SqlText.QuoteLiteral(v)).ToArray(),
        ColumnKind.Vector => ["'[" + string.Join(",", Enumerable.Repeat("0", type.Size)) + "]'"],
        _ => [],
    };

    /// <summary>Kinds a primary key or unique constraint may cover.</summary>
    public static bool IsKeyable(ColumnKind kind) => kind is ColumnKind.Uuid or ColumnKind.Text or ColumnKind.Varchar or ColumnKind.Integer
        or ColumnKind.Bigint or ColumnKind.Smallint or ColumnKind.Boolean or ColumnKind.Date or ColumnKind.Timestamp
        or ColumnKind.Timestamptz or ColumnKind.Numeric or ColumnKind.Enum or ColumnKind.Bytea;

    public static bool IsNumber(ColumnKind kind) => kind is ColumnKind.Integer or ColumnKind.Bigint or ColumnKind.Smallint
        or ColumnKind.Real or ColumnKind.Double or ColumnKind.Numeric;

    public static bool IsInteger(ColumnKind kind) => kind is ColumnKind.Integer or ColumnKind.Bigint or ColumnKind.Smallint;

    public static bool IsString(ColumnKind kind) => kind is ColumnKind.Text or ColumnKind.Varchar;

    public static bool IsTime(ColumnKind kind) => kind is ColumnKind.Timestamptz or ColumnKind.Timestamp or ColumnKind.Date;

    /// <summary>Whether a check template fits the kinds of its columns.</summary>
    public static bool Fits(CheckTemplate template, IReadOnlyList<ColumnKind> kinds) => template switch
    {
        CheckTemplate.NullImplies => kinds.Count == 2,
        _ when kinds.Count != 1 => false,
        CheckTemplate.NonNegative => IsNumber(kinds[0]),
        CheckTemplate.ShortText or CheckTemplate.NotEmpty => IsString(kinds[0]),
        CheckTemplate.JsonObject => kinds[0] == ColumnKind.Jsonb,
        CheckTemplate.ArrayShort => kinds[0] == ColumnKind.TextArray,
        CheckTemplate.EnumNot => kinds[0] == ColumnKind.Enum,
        CheckTemplate.AfterY2K => IsTime(kinds[0]),
        CheckTemplate.NotFalse => kinds[0] == ColumnKind.Boolean,
        CheckTemplate.VectorDims => kinds[0] == ColumnKind.Vector,
        CheckTemplate.ByteaShort => kinds[0] == ColumnKind.Bytea,
        CheckTemplate.UuidNotZero => kinds[0] == ColumnKind.Uuid,
        _ => false,
    };

    public static bool Fits(KeyExpression expression, ColumnKind kind) => expression switch
    {
        KeyExpression.None => true,
        KeyExpression.Lower => IsString(kind),
        KeyExpression.JsonField => kind == ColumnKind.Jsonb,
        KeyExpression.Abs => IsInteger(kind),
        _ => false,
    };

    public static bool Fits(Predicate predicate, ColumnKind kind) => predicate switch
    {
        Predicate.None or Predicate.NotNull => true,
        Predicate.Positive => IsNumber(kind),
        Predicate.IsTrue => kind == ColumnKind.Boolean,
        _ => false,
    };

    /// <summary>A type that every value of <paramref name="type"/> converts to (DESIGN §5's safe widenings), or null.</summary>
    public static ColumnType? Widening(ColumnType type, Random random)
    {
        ColumnType[] options = type.Kind switch
        {
            ColumnKind.Smallint => [new(ColumnKind.Integer), new(ColumnKind.Bigint), new(ColumnKind.Numeric, 8, 2), new(ColumnKind.Real), new(ColumnKind.Double)],
            ColumnKind.Integer => [new(ColumnKind.Bigint), new(ColumnKind.Numeric, 12, 0), new(ColumnKind.Real), new(ColumnKind.Double)],
            ColumnKind.Bigint => [new(ColumnKind.Numeric, 20, 0)],
            ColumnKind.Real => [new(ColumnKind.Double)],
            ColumnKind.Varchar => [new(ColumnKind.Text), new(ColumnKind.Varchar, type.Size + 1 + random.Next(20))],
            ColumnKind.Uuid => [new(ColumnKind.Text)],
            ColumnKind.Date => [new(ColumnKind.Timestamp)],
            ColumnKind.Numeric => [new(ColumnKind.Numeric, type.Size + 1 + random.Next(5), type.Scale)],
            _ => [],
        };
        return options.Length == 0 ? null : options[random.Next(options.Length)];
    }

    /// <summary>A random type (an enum only when <paramref name="model"/> has one).</summary>
    public static ColumnType RandomType(Random random, SchemaModel model)
    {
        while (true)
        {
            var kind = All[random.Next(All.Length)];
            switch (kind)
            {
                case ColumnKind.Enum:
                    if (model.Enums.Count == 0) continue;
                    return new ColumnType(kind, EnumId: model.Enums[random.Next(model.Enums.Count)].Id);
                case ColumnKind.Varchar:
                    return new ColumnType(kind, Size: 1 + random.Next(30));
                case ColumnKind.Numeric:
                    var precision = 3 + random.Next(10);
                    return new ColumnType(kind, precision, random.Next(Math.Min(4, precision)));
                case ColumnKind.Vector:
                    return new ColumnType(kind, Size: 2 + random.Next(4));
                default:
                    return new ColumnType(kind);
            }
        }
    }

    /// <summary>
    /// A value of the type as an SQL literal. A small <paramref name="domain"/> repeats values (so that a unique
    /// constraint added later can fail); the values stay inside every type's range.
    /// </summary>
    public static string Value(ColumnType type, Random random, SchemaModel model, int domain)
    {
        int Pick(int wide) => random.Next(domain > 0 ? domain : wide);
        switch (type.Kind)
        {
            case ColumnKind.Uuid:
                return $"'{Pick(1 << 30):x8}-0000-4000-8000-{random.Next(domain > 0 ? 1 : 1 << 30):x12}'";
            case ColumnKind.Text:
                return SqlText.QuoteLiteral(Texts[Pick(Texts.Length)]);
            case ColumnKind.Varchar:
                var text = Texts[Pick(Texts.Length)];
                return SqlText.QuoteLiteral(text.Length > type.Size ? text[..type.Size] : text);
            case ColumnKind.Smallint:
                return Integer(Pick(400) - 5);
            case ColumnKind.Integer:
                return random.Next(8) == 0 && domain == 0 ? Integer(40000 + random.Next(100000)) : Integer(Pick(1000) - 5);
            case ColumnKind.Bigint:
                return random.Next(8) == 0 && domain == 0 ? (5_000_000_000L + random.Next(1000)).ToString(CultureInfo.InvariantCulture) : Integer(Pick(1000) - 5);
            case ColumnKind.Boolean:
                return random.Next(2) == 0 ? "false" : "true";
            case ColumnKind.Real:
            case ColumnKind.Double:
                return (Pick(400) / 4.0 - 2).ToString("0.##", CultureInfo.InvariantCulture);
            case ColumnKind.Numeric:
                var integerDigits = Math.Min(type.Size - type.Scale, 6);
                var max = (int)Math.Pow(10, integerDigits);
                var whole = Pick(Math.Max(1, max)) % Math.Max(1, max);
                var fraction = type.Scale == 0 ? "" : "." + random.Next((int)Math.Pow(10, Math.Min(type.Scale, 4))).ToString(CultureInfo.InvariantCulture);
                return whole.ToString(CultureInfo.InvariantCulture) + fraction;
            case ColumnKind.Timestamptz:
                return $"'{Day(Pick(9000), random)} {random.Next(24):00}:{random.Next(60):00}:{random.Next(60):00}+00'";
            case ColumnKind.Timestamp:
                return $"'{Day(Pick(9000), random)} {random.Next(24):00}:{random.Next(60):00}:00'";
            case ColumnKind.Date:
                return $"'{Day(Pick(9000), random)}'";
            case ColumnKind.Jsonb:
                return Json[Pick(Json.Length)];
            case ColumnKind.Bytea:
                return $"'\\x{Pick(256):x2}{random.Next(256):x2}'";
            case ColumnKind.TextArray:
                return Arrays[Pick(Arrays.Length)];
            case ColumnKind.Enum:
                var values = model.Enum(type.EnumId)!.Values;
                return SqlText.QuoteLiteral(values[Pick(values.Count) % values.Count]);
            case ColumnKind.Vector:
                var sb = new StringBuilder("'[");
                for (var i = 0; i < type.Size; i++) sb.Append(i == 0 ? "" : ",").Append(Pick(5).ToString(CultureInfo.InvariantCulture));
                return sb.Append("]'").ToString();
            default:
                throw new ArgumentOutOfRangeException(nameof(type));
        }
    }

    private static readonly string[] Texts = ["a", "b", "it's", "", "Äpfel", "x y", "a longer text value of some size", "B", "zz", "\"q\""];

    private static readonly string[] Json = ["'{\"k\": 1}'", "'{\"k\": \"v\", \"n\": [1, 2]}'", "'{}'", "'[1, 2]'", "'\"s\"'", "'{\"k\": null}'"];

    private static readonly string[] Arrays = ["'{}'", "'{a}'", "'{a,b}'", "'{\"x y\",z}'", "'{a,b,c,d,e}'"];

    private static string Integer(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A day between 1990 and 2014 (some before 2000, so that a check added later can fail).</summary>
    private static string Day(int offset, Random random) =>
        new DateOnly(1990, 1, 1).AddDays(offset + random.Next(2)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
