using Microsoft.Extensions.Hosting;

namespace ScorecardBot.LocalChat;

/// <summary>Settings of the local chat page (section "LocalChat").</summary>
public sealed class LocalChatOptions
{
    public const string SectionName = "LocalChat";

    /// <summary>Explicit switch; unset lets <see cref="IsEnabled"/> decide from the environment.</summary>
    public bool? Enabled { get; set; }

    /// <summary>Answer requests from other machines too. Off by default: the page has no sign-in.</summary>
    public bool AllowRemote { get; set; }

    /// <summary>Explicit switch for the clock jump endpoints; unset means only in Development.</summary>
    public bool? ClockControl { get; set; }

    /// <summary>Name of the organization the page acts in; empty means the first one created.</summary>
    public string? Organization { get; set; }

    /// <summary>How many messages the channel feed and the direct chats keep, all together.</summary>
    public int FeedCapacity { get; set; } = 500;

    /// <summary>
    /// Whether the page should be mapped. An explicit setting wins. Otherwise it is on in
    /// Development, off in Production (the page has no sign-in), and elsewhere on only while no
    /// Teams or Slack is configured, so a fresh install shows the product straight away.
    /// </summary>
    public bool IsEnabled(IHostEnvironment environment, bool chatPlatformsConfigured)
    {
        if (Enabled is { } explicitly)
        {
            return explicitly;
        }

        if (environment.IsDevelopment())
        {
            return true;
        }

        return !environment.IsProduction() && !chatPlatformsConfigured;
    }

    public bool IsClockControlEnabled(IHostEnvironment environment) =>
        ClockControl ?? environment.IsDevelopment();
}
