using ElizaGen.Cli.Diagrams;
using ElizaGen.Schema.Snapshots;

namespace ElizaGen.Cli.Tests;

public sealed class MermaidErDiagramTests
{
    private static readonly ColumnSnapshot Id = new("id", "uuid", PrimaryKey: true, NotNull: true);

    [Fact]
    public void Types_that_are_not_one_word_are_joined_and_kept_exactly_in_the_comment()
    {
        var table = new TableSnapshot("public", "prices", A<ColumnSnapshot>(Id, new("amount", "numeric(10, 2)", NotNull: true), new("ratio", "double precision")));

        var diagram = Lines(MermaidErDiagram.Write([SchemaSnapshot.Create([table])]));

        Assert.Contains("numeric(10_2) amount \"numeric(10, 2) not null\"", diagram);
        Assert.Contains("double_precision ratio \"double precision\"", diagram);
        Assert.Contains("uuid id PK", diagram);
    }

    [Fact]
    public void Composite_keys_unique_columns_and_enum_types_are_marked()
    {
        var table = new TableSnapshot("app", "members",
            A<ColumnSnapshot>(new("room_id", "uuid", NotNull: true), new("user_id", "uuid", NotNull: true), new("email", "text"), new("role", "member_role", TypeSchema: "app")),
            CompositePrimaryKeys: A(new PrimaryKeySnapshot("members_pkey", A("room_id", "user_id"))),
            UniqueConstraints: A(new UniqueConstraintSnapshot("members_email_unique", A("email"))));

        var diagram = Lines(MermaidErDiagram.Write([SchemaSnapshot.Create([table])]));

        Assert.Contains("uuid room_id PK", diagram);
        Assert.Contains("uuid user_id PK", diagram);
        Assert.Contains("text email UK", diagram);
        Assert.Contains("member_role role \"app.member_role\"", diagram);
    }

    [Fact]
    public void Relationships_follow_nullability_and_uniqueness_of_the_foreign_key_columns()
    {
        var agents = new TableSnapshot("public", "agents", A(Id));
        var memories = new TableSnapshot("public", "memories", A<ColumnSnapshot>(Id, new("agent_id", "uuid", NotNull: true), new("reviewer_id", "uuid")),
            ForeignKeys: A(
                new ForeignKeySnapshot("memories_agent_fk", "memories", A("agent_id"), "public", "agents", A("id")),
                new ForeignKeySnapshot("memories_reviewer_fk", "memories", A("reviewer_id"), "public", "agents", A("id"))));
        var settings = new TableSnapshot("public", "agent_settings", A(new ColumnSnapshot("agent_id", "uuid", PrimaryKey: true, NotNull: true)),
            ForeignKeys: A(new ForeignKeySnapshot("settings_agent_fk", "agent_settings", A("agent_id"), "public", "agents", A("id"))));

        var diagram = Lines(MermaidErDiagram.Write([SchemaSnapshot.Create([agents, memories, settings])]));

        Assert.Contains("agents ||--o{ memories : \"agent_id\"", diagram);
        Assert.Contains("agents |o--o{ memories : \"reviewer_id\"", diagram);
        Assert.Contains("agents ||--o| agent_settings : \"agent_id\"", diagram);
        Assert.Contains("uuid agent_id PK, FK", diagram);
    }

    [Fact]
    public void Tables_of_the_same_name_in_two_schemas_are_named_after_their_schema()
    {
        var first = new TableSnapshot("acme_notes", "items", A(Id));
        var second = new TableSnapshot("acme_tasks", "items", A<ColumnSnapshot>(Id, new("note_id", "uuid")),
            ForeignKeys: A(new ForeignKeySnapshot("items_note_fk", "items", A("note_id"), "acme_notes", "items", A("id"))));
        var other = new TableSnapshot("acme_tasks", "labels", A(Id));

        var diagram = Lines(MermaidErDiagram.Write([SchemaSnapshot.Create([first]), SchemaSnapshot.Create([second, other])]));

        Assert.Contains("acme_notes_items {", diagram);
        Assert.Contains("acme_tasks_items {", diagram);
        Assert.Contains("labels {", diagram);
        Assert.Contains("acme_notes_items |o--o{ acme_tasks_items : \"note_id\"", diagram);
    }

    [Theory]
    [InlineData("text", "text")]
    [InlineData("timestamp with time zone", "timestamp_with_time_zone")]
    [InlineData("vector(384)", "vector(384)")]
    [InlineData("text[]", "text[]")]
    [InlineData("2fa", "_2fa")]
    [InlineData("naïve", "na_ve")]
    public void Words_keep_what_mermaid_accepts(string value, string word) => Assert.Equal(word, MermaidErDiagram.Word(value));

    private static T[] A<T>(params T[] items) => items;

    private static string[] Lines(string diagram) => diagram.Split('\n').Select(l => l.Trim()).ToArray();
}
