using ElizaGen;

[assembly: ElizaPlugin("@elizagen/sample-notes")]

namespace ElizaGen.Tests.SamplePlugin;

/// <summary>A notebook: the parent side of the sample's one relationship.</summary>
[Table("notebooks")]
public sealed partial record Notebook(
    [property: PrimaryKey, Default("gen_random_uuid()")] Guid Id,
    string Title,
    [property: Default("now()")] DateTimeOffset CreatedAt);

/// <summary>A note in a notebook.</summary>
[Table("notes")]
[Index(nameof(NotebookId), nameof(CreatedAt))]
public sealed partial record Note(
    [property: PrimaryKey, Default("gen_random_uuid()")] Guid Id,
    [property: References(typeof(Notebook), OnDelete = ReferentialAction.Cascade)] Guid NotebookId,
    string Title,
    string? Body,
    [property: Default("now()")] DateTimeOffset CreatedAt);

/// <summary>Home of the generated <c>Plugin</c> property.</summary>
[ElizaPluginSchema]
public static partial class SampleNotesSchema;
