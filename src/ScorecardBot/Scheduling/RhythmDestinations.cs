using ScorecardBot.Core.Delivery;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Scheduling;

/// <summary>Where the rhythm's messages go: a person on their platform, a scorecard's team channels.</summary>
internal static class RhythmDestinations
{
    /// <summary>The local chat's one team channel, for organizations on neither Teams nor Slack.</summary>
    internal const string LocalChannel = "local";

    /// <summary>A person's direct chat on Teams if they have a Teams account, else Slack, else the organization's platform.</summary>
    public static (Platform Platform, Destination Destination) ForPerson(Guid personId, Person? person, Organization organization)
    {
        var accounts = person?.Accounts ?? [];
        var platform = accounts.Any(a => a.Platform == Platform.Teams) ? Platform.Teams
            : accounts.Any(a => a.Platform == Platform.Slack) ? Platform.Slack
            : accounts.Count > 0 ? accounts[0].Platform
            : PlatformOf(organization);

        // Without an account the channel answers no_conversation_reference: the message is
        // followed up in the team channel and the manager is told, which is what they need.
        return (platform, Destination.Direct(personId));
    }

    /// <summary>The scorecard's team channels; the local chat's channel for an organization on neither Teams nor Slack.</summary>
    public static IEnumerable<(Platform Platform, Destination Destination)> ForChannels(Scorecard scorecard, Organization organization)
    {
        if (PlatformOf(organization) == Platform.Local)
        {
            yield return (Platform.Local, Destination.Channel(LocalChannel));
            yield break;
        }

        foreach (var channel in scorecard.Channels.OrderBy(c => c.Id))
        {
            yield return (channel.Platform, Destination.Channel(channel.ConversationId));
        }
    }

    /// <summary>A name for the scorecard's channels, for people told that something was posted there.</summary>
    public static string? ChannelNames(Scorecard scorecard, Organization organization) =>
        PlatformOf(organization) == Platform.Local ? "the team channel"
        : scorecard.Channels.Count == 0 ? null
        : string.Join(" and ", scorecard.Channels.OrderBy(c => c.Id).Select(c => c.Name ?? c.ConversationId));

    private static Platform PlatformOf(Organization organization) =>
        organization.TeamsTenantId is not null ? Platform.Teams
        : organization.SlackTeamId is not null ? Platform.Slack
        : Platform.Local;
}
