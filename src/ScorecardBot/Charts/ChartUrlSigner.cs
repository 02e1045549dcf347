using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Charts;

/// <summary>Why a chart link was accepted or turned away.</summary>
public enum ChartLinkCheck
{
    Valid = 0,

    /// <summary>No <c>exp</c> or no <c>sig</c>: the link was not made by the bot.</summary>
    Unsigned = 1,

    /// <summary>A parameter is repeated, or <c>exp</c>/<c>sig</c> cannot be read.</summary>
    Malformed = 2,

    Expired = 3,

    /// <summary>The signature does not match the path and parameters: something was changed.</summary>
    Tampered = 4,
}

/// <summary>
/// Makes and checks the links of the charts the bot serves. A link carries its expiry and an
/// HMAC-SHA256 over the path and every other query parameter (<c>?org=…&amp;exp=…&amp;sig=…</c>),
/// so the chat platforms can fetch a picture without signing in while nobody can change what it
/// shows or use it after it expires. Every instance behind a load balancer must accept the links of
/// the others: with <c>Charts:SigningKey</c> set, the HMAC key is that setting; without it, the
/// signature is the SHA-256 of the same text protected by ASP.NET Data Protection, whose key ring
/// the instances already share for the Slack tokens (and which keeps its keys across restarts), so
/// no secret has to be invented before the first start.
/// </summary>
public sealed class ChartUrlSigner
{
    internal const string ExpiresParameter = "exp";
    internal const string SignatureParameter = "sig";
    internal const string OrganizationParameter = "org";

    /// <summary>The Data Protection purpose of chart links: a payload protected for anything else is refused.</summary>
    internal const string ProtectionPurpose = "ScorecardBot.Charts.Links.v1";

    // A protected SHA-256 is about 130 bytes; anything much longer is not one of ours.
    private const int MaxProtectedSignatureChars = 512;

    private readonly byte[]? _key;
    private readonly IDataProtector? _protector;
    private readonly TimeProvider _time;
    private readonly TimeSpan _lifetime;

    public ChartUrlSigner(IOptions<ChartOptions> options, TimeProvider time, IDataProtectionProvider? protection = null)
    {
        _time = time;
        _lifetime = options.Value.LinkLifetime;
        if (!string.IsNullOrWhiteSpace(options.Value.SigningKey))
        {
            _key = CheckedKey(ChartOptions.DecodeKey(options.Value.SigningKey));
        }
        else
        {
            _protector = (protection ?? throw new InvalidOperationException(
                $"{ChartOptions.SectionName}:SigningKey is not set and ASP.NET Data Protection is not registered; set one or call AddDataProtection."))
                .CreateProtector(ProtectionPurpose);
        }
    }

    internal ChartUrlSigner(byte[] key, TimeProvider time, TimeSpan lifetime)
    {
        _key = CheckedKey(key);
        _time = time;
        _lifetime = lifetime;
    }

    private static byte[] CheckedKey(byte[] key) =>
        key.Length >= ChartOptions.MinKeyBytes
            ? key
            : throw new ArgumentException($"The chart signing key must be at least {ChartOptions.MinKeyBytes} bytes.", nameof(key));

    public string KpiChartUrl(Guid? organizationId, Guid kpiId, bool thumbnail = false) =>
        Sign($"/charts/kpi/{kpiId:D}.png", Parameters(organizationId, thumbnail ? ("size", "thumb") : null));

    public string StrategyMapUrl(Guid? organizationId, Guid scorecardId) =>
        Sign($"/charts/map/{scorecardId:D}.png", Parameters(organizationId));

    /// <summary>The small multiples of a scorecard's KPIs, only those of <paramref name="status"/> when given.</summary>
    public string SmallMultiplesUrl(Guid? organizationId, Guid scorecardId, Status? status = null, int page = 1) =>
        Sign(
            $"/charts/multiples/{scorecardId:D}.png",
            Parameters(
                organizationId,
                status is { } s ? ("status", s.ToString().ToLowerInvariant()) : null,
                page > 1 ? ("page", page.ToString(CultureInfo.InvariantCulture)) : null));

    /// <summary>
    /// Signs <paramref name="path"/> (starting with '/', relative to the application) with its
    /// query parameters; returns the path and query to put after the bot's public address.
    /// </summary>
    public string Sign(string path, IReadOnlyDictionary<string, string>? parameters = null, TimeSpan? lifetime = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (path[0] != '/' || path.Contains('?', StringComparison.Ordinal))
        {
            throw new ArgumentException($"A chart path starts with '/' and carries no query: '{path}'.", nameof(path));
        }

        var all = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in parameters ?? new Dictionary<string, string>())
        {
            if (name is ExpiresParameter or SignatureParameter)
            {
                throw new ArgumentException($"'{name}' is set by the signer, not by the caller.", nameof(parameters));
            }

            all[name] = value;
        }

        var expires = _time.GetUtcNow().Add(lifetime ?? _lifetime).ToUnixTimeSeconds();
        all[ExpiresParameter] = expires.ToString(CultureInfo.InvariantCulture);
        var query = Canonical(all);
        var signature = _protector is null ? Mac(path, query) : _protector.Protect(Digest(path, query));
        return $"{path}?{query}&{SignatureParameter}={Base64Url.EncodeToString(signature)}";
    }

    /// <summary>Checks a request's path and query against its signature and expiry, in constant time.</summary>
    public ChartLinkCheck Verify(string path, IEnumerable<KeyValuePair<string, StringValues>> query)
    {
        var parameters = new SortedDictionary<string, string>(StringComparer.Ordinal);
        string? signature = null;
        foreach (var (name, values) in query)
        {
            if (values.Count != 1)
            {
                return ChartLinkCheck.Malformed;
            }

            if (name == SignatureParameter)
            {
                signature = values[0];
            }
            else
            {
                parameters[name] = values[0] ?? string.Empty;
            }
        }

        if (signature is null || !parameters.TryGetValue(ExpiresParameter, out var exp))
        {
            return ChartLinkCheck.Unsigned;
        }

        if (!long.TryParse(exp, NumberStyles.None, CultureInfo.InvariantCulture, out var expires) ||
            !TryDecode(signature, _protector is null ? 32 : null, out var given))
        {
            return ChartLinkCheck.Malformed;
        }

        // The signature is checked before the expiry so that a changed exp reads as tampering.
        if (!SignatureMatches(given, path, Canonical(parameters)))
        {
            return ChartLinkCheck.Tampered;
        }

        return _time.GetUtcNow().ToUnixTimeSeconds() > expires ? ChartLinkCheck.Expired : ChartLinkCheck.Valid;
    }

    private bool SignatureMatches(byte[] given, string path, string canonicalQuery)
    {
        if (_protector is null)
        {
            return CryptographicOperations.FixedTimeEquals(given, Mac(path, canonicalQuery));
        }

        byte[] digest;
        try
        {
            digest = _protector.Unprotect(given);
        }
        catch (CryptographicException)
        {
            // Changed, protected for another purpose, or by a key ring this instance does not share.
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(digest, Digest(path, canonicalQuery));
    }

    private byte[] Mac(string path, string canonicalQuery) =>
        HMACSHA256.HashData(_key!, Encoding.UTF8.GetBytes(path + "\n" + canonicalQuery));

    private static byte[] Digest(string path, string canonicalQuery) =>
        SHA256.HashData(Encoding.UTF8.GetBytes(path + "\n" + canonicalQuery));

    private static string Canonical(SortedDictionary<string, string> parameters) =>
        string.Join('&', parameters.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));

    /// <summary>Decodes a base64url signature: exactly <paramref name="length"/> bytes when given (an HMAC).</summary>
    private static bool TryDecode(string signature, int? length, out byte[] bytes)
    {
        bytes = [];
        if (signature.Length == 0 || signature.Length > MaxProtectedSignatureChars ||
            (length is { } n && signature.Length != Base64Url.GetEncodedLength(n)))
        {
            return false;
        }

        var buffer = new byte[Base64Url.GetMaxDecodedLength(signature.Length)];
        if (Base64Url.DecodeFromChars(signature, buffer, out var consumed, out var written) != System.Buffers.OperationStatus.Done ||
            consumed != signature.Length || (length is { } expected && written != expected))
        {
            return false;
        }

        bytes = buffer[..written];
        return true;
    }

    private static Dictionary<string, string> Parameters(Guid? organizationId, params (string Name, string Value)?[] more)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        if (organizationId is { } org)
        {
            parameters[OrganizationParameter] = org.ToString("D");
        }

        foreach (var item in more)
        {
            if (item is { } p)
            {
                parameters[p.Name] = p.Value;
            }
        }

        return parameters;
    }
}
