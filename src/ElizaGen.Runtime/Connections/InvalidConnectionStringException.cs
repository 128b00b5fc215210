namespace ElizaGen.Runtime.Connections;

/// <summary>
/// A connection string or <c>postgres://</c> URL could not be read. The message names where it came from, what is
/// wrong and shows the string with its password masked.
/// </summary>
public sealed class InvalidConnectionStringException : ArgumentException
{
    internal InvalidConnectionStringException(string origin, string maskedConnectionString, string reason, Exception? inner = null)
        : base(
            $"The connection string from {origin} is not valid: {reason}. Value (password masked): {maskedConnectionString} . " +
            "Expected a URL such as postgres://user:password@host:5432/database?sslmode=require (percent-encode special " +
            "characters, e.g. '@' as %40) or key=value pairs such as Host=host;Port=5432;Username=user;Password=…;Database=database.",
            inner)
    {
        Origin = origin;
        MaskedConnectionString = maskedConnectionString;
        Reason = reason;
    }

    /// <summary>Where the string came from: an environment variable's name or the options property.</summary>
    public string Origin { get; }

    /// <summary>The string as given, with its password replaced by <see cref="ConnectionStringMasker.Mask"/>.</summary>
    public string MaskedConnectionString { get; }

    /// <summary>What is wrong with it.</summary>
    public string Reason { get; }
}
