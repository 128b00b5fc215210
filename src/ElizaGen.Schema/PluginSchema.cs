using System;
using ElizaGen.Schema.Ddl;
using ElizaGen.Schema.Diff;
using ElizaGen.Schema.Snapshots;

namespace ElizaGen.Schema;

/// <summary>
/// Everything the migrator needs to know about one plugin's schema: its snapshot, the snapshot's canonical JSON
/// and hash, the DDL that creates it from nothing, the renames it declares and the plugins it depends on. The
/// source generator emits one per plugin assembly (computed at compile time with this library's own code).
/// </summary>
public sealed class PluginSchema
{
    /// <summary>Creates the description; the generator calls this with values it computed at compile time.</summary>
    /// <param name="name">The plugin's name (<c>@acme/plugin-notes</c>).</param>
    /// <param name="schemaName">The PostgreSQL schema of its tables.</param>
    /// <param name="snapshot">The declared schema.</param>
    /// <param name="canonicalJson">The snapshot's canonical JSON.</param>
    /// <param name="hash">Lowercase hex SHA-256 of <paramref name="canonicalJson"/>.</param>
    /// <param name="createSql">The DDL that creates the snapshot in an empty database.</param>
    /// <param name="renames">Tables and columns declared as renamed (<c>[RenamedFrom]</c>).</param>
    /// <param name="dependencies">Names of the other plugins whose tables this one references, sorted.</param>
    /// <param name="extensions">PostgreSQL extensions the plugin asks for beyond those its columns imply.</param>
    public PluginSchema(
        string name,
        string schemaName,
        SchemaSnapshot snapshot,
        string canonicalJson,
        string hash,
        string createSql,
        RenameHints renames,
        EquatableArray<string> dependencies,
        EquatableArray<string> extensions = default)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        SchemaName = schemaName ?? throw new ArgumentNullException(nameof(schemaName));
        Snapshot = snapshot ?? throw new ArgumentNullException(nameof(snapshot));
        CanonicalJson = canonicalJson ?? throw new ArgumentNullException(nameof(canonicalJson));
        Hash = hash ?? throw new ArgumentNullException(nameof(hash));
        CreateSql = createSql ?? throw new ArgumentNullException(nameof(createSql));
        Renames = renames ?? throw new ArgumentNullException(nameof(renames));
        Dependencies = dependencies;
        Extensions = extensions;
    }

    /// <summary>
    /// Describes a schema built at run time (a tool, a test, a snapshot read from a file): computes the canonical
    /// JSON, the hash and the DDL that the generator computes at compile time for a declared plugin.
    /// </summary>
    /// <param name="name">The plugin's name.</param>
    /// <param name="schemaName">The PostgreSQL schema of its tables.</param>
    /// <param name="snapshot">The schema.</param>
    /// <param name="renames">Tables and columns renamed since the previous version; none when null.</param>
    /// <param name="dependencies">Names of the other plugins whose tables this one references.</param>
    /// <param name="extensions">PostgreSQL extensions beyond those its columns imply.</param>
    public static PluginSchema FromSnapshot(
        string name,
        string schemaName,
        SchemaSnapshot snapshot,
        RenameHints? renames = null,
        EquatableArray<string> dependencies = default,
        EquatableArray<string> extensions = default)
    {
        if (snapshot is null) throw new ArgumentNullException(nameof(snapshot));
        return new PluginSchema(
            name, schemaName, snapshot, SnapshotJsonWriter.WriteCanonical(snapshot), SnapshotHash.Compute(snapshot),
            DdlWriter.CreateSql(snapshot), renames ?? RenameHints.None, dependencies, extensions);
    }

    /// <summary>The plugin's name, as the migration journal records it.</summary>
    public string Name { get; }

    /// <summary>The PostgreSQL schema of the plugin's tables (<c>public</c> for <c>@elizaos/plugin-sql</c>).</summary>
    public string SchemaName { get; }

    /// <summary>The declared schema.</summary>
    public SchemaSnapshot Snapshot { get; }

    /// <summary>The snapshot's canonical JSON (what the journal stores and the hash is taken of).</summary>
    public string CanonicalJson { get; }

    /// <summary>Lowercase hex SHA-256 of <see cref="CanonicalJson"/>.</summary>
    public string Hash { get; }

    /// <summary>The DDL that creates the whole snapshot in an empty database.</summary>
    public string CreateSql { get; }

    /// <summary>Tables and columns declared as renamed, for the differ.</summary>
    public RenameHints Renames { get; }

    /// <summary>Names of the other plugins whose tables this plugin's foreign keys reference, sorted; migrate them first.</summary>
    public EquatableArray<string> Dependencies { get; }

    /// <summary>
    /// PostgreSQL extensions the plugin asks for (<c>[assembly: ElizaPlugin(…, Extensions = …)]</c>), besides
    /// <c>vector</c>, which vector columns imply.
    /// </summary>
    public EquatableArray<string> Extensions { get; }

    /// <inheritdoc />
    public override string ToString() => Name + " (" + SchemaName + ", " + Hash + ")";
}
