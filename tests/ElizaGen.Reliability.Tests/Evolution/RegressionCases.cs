using ElizaGen.Runtime.Snapshots;
using ElizaGen.Schema;
using ElizaGen.Schema.Diff;

namespace ElizaGen.Reliability.Tests.Evolution;

/// <summary>A shrunk failure the random suite found, kept as a fixed case, with how it must now end.</summary>
internal sealed record RegressionCase(EvolutionCase Case, string ExpectedCategory);

/// <summary>
/// Every failure the random suite found, shrunk and kept (snapshots in the canonical JSON the failure message
/// prints), so that a fixed bug stays fixed whatever the generator draws later.
/// </summary>
internal static class RegressionCases
{
    private const string EnumOnly = """{"version":"7","dialect":"postgresql","tables":{},"enums":{"evo.e2":{"name":"e2","schema":"evo","values":["it's","c","draft"]}},"schemas":{"evo":"evo"},"sequences":{},"roles":{},"policies":{},"views":{},"_meta":{"columns":{},"schemas":{},"tables":{}}}""";

    private const string EnumDefaultInOtherSchema = """{"version":"7","dialect":"postgresql","tables":{"evo_b.t17":{"name":"t17","schema":"evo_b","columns":{"c25":{"name":"c25","type":"e1","typeSchema":"evo","primaryKey":false,"notNull":false,"default":"'Z'"}},"indexes":{},"foreignKeys":{},"compositePrimaryKeys":{},"uniqueConstraints":{},"policies":{},"checkConstraints":{},"isRLSEnabled":false}},"enums":{"evo.e1":{"name":"e1","schema":"evo","values":["draft","Z"]}},"schemas":{"evo":"evo","evo_b":"evo_b"},"sequences":{},"roles":{},"policies":{},"views":{},"_meta":{"columns":{},"schemas":{},"tables":{}}}""";

    private const string TwoFlaggedKeyColumns = """{"version":"7","dialect":"postgresql","tables":{"evo.t4":{"name":"t4","schema":"evo","columns":{"c16":{"name":"c16","type":"uuid","primaryKey":true,"notNull":true},"c6":{"name":"c6","type":"timestamptz","primaryKey":true,"notNull":true}},"indexes":{},"foreignKeys":{},"compositePrimaryKeys":{},"uniqueConstraints":{},"policies":{},"checkConstraints":{},"isRLSEnabled":false}},"enums":{},"schemas":{"evo":"evo"},"sequences":{},"roles":{},"policies":{},"views":{},"_meta":{"columns":{},"schemas":{},"tables":{}}}""";

    public static IReadOnlyList<RegressionCase> All { get; } =
    [
        // SqlTypes.UsingExpression cast timestamptz straight to vector(3), a cast PostgreSQL does not have: the plan
        // failed even on an empty table. Now the value goes through text.
        Case("type change without a cast between the types (seed 20261185783391)", "blocked, then forced: applied",
            before: """{"version":"7","dialect":"postgresql","tables":{"evo.t24":{"name":"t24","schema":"evo","columns":{"c26":{"name":"c26","type":"timestamp with time zone","primaryKey":false,"notNull":true}},"indexes":{},"foreignKeys":{},"compositePrimaryKeys":{},"uniqueConstraints":{},"policies":{},"checkConstraints":{},"isRLSEnabled":false}},"enums":{},"schemas":{"evo":"evo"},"sequences":{},"roles":{},"policies":{},"views":{},"_meta":{"columns":{},"schemas":{},"tables":{}}}""",
            after: """{"version":"7","dialect":"postgresql","tables":{"evo.t24":{"name":"t24","schema":"evo","columns":{"c26":{"name":"c26","type":"vector(3)","primaryKey":false,"notNull":false}},"indexes":{},"foreignKeys":{},"compositePrimaryKeys":{},"uniqueConstraints":{},"policies":{},"checkConstraints":{},"isRLSEnabled":false}},"enums":{},"schemas":{"evo":"evo"},"sequences":{},"roles":{},"policies":{},"views":{},"_meta":{"columns":{},"schemas":{},"tables":{}}}"""),

        // The introspector read only the enums that columns use: the journal's unused enum and its schema showed as
        // drift (DROP TYPE, DROP SCHEMA) right after migrating.
        Case("an enum no column uses is no drift (seed 20261185783378)", "nochanges",
            before: EnumOnly,
            after: EnumOnly),

        // Adoption compared tables only: an existing enum no column uses kept its old values.
        Case("adoption gives an unused enum its declared values (seed 20261185783482)", "applied", adoptBefore: true,
            before: """{"version":"7","dialect":"postgresql","tables":{"evo.t3":{"name":"t3","schema":"evo","columns":{},"indexes":{},"foreignKeys":{},"compositePrimaryKeys":{},"uniqueConstraints":{},"policies":{},"checkConstraints":{},"isRLSEnabled":false}},"enums":{"evo.e1":{"name":"e1","schema":"evo","values":["done","it's"]}},"schemas":{"evo":"evo"},"sequences":{},"roles":{},"policies":{},"views":{},"_meta":{"columns":{},"schemas":{},"tables":{}}}""",
            after: """{"version":"7","dialect":"postgresql","tables":{"evo.t3":{"name":"t3","schema":"evo","columns":{},"indexes":{},"foreignKeys":{},"compositePrimaryKeys":{},"uniqueConstraints":{},"policies":{},"checkConstraints":{},"isRLSEnabled":false}},"enums":{"evo.e1":{"name":"e1","schema":"evo","values":["it's"]}},"schemas":{"evo":"evo"},"sequences":{},"roles":{},"policies":{},"views":{},"_meta":{"columns":{},"schemas":{},"tables":{}}}"""),

        // The canonical form of a declared enum default kept the scratch schema it was created in
        // ('Z'::elizagen_scratch_…_1.e1): adoption planned a SET DEFAULT naming a schema that no longer existed.
        Case("adopting an enum default from another schema (seed 20261185783402)", "nochanges", adoptBefore: true,
            before: EnumDefaultInOtherSchema,
            after: EnumDefaultInOtherSchema),

        // The same, seen as drift right after migrating: SET DEFAULT 'it''s'::evo.e1.
        Case("an enum default is no drift (seed 20261185783378)", "applied",
            before: """{"version":"7","dialect":"postgresql","tables":{},"enums":{"evo.e1":{"name":"e1","schema":"evo","values":["b","it's","a","draft"]}},"schemas":{"evo":"evo"},"sequences":{},"roles":{},"policies":{},"views":{},"_meta":{"columns":{},"schemas":{},"tables":{}}}""",
            after: """{"version":"7","dialect":"postgresql","tables":{"evo.t69":{"name":"t69","schema":"evo","columns":{"c40":{"name":"c40","type":"e1","typeSchema":"evo","primaryKey":false,"notNull":true,"default":"'it''s'"}},"indexes":{},"foreignKeys":{},"compositePrimaryKeys":{},"uniqueConstraints":{},"policies":{},"checkConstraints":{},"isRLSEnabled":false}},"enums":{"evo.e1":{"name":"e1","schema":"evo","values":["b","it's","a","draft"]}},"schemas":{"evo":"evo"},"sequences":{},"roles":{},"policies":{},"views":{},"_meta":{"columns":{},"schemas":{},"tables":{}}}"""),

        // CREATE TABLE silently left out a UNIQUE over the primary key's column; the next plan dropped it and failed.
        Case("a unique constraint that repeats the primary key (seed 20261185783507)", "applied",
            before: """{"version":"7","dialect":"postgresql","tables":{"evo.t14":{"name":"t14","schema":"evo","columns":{"c16":{"name":"c16","type":"uuid","primaryKey":false,"notNull":false,"default":"gen_random_uuid()"}},"indexes":{},"foreignKeys":{},"compositePrimaryKeys":{"pk17":{"name":"pk17","columns":["c16"]}},"uniqueConstraints":{"uq18":{"name":"uq18","columns":["c16"],"nullsNotDistinct":false}},"policies":{},"checkConstraints":{},"isRLSEnabled":false}},"enums":{},"schemas":{"evo":"evo"},"sequences":{},"roles":{},"policies":{},"views":{},"_meta":{"columns":{},"schemas":{},"tables":{}}}""",
            after: """{"version":"7","dialect":"postgresql","tables":{"evo.t14":{"name":"t14","schema":"evo","columns":{"c16":{"name":"c16","type":"uuid","primaryKey":false,"notNull":false,"default":"gen_random_uuid()"}},"indexes":{},"foreignKeys":{},"compositePrimaryKeys":{},"uniqueConstraints":{},"policies":{},"checkConstraints":{},"isRLSEnabled":false}},"enums":{},"schemas":{"evo":"evo"},"sequences":{},"roles":{},"policies":{},"views":{},"_meta":{"columns":{},"schemas":{},"tables":{}}}"""),

        // The journal's jsonb sorts columns shorter names first: a key flagged on c16 and c6 came back as (c6, c16),
        // which showed as drift and was rebuilt by the next plan.
        Case("a key flagged on two columns keeps its order through the journal (seed 20261185783384)", "nochanges",
            before: TwoFlaggedKeyColumns,
            after: TwoFlaggedKeyColumns),

        // ALTER COLUMN TYPE re-parsed the check from its old text, keeping '2000-01-01 00:00:00+00'::timestamptz
        // against a column that became timestamp: the catalog meant something else than the declared check.
        Case("a check over a retyped column is re-created (seed 20261185783426)", "blocked, then forced: applied",
            before: """{"version":"7","dialect":"postgresql","tables":{"evo.t3":{"name":"t3","schema":"evo","columns":{"c7":{"name":"c7","type":"timestamp with time zone","primaryKey":false,"notNull":true}},"indexes":{},"foreignKeys":{},"compositePrimaryKeys":{},"uniqueConstraints":{},"policies":{},"checkConstraints":{"ck14":{"name":"ck14","value":"\"c7\" >= '2000-01-01'"}},"isRLSEnabled":false}},"enums":{},"schemas":{"evo":"evo"},"sequences":{},"roles":{},"policies":{},"views":{},"_meta":{"columns":{},"schemas":{},"tables":{}}}""",
            after: """{"version":"7","dialect":"postgresql","tables":{"evo.t3":{"name":"t3","schema":"evo","columns":{"c7":{"name":"c7","type":"timestamp","primaryKey":false,"notNull":true}},"indexes":{},"foreignKeys":{},"compositePrimaryKeys":{},"uniqueConstraints":{},"policies":{},"checkConstraints":{"ck14":{"name":"ck14","value":"\"c7\" >= '2000-01-01'"}},"isRLSEnabled":false}},"enums":{},"schemas":{"evo":"evo"},"sequences":{},"roles":{},"policies":{},"views":{},"_meta":{"columns":{},"schemas":{},"tables":{}}}""",
            rows: "INSERT INTO \"evo\".\"t3\" (\"c7\") VALUES ('2001-02-03 04:05:06+00');"),

        // text[] to an enum went through text[] into a scalar enum: "cannot cast type text[] to evo.e1", whatever the rows.
        Case("an array column becoming an enum (seed 777002678)", "blocked, then forced: applied",
            before: """{"version":"7","dialect":"postgresql","tables":{"evo.t3":{"name":"t3","schema":"evo","columns":{"c7":{"name":"c7","type":"text[]","primaryKey":false,"notNull":false}},"indexes":{},"foreignKeys":{},"compositePrimaryKeys":{},"uniqueConstraints":{},"policies":{},"checkConstraints":{},"isRLSEnabled":false}},"enums":{"evo.e1":{"name":"e1","schema":"evo","values":["b","a"]}},"schemas":{"evo":"evo"},"sequences":{},"roles":{},"policies":{},"views":{},"_meta":{"columns":{},"schemas":{},"tables":{}}}""",
            after: """{"version":"7","dialect":"postgresql","tables":{"evo.t3":{"name":"t3","schema":"evo","columns":{"c7":{"name":"c7","type":"e1","typeSchema":"evo","primaryKey":false,"notNull":false}},"indexes":{},"foreignKeys":{},"compositePrimaryKeys":{},"uniqueConstraints":{},"policies":{},"checkConstraints":{},"isRLSEnabled":false}},"enums":{"evo.e1":{"name":"e1","schema":"evo","values":["b","a"]}},"schemas":{"evo":"evo"},"sequences":{},"roles":{},"policies":{},"views":{},"_meta":{"columns":{},"schemas":{},"tables":{}}}"""),

        // varchar(20) to text kept the default as ''::character varying: drift, and not what creating "after" gives.
        Case("a retyped column's default is parsed for the new type (seed 777003144)", "applied",
            before: """{"version":"7","dialect":"postgresql","tables":{"evo.t41":{"name":"t41","schema":"evo","columns":{"c45":{"name":"c45","type":"character varying(20)","primaryKey":false,"notNull":false,"default":"''"}},"indexes":{},"foreignKeys":{},"compositePrimaryKeys":{},"uniqueConstraints":{},"policies":{},"checkConstraints":{},"isRLSEnabled":false}},"enums":{},"schemas":{"evo":"evo"},"sequences":{},"roles":{},"policies":{},"views":{},"_meta":{"columns":{},"schemas":{},"tables":{}}}""",
            after: """{"version":"7","dialect":"postgresql","tables":{"evo.t41":{"name":"t41","schema":"evo","columns":{"c45":{"name":"c45","type":"text","primaryKey":false,"notNull":false,"default":"''"}},"indexes":{},"foreignKeys":{},"compositePrimaryKeys":{},"uniqueConstraints":{},"policies":{},"checkConstraints":{},"isRLSEnabled":false}},"enums":{},"schemas":{"evo":"evo"},"sequences":{},"roles":{},"policies":{},"views":{},"_meta":{"columns":{},"schemas":{},"tables":{}}}""",
            rows: "INSERT INTO \"evo\".\"t41\" DEFAULT VALUES;"),

        // bigserial to real dropped the default but kept the sequence: an object "after" does not have, and making
        // the column serial again failed on CREATE SEQUENCE of an existing name.
        Case("a column that stops being serial loses its sequence (seed 99000418)", "blocked, then forced: applied",
            before: """{"version":"7","dialect":"postgresql","tables":{"evo.t3":{"name":"t3","schema":"evo","columns":{"c5":{"name":"c5","type":"serial8","primaryKey":false,"notNull":false}},"indexes":{},"foreignKeys":{},"compositePrimaryKeys":{},"uniqueConstraints":{},"policies":{},"checkConstraints":{},"isRLSEnabled":false}},"enums":{},"schemas":{"evo":"evo"},"sequences":{},"roles":{},"policies":{},"views":{},"_meta":{"columns":{},"schemas":{},"tables":{}}}""",
            after: """{"version":"7","dialect":"postgresql","tables":{"evo.t3":{"name":"t3","schema":"evo","columns":{"c5":{"name":"c5","type":"float4","primaryKey":false,"notNull":false}},"indexes":{},"foreignKeys":{},"compositePrimaryKeys":{},"uniqueConstraints":{},"policies":{},"checkConstraints":{},"isRLSEnabled":false}},"enums":{},"schemas":{"evo":"evo"},"sequences":{},"roles":{},"policies":{},"views":{},"_meta":{"columns":{},"schemas":{},"tables":{}}}"""),

        // The type change ran before DROP EXPRESSION of the generated column computed from it: "cannot alter type of
        // a column used by a generated column".
        Case("a generated column becomes plain while its source changes type (seed 99000781)", "blocked, then forced: applied",
            before: """{"version":"7","dialect":"postgresql","tables":{"evo.t24":{"name":"t24","schema":"evo","columns":{"c26":{"name":"c26","type":"text","primaryKey":false,"notNull":false},"c28":{"name":"c28","type":"text","primaryKey":false,"notNull":false,"generated":{"as":"lower(\"c26\")","type":"stored"}}},"indexes":{},"foreignKeys":{},"compositePrimaryKeys":{},"uniqueConstraints":{},"policies":{},"checkConstraints":{},"isRLSEnabled":false}},"enums":{},"schemas":{"evo":"evo"},"sequences":{},"roles":{},"policies":{},"views":{},"_meta":{"columns":{},"schemas":{},"tables":{}}}""",
            after: """{"version":"7","dialect":"postgresql","tables":{"evo.t24":{"name":"t24","schema":"evo","columns":{"c26":{"name":"c26","type":"int4","primaryKey":false,"notNull":false},"c28":{"name":"c28","type":"text","primaryKey":false,"notNull":false}},"indexes":{},"foreignKeys":{},"compositePrimaryKeys":{},"uniqueConstraints":{},"policies":{},"checkConstraints":{},"isRLSEnabled":false}},"enums":{},"schemas":{"evo":"evo"},"sequences":{},"roles":{},"policies":{},"views":{},"_meta":{"columns":{},"schemas":{},"tables":{}}}"""),

        // A generated NOT NULL column was classified safe; a row whose source is NULL made it fail. Now a warning.
        Case("a generated NOT NULL column over a NULL source (seed 99000480)", "failed",
            before: """{"version":"7","dialect":"postgresql","tables":{"evo.t11":{"name":"t11","schema":"evo","columns":{"c15":{"name":"c15","type":"real","primaryKey":false,"notNull":false,"default":1.5},"c19":{"name":"c19","type":"timestamp","primaryKey":false,"notNull":false}},"indexes":{},"foreignKeys":{},"compositePrimaryKeys":{},"uniqueConstraints":{},"policies":{},"checkConstraints":{},"isRLSEnabled":false}},"enums":{},"schemas":{"evo":"evo"},"sequences":{},"roles":{},"policies":{},"views":{},"_meta":{"columns":{},"schemas":{},"tables":{}}}""",
            after: """{"version":"7","dialect":"postgresql","tables":{"evo.t11":{"name":"t11","schema":"evo","columns":{"c15":{"name":"c15","type":"real","primaryKey":false,"notNull":false,"default":1.5},"c19":{"name":"c19","type":"timestamp","primaryKey":false,"notNull":false},"c62":{"name":"c62","type":"double precision","primaryKey":false,"notNull":true,"generated":{"as":"\"c15\" * 2","type":"stored"}}},"indexes":{},"foreignKeys":{},"compositePrimaryKeys":{},"uniqueConstraints":{},"policies":{},"checkConstraints":{},"isRLSEnabled":false}},"enums":{},"schemas":{"evo":"evo"},"sequences":{},"roles":{},"policies":{},"views":{},"_meta":{"columns":{},"schemas":{},"tables":{}}}""",
            rows: "INSERT INTO \"evo\".\"t11\" (\"c15\", \"c19\") VALUES (46.75, NULL), (NULL, '1990-01-02 02:20:00');"),

        // The new generated column was added before its source changed type: "operator does not exist: bytea + integer".
        Case("a new generated column over a retyped source (seed 99000733)", "blocked, then forced: applied",
            before: """{"version":"7","dialect":"postgresql","tables":{"evo.t2":{"name":"t2","schema":"evo","columns":{"c8":{"name":"c8","type":"bytea","primaryKey":false,"notNull":false}},"indexes":{},"foreignKeys":{},"compositePrimaryKeys":{},"uniqueConstraints":{},"policies":{},"checkConstraints":{},"isRLSEnabled":false}},"enums":{},"schemas":{"evo":"evo"},"sequences":{},"roles":{},"policies":{},"views":{},"_meta":{"columns":{},"schemas":{},"tables":{}}}""",
            after: """{"version":"7","dialect":"postgresql","tables":{"evo.t2":{"name":"t2","schema":"evo","columns":{"c8":{"name":"c8","type":"smallint","primaryKey":false,"notNull":false},"c14":{"name":"c14","type":"int8","primaryKey":false,"notNull":true,"generated":{"as":"\"c8\" + 1","type":"stored"}}},"indexes":{},"foreignKeys":{},"compositePrimaryKeys":{},"uniqueConstraints":{},"policies":{},"checkConstraints":{},"isRLSEnabled":false}},"enums":{},"schemas":{"evo":"evo"},"sequences":{},"roles":{},"policies":{},"views":{},"_meta":{"columns":{},"schemas":{},"tables":{}}}"""),

        // A plain column became generated (its values replaced); the unique constraint over it was re-created as a
        // "safe" step and failed on the new duplicates. Now a warning.
        Case("a unique constraint re-created over a column that becomes generated (seed 20261185783510)", "blocked, then forced: failed",
            before: """{"version":"7","dialect":"postgresql","tables":{"evo.Tab 12":{"name":"Tab 12","schema":"evo","columns":{"c14":{"name":"c14","type":"double precision","primaryKey":false,"notNull":false},"c 16\"q":{"name":"c 16\"q","type":"text","primaryKey":false,"notNull":true,"default":"'it''s'"},"c18":{"name":"c18","type":"uuid","primaryKey":false,"notNull":false,"default":"gen_random_uuid()"},"c 20\"q":{"name":"c 20\"q","type":"date","primaryKey":false,"notNull":false},"c25":{"name":"c25","type":"text","primaryKey":false,"notNull":false}},"indexes":{},"foreignKeys":{},"compositePrimaryKeys":{},"uniqueConstraints":{"uq22":{"name":"uq22","columns":["c 16\"q"],"nullsNotDistinct":false}},"policies":{},"checkConstraints":{},"isRLSEnabled":false}},"enums":{},"schemas":{"evo":"evo"},"sequences":{},"roles":{},"policies":{},"views":{},"_meta":{"columns":{},"schemas":{},"tables":{}}}""",
            after: """{"version":"7","dialect":"postgresql","tables":{"evo.Tab 12":{"name":"Tab 12","schema":"evo","columns":{"c14":{"name":"c14","type":"double precision","primaryKey":false,"notNull":false},"c 16\"q":{"name":"c 16\"q","type":"text","primaryKey":false,"notNull":true,"generated":{"as":"lower(\"c25\")","type":"stored"}},"c18":{"name":"c18","type":"uuid","primaryKey":false,"notNull":false,"default":"gen_random_uuid()"},"c 20\"q":{"name":"c 20\"q","type":"date","primaryKey":false,"notNull":false},"c25":{"name":"c25","type":"text","primaryKey":false,"notNull":false}},"indexes":{},"foreignKeys":{},"compositePrimaryKeys":{},"uniqueConstraints":{"uq22":{"name":"uq22","columns":["c 16\"q"],"nullsNotDistinct":false}},"policies":{},"checkConstraints":{},"isRLSEnabled":false}},"enums":{},"schemas":{"evo":"evo"},"sequences":{},"roles":{},"policies":{},"views":{},"_meta":{"columns":{},"schemas":{},"tables":{}}}""",
            rows: """INSERT INTO "evo"."Tab 12" ("c14", "c 16""q", "c 20""q", "c25") VALUES (NULL, 'it''s', '1990-01-01', 'zz'), (56.5, 'a', NULL, 'zz');"""),
    ];

    public static IEnumerable<object[]> Names => All.Select(c => new object[] { c.Case.Name });

    public static RegressionCase Named(string name) => All.Single(c => c.Case.Name == name);

    private static RegressionCase Case(
        string name,
        string expectedCategory,
        string before,
        string after,
        string rows = "",
        bool adoptBefore = false,
        bool dryRunFirst = false,
        TableRename[]? tableRenames = null,
        ColumnRename[]? columnRenames = null) =>
        new(new EvolutionCase(
            name,
            SnapshotJsonReader.Read(before),
            SnapshotJsonReader.Read(after),
            new RenameHints(tableRenames ?? [], columnRenames ?? []),
            rows,
            adoptBefore,
            dryRunFirst), expectedCategory);
}
