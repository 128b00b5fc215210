using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ElizaGen.Schema.Snapshots;

namespace ElizaGen.Schema.Tests.Snapshots;

public sealed class SnapshotHashTests
{
    /// <summary>
    /// The hash of <see cref="FixedSnapshot"/>. It was cross-checked outside .NET: Node's
    /// <c>crypto.createHash('sha256')</c> over the same canonical text gives the same digest, and
    /// <c>JSON.stringify(JSON.parse(text))</c> gives the text back unchanged. If this test fails, the canonical
    /// form changed: every journal's recorded hash changes with it, so do it on purpose only.
    /// </summary>
    private const string FixedSnapshotHash = "1f89bfae7e44f4195c192abab50ac7ad902c6f47e3e0aa4789af8f914240b699";

    [Fact]
    public void Hash_of_a_fixed_snapshot_is_the_committed_constant()
    {
        Assert.Equal(FixedSnapshotHash, SnapshotHash.Compute(FixedSnapshot()));
    }

    [Fact]
    public void Hash_is_lowercase_hex_SHA256_of_the_UTF8_canonical_json()
    {
        var snapshot = FixedSnapshot();
        var expected = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(SnapshotJsonWriter.WriteCanonical(snapshot)))).ToLowerInvariant();

        var hash = SnapshotHash.Compute(snapshot);

        Assert.Equal(expected, hash);
        Assert.Matches("^[0-9a-f]{64}$", hash);
    }

    [Fact]
    public void Hash_and_json_do_not_depend_on_the_current_culture()
    {
        var snapshot = FixedSnapshot();
        var original = CultureInfo.CurrentCulture;
        var originalUi = CultureInfo.CurrentUICulture;
        string jsonTurkish, hashTurkish;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("tr-TR");
            CultureInfo.CurrentUICulture = new CultureInfo("tr-TR");
            jsonTurkish = SnapshotJsonWriter.WriteCanonical(snapshot);
            hashTurkish = SnapshotHash.Compute(snapshot);
        }
        finally
        {
            CultureInfo.CurrentCulture = original;
            CultureInfo.CurrentUICulture = originalUi;
        }

        Assert.Equal(SnapshotJsonWriter.WriteCanonical(snapshot), jsonTurkish);
        Assert.Equal(FixedSnapshotHash, hashTurkish);
    }

    [Fact]
    public void Any_change_to_the_schema_changes_the_hash()
    {
        var baseline = SnapshotHash.Compute(FixedSnapshot());
        var table = FixedSnapshot().Tables[0];
        var changed = SchemaSnapshot.Create(new[]
        {
            table with { Columns = table.Columns.Select(c => c.Name == "title" ? c with { NotNull = false } : c).ToEquatableArray() },
        }, FixedSnapshot().Enums);

        Assert.NotEqual(baseline, SnapshotHash.Compute(changed));
    }

    [Fact]
    public void Equal_snapshots_built_in_different_orders_have_one_hash()
    {
        var a = FixedSnapshot();
        var b = SchemaSnapshot.Create(a.Tables.Reverse(), a.Enums.Reverse(), a.Schemas.Reverse());

        Assert.Equal(SnapshotHash.Compute(a), SnapshotHash.Compute(b));
    }

    /// <summary>A small snapshot touching each kind of item, with a Turkish dotted/dotless i and an escape.</summary>
    internal static SchemaSnapshot FixedSnapshot() => SchemaSnapshot.Create(
        new[]
        {
            new TableSnapshot(
                "acme_plugin_notes",
                "notes",
                new[]
                {
                    new ColumnSnapshot("id", "uuid", PrimaryKey: true, NotNull: true, Default: "gen_random_uuid()"),
                    new ColumnSnapshot("agent_id", "uuid", NotNull: true),
                    new ColumnSnapshot("title", "text", NotNull: true, Default: "'İstanbul ıı \"q\"'"),
                    new ColumnSnapshot("status", "note_status", NotNull: true, Default: "'draft'", TypeSchema: "acme_plugin_notes"),
                    new ColumnSnapshot("rank", "integer", NotNull: true, Default: "0"),
                    new ColumnSnapshot("embedding", "vector(384)"),
                },
                Indexes: new[]
                {
                    new IndexSnapshot("notes_agent_id_index", new[] { new IndexColumnSnapshot("agent_id") }),
                    new IndexSnapshot(
                        "notes_embedding_idx",
                        new[] { new IndexColumnSnapshot("embedding", Opclass: "vector_cosine_ops") },
                        Method: "hnsw",
                        With: new[] { new IndexParameter("m", "16"), new IndexParameter("ef_construction", "64") }),
                },
                ForeignKeys: new[]
                {
                    new ForeignKeySnapshot("notes_agent_id_agents_id_fk", "notes", new[] { "agent_id" }, "public", "agents", new[] { "id" }, OnDelete: "cascade"),
                },
                UniqueConstraints: new[] { new UniqueConstraintSnapshot("notes_title_unique", new[] { "title" }) },
                CheckConstraints: new[] { new CheckConstraintSnapshot("notes_rank_check", "\"rank\" >= 0") }),
        },
        new[] { new EnumSnapshot("acme_plugin_notes", "note_status", new[] { "draft", "done" }) });
}
