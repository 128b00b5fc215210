using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using ElizaGen.Generators.Tests.Infrastructure;
using ElizaGen.Runtime.Migrations;
using ElizaGen.Schema;
using ElizaGen.Schema.Sql;
using ElizaGen.Testing;
using Microsoft.CodeAnalysis;
using Npgsql;

namespace ElizaGen.Reliability.Tests.Hostile;

/// <summary>
/// Hostile values in every attribute argument that becomes a name or an SQL expression: quotes, ';', dollar quotes,
/// comment markers, backslashes, line breaks, NUL, over-long names, mixed case, reserved words. Each one either
/// stops the build with an ElizaGen error, or compiles into DDL that — applied through CreateSql and through the
/// migrator to a fresh database — creates exactly the declared objects with exactly the declared names, and touches
/// nothing else (a canary table keeps its row; no other table, function, trigger or schema appears).
/// </summary>
public sealed class HostileSchemaTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    // The last one, a line break, is refused in the plugin name only (the journal and logs show it); SQL names may hold it.
    private static readonly string[] RefusedNameValues = ["a\0b", new string('n', 200), new string('é', 32), "", "a\nb"];

    private static readonly string[] RefusedExpressionValues =
    [
        "'a'; DROP TABLE canary",
        "0); DROP TABLE canary; --",
        "'a' -- comment",
        "'a' /* comment */",
        "1 */",
        "'unterminated",
        "\"unterminated",
        "$$unterminated",
        "$tag$x$$",
        "(1",
        "true) OR (false",
        "'a\\'; DROP TABLE canary; --'",
        "'a\0b'",
    ];

    /// <summary>Values that must be kept as they are, as names (each argument gets the value plus its own tag).</summary>
    private static readonly string[] QuotedNameValues =
    [
        "x\"; DROP TABLE canary; --",
        "x'; DROP TABLE canary; --",
        "$$; DROP TABLE canary; $$",
        "/* c */ -- c */",
        "a\\'; DROP TABLE canary; --",
        "MiXeD CaSe",
        "x\n}} class Evil {} //",
        "x\r\n/// <summary>",
        "{0}%s\t",
        "ünï 🐘",
        "  ",
    ];

    // Theory data carry indexes: test names with NUL or line breaks do not survive every test runner.
    public static readonly TheoryData<int> QuotedNamePayloads = new(Enumerable.Range(0, QuotedNameValues.Length));

    /// <summary>Names PostgreSQL refuses or would cut: each is an ElizaGen error in whichever argument it is.</summary>
    public static readonly TheoryData<string, int> RefusedNames = BuildRefusedNames();

    /// <summary>Expressions that would not stay one expression in the DDL.</summary>
    public static readonly TheoryData<string, int> RefusedExpressions = BuildRefusedExpressions();

    /// <summary>Literals that look hostile but are one closed literal each, and what they store.</summary>
    public static readonly TheoryData<string, string> AcceptedLiterals = new()
    {
        { "'it''s; -- /* fine */'", "it's; -- /* fine */" },
        { "$$a; DROP TABLE canary; --$$", "a; DROP TABLE canary; --" },
        { "$q$it's $$ fine; --$q$", "it's $$ fine; --" },
        { "E'a\\'; DROP TABLE canary; --'", "a'; DROP TABLE canary; --" },
        { "'a' || ';' || '--' || '/*'", "a;--/*" },
    };

    [Theory]
    [MemberData(nameof(QuotedNamePayloads))]
    public async Task A_hostile_name_in_every_argument_is_quoted_and_creates_exactly_the_declared_objects(int index)
    {
        var payload = QuotedNameValues[index];
        var plugin = new HostilePlugin(tag => tag switch
        {
            "plugin" => payload.Any(char.IsControl) ? null : "@acme/" + payload,
            "ref_table" or "ref_column" or "idx3_column" => null,
            _ => payload + "_" + tag,
        });
        await AssertCreatesExactlyAsync(plugin);
    }

    [Fact]
    public async Task Reserved_words_as_names_are_quoted()
    {
        var words = new Dictionary<string, string>
        {
            ["plugin"] = "select", ["schema"] = "user", ["enum"] = "case", ["label1"] = "null", ["label2"] = "true",
            ["t1"] = "table", ["old_t1"] = "drop", ["idx1"] = "index", ["idx2"] = "check", ["uq"] = "unique", ["ck"] = "constraint",
            ["c_id"] = "select", ["c_title"] = "from", ["c_mood"] = "where", ["c_emb"] = "limit", ["vidx"] = "default",
            ["c_note"] = "group", ["old_note"] = "delete", ["t2"] = "order", ["idx3"] = "primary", ["c_parent"] = "user",
            ["fk1"] = "references", ["fk2"] = "foreign",
        };
        await AssertCreatesExactlyAsync(new HostilePlugin(tag => words.GetValueOrDefault(tag)));
    }

    [Fact]
    public async Task Names_of_exactly_63_bytes_are_kept_whole()
    {
        // 63 bytes of UTF-8, the longest name PostgreSQL keeps, with a two-byte character at the end.
        static string? Long(string tag) => tag is "ref_table" or "ref_column" or "idx3_column" ? null : tag + new string('x', 61 - tag.Length) + "é";
        await AssertCreatesExactlyAsync(new HostilePlugin(Long));
    }

    [Theory]
    [MemberData(nameof(RefusedNames))]
    public void A_name_postgresql_cannot_keep_is_an_elizagen_error_in_every_argument(string tag, int index)
    {
        var value = RefusedNameValues[index];
        var plugin = new HostilePlugin(t => t == tag ? value : null);
        var run = Generate(plugin);
        var errors = run.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count > 0, $"No error for {Describe(value)} as {tag}.");
        Assert.DoesNotContain(errors, d => d.Id == "EG9999");
        // An error fails the build, at the declaration: no DDL of this plugin can run.
        Assert.All(errors, d => Assert.StartsWith("EG", d.Id, StringComparison.Ordinal));
        Assert.All(errors, d => Assert.Equal("Hostile.cs", d.Location.GetLineSpan().Path));
    }

    [Theory]
    [MemberData(nameof(RefusedExpressions))]
    public void An_expression_that_would_not_stay_one_expression_is_error_EG0028(string tag, int index)
    {
        var expression = RefusedExpressionValues[index];
        var run = Generate(new HostilePlugin(_ => null).WithExpression(tag, expression));
        var error = Assert.Single(run.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("EG0028", error.Id);
        Assert.Equal("Hostile.cs", error.Location.GetLineSpan().Path);
    }

    [Theory]
    [MemberData(nameof(AcceptedLiterals))]
    public async Task A_closed_literal_that_holds_hostile_text_is_kept_as_one_value(string literal, string stored)
    {
        var plugin = new HostilePlugin(_ => null)
            .WithExpression("default", literal)
            .WithExpression("check", "length(\"c_title\") >= 0 AND " + literal + " IS NOT NULL")
            .WithExpression("index_expression", "\"c_title\" || " + literal)
            .WithExpression("where", "\"c_note\" IS DISTINCT FROM " + literal);
        await AssertCreatesExactlyAsync(plugin, expectedTitle: stored);
    }

    private async Task AssertCreatesExactlyAsync(HostilePlugin plugin, string? expectedTitle = null)
    {
        var run = Generate(plugin);
        Assert.Empty(run.Diagnostics);
        var problems = run.CompilationProblems;
        Assert.True(problems.Count == 0, string.Join("\n", problems));

        var context = new AssemblyLoadContext("hostile", isCollectible: true);
        try
        {
            var schema = LoadPlugin(run, context);
            Assert.Equal(plugin["plugin"], schema.Name);
            Assert.Equal(plugin["schema"], schema.SchemaName);

            await using var database = await postgres.CreateDatabaseAsync();
            await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
            await using var connection = await dataSource.OpenConnectionAsync();
            await Execute(connection, "CREATE TABLE public.canary (id int); INSERT INTO public.canary VALUES (1)");
            var before = await CatalogInventory.ReadAsync(connection);
            var expected = Expected(plugin);

            // 1. The compiled CreateSql, in a transaction that is rolled back.
            await using (var transaction = await connection.BeginTransactionAsync())
            {
                await Execute(connection, schema.CreateSql, transaction);
                var afterCreate = await CatalogInventory.ReadAsync(connection, transaction);
                Assert.Equal(expected, CatalogInventory.Added(before, afterCreate));
                Assert.Empty(CatalogInventory.Removed(before, afterCreate));
                await transaction.RollbackAsync();
            }

            // 2. The migrator.
            var report = await new Migrator(dataSource).MigrateAsync(schema);
            Assert.Equal(MigrationOutcome.Applied, report[schema.Name].Outcome);
            var after = await CatalogInventory.ReadAsync(connection);
            Assert.Equal(expected, CatalogInventory.Added(before, after, "migrations"));
            Assert.Empty(CatalogInventory.Removed(before, after));
            Assert.Equal(1L, await Scalar<long>(connection, "SELECT count(*) FROM public.canary"));
            Assert.Equal(plugin["plugin"], await Scalar<string>(connection, "SELECT plugin_name FROM migrations._migrations"));

            // The defaults store exactly the declared values; a second migration plans nothing.
            var table = SqlText.QualifiedName(plugin["schema"], plugin["t1"]);
            await using (var insert = new NpgsqlCommand(
                $"INSERT INTO {table} ({SqlText.QuoteIdentifier(plugin["c_id"])}) VALUES (gen_random_uuid()) " +
                $"RETURNING {SqlText.QuoteIdentifier(plugin["c_title"])}, {SqlText.QuoteIdentifier(plugin["c_mood"])}::text", connection))
            await using (var reader = await insert.ExecuteReaderAsync())
            {
                Assert.True(await reader.ReadAsync());
                Assert.Equal(expectedTitle ?? plugin.TitleValue, reader.GetString(0));
                Assert.Equal(plugin["label1"], reader.GetString(1));
            }
            var second = await new Migrator(dataSource).MigrateAsync(schema);
            Assert.Equal(MigrationOutcome.NoChanges, second[schema.Name].Outcome);
        }
        finally
        {
            context.Unload();
        }
    }

    /// <summary>The catalog entries the plugin must add, built from the names the case gave (not from the generator's output).</summary>
    private static SortedSet<string> Expected(HostilePlugin p)
    {
        var s = p["schema"];
        string Relation(string name, char kind) => $"relation|{s}|{name}|{kind}";
        string Column(string table, string name) => $"column|{s}|{table}|{name}";
        string Constraint(string table, string name, char kind) => $"constraint|{s}|{table}|{name}|{kind}";
        var t1Key = SqlText.ImplicitObjectName(p["t1"], null, "pkey");
        var t2Key = SqlText.ImplicitObjectName(p["t2"], null, "pkey");
        return new SortedSet<string>(StringComparer.Ordinal)
        {
            "schema|" + s,
            Relation(p["t1"], 'r'), Relation(p["t2"], 'r'),
            Relation(p["idx1"], 'i'), Relation(p["idx2"], 'i'), Relation(p["vidx"], 'i'), Relation(p["uq"], 'i'), Relation(p["idx3"], 'i'),
            Relation(t1Key, 'i'), Relation(t2Key, 'i'),
            Column(p["t1"], p["c_id"]), Column(p["t1"], p["c_title"]), Column(p["t1"], p["c_mood"]), Column(p["t1"], p["c_emb"]), Column(p["t1"], p["c_note"]),
            Column(p["t2"], "id"), Column(p["t2"], p["c_parent"]), Column(p["t2"], "other_id"),
            Constraint(p["t1"], t1Key, 'p'), Constraint(p["t1"], p["uq"], 'u'), Constraint(p["t1"], p["ck"], 'c'),
            Constraint(p["t2"], t2Key, 'p'), Constraint(p["t2"], p["fk1"], 'f'), Constraint(p["t2"], p["fk2"], 'f'),
            $"enum|{s}|{p["enum"]}|{p["label1"]}|{p["label2"]}",
        };
    }

    private static GeneratorRun Generate(HostilePlugin plugin)
        => TestCompilation.Run(TestCompilation.Create("Hostile.Plugin", ("Hostile.cs", plugin.Source())));

    private static PluginSchema LoadPlugin(GeneratorRun run, AssemblyLoadContext context)
    {
        using var image = new MemoryStream();
        var emitted = run.Output.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        image.Position = 0;
        var assembly = context.LoadFromStream(image);
        return (PluginSchema)assembly.GetType("Hostile.HostileSchema")!.GetProperty("Plugin", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, NpgsqlTransaction? transaction = null)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<T> Scalar<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static string Describe(string value)
    {
        var text = new StringBuilder();
        foreach (var c in value.Length > 20 ? value[..20] + "…(" + value.Length + ")" : value) text.Append(c == '\0' ? "\\0" : c.ToString());
        return "\"" + text + "\"";
    }

    private static TheoryData<string, int> BuildRefusedNames()
    {
        var data = new TheoryData<string, int>();
        foreach (var tag in HostilePlugin.NameTags)
        {
            for (var i = 0; i < RefusedNameValues.Length; i++)
            {
                // A plugin name is not an SQL name: it may be long, but not empty nor hold control characters.
                var value = RefusedNameValues[i];
                if (tag == "plugin" ? value.Length > 3 : value.Contains('\n')) continue;
                data.Add(tag, i);
            }
        }
        return data;
    }

    private static TheoryData<string, int> BuildRefusedExpressions()
    {
        var data = new TheoryData<string, int>();
        foreach (var tag in HostilePlugin.ExpressionTags)
        {
            for (var i = 0; i < RefusedExpressionValues.Length; i++) data.Add(tag, i);
        }
        return data;
    }
}
