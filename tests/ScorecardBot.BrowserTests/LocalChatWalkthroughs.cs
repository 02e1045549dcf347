namespace ScorecardBot.BrowserTests;

/// <summary>
/// The walkthroughs run one after another: each starts its own host and Chromium, and two at once
/// on a small machine only make each slower and the page's polling later.
/// </summary>
[CollectionDefinition(Name)]
public sealed class LocalChatWalkthroughs
{
    public const string Name = "Local chat walkthroughs";
}
