using Microsoft.Extensions.Logging;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Onboarding;
using ScorecardBot.Slack.Api;

namespace ScorecardBot.Slack.Inbound;

/// <summary>Where and from whom a Slack interaction came, in Slack's terms.</summary>
internal sealed record SlackOrigin(string TeamId, string UserId, string? ChannelId, string? ChannelType = null, string? ThreadTs = null)
{
    public ConversationKind Kind => ChannelType switch
    {
        "im" => ConversationKind.Direct,
        "mpim" => ConversationKind.Group,
        "channel" or "group" or "private_channel" => ConversationKind.Channel,
        _ => ChannelId switch
        {
            ['D', ..] => ConversationKind.Direct,
            _ => ConversationKind.Channel,
        },
    };

    public bool IsDirect => Kind == ConversationKind.Direct;
}

/// <summary>Resolves the person, builds the neutral <see cref="Turn"/> and runs it, turning failures into a polite reply.</summary>
internal sealed partial class SlackTurnRunner(
    ISlackIdentityResolver identities, ISlackTurnHandler handler, TimeProvider time, ILogger<SlackTurnRunner> log,
    ISlackApiClientFactory? clients = null, IOnboarding? onboarding = null)
{
    internal const string UnknownPersonKind = "unknown-person";

    public async Task<TurnResult> RunAsync(SlackOrigin origin, string? text, CardAction? action, string? sourceMessageId, bool isCommand, CancellationToken ct, TurnFile? file = null)
    {
        SlackIdentity? identity;
        try
        {
            identity = await identities.ResolveAsync(origin.TeamId, origin.UserId, ct);
        }
        catch (SlackApiException e) when (e.Error == "ratelimited")
        {
            // Slack (or the bot's own pacing of users.info) asks to wait: nothing is wrong, the person tries again.
            LogIdentityThrottled(log, e.Message);
            return Throttled();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(log, e, "identity");
            return Failure();
        }

        if (identity is null && onboarding is not null && clients is not null)
        {
            try
            {
                if (await NewcomerAsync(origin, action, ct) is { } answer)
                {
                    return answer;
                }
            }
            catch (SlackApiException e) when (e.Error == "ratelimited")
            {
                // Reading the newcomer's profile must wait (Slack's or the bot's own pacing of users.info):
                // nothing is wrong and nothing was created, the person tries again.
                LogIdentityThrottled(log, e.Message);
                return Throttled();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(log, e, "onboarding");
                return Failure();
            }
        }

        if (identity is null)
        {
            return new TurnResult([new Reply(
                Message.Text("I can't find you in any scorecard yet. Ask your scorecard admin to add you with the e-mail address of your Slack profile.", UnknownPersonKind),
                Audience.OnlyActor)]);
        }

        IReadOnlyList<MentionedUser> mentions = [];
        if (action is null && PeopleRules.WantsMentionedProfiles(text) && clients is not null)
        {
            mentions = await MentionedAsync(origin.TeamId, text!, ct);
        }

        var turn = new Turn
        {
            OrganizationId = identity.OrganizationId,
            Actor = identity.Actor,
            Platform = Platform.Slack,
            Conversation = new ConversationAddress(Platform.Slack, origin.ChannelId ?? "", origin.Kind, TenantOrTeamId: origin.TeamId, ThreadId: origin.ThreadTs),
            Text = action is null ? text ?? "" : null,
            Action = action,
            SourceMessageId = sourceMessageId,
            At = time.GetUtcNow(),
            IsCommand = isCommand,
            Mentions = mentions,
            File = file,
        };

        try
        {
            return await handler.HandleAsync(turn, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(log, e, "turn");
            return Failure();
        }
    }

    /// <summary>
    /// Someone the bot does not know: onboarding answers. The workspace is the signed request's; name,
    /// e-mail, time zone and locale are the user's Slack profile (users.info). Null when the workspace
    /// has no installation to ask Slack with.
    /// </summary>
    private async Task<TurnResult?> NewcomerAsync(SlackOrigin origin, CardAction? action, CancellationToken ct)
    {
        var api = await clients!.ForTeamAsync(origin.TeamId, ct);
        if (api is null)
        {
            return null;
        }

        SlackUser? user = null;
        try
        {
            if (await onboarding!.NeedsProfileAsync(Platform.Slack, origin.TeamId, action is not null, ct))
            {
                user = await api.Users.InfoAsync(origin.UserId, ct);
            }
        }
        catch (SlackApiException e) when (e.IsUnknownUser)
        {
            user = null;
        }

        if (user is { IsBot: true } or { Deleted: true })
        {
            return null;
        }

        var newcomer = new Newcomer(Platform.Slack, origin.TeamId, origin.UserId, user?.RealName ?? user?.Name, user?.Email, user?.Tz, user?.Locale);
        return action is null
            ? await onboarding!.GreetAsync(newcomer, origin.Kind, ct)
            : await onboarding!.ActAsync(newcomer, origin.Kind, action, ct);
    }

    /// <summary>The people a people command mentions (&lt;@U…&gt;), with the e-mail of their Slack profile.</summary>
    private async Task<IReadOnlyList<MentionedUser>> MentionedAsync(string teamId, string text, CancellationToken ct)
    {
        var ids = UserMention().Matches(text)
            .Select(m => (Raw: m.Value, Id: m.Groups[1].Value)).DistinctBy(m => m.Id).Take(10).ToList();
        if (ids.Count == 0 || await clients!.ForTeamAsync(teamId, ct) is not { } api)
        {
            return [];
        }

        var found = new List<MentionedUser>();
        foreach (var (raw, id) in ids)
        {
            try
            {
                var user = await api.Users.InfoAsync(id, ct);
                if (!user.IsBot && !user.Deleted)
                {
                    found.Add(new MentionedUser(raw, id, user.RealName ?? user.Name ?? id) { Email = user.Email?.Trim().ToLowerInvariant(), AccountId = id });
                }
            }
            catch (SlackApiException e) when (e.IsUnknownUser)
            {
                // Not a person Slack will show: the command says it cannot read their e-mail.
            }
        }

        return found;
    }

    private static TurnResult Throttled() =>
        new([new Reply(Message.Text("I'm answering many people at once and could not check who you are just now; nothing was changed. Please try again in a minute.", "busy"), Audience.OnlyActor)]);

    private static TurnResult Failure() =>
        new([new Reply(Message.Text("Sorry, something went wrong on my side and nothing was changed. Please try again in a moment.", "error"), Audience.OnlyActor)]);

    [System.Text.RegularExpressions.GeneratedRegex("<@([UW][A-Z0-9]{2,20})(?:\\|[^>]*)?>")]
    private static partial System.Text.RegularExpressions.Regex UserMention();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not look up a Slack user now, they are asked to try again: {Reason}")]
    private static partial void LogIdentityThrottled(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Slack {Stage} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string stage);
}
