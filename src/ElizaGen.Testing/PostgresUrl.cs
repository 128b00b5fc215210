using System.Globalization;
using Npgsql;

namespace ElizaGen.Testing;

/// <summary>Turns <c>postgres://user:password@host:port/database?sslmode=…</c> into an Npgsql connection string.</summary>
internal static class PostgresUrl
{
    /// <summary>A URL is converted; a key=value connection string is checked and returned.</summary>
    public static string ToConnectionString(string value)
    {
        value = value.Trim();
        if (!value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            && !value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return new NpgsqlConnectionStringBuilder(value).ConnectionString;
        }
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
            throw new ArgumentException($"'{Redact(value)}' is not a PostgreSQL URL of the form postgres://user:password@host:port/database.");
        var user = uri.UserInfo.Split(':', 2);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.Port > 0 ? uri.Port : 5432,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')) is { Length: > 0 } database ? database : "postgres",
        };
        if (user[0].Length > 0)
            builder.Username = Uri.UnescapeDataString(user[0]);
        if (user.Length > 1)
            builder.Password = Uri.UnescapeDataString(user[1]);
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            if (parts.Length == 2 && parts[0].Equals("sslmode", StringComparison.OrdinalIgnoreCase))
            {
                var mode = Uri.UnescapeDataString(parts[1]).Replace("-", string.Empty, StringComparison.Ordinal);
                builder.SslMode = Enum.TryParse<SslMode>(mode, ignoreCase: true, out var sslMode)
                    ? sslMode
                    : throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                        $"sslmode={parts[1]} in the PostgreSQL URL is not one of disable, allow, prefer, require, verify-ca, verify-full."));
            }
        }
        return builder.ConnectionString;
    }

    private static string Redact(string url)
    {
        var at = url.IndexOf('@', StringComparison.Ordinal);
        var scheme = url.IndexOf("://", StringComparison.Ordinal) + 3;
        return at > scheme ? url[..scheme] + "***" + url[at..] : url;
    }
}
