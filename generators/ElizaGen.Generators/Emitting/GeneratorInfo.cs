namespace ElizaGen.Generators.Emitting;

/// <summary>The generator's name and version, written into [GeneratedCode] (fixed text, so output is deterministic).</summary>
internal static class GeneratorInfo
{
    public const string Version = "0.1.0";
}
