using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace ScorecardBot.Slack.Verification;

/// <summary>Slack's v0 request signature: <c>v0=hex(HMAC-SHA256(secret, "v0:{ts}:{body}"))</c>.</summary>
internal static class SlackSignature
{
    private const int HashHexLength = 64;

    /// <summary>Computes the header value for a body; used by tests, the benchmark and the fake Slack.</summary>
    public static string Compute(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        Span<byte> mac = stackalloc byte[32];
        ComputeMac(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes(timestamp), body, mac);
        return "v0=" + Convert.ToHexStringLower(mac);
    }

    /// <summary>
    /// Parses a header value into the raw 32-byte MAC. Returns false for anything that is not
    /// exactly "v0=" + 64 hex digits, so malformed headers never reach the comparison.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> header, Span<byte> mac)
    {
        if (header.Length != 3 + HashHexLength || !header.StartsWith("v0=", StringComparison.Ordinal))
        {
            return false;
        }

        return Convert.FromHexString(header[3..], mac, out _, out var written) == OperationStatus.Done && written == 32;
    }

    /// <summary>
    /// True when one of the secrets produced <paramref name="expected"/> over <paramref name="baseString"/>
    /// ("v0:{ts}:{body}", already assembled); each comparison is constant-time.
    /// </summary>
    public static bool Matches(byte[][] secrets, ReadOnlySpan<byte> baseString, ReadOnlySpan<byte> expected)
    {
        Span<byte> mac = stackalloc byte[32];
        var macs = MacsFor(secrets);
        var match = false;
        // Every secret is tried even after a match so the time taken does not tell which one matched.
        foreach (var hmac in macs)
        {
            hmac.TryComputeHash(baseString, mac, out _);
            match |= CryptographicOperations.FixedTimeEquals(mac, expected);
        }

        return match;
    }

    // Keyed HMAC instances per thread: a one-shot HMAC sets the key up again on every request.
    [ThreadStatic]
    private static HMACSHA256[]? t_macs;

    [ThreadStatic]
    private static byte[][]? t_secrets;

    private static HMACSHA256[] MacsFor(byte[][] secrets)
    {
        if (t_macs is { } cached && ReferenceEquals(t_secrets, secrets))
        {
            return cached;
        }

        if (t_macs is not null)
        {
            foreach (var old in t_macs)
            {
                old.Dispose();
            }
        }

        t_secrets = secrets;
        return t_macs = [.. secrets.Select(s => new HMACSHA256(s))];
    }

    private static void ComputeMac(byte[] secret, ReadOnlySpan<byte> timestamp, ReadOnlySpan<byte> body, Span<byte> mac)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, secret);
        hmac.AppendData("v0:"u8);
        hmac.AppendData(timestamp);
        hmac.AppendData(":"u8);
        hmac.AppendData(body);
        hmac.GetHashAndReset(mac);
    }

    /// <summary>Parses the timestamp header: 1–12 ASCII digits, no sign, no spaces.</summary>
    public static bool TryParseTimestamp(ReadOnlySpan<char> header, out long seconds)
    {
        seconds = 0;
        if (header.IsEmpty || header.Length > 12)
        {
            return false;
        }

        foreach (var c in header)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            seconds = seconds * 10 + (c - '0');
        }

        return true;
    }
}
