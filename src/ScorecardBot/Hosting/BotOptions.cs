using System.ComponentModel.DataAnnotations;

namespace ScorecardBot.Hosting;

/// <summary>Settings of the host itself (root of the configuration).</summary>
internal sealed class BotOptions
{
    /// <summary>
    /// The address people and Teams/Slack reach the bot at (e.g. https://scorecard.example.com);
    /// used for chart links and manifests. Defaults to the local address.
    /// </summary>
    [Url]
    public string PublicBaseUrl { get; set; } = "http://localhost:3978";
}
