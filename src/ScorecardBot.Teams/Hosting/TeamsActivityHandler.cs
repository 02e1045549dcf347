using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Onboarding;
using ScorecardBot.Teams.Activities;
using ScorecardBot.Teams.Connector;

namespace ScorecardBot.Teams.Hosting;

/// <summary>
/// Handles one authenticated activity. Message turns run the engine before the HTTP answer (so the
/// engine's own work has back-pressure) and then acknowledge at once; their replies go out through
/// the <see cref="ReplyQueue"/>. Card actions (invoke) answer with the refreshed card in the HTTP
/// response, which is the only way Teams replaces a card in place.
/// </summary>
internal sealed partial class TeamsActivityHandler(
    ActivityRequestReader reader,
    ServiceUrlPolicy serviceUrls,
    ITeamsIdentityResolver identities,
    IConversationReferenceStore references,
    ITeamsTurnHandler turns,
    ConnectorClient connector,
    ReplyQueue replies,
    TimeProvider time,
    ILogger<TeamsActivityHandler> logger,
    FileDownloads? files = null,
    IOnboarding? onboarding = null)
{
    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var (activity, refusal) = await reader.ReadAsync(context, cancellationToken);
        if (activity is null)
        {
            return refusal!;
        }

        if (activity.Type is not (ActivityTypes.Message or ActivityTypes.Invoke or ActivityTypes.ConversationUpdate or ActivityTypes.InstallationUpdate))
        {
            return Results.Ok();
        }

        if (string.IsNullOrEmpty(activity.ServiceUrl) || string.IsNullOrEmpty(activity.Conversation?.Id) || string.IsNullOrEmpty(activity.From?.Id))
        {
            return Results.Problem(statusCode: 400, title: "The activity needs serviceUrl, conversation.id and from.id.");
        }

        if (!serviceUrls.IsAllowed(activity.ServiceUrl))
        {
            LogServiceUrlRefused(logger, Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var u) ? u.GetLeftPart(UriPartial.Authority) : "(not a URL)");
            return Results.Problem(statusCode: 403, title: "The activity's serviceUrl is not one this bot may call.");
        }

        return activity.Type switch
        {
            ActivityTypes.Message => await OnMessageAsync(activity, cancellationToken),
            ActivityTypes.Invoke => await OnInvokeAsync(activity, cancellationToken),
            _ => await OnMembershipAsync(activity, cancellationToken),
        };
    }

    private async Task<IResult> OnMessageAsync(Activity activity, CancellationToken cancellationToken)
    {
        CardAction? action = null;
        string? text = null;
        IReadOnlyList<MentionedUser> mentions = [];
        var attachment = FileDownloads.FileOf(activity);
        if (activity.Value is { ValueKind: not (System.Text.Json.JsonValueKind.Null or System.Text.Json.JsonValueKind.Undefined) } value)
        {
            try
            {
                action = ActivityTranslator.SubmitAction(value);
            }
            catch (MalformedActivityException e)
            {
                return Results.Problem(statusCode: 400, title: e.Message);
            }
        }
        else
        {
            text = ActivityTranslator.CleanText(activity, out mentions);
            if (text.Length == 0 && attachment is null)
            {
                return Results.Ok();
            }
        }

        var identity = await ResolveAsync(activity, cancellationToken);
        if (identity is null)
        {
            if (await NewcomerAsync(activity, action, cancellationToken) is { } answer)
            {
                await EnqueueAsync(activity, answer.Replies, replaceSource: false, cancellationToken);
                return Results.Ok();
            }

            await RefuseUnknownAsync(activity, cancellationToken);
            return Results.Ok();
        }

        if (mentions.Count > 0 && PeopleRules.WantsMentionedProfiles(text))
        {
            mentions = await WithProfilesAsync(activity, mentions, cancellationToken);
        }

        TurnFile? file = null;
        if (action is null && attachment is not null && files is not null)
        {
            string? problem;
            (file, problem) = await files.DownloadAsync(attachment, cancellationToken);
            if (file is null)
            {
                await EnqueueAsync(activity, [new Reply(Message.Text(problem!, "file-not-fetched"), Audience.OnlyActor)], replaceSource: false, cancellationToken);
                return Results.Ok();
            }
        }

        if (ActivityTranslator.KindOf(activity.Conversation) == ConversationKind.Direct)
        {
            await references.SavePersonalAsync(identity.OrganizationId, identity.Actor.PersonId, ActivityTranslator.ReferenceOf(activity), cancellationToken);
        }

        var result = await turns.HandleAsync(TurnOf(activity, identity, text, action, mentions) with { File = file }, cancellationToken);
        await EnqueueAsync(activity, result.Replies, replaceSource: action is not null, cancellationToken);
        return Results.Ok();
    }

    /// <summary>
    /// Someone the bot does not know: onboarding answers (the set-up card in an unclaimed tenant, "not
    /// set up for you" in a claimed one). The tenant is the authenticated activity's; the e-mail is
    /// Teams' member record of the sender. Null without onboarding, or for an activity without a tenant.
    /// </summary>
    private async Task<TurnResult?> NewcomerAsync(Activity activity, CardAction? action, CancellationToken cancellationToken)
    {
        if (onboarding is null || activity.TenantId is not { Length: > 0 } tenant || activity.From is null)
        {
            return null;
        }

        var member = await onboarding.NeedsProfileAsync(Platform.Teams, tenant, action is not null, cancellationToken)
            ? await FindMemberAsync(activity, cancellationToken)
            : null;
        if (member?.TenantId is { Length: > 0 } memberTenant && !string.Equals(memberTenant, tenant, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var email = (member?.Email ?? member?.UserPrincipalName)?.Trim().ToLowerInvariant();
        var newcomer = new Newcomer(
            Platform.Teams, tenant, member?.AadObjectId ?? activity.From.AadObjectId ?? activity.From.Id!, member?.Name ?? activity.From.Name, email,
            activity.LocalTimezone, activity.Locale)
        {
            ChannelUserId = activity.From.Id,
        };
        var where = ActivityTranslator.KindOf(activity.Conversation);
        return action is null
            ? await onboarding.GreetAsync(newcomer, where, cancellationToken)
            : await onboarding.ActAsync(newcomer, where, action, cancellationToken);
    }

    /// <summary>The e-mail and object id of each person a people command mentions, from Teams' member records.</summary>
    private async Task<IReadOnlyList<MentionedUser>> WithProfilesAsync(Activity activity, IReadOnlyList<MentionedUser> mentions, CancellationToken cancellationToken)
    {
        var found = new List<MentionedUser>(mentions.Count);
        foreach (var mention in mentions.Take(10))
        {
            TeamsMemberJson? member = null;
            try
            {
                member = await connector.GetMemberAsync(activity.ServiceUrl!, activity.Conversation!.Id!, mention.PlatformUserId, cancellationToken);
            }
            catch (Exception e) when (e is TeamsConnectorException or HttpRequestException or ServiceUrlNotAllowedException or System.Text.Json.JsonException)
            {
                LogMemberLookupFailed(logger, e.GetType().Name);
            }

            var sameTenant = member?.TenantId is not { Length: > 0 } t || string.Equals(t, activity.TenantId, StringComparison.OrdinalIgnoreCase);
            found.Add(member is null || !sameTenant ? mention : mention with
            {
                Email = (member.Email ?? member.UserPrincipalName)?.Trim().ToLowerInvariant(),
                AccountId = member.AadObjectId,
            });
        }

        return [.. found, .. mentions.Skip(10)];
    }

    private async Task<IResult> OnInvokeAsync(Activity activity, CancellationToken cancellationToken)
    {
        if (activity.Name == ActivityTypes.FileConsent)
        {
            return await OnFileConsentAsync(activity, cancellationToken);
        }

        if (activity.Name != ActivityTypes.AdaptiveCardAction)
        {
            // Not a fault of the bot, so not a 5xx: the manifest declares no other invoke (task
            // modules, message extensions, sign-in), and Teams shows this error for one sent anyway.
            var notHandled = new ErrorInvokeResponse
            {
                StatusCode = 400,
                Value = new ErrorJson { Code = "NotSupported", Message = $"This bot handles only {ActivityTypes.AdaptiveCardAction} and {ActivityTypes.FileConsent} invokes, not '{Shorten(activity.Name)}'." },
            };
            return Results.Json(notHandled, TeamsJson.Context.ErrorInvokeResponse, statusCode: 400);
        }

        CardAction action;
        try
        {
            action = ActivityTranslator.ExecuteAction(activity.Value);
        }
        catch (MalformedActivityException e)
        {
            var error = new ErrorInvokeResponse { StatusCode = 400, Value = new ErrorJson { Code = "BadRequest", Message = e.Message } };
            return Results.Json(error, TeamsJson.Context.ErrorInvokeResponse, statusCode: 400);
        }

        var identity = await ResolveAsync(activity, cancellationToken);
        if (identity is null)
        {
            if (await NewcomerAsync(activity, action, cancellationToken) is { Replies.Count: > 0 } answer)
            {
                // A set-up card that comes back (a problem to fix) replaces the one pressed; anything else is posted.
                if (answer.Replies[0].Message.Kind == OnboardingCards.SetUpKind)
                {
                    await EnqueueAsync(activity, [.. answer.Replies.Skip(1)], replaceSource: false, cancellationToken);
                    return Results.Json(new CardInvokeResponse { Value = Cards.AdaptiveCardRenderer.Build(answer.Replies[0].Message) }, TeamsJson.Context.CardInvokeResponse);
                }

                await EnqueueAsync(activity, answer.Replies, replaceSource: false, cancellationToken);
                return Results.Json(new MessageInvokeResponse { Value = answer.Replies[0].Message.Summary }, TeamsJson.Context.MessageInvokeResponse);
            }

            var text = await NotSetUpTextAsync(activity, cancellationToken);
            return Results.Json(new MessageInvokeResponse { Value = text }, TeamsJson.Context.MessageInvokeResponse);
        }

        var result = await turns.HandleAsync(TurnOf(activity, identity, null, action, []), cancellationToken);
        var replacing = result.Replies.FirstOrDefault(r => r.Message.ReplacesSource);
        if (replacing is not null)
        {
            await EnqueueAsync(activity, [.. result.Replies.Where(r => r != replacing)], replaceSource: false, cancellationToken);
            var card = Cards.AdaptiveCardRenderer.Build(replacing.Message);
            return Results.Json(new CardInvokeResponse { Value = card }, TeamsJson.Context.CardInvokeResponse);
        }

        // Nothing replaces the card: the first reply's summary shows beside it, the rest are posted.
        // A reply that is a form or has buttons ("I'm away" opens the out-of-office form) is never
        // cut down to its summary: it is posted as a card in the chat, and the summary shows too.
        var first = result.Replies.Count > 0 ? result.Replies[0].Message.Summary : "Done.";
        var posted = result.Replies.Count > 0 && IsInteractive(result.Replies[0].Message) ? result.Replies : [.. result.Replies.Skip(1)];
        await EnqueueAsync(activity, posted, replaceSource: false, cancellationToken);
        return Results.Json(new MessageInvokeResponse { Value = first }, TeamsJson.Context.MessageInvokeResponse);
    }

    private static string? Shorten(string? text) => text is { Length: > 80 } ? text[..80] + "…" : text;

    private static bool IsInteractive(Message message) => message.Blocks.Any(b => b is Input or ActionBar);

    private Turn TurnOf(Activity activity, TeamsIdentity identity, string? text, CardAction? action, IReadOnlyList<MentionedUser> mentions) => new()
    {
        OrganizationId = identity.OrganizationId,
        Actor = identity.Actor,
        Platform = Platform.Teams,
        Conversation = ActivityTranslator.AddressOf(activity),
        Text = text,
        Action = action,
        SourceMessageId = action is null ? null : activity.ReplyToId,
        Locale = ActivityTranslator.LocaleOf(activity),
        At = time.GetUtcNow(),
        Mentions = mentions,
    };

    private async Task<TeamsIdentity?> ResolveAsync(Activity activity, CancellationToken cancellationToken)
    {
        if (activity.TenantId is not { Length: > 0 } tenant)
        {
            return null;
        }

        var user = new TeamsUser(tenant, activity.From!.AadObjectId, activity.From.Name, activity.From.Id!);
        var identity = await identities.ResolveAsync(user, cancellationToken);
        if (identity is not null || await identities.FindOrganizationAsync(tenant, cancellationToken) is null)
        {
            return identity;
        }

        // Someone the organization knows by e-mail writes for the first time: Teams says who they are.
        var member = await FindMemberAsync(activity, cancellationToken);
        if (member is null || (member.TenantId is { Length: > 0 } memberTenant && !string.Equals(memberTenant, tenant, StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        var email = (member.Email ?? member.UserPrincipalName)?.Trim().ToLowerInvariant();
        return string.IsNullOrEmpty(email) || !email.Contains('@', StringComparison.Ordinal)
            ? null
            : await identities.LinkByEmailAsync(user with { AadObjectId = member.AadObjectId ?? user.AadObjectId }, email, cancellationToken);
    }

    private async Task<TeamsMemberJson?> FindMemberAsync(Activity activity, CancellationToken cancellationToken)
    {
        try
        {
            return await connector.GetMemberAsync(activity.ServiceUrl!, activity.Conversation!.Id!, activity.From!.Id!, cancellationToken);
        }
        catch (Exception e) when (e is TeamsConnectorException or HttpRequestException or ServiceUrlNotAllowedException or System.Text.Json.JsonException)
        {
            LogMemberLookupFailed(logger, e.GetType().Name);
            return null;
        }
    }

    private async Task<string> NotSetUpTextAsync(Activity activity, CancellationToken cancellationToken)
    {
        var known = activity.TenantId is { Length: > 0 } tenant && await identities.FindOrganizationAsync(tenant, cancellationToken) is not null;
        return known ? TeamsTexts.UnknownPerson : TeamsTexts.NotSetUp;
    }

    private async Task RefuseUnknownAsync(Activity activity, CancellationToken cancellationToken)
    {
        var text = await NotSetUpTextAsync(activity, cancellationToken);
        await EnqueueAsync(activity, [new Reply(Message.Text(text, "not-set-up"))], replaceSource: false, cancellationToken);
    }

    private async Task<IResult> OnMembershipAsync(Activity activity, CancellationToken cancellationToken)
    {
        var botId = activity.Recipient?.Id;
        var added = activity.Type == ActivityTypes.InstallationUpdate
            ? activity.Action?.StartsWith("add", StringComparison.OrdinalIgnoreCase) == true
            : activity.MembersAdded?.Exists(m => m?.Id == botId) == true;
        var removed = activity.Type == ActivityTypes.InstallationUpdate
            ? activity.Action?.StartsWith("remove", StringComparison.OrdinalIgnoreCase) == true
            : activity.MembersRemoved?.Exists(m => m?.Id == botId) == true;
        if (!added && !removed)
        {
            return Results.Ok();
        }

        var organizationId = activity.TenantId is { Length: > 0 } tenant ? await identities.FindOrganizationAsync(tenant, cancellationToken) : null;
        if (organizationId is not { } org)
        {
            if (added)
            {
                if (await NewcomerAsync(activity, null, cancellationToken) is { Replies.Count: > 0 } answer)
                {
                    foreach (var reply in answer.Replies)
                    {
                        await SendAsync(activity, reply.Message, cancellationToken);
                    }
                }
                else
                {
                    await SendAsync(activity, Message.Text(TeamsTexts.NotSetUp, "not-set-up"), cancellationToken);
                }
            }

            return Results.Ok();
        }

        var reference = ActivityTranslator.ReferenceOf(activity);
        if (removed)
        {
            if (reference.Kind != ConversationKind.Direct)
            {
                await references.RemoveSharedAsync(org, reference.ConversationId, cancellationToken);
            }

            return Results.Ok();
        }

        bool isNew;
        if (reference.Kind == ConversationKind.Direct)
        {
            var identity = await ResolveAsync(activity, cancellationToken);
            isNew = identity is not null && await references.SavePersonalAsync(org, identity.Actor.PersonId, reference, cancellationToken);
        }
        else
        {
            isNew = await references.SaveSharedAsync(org, reference, cancellationToken);
        }

        // Teams sends both conversationUpdate and installationUpdate for one install; greet only the first.
        if (isNew)
        {
            await SendAsync(activity, TeamsTexts.Welcome(reference.Kind), cancellationToken);
        }

        return Results.Ok();
    }

    private ValueTask SendAsync(Activity activity, Message message, CancellationToken cancellationToken)
    {
        var reference = ActivityTranslator.ReferenceOf(activity);
        var outgoing = OutgoingActivities.From(message);
        return replies.EnqueueAsync(reference.ConversationId, ct => connector.SendToConversationAsync(reference, outgoing, ct), cancellationToken);
    }

    private ValueTask EnqueueAsync(Activity activity, IReadOnlyList<Reply> toSend, bool replaceSource, CancellationToken cancellationToken)
    {
        if (toSend.Count == 0)
        {
            return ValueTask.CompletedTask;
        }

        var reference = ActivityTranslator.ReferenceOf(activity);
        var replyToId = activity.Id;
        var sourceId = activity.ReplyToId;
        return replies.EnqueueAsync(reference.ConversationId, async ct =>
        {
            foreach (var reply in toSend)
            {
                if (replaceSource && reply.Message.ReplacesSource && sourceId is not null)
                {
                    await connector.UpdateAsync(reference, sourceId, OutgoingActivities.From(reply.Message, id: sourceId), ct);
                }
                else if (replyToId is not null)
                {
                    await connector.ReplyAsync(reference, replyToId, OutgoingActivities.From(reply.Message, replyToId), ct);
                }
                else
                {
                    await connector.SendToConversationAsync(reference, OutgoingActivities.From(reply.Message), ct);
                }
            }
        }, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Could not look up an unknown Teams user's e-mail ({Error}); they are told they are not set up")]
    private static partial void LogMemberLookupFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a Teams activity whose serviceUrl {ServiceUrl} is not in the allow-list")]
    private static partial void LogServiceUrlRefused(ILogger logger, string serviceUrl);
}
