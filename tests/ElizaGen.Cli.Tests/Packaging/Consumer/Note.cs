using ElizaGen;

[assembly: ElizaPlugin("@pack-test/plugin-notes")]

namespace Consumer;

[Table("notes")]
public sealed partial record Note(
    [property: PrimaryKey, Default("gen_random_uuid()")] Guid Id,
    string Title,
    string? Body);
