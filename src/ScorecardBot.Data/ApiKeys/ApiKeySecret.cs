using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace ScorecardBot.Data.ApiKeys;

/// <summary>
/// The text of an API key: <c>sbk_{id}_{secret}</c>. The id (12 base-32 characters) is public and
/// finds the stored row by an index; the secret is 32 random bytes (base64url), of which only the
/// SHA-256 is stored and compared in constant time.
/// </summary>
/// <remarks>
/// A slow password hash (PBKDF2, Argon2) protects what people choose, which is guessable. A key
/// of 256 random bits is not: SHA-256 of it cannot be reversed or searched, and every call stays
/// a single fast hash instead of tens of milliseconds of work that an attacker could make us do.
/// </remarks>
public static class ApiKeySecret
{
    public const string Marker = "sbk_";
    public const int IdLength = 12;
    private const int SecretBytes = 32;
    private const string Base32 = "abcdefghijklmnopqrstuvwxyz234567";

    /// <summary>A new key: its public id, the whole text to hand out once, and the hash to store.</summary>
    public static (string Id, string Text, byte[] Hash) Create()
    {
        var id = string.Create(IdLength, RandomNumberGenerator.GetBytes(IdLength), (span, bytes) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = Base32[bytes[i] & 31];
            }
        });
        var secret = Base64Url(RandomNumberGenerator.GetBytes(SecretBytes));
        return (id, $"{Marker}{id}_{secret}", Hash(secret));
    }

    /// <summary>Splits a presented key into its id and secret; false when it is not shaped like one of ours.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out string? id, [NotNullWhen(true)] out string? secret)
    {
        id = secret = null;
        if (text is null || text.Length != Marker.Length + IdLength + 1 + 43 || !text.StartsWith(Marker, StringComparison.Ordinal) || text[Marker.Length + IdLength] != '_')
        {
            return false;
        }

        var idPart = text.Substring(Marker.Length, IdLength);
        if (!idPart.All(c => Base32.Contains(c, StringComparison.Ordinal)))
        {
            return false;
        }

        id = idPart;
        secret = text[(Marker.Length + IdLength + 1)..];
        return true;
    }

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    /// <summary>Whether the secret hashes to the stored hash, in time that does not depend on where they differ.</summary>
    public static bool Matches(string secret, byte[] storedHash) => CryptographicOperations.FixedTimeEquals(Hash(secret), storedHash);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
