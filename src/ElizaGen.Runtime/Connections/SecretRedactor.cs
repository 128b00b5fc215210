using Npgsql;

namespace ElizaGen.Runtime.Connections;

/// <summary>
/// Removes one database's password from any text before it is logged or put in a message: every occurrence of
/// the password itself, and every password in connection strings found in the text.
/// </summary>
internal sealed class SecretRedactor
{
    private readonly string? _password;

    public SecretRedactor(string? password)
    {
        _password = string.IsNullOrEmpty(password) ? null : password;
    }

    /// <summary>A redactor that only masks passwords inside connection strings.</summary>
    public static SecretRedactor None { get; } = new(null);

    public string Redact(string? text)
    {
        var masked = ConnectionStringMasker.Apply(text);
        return _password is null ? masked : masked.Replace(_password, ConnectionStringMasker.Mask, StringComparison.Ordinal);
    }

    /// <summary>One line about a failure: its type, SQLSTATE when the server sent one, and its message, redacted.</summary>
    public string Describe(Exception exception)
    {
        var state = exception is PostgresException postgres ? " " + postgres.SqlState : string.Empty;
        return Redact(exception.GetType().Name + state + ": " + exception.Message);
    }
}
