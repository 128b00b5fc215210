namespace ElizaGen.Runtime.Snapshots;

/// <summary>
/// A snapshot text could not be read: it is not JSON, not a drizzle-kit PostgreSQL snapshot of version "7",
/// or a field has the wrong shape. The message says what is wrong, where (a JSON path such as
/// <c>$.tables["public.notes"].columns["id"].type</c>) and what to do.
/// </summary>
public sealed class SnapshotFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, where, and what to do.</param>
    /// <param name="path">The JSON path of the offending value; <c>$</c> for the whole document.</param>
    /// <param name="innerException">The parser's exception, for malformed JSON.</param>
    public SnapshotFormatException(string message, string path, Exception? innerException = null)
        : base(message, innerException)
    {
        Path = path;
    }

    /// <summary>The JSON path of the offending value; <c>$</c> for the whole document.</summary>
    public string Path { get; }
}
