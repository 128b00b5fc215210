using System.Globalization;
using System.Text;
using Npgsql;

namespace ElizaGen.Runtime.Connections;

/// <summary>
/// Reads libpq-style URLs — <c>postgres://user:password@host:port/database?sslmode=require</c> (also
/// <c>postgresql://</c>, several <c>host:port</c> pairs separated by commas, bracketed IPv6 hosts,
/// percent-encoding, and <c>?host=/socket/dir</c>) — into Npgsql connection-string settings.
/// </summary>
internal static class PostgresUrl
{
    // libpq parameter -> Npgsql keyword. Anything else is tried as an Npgsql keyword ("Pooling", "Search Path", ...).
    private static readonly Dictionary<string, string> LibpqParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        ["host"] = "Host",
        ["port"] = "Port",
        ["dbname"] = "Database",
        ["user"] = "Username",
        ["password"] = "Password",
        ["sslmode"] = "SSL Mode",
        ["sslrootcert"] = "Root Certificate",
        ["sslcert"] = "SSL Certificate",
        ["sslkey"] = "SSL Key",
        ["sslpassword"] = "SSL Password",
        ["application_name"] = "Application Name",
        ["connect_timeout"] = "Timeout",
        ["options"] = "Options",
        ["target_session_attrs"] = "Target Session Attributes",
        ["channel_binding"] = "Channel Binding",
        ["gssencmode"] = "GSS Encryption Mode",
        ["client_encoding"] = "Client Encoding",
        ["keepalives"] = "Tcp Keepalive",
        ["keepalives_idle"] = "Tcp Keepalive Time",
        ["keepalives_interval"] = "Tcp Keepalive Interval",
    };

    // libpq spells these enum values with hyphens ("verify-full"); Npgsql's enums have none ("VerifyFull").
    private static readonly HashSet<string> HyphenatedEnumKeywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "SSL Mode", "Channel Binding", "GSS Encryption Mode",
    };

    /// <summary>True when the text starts with <c>postgres://</c> or <c>postgresql://</c>.</summary>
    public static bool IsUrl(string text)
    {
        var trimmed = text.AsSpan().TrimStart();
        return trimmed.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            || trimmed.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Parses a URL. Throws <see cref="FormatException"/> whose message is safe to show (no password).</summary>
    public static NpgsqlConnectionStringBuilder Parse(string url)
    {
        var safe = new SafeFragments(url);
        var text = url.Trim();
        var rest = text[(text.IndexOf("://", StringComparison.Ordinal) + 3)..];

        if (rest.Contains('#', StringComparison.Ordinal))
        {
            throw new FormatException("it contains '#'; a URL fragment means nothing here, and a '#' in a password must be written %23");
        }

        var queryStart = rest.IndexOf('?', StringComparison.Ordinal);
        var query = queryStart < 0 ? string.Empty : rest[(queryStart + 1)..];
        var beforeQuery = queryStart < 0 ? rest : rest[..queryStart];

        var pathStart = beforeQuery.IndexOf('/', StringComparison.Ordinal);
        var authority = pathStart < 0 ? beforeQuery : beforeQuery[..pathStart];
        var path = pathStart < 0 ? string.Empty : beforeQuery[(pathStart + 1)..];

        var builder = new NpgsqlConnectionStringBuilder();
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            ReadUserInfo(authority[..at], builder);
        }

        ReadHosts(at >= 0 ? authority[(at + 1)..] : authority, builder);

        if (path.Length > 0)
        {
            builder.Database = Decode(path, "the database name");
        }

        ReadQuery(query, builder, safe);

        if (string.IsNullOrEmpty(builder.Host))
        {
            throw new FormatException(
                "it names no host; write one (postgres://user:password@HOST:5432/database) or a Unix socket folder (?host=/var/run/postgresql)");
        }

        return builder;
    }

    private static void ReadUserInfo(string userInfo, NpgsqlConnectionStringBuilder builder)
    {
        var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
        var user = colon < 0 ? userInfo : userInfo[..colon];
        if (user.Length > 0)
        {
            builder.Username = Decode(user, "the user name");
        }

        if (colon >= 0)
        {
            builder.Password = Decode(userInfo[(colon + 1)..], "the password");
        }
    }

    private static void ReadHosts(string hostList, NpgsqlConnectionStringBuilder builder)
    {
        if (hostList.Length == 0)
        {
            return;
        }

        var hosts = hostList.Split(',');
        var parsed = new List<(string Host, int? Port)>(hosts.Length);
        foreach (var entry in hosts)
        {
            parsed.Add(ReadHost(entry));
        }

        if (parsed.Count == 1)
        {
            builder.Host = parsed[0].Host;
            if (parsed[0].Port is { } port)
            {
                builder.Port = port;
            }

            return;
        }

        // Npgsql takes several hosts as "host:port,host:port" in Host.
        var list = new StringBuilder();
        foreach (var (host, port) in parsed)
        {
            if (list.Length > 0)
            {
                list.Append(',');
            }

            list.Append(host.Contains(':', StringComparison.Ordinal) ? "[" + host + "]" : host);
            if (port is { } p)
            {
                list.Append(':').Append(p.ToString(CultureInfo.InvariantCulture));
            }
        }

        builder.Host = list.ToString();
    }

    private static (string Host, int? Port) ReadHost(string entry)
    {
        string host;
        string? port = null;
        if (entry.StartsWith('['))
        {
            var close = entry.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                throw new FormatException("an IPv6 host opens '[' without closing ']'");
            }

            host = entry[1..close];
            var after = entry[(close + 1)..];
            if (after.Length > 0)
            {
                if (after[0] != ':')
                {
                    throw new FormatException("an IPv6 host is followed by something other than ':port'");
                }

                port = after[1..];
            }
        }
        else
        {
            var colon = entry.IndexOf(':', StringComparison.Ordinal);
            host = colon < 0 ? entry : entry[..colon];
            port = colon < 0 ? null : entry[(colon + 1)..];
        }

        if (host.Length == 0)
        {
            throw new FormatException("a host in the host list is empty");
        }

        return (Decode(host, "a host name"), port is null ? null : ReadPort(port));
    }

    private static int ReadPort(string port)
    {
        if (port.Length == 0
            || !int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            || value is < 1 or > 65535)
        {
            // The text is not echoed: with an unencoded '/', '?' or '@' in the password, it may be part of it.
            throw new FormatException(
                "the port is not a number from 1 to 65535 (if the password contains '@', ':', '/', '?' or '#', percent-encode them)");
        }

        return value;
    }

    private static void ReadQuery(string query, NpgsqlConnectionStringBuilder builder, SafeFragments safe)
    {
        foreach (var pair in query.Split('&'))
        {
            if (pair.Length == 0)
            {
                continue;
            }

            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new FormatException($"the query parameter {safe.Quote(pair)} is not name=value");
            }

            var name = Decode(pair[..equals], "a query parameter name");
            var value = Decode(pair[(equals + 1)..], "the value of a query parameter");
            Apply(name, value, builder, safe);
        }
    }

    private static void Apply(string name, string value, NpgsqlConnectionStringBuilder builder, SafeFragments safe)
    {
        if (name.Equals("ssl", StringComparison.OrdinalIgnoreCase))
        {
            // node-postgres and JDBC URLs say ssl=true.
            value = value.ToLowerInvariant() switch
            {
                "true" or "1" or "require" => "Require",
                "false" or "0" => "Disable",
                _ => throw new FormatException("the query parameter 'ssl' must be true or false"),
            };
            name = "sslmode";
        }

        var isLibpq = LibpqParameters.TryGetValue(name, out var keyword);
        keyword ??= name;
        if (HyphenatedEnumKeywords.Contains(keyword))
        {
            value = value.Replace("-", string.Empty, StringComparison.Ordinal);
        }
        else if (keyword == "Tcp Keepalive")
        {
            value = value == "0" ? "false" : value == "1" ? "true" : value;
        }

        try
        {
            builder[keyword] = value;
        }
        catch (ArgumentException exception) when (!isLibpq && exception.InnerException is KeyNotFoundException)
        {
            throw new FormatException(
                $"the query parameter {safe.Quote(name)} is unknown; use a libpq parameter (sslmode, application_name, " +
                "connect_timeout, host, port, options, …) or an Npgsql connection-string keyword");
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            throw new FormatException($"the query parameter {safe.Quote(name)} has a value Npgsql does not accept for '{keyword}'");
        }
    }

    private static string Decode(string text, string what)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '%' && (i + 2 >= text.Length || !Uri.IsHexDigit(text[i + 1]) || !Uri.IsHexDigit(text[i + 2])))
            {
                throw new FormatException(
                    $"{what} has a '%' that does not start a percent-encoded byte (%XX); write a literal '%' as %25");
            }
        }

        return Uri.UnescapeDataString(text);
    }

    /// <summary>Quotes a piece of the URL in a message only when it is visible in the masked URL anyway.</summary>
    private sealed class SafeFragments(string url)
    {
        private readonly string _masked = ConnectionStringMasker.Apply(url);

        public string Quote(string fragment) =>
            fragment.Length > 0 && _masked.Contains(fragment, StringComparison.Ordinal)
                ? "'" + fragment + "'"
                : "(not shown: it overlaps the masked password)";
    }
}
