using System.Data.Common;
using System.Globalization;
using System.Text;
using Npgsql;

namespace ElizaGen.Runtime.Connections;

/// <summary>
/// Reads a PostgreSQL connection string in either form — a libpq URL (<c>postgres://</c> or
/// <c>postgresql://</c>) or Npgsql key=value pairs — and gives the canonical form used to share data sources.
/// </summary>
public static class PostgresConnectionString
{
    /// <summary>Parses <paramref name="connectionString"/> into Npgsql settings.</summary>
    /// <param name="connectionString">A <c>postgres://</c> URL or an Npgsql key=value connection string.</param>
    /// <param name="origin">Where the string came from, named in the error (an environment variable, an option).</param>
    /// <exception cref="InvalidConnectionStringException">The string is malformed or names no host.</exception>
    public static NpgsqlConnectionStringBuilder Parse(string connectionString, string origin = "the connection string")
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw Invalid(origin, connectionString, "it is empty");
        }

        if (PostgresUrl.IsUrl(connectionString))
        {
            try
            {
                return PostgresUrl.Parse(connectionString);
            }
            catch (FormatException exception)
            {
                throw Invalid(origin, connectionString, exception.Message);
            }
        }

        var trimmed = connectionString.Trim();
        var schemeEnd = trimmed.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd > 0 && !trimmed[..schemeEnd].Contains('=', StringComparison.Ordinal))
        {
            throw Invalid(origin, connectionString,
                $"it is a '{trimmed[..schemeEnd]}://' URL; only postgres:// and postgresql:// URLs are accepted");
        }

        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(trimmed);
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            throw Invalid(origin, connectionString,
                "it is neither a postgres:// URL nor valid key=value pairs (" + SecretRedactor.None.Redact(exception.Message) + ")");
        }

        if (string.IsNullOrEmpty(builder.Host))
        {
            throw Invalid(origin, connectionString, "it names no Host (a server name, an IP address or a Unix socket folder)");
        }

        return builder;
    }

    /// <summary>
    /// The canonical text of a connection string: Npgsql's own key names, sorted, settings equal to their
    /// default left out. Two strings that mean the same server and settings give the same text, however they
    /// were written (URL or key=value, key order, key case, synonyms, explicit defaults).
    /// </summary>
    public static string Normalize(NpgsqlConnectionStringBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var defaults = new NpgsqlConnectionStringBuilder();
        var pairs = new SortedDictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string key in builder.Keys)
        {
            var value = Convert.ToString(builder[key], CultureInfo.InvariantCulture) ?? string.Empty;
            var defaultValue = Convert.ToString(defaults[key], CultureInfo.InvariantCulture) ?? string.Empty;
            if (!string.Equals(value, defaultValue, StringComparison.Ordinal))
            {
                pairs[key] = value;
            }
        }

        var text = new StringBuilder();
        foreach (var (key, value) in pairs)
        {
            DbConnectionStringBuilder.AppendKeyValuePair(text, key, value);
        }

        return text.ToString();
    }

    /// <summary>Host, port and database of a connection string, for messages and logs (never the password).</summary>
    public static string DescribeServer(NpgsqlConnectionStringBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var host = builder.Host ?? "?";
        var server = host.Contains(',', StringComparison.Ordinal) ? host : host + ":" + builder.Port.ToString(CultureInfo.InvariantCulture);
        return builder.Database is { Length: > 0 } database ? server + "/" + database : server;
    }

    private static InvalidConnectionStringException Invalid(string origin, string connectionString, string reason) =>
        new(origin, ConnectionStringMasker.Apply(connectionString), reason);
}
