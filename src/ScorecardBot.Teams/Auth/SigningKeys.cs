using System.Text.Json;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Tokens;

namespace ScorecardBot.Teams.Auth;

/// <summary>One signing key of the channel service, with the channels it is endorsed for (null: any).</summary>
internal sealed record SigningKey(SecurityKey Key, IReadOnlyList<string>? Endorsements);

/// <summary>The issuer and keys published by one OpenID metadata document and its JWKS.</summary>
internal sealed class SigningKeys
{
    public required string? Issuer { get; init; }

    public required IReadOnlyDictionary<string, SigningKey> Keys { get; init; }
}

/// <summary>
/// Reads OpenID metadata and its JWKS for the ConfigurationManager. Written by hand because the Bot
/// Framework's keys carry an "endorsements" array that the stock OpenID model does not surface.
/// </summary>
internal sealed class SigningKeysRetriever : IConfigurationRetriever<SigningKeys>
{
    public async Task<SigningKeys> GetConfigurationAsync(string address, IDocumentRetriever retriever, CancellationToken cancel)
    {
        var metadata = await retriever.GetDocumentAsync(address, cancel);
        string? issuer;
        string jwksUri;
        using (var doc = JsonDocument.Parse(metadata))
        {
            issuer = doc.RootElement.TryGetProperty("issuer", out var iss) ? iss.GetString() : null;
            jwksUri = doc.RootElement.TryGetProperty("jwks_uri", out var uri) && uri.GetString() is { Length: > 0 } u
                ? u
                : throw new InvalidOperationException($"OpenID metadata at {address} has no jwks_uri.");
        }

        var jwks = await retriever.GetDocumentAsync(jwksUri, cancel);
        var keys = new Dictionary<string, SigningKey>(StringComparer.Ordinal);
        using (var doc = JsonDocument.Parse(jwks))
        {
            if (!doc.RootElement.TryGetProperty("keys", out var array) || array.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidOperationException($"The key set at {jwksUri} has no keys array.");
            }

            foreach (var element in array.EnumerateArray())
            {
                var key = new JsonWebKey(element.GetRawText());
                if (string.IsNullOrEmpty(key.Kid) || key.Kty != JsonWebAlgorithmsKeyTypes.RSA)
                {
                    continue;
                }

                List<string>? endorsements = null;
                if (element.TryGetProperty("endorsements", out var e) && e.ValueKind == JsonValueKind.Array)
                {
                    endorsements = [.. e.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!)];
                }

                keys[key.Kid] = new SigningKey(key, endorsements);
            }
        }

        return new SigningKeys { Issuer = issuer, Keys = keys };
    }
}
