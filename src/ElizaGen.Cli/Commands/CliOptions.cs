using System.CommandLine;

namespace ElizaGen.Cli.Commands;

/// <summary>The options several commands share.</summary>
internal static class CliOptions
{
    public static Option<string[]> Assembly() => new("--assembly", "-a")
    {
        Description = "A plugin's built DLL whose public static PluginSchema properties are read (repeatable).",
        HelpName = "path.dll",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public static Option<bool> NoCore() => new("--no-core")
    {
        Description = "Leave out the built-in ElizaOS core schema (@elizaos/plugin-sql): work on the --assembly plugins only.",
    };

    public static Option<string?> Connection() => new("--connection", "-c")
    {
        Description = "The PostgreSQL server: a postgres:// URL or an Npgsql connection string. Default: POSTGRES_URL, then DATABASE_URL, then the embedded server (ELIZA_DATA_DIR).",
        HelpName = "url",
    };

    public static Option<bool> Json() => new("--json")
    {
        Description = "Write one JSON document to stdout instead of tables (for scripts).",
    };
}
