using Microsoft.Extensions.Options;

namespace ScorecardBot.Charts;

/// <summary>Settings of the chart links, bound from the "Charts" section.</summary>
public sealed class ChartOptions
{
    public const string SectionName = "Charts";
    internal const int MinKeyBytes = 32;

    /// <summary>
    /// The HMAC key of chart links, base64, at least 32 bytes (<c>openssl rand -base64 32</c>);
    /// every instance of the bot needs the same key. Optional: when empty, links are signed with
    /// ASP.NET Data Protection, whose key ring the instances share (<c>DataProtection:KeysFolder</c>).
    /// </summary>
    public string SigningKey { get; set; } = string.Empty;

    /// <summary>How long a chart link works after it was made; a posted digest shows its charts this long.</summary>
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long a chat platform or browser may keep a picture before asking again.</summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromMinutes(5);

    internal static byte[] DecodeKey(string? signingKey)
    {
        if (string.IsNullOrWhiteSpace(signingKey))
        {
            throw new InvalidOperationException($"{SectionName}:SigningKey is not set; set it to a base64 key of at least {MinKeyBytes} bytes.");
        }

        try
        {
            return Convert.FromBase64String(signingKey.Trim());
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{SectionName}:SigningKey is not valid base64.");
        }
    }
}

/// <summary>Turns a malformed or weak key into a start-up error instead of links nobody can check.</summary>
internal sealed class ChartOptionsValidator : IValidateOptions<ChartOptions>
{
    public ValidateOptionsResult Validate(string? name, ChartOptions options)
    {
        var failures = new List<string>();
        // No key is fine (Data Protection signs the links); a key that is set must be usable.
        if (!string.IsNullOrWhiteSpace(options.SigningKey))
        {
            try
            {
                var key = ChartOptions.DecodeKey(options.SigningKey);
                if (key.Length < ChartOptions.MinKeyBytes)
                {
                    failures.Add($"{ChartOptions.SectionName}:SigningKey has {key.Length} bytes; it needs at least {ChartOptions.MinKeyBytes} (openssl rand -base64 32), or leave it empty to sign with Data Protection.");
                }
            }
            catch (InvalidOperationException e)
            {
                failures.Add(e.Message + " Generate one with: openssl rand -base64 32, or leave it empty to sign with Data Protection.");
            }
        }

        if (options.LinkLifetime <= TimeSpan.Zero || options.LinkLifetime > TimeSpan.FromDays(366))
        {
            failures.Add($"{ChartOptions.SectionName}:LinkLifetime must be between a second and a year; it is {options.LinkLifetime}.");
        }

        if (options.CacheDuration < TimeSpan.Zero)
        {
            failures.Add($"{ChartOptions.SectionName}:CacheDuration cannot be negative; it is {options.CacheDuration}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
