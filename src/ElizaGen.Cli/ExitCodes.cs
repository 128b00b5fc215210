namespace ElizaGen.Cli;

/// <summary>The process exit codes scripts can rely on.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>An error: bad arguments, a plugin assembly that cannot be read, an unreachable server, a failed migration.</summary>
    public const int Error = 1;

    /// <summary>Destructive steps: <c>check</c> found some, or <c>migrate</c> was blocked by them (nothing changed).</summary>
    public const int Destructive = 2;

    /// <summary>Interrupted (SIGINT / Ctrl+C); a running migration was rolled back.</summary>
    public const int Interrupted = 130;
}
