namespace ElizaGen.Generators.Parsing;

/// <summary>Metadata names of the ElizaGen attributes (declared in ElizaGen.Schema, namespace ElizaGen).</summary>
internal static class AttributeNames
{
    public const string Plugin = "ElizaGen.ElizaPluginAttribute";
    public const string PluginSchema = "ElizaGen.ElizaPluginSchemaAttribute";
    public const string Table = "ElizaGen.TableAttribute";
    public const string Column = "ElizaGen.ColumnAttribute";
    public const string PrimaryKey = "ElizaGen.PrimaryKeyAttribute";
    public const string Default = "ElizaGen.DefaultAttribute";
    public const string Unique = "ElizaGen.UniqueAttribute";
    public const string Check = "ElizaGen.CheckAttribute";
    public const string References = "ElizaGen.ReferencesAttribute";
    public const string Index = "ElizaGen.IndexAttribute";
    public const string Vector = "ElizaGen.VectorAttribute";
    public const string VectorIndex = "ElizaGen.VectorIndexAttribute";
    public const string Jsonb = "ElizaGen.JsonbAttribute";
    public const string PgEnum = "ElizaGen.PgEnumAttribute";
    public const string PgLabel = "ElizaGen.PgLabelAttribute";
    public const string RenamedFrom = "ElizaGen.RenamedFromAttribute";

    public const string PgvectorVector = "Pgvector.Vector";
    public const string PgvectorHalfVector = "Pgvector.HalfVector";
    public const string JsonElement = "System.Text.Json.JsonElement";
    public const string JsonDocument = "System.Text.Json.JsonDocument";
}
