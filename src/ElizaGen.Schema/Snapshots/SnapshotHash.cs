using System;
using System.Security.Cryptography;
using System.Text;

namespace ElizaGen.Schema.Snapshots;

/// <summary>The schema hash: what the journal records to tell whether a plugin's schema changed.</summary>
public static class SnapshotHash
{
    /// <summary>
    /// The lowercase hexadecimal SHA-256 of the UTF-8 bytes of
    /// <see cref="SnapshotJsonWriter.WriteCanonical(SchemaSnapshot)"/>: 64 characters, the same in every process,
    /// culture and version as long as the canonical form does not change.
    /// </summary>
    /// <exception cref="ArgumentNullException">The snapshot is null.</exception>
    public static string Compute(SchemaSnapshot snapshot)
    {
        if (snapshot is null) throw new ArgumentNullException(nameof(snapshot));
        return Sha256Hex(SnapshotJsonWriter.WriteCanonical(snapshot));
    }

    /// <summary>The lowercase hexadecimal SHA-256 of the UTF-8 bytes of <paramref name="text"/>.</summary>
    internal static string Sha256Hex(string text)
    {
        byte[] digest;
        using (var sha = SHA256.Create())
        {
            digest = sha.ComputeHash(Encoding.UTF8.GetBytes(text));
        }
        const string hexDigits = "0123456789abcdef";
        var hex = new StringBuilder(digest.Length * 2);
        foreach (var b in digest)
        {
            hex.Append(hexDigits[b >> 4]).Append(hexDigits[b & 0xF]);
        }
        return hex.ToString();
    }
}
