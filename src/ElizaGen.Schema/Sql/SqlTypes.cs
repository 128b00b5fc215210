using System;

namespace ElizaGen.Schema.Sql;

/// <summary>
/// What the migration rules need to know about PostgreSQL types: when two spellings name the same type
/// (<c>int4</c> and <c>integer</c>, <c>timestamp</c> and <c>timestamp without time zone</c>), which changes are
/// the safe widenings of DESIGN §5, which need a <c>USING</c> cast, and which casts can fail on some values.
/// </summary>
/// <remarks>
/// Types are given as written in DDL. An enum or other user type is given quoted and schema-qualified
/// (<c>"public"."status"</c>); an unquoted unknown name (<c>vector(384)</c>, <c>citext</c>) is taken as a
/// built-in or extension type.
/// </remarks>
public static class SqlTypes
{
    /// <summary>
    /// The canonical spelling of a type, as PostgreSQL's <c>format_type</c> writes it: <c>int4</c> →
    /// <c>integer</c>, <c>timestamptz</c> → <c>timestamp with time zone</c>, <c>numeric(10, 2)</c> →
    /// <c>numeric(10,2)</c>, <c>varchar(64)</c> → <c>character varying(64)</c>, <c>_text</c> → <c>text[]</c>.
    /// A serial type gives its integer type (the sequence is its default, not its type).
    /// </summary>
    /// <param name="type">The type as written in DDL.</param>
    /// <exception cref="ArgumentException">The text is not a type name.</exception>
    public static string Normalize(string type) => SqlType.Parse(type).Canonical;

    /// <summary>True when both spellings name the same type.</summary>
    /// <param name="left">A type as written in DDL.</param>
    /// <param name="right">Another type as written in DDL.</param>
    public static bool AreEquivalent(string left, string right) => Normalize(left) == Normalize(right);

    /// <summary>True for <c>serial</c>, <c>bigserial</c> and <c>smallserial</c> (and their <c>serialN</c> names).</summary>
    /// <param name="type">The type as written in DDL.</param>
    public static bool IsSerial(string type) => SqlType.Parse(type).IsSerial;

    /// <summary>
    /// True when every value of <paramref name="from"/> converts to <paramref name="to"/> without loss or failure:
    /// the same type, or one of the safe widenings of DESIGN §5: smallint → integer, bigint, numeric, real,
    /// double precision; integer → bigint, numeric, real, double precision; bigint → numeric; real → double
    /// precision; varchar → text; varchar(n) → varchar(m ≥ n) or unbounded varchar; char(n) → varchar(m ≥ n),
    /// varchar, text; uuid → text; date → timestamp; numeric(p,s) → numeric(p' ≥ p,s) or unbounded numeric.
    /// A numeric target with a precision must keep room for every integer digit (p - s ≥ 5, 10, 19).
    /// Arrays follow their element types.
    /// </summary>
    /// <param name="from">The current type.</param>
    /// <param name="to">The new type.</param>
    public static bool IsSafeWidening(string from, string to) => IsSafeWidening(SqlType.Parse(from), SqlType.Parse(to));

    /// <summary>
    /// True when <c>ALTER COLUMN … TYPE</c> needs a <c>USING</c> expression because PostgreSQL has no
    /// assignment cast between the types (text → jsonb, text → integer, anything → an enum, boolean → integer).
    /// </summary>
    /// <param name="from">The current type.</param>
    /// <param name="to">The new type.</param>
    public static bool RequiresUsing(string from, string to) => RequiresUsing(SqlType.Parse(from), SqlType.Parse(to));

    /// <summary>
    /// The <c>USING</c> expression that converts <paramref name="column"/> from one type to the other, or null
    /// when none is needed. Values go through text for enums and other user types and between types PostgreSQL
    /// has no cast for, through <c>to_jsonb</c> for non-text values becoming jsonb, and through an explicit cast
    /// otherwise.
    /// </summary>
    /// <param name="column">The column name (unquoted).</param>
    /// <param name="from">The current type.</param>
    /// <param name="to">The new type.</param>
    public static string? UsingExpression(string column, string from, string to) => UsingExpression(column, SqlType.Parse(from), SqlType.Parse(to));

    /// <summary>
    /// True when converting some values of <paramref name="from"/> to <paramref name="to"/> raises an error
    /// (text → integer, text → jsonb, bigint → integer, varchar(10) → varchar(5), anything → an enum),
    /// which makes the whole migration fail and change nothing.
    /// </summary>
    /// <param name="from">The current type.</param>
    /// <param name="to">The new type.</param>
    public static bool CastCanFail(string from, string to) => CastCanFail(SqlType.Parse(from), SqlType.Parse(to));

    internal static bool IsSafeWidening(SqlType from, SqlType to)
    {
        if (from.Canonical == to.Canonical) return true;
        if (from.IsArray != to.IsArray) return false;
        var f = from.Element;
        var t = to.Element;
        switch (f.BaseName)
        {
            case "smallint":
                return t.BaseName is "integer" or "bigint" or "real" or "double precision" || NumericHolds(t, 5);
            case "integer":
                return t.BaseName is "bigint" or "real" or "double precision" || NumericHolds(t, 10);
            case "bigint":
                return NumericHolds(t, 19);
            case "real":
                return t.BaseName == "double precision";
            case "character varying":
                if (t.BaseName == "text") return true;
                return t.BaseName == "character varying" && (t.Length is null || (f.Length is not null && t.Length >= f.Length));
            case "character":
                if (t.BaseName == "text") return true;
                return t.BaseName == "character varying" && (t.Length is null || (f.Length is not null && t.Length >= f.Length));
            case "uuid":
                return t.BaseName == "text";
            case "date":
                return t.BaseName == "timestamp without time zone";
            case "numeric":
                if (t.BaseName != "numeric") return false;
                if (t.Length is null) return true;
                return f.Length is not null && t.Length >= f.Length && t.Scale == f.Scale;
            default:
                return false;
        }
    }

    internal static bool RequiresUsing(SqlType from, SqlType to)
    {
        if (from.Canonical == to.Canonical) return false;
        // Every type converts to a string type by its output function, as an assignment cast.
        if (!to.IsArray && to.Category == SqlTypeCategory.String) return false;
        if (from.IsArray != to.IsArray) return true;
        var f = from.Element;
        var t = to.Element;
        if (f.BaseName == t.BaseName) return false;
        if (t.Category == SqlTypeCategory.String) return false;
        if (IsNumber(f) && IsNumber(t)) return false;
        if (f.Category == SqlTypeCategory.DateTime && t.Category == SqlTypeCategory.DateTime) return false;
        if (f.Category == SqlTypeCategory.Time && t.Category == SqlTypeCategory.Time) return false;
        return true;
    }

    internal static string? UsingExpression(string column, SqlType from, SqlType to)
    {
        if (!RequiresUsing(from, to)) return null;
        var quoted = SqlText.QuoteIdentifier(column);
        if (to.Category == SqlTypeCategory.Json && !to.IsArray
            && (from.IsArray || (from.Category != SqlTypeCategory.String && from.Category != SqlTypeCategory.Json && from.Category != SqlTypeCategory.UserDefined)))
        {
            return (to.BaseName == "jsonb" ? "to_jsonb(" : "to_json(") + quoted + ")";
        }
        if (from.Category == SqlTypeCategory.UserDefined || to.Category == SqlTypeCategory.UserDefined)
        {
            return quoted + "::" + (from.IsArray && to.IsArray ? "text[]" : "text") + "::" + to.Canonical;
        }
        // Without a cast between the two types (timestamptz to vector, uuid to bytea, smallint to boolean) the
        // value goes through its text form: the conversion then fails only on values that do not parse.
        return HasDirectCast(from, to) ? quoted + "::" + to.Canonical : quoted + "::text::" + to.Canonical;
    }

    /// <summary>True when PostgreSQL has a cast from one type to the other (pg_cast, or conversion through a string type).</summary>
    internal static bool HasDirectCast(SqlType from, SqlType to)
    {
        if (!from.IsArray && from.Category == SqlTypeCategory.String) return true;
        if (!to.IsArray && to.Category == SqlTypeCategory.String) return true;
        if (from.IsArray != to.IsArray) return false;
        var f = from.Element;
        var t = to.Element;
        if (f.BaseName == t.BaseName) return true;
        if (f.Category == SqlTypeCategory.String || t.Category == SqlTypeCategory.String) return true;
        if (IsNumber(f) && IsNumber(t)) return true;
        if ((f.BaseName == "integer" && t.BaseName == "boolean") || (f.BaseName == "boolean" && t.BaseName == "integer")) return true;
        if (f.Category == SqlTypeCategory.DateTime && t.Category == SqlTypeCategory.DateTime) return true;
        if (f.Category == SqlTypeCategory.Time && t.Category == SqlTypeCategory.Time) return true;
        if (f.Category == SqlTypeCategory.Json && t.Category == SqlTypeCategory.Json) return true;
        return f.BaseName == "jsonb" && (IsNumber(t) || t.BaseName == "boolean");
    }

    internal static bool CastCanFail(SqlType from, SqlType to)
    {
        if (IsSafeWidening(from, to)) return false;
        if (!to.IsArray && to.Category == SqlTypeCategory.String && to.Length is null) return false;
        if (from.IsArray != to.IsArray) return true;
        var f = from.Element;
        var t = to.Element;
        if (t.Category == SqlTypeCategory.String && t.Length is null) return false;
        if (f.Category == SqlTypeCategory.Integer && t.Category == SqlTypeCategory.Float) return false;
        if (f.Category == SqlTypeCategory.DateTime && t.Category == SqlTypeCategory.DateTime) return false;
        if (f.Category == SqlTypeCategory.Time && t.Category == SqlTypeCategory.Time) return false;
        if (f.BaseName == "jsonb" && t.BaseName == "json") return false;
        return true;
    }

    private static bool IsNumber(SqlType type) =>
        type.Category is SqlTypeCategory.Integer or SqlTypeCategory.Decimal or SqlTypeCategory.Float;

    private static bool NumericHolds(SqlType target, int integerDigits)
    {
        if (target.BaseName != "numeric") return false;
        if (target.Length is null) return true;
        return target.Length.Value - (target.Scale ?? 0) >= integerDigits;
    }
}
