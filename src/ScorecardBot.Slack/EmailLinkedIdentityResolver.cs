using System.Collections.Concurrent;
using ScorecardBot.Slack.Api;

namespace ScorecardBot.Slack;

/// <summary>The host's people, as the Slack adapter needs them to recognise a Slack user.</summary>
public interface ISlackPeopleDirectory
{
    /// <summary>The person already linked to this Slack user in the organization of this workspace.</summary>
    Task<SlackIdentity?> FindBySlackUserAsync(string teamId, string userId, CancellationToken ct);

    /// <summary>Links the Slack user to the person with this e-mail (in the workspace's organization); null when none has it.</summary>
    Task<SlackIdentity?> LinkByEmailAsync(string teamId, string userId, string email, CancellationToken ct);
}

/// <summary>
/// Resolves a Slack user by its link, and the first time by the e-mail of its Slack profile
/// (users.info, scope users:read.email), which then links it. Strangers are remembered for a few
/// minutes so repeated messages do not call Slack each time.
/// </summary>
public sealed class EmailLinkedIdentityResolver(ISlackPeopleDirectory people, ISlackApiClientFactory clients, TimeProvider time) : ISlackIdentityResolver
{
    private static readonly TimeSpan StrangerMemory = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<(string, string), DateTimeOffset> _strangers = new();

    public async Task<SlackIdentity?> ResolveAsync(string teamId, string userId, CancellationToken ct)
    {
        if (await people.FindBySlackUserAsync(teamId, userId, ct) is { } known)
        {
            return known;
        }

        var now = time.GetUtcNow();
        if (_strangers.TryGetValue((teamId, userId), out var until) && until > now)
        {
            return null;
        }

        var api = await clients.ForTeamAsync(teamId, ct);
        SlackUser? user;
        try
        {
            user = api is null ? null : await api.Users.InfoAsync(userId, ct);
        }
        catch (SlackApiException e) when (e.IsUnknownUser)
        {
            // Slack does not know (or will not show) this user: a stranger like one without an e-mail.
            user = null;
        }

        var identity = user is { IsBot: false, Deleted: false, Email: { Length: > 0 } email }
            ? await people.LinkByEmailAsync(teamId, userId, email.Trim().ToLowerInvariant(), ct)
            : null;
        if (identity is null)
        {
            if (_strangers.Count > 10_000)
            {
                _strangers.Clear();
            }

            _strangers[(teamId, userId)] = now + StrangerMemory;
        }

        return identity;
    }
}
