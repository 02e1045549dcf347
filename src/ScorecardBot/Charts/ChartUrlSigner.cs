using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
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
/// shows or use it after it expires. The key comes from configuration so that every instance
/// behind a load balancer accepts the links of the others.
/// </summary>
public sealed class ChartUrlSigner
{
    internal const string ExpiresParameter = "exp";
    internal const string SignatureParameter = "sig";
    internal const string OrganizationParameter = "org";

    private readonly byte[] _key;
    private readonly TimeProvider _time;
    private readonly TimeSpan _lifetime;

    public ChartUrlSigner(IOptions<ChartOptions> options, TimeProvider time)
        : this(ChartOptions.DecodeKey(options.Value.SigningKey), time, options.Value.LinkLifetime)
    {
    }

    internal ChartUrlSigner(byte[] key, TimeProvider time, TimeSpan lifetime)
    {
        if (key.Length < ChartOptions.MinKeyBytes)
        {
            throw new ArgumentException($"The chart signing key must be at least {ChartOptions.MinKeyBytes} bytes.", nameof(key));
        }

        _key = key;
        _time = time;
        _lifetime = lifetime;
    }

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
        return $"{path}?{query}&{SignatureParameter}={Base64Url.EncodeToString(Mac(path, query))}";
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
            !TryDecode(signature, out var given))
        {
            return ChartLinkCheck.Malformed;
        }

        // The signature is checked before the expiry so that a changed exp reads as tampering.
        if (!CryptographicOperations.FixedTimeEquals(given, Mac(path, Canonical(parameters))))
        {
            return ChartLinkCheck.Tampered;
        }

        return _time.GetUtcNow().ToUnixTimeSeconds() > expires ? ChartLinkCheck.Expired : ChartLinkCheck.Valid;
    }

    private byte[] Mac(string path, string canonicalQuery) =>
        HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(path + "\n" + canonicalQuery));

    private static string Canonical(SortedDictionary<string, string> parameters) =>
        string.Join('&', parameters.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));

    private static bool TryDecode(string signature, out byte[] bytes)
    {
        bytes = new byte[32];
        return signature.Length == 43 &&
            Base64Url.DecodeFromChars(signature, bytes, out var consumed, out var written) == System.Buffers.OperationStatus.Done &&
            consumed == signature.Length && written == 32;
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
