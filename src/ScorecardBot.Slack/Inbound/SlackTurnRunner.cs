using Microsoft.Extensions.Logging;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;
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
internal sealed partial class SlackTurnRunner(ISlackIdentityResolver identities, ISlackTurnHandler handler, TimeProvider time, ILogger<SlackTurnRunner> log)
{
    internal const string UnknownPersonKind = "unknown-person";

    public async Task<TurnResult> RunAsync(SlackOrigin origin, string? text, CardAction? action, string? sourceMessageId, bool isCommand, CancellationToken ct)
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
            return new TurnResult([new Reply(Message.Text("I'm answering many people at once and could not check who you are just now; nothing was changed. Please try again in a minute.", "busy"), Audience.OnlyActor)]);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(log, e, "identity");
            return Failure();
        }

        if (identity is null)
        {
            return new TurnResult([new Reply(
                Message.Text("I can't find you in any scorecard yet. Ask your scorecard admin to add you with the e-mail address of your Slack profile.", UnknownPersonKind),
                Audience.OnlyActor)]);
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

    private static TurnResult Failure() =>
        new([new Reply(Message.Text("Sorry, something went wrong on my side and nothing was changed. Please try again in a moment.", "error"), Audience.OnlyActor)]);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not look up a Slack user now, they are asked to try again: {Reason}")]
    private static partial void LogIdentityThrottled(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Slack {Stage} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string stage);
}
