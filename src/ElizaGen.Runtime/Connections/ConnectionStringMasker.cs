using System.Text.RegularExpressions;

namespace ElizaGen.Runtime.Connections;

/// <summary>
/// Hides passwords in connection strings, in both forms (<c>postgres://user:secret@host/db</c> and
/// <c>Host=…;Password=secret</c>), even when the string is malformed, so it can be shown in errors and logs.
/// </summary>
public static partial class ConnectionStringMasker
{
    /// <summary>The text that replaces a password.</summary>
    public const string Mask = "***";

    /// <summary>Returns <paramref name="text"/> with every password in it replaced by <see cref="Mask"/>.</summary>
    /// <remarks>
    /// A URL's user-info password runs up to the LAST '@' of the text, so a password with an unencoded '@', '/',
    /// '?' or '#' is hidden whole (at worst more than the password is hidden, never less).
    /// </remarks>
    public static string Apply(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        var masked = UrlUserInfoPassword().Replace(text, "${prefix}" + Mask + "@");
        masked = UrlQueryPassword().Replace(masked, "${prefix}" + Mask);
        return KeyValuePassword().Replace(masked, "${prefix}" + Mask);
    }

    // scheme://user:PASSWORD@  (greedy to the last '@')
    [GeneratedRegex(@"(?<prefix>[A-Za-z][A-Za-z0-9+.\-]*://[^:/?#@\s]*:).*@", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex UrlUserInfoPassword();

    // ?password=…  &sslpassword=…
    [GeneratedRegex(@"(?<prefix>[?&](?:ssl)?password=)[^&#]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UrlQueryPassword();

    // Password=…; PWD=…; PSW=…; SSL Password=…  (quoted or not; a malformed quoted value hides the rest of the text)
    [GeneratedRegex(
        @"(?<prefix>(?:^|;)\s*(?:ssl\s*)?(?:password|pwd|psw)\s*=\s*)(?:'(?:[^']|'')*'(?=\s*(?:;|$))|""(?:[^""]|"""")*""(?=\s*(?:;|$))|['""].*$|[^;]*)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex KeyValuePassword();
}
