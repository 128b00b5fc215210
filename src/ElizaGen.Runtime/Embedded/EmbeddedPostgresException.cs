namespace ElizaGen.Runtime.Embedded;

/// <summary>The embedded PostgreSQL server could not be found, set up, started or stopped. The message says how to fix it.</summary>
public sealed class EmbeddedPostgresException : Exception
{
    /// <summary>Creates the exception with a message that names the cause and the fix.</summary>
    public EmbeddedPostgresException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message that names the cause and the fix, and the underlying error.</summary>
    public EmbeddedPostgresException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal static EmbeddedPostgresException NotWritable(string path, string user, Exception inner) =>
        new($"The data folder {path} is not writable by user '{user}' ({inner.Message}). Choose a folder that " +
            $"'{user}' can write (set ELIZA_DATA_DIR, or EmbeddedPostgresOptions.DataDirectory), or change the " +
            "folder's owner or permissions.", inner);
}
