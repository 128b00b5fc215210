namespace ElizaGen.Cli;

/// <summary>An error the user can fix; its message is printed as one line on stderr.</summary>
internal sealed class CliException(string message, Exception? inner = null) : Exception(message, inner);
