using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Slack.Api;
using ScorecardBot.Slack.Hosting;
using ScorecardBot.Slack.Rendering;
using ScorecardBot.Slack.Verification;

namespace ScorecardBot.Slack.Inbound;

/// <summary>
/// <c>POST /slack/events</c>: answers url_verification, and acknowledges every event at once while
/// the work (turn, replies, App Home) runs on the background queue. Each event_id is processed once.
/// </summary>
internal static class SlackEventsEndpoint
{
    public static IResult Handle(HttpContext http)
    {
        var body = http.Features.Get<SlackRequestBody>();
        if (body is null)
        {
            return Results.StatusCode(StatusCodes.Status401Unauthorized);
        }

        // JsonDocument checks structure, not the UTF-8 inside strings; reading such a string later would throw.
        if (!System.Text.Unicode.Utf8.IsValid(body.Bytes.Span))
        {
            return Results.BadRequest();
        }

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(body.Bytes);
        }
        catch (JsonException)
        {
            return Results.BadRequest();
        }

        using (doc)
        {
            var root = doc.RootElement;
            switch (root.Str("type"))
            {
                case "url_verification":
                    return root.Str("challenge") is { } challenge
                        ? Results.Json(new ChallengeAnswer(challenge), SlackEndpointJson.Default.ChallengeAnswer)
                        : Results.BadRequest();
                case "event_callback":
                    return Accept(http, root);
                default:
                    return Results.Ok(); // other envelope types (app_rate_limited…) need only an ack
            }
        }
    }

    private static IResult Accept(HttpContext http, JsonElement root)
    {
        var eventId = root.Str("event_id");
        var teamId = root.Str("team_id");
        var e = root.Obj("event");
        if (eventId is null || teamId is null || e.ValueKind != JsonValueKind.Object)
        {
            return Results.BadRequest();
        }

        var services = http.RequestServices;
        var dedupe = services.GetRequiredService<EventDeduplicator>();
        if (!dedupe.FirstTime(eventId))
        {
            return Results.Ok(); // a retry or a replay of an event we already took
        }

        var botUserId = root.Items("authorizations").Where(a => a.Bool("is_bot")).Select(a => a.Str("user_id")).FirstOrDefault(id => id is not null);
        var work = e.Str("type") switch
        {
            "app_mention" => TextTurn(teamId, e, botUserId, mention: true),
            "message" when e.Str("channel_type") == "im" && e.Str("subtype") == "file_share" => FileTurn(teamId, e, botUserId),
            "message" when e.Str("channel_type") == "im" => TextTurn(teamId, e, botUserId, mention: false),
            "app_home_opened" when e.Str("tab") is null or "home" => Home(teamId, e),
            _ => null,
        };
        if (work is null)
        {
            return Results.Ok();
        }

        if (services.GetRequiredService<SlackWorkQueue>().TryEnqueue("event", work))
        {
            return Results.Ok();
        }

        dedupe.Forget(eventId); // Slack retries a failed delivery; that retry must not be taken for a duplicate
        return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
    }

    private static Func<IServiceProvider, CancellationToken, Task>? TextTurn(string teamId, JsonElement e, string? botUserId, bool mention)
    {
        // Our own and other bots' messages, edits, joins and the like are not things a person said.
        if (e.Has("bot_id") || e.Has("subtype") || e.Str("user") is not { } user || e.Str("channel") is not { } channel || e.Str("text") is not { } raw)
        {
            return null;
        }

        if (user == botUserId)
        {
            return null;
        }

        var ts = e.Str("ts");
        var threadTs = e.Str("thread_ts") ?? (mention ? ts : null);
        var channelType = e.Str("channel_type");
        return async (sp, ct) =>
        {
            var installations = sp.GetRequiredService<SlackInstallations>();
            var bot = botUserId ?? (await installations.FindAsync(teamId, ct))?.BotUserId;
            if (user == bot)
            {
                return;
            }

            var text = SlackPayload.StripBotMention(raw, bot, mention);
            var origin = new SlackOrigin(teamId, user, channel, channelType, threadTs);
            var result = await sp.GetRequiredService<SlackTurnRunner>().RunAsync(origin, text, null, ts, isCommand: false, ct);
            await sp.GetRequiredService<SlackReplyDelivery>().DeliverAsync(new SlackReplyTarget(origin), result.Replies, ct);
        };
    }

    /// <summary>
    /// A file shared with the bot in its DM (a scorecard to import): fetched with files.info and the
    /// bot token, then a turn like a message, with the file. Only the first file of a message is read.
    /// </summary>
    private static Func<IServiceProvider, CancellationToken, Task>? FileTurn(string teamId, JsonElement e, string? botUserId)
    {
        if (e.Has("bot_id") || e.Str("user") is not { } user || user == botUserId || e.Str("channel") is not { } channel)
        {
            return null;
        }

        var fileId = e.Items("files").Select(f => f.Str("id")).FirstOrDefault(id => id is not null);
        if (fileId is null)
        {
            return null;
        }

        var ts = e.Str("ts");
        var text = e.Str("text");
        return async (sp, ct) =>
        {
            var origin = new SlackOrigin(teamId, user, channel, "im");
            var api = await sp.GetRequiredService<ISlackApiClientFactory>().ForTeamAsync(teamId, ct);
            SlackFile? file = null;
            string? problem = null;
            try
            {
                file = api is null ? null : await api.Files.DownloadAsync(fileId, MaxFileBytes, ct);
                problem = file is null ? $"That file is larger than {MaxFileBytes / 1024} KB, too large for a scorecard file. I changed nothing." : null;
            }
            catch (SlackApiException)
            {
                problem = "I could not fetch that file from Slack just now; share it again in a minute. I changed nothing.";
            }

            var delivery = sp.GetRequiredService<SlackReplyDelivery>();
            if (file is null)
            {
                await delivery.DeliverAsync(new SlackReplyTarget(origin), [new Reply(Message.Text(problem!, "file-not-fetched"), Audience.OnlyActor)], ct);
                return;
            }

            var result = await sp.GetRequiredService<SlackTurnRunner>().RunAsync(origin, text, null, ts, isCommand: false, ct, new TurnFile(file.Name, file.Content));
            await delivery.DeliverAsync(new SlackReplyTarget(origin), result.Replies, ct);
        };
    }

    /// <summary>The largest file taken from Slack; a scorecard file is far smaller.</summary>
    private const int MaxFileBytes = 1024 * 1024;

    private static Func<IServiceProvider, CancellationToken, Task>? Home(string teamId, JsonElement e)
    {
        if (e.Str("user") is not { } user)
        {
            return null;
        }

        return async (sp, ct) =>
        {
            var api = await sp.GetRequiredService<ISlackApiClientFactory>().ForTeamAsync(teamId, ct);
            if (api is null)
            {
                return;
            }

            var identity = await sp.GetRequiredService<ISlackIdentityResolver>().ResolveAsync(teamId, user, ct);
            var home = identity is null
                ? new Message([new Heading("Scorecard"), Paragraph.Of("You are not on a scorecard yet. Ask your scorecard admin to add you with the e-mail address of your Slack profile.")], "Not on a scorecard yet")
                : await sp.GetRequiredService<IAppHomeProvider>().GetHomeAsync(identity, ct);
            await api.Views.PublishAsync(user, BlockKitRenderer.RenderHome(home), ct);
        };
    }
}

internal sealed record ChallengeAnswer(string Challenge);

internal sealed record SlashAnswer(string ResponseType, string Text, System.Text.Json.Nodes.JsonArray? Blocks);

[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
[System.Text.Json.Serialization.JsonSerializable(typeof(ChallengeAnswer))]
[System.Text.Json.Serialization.JsonSerializable(typeof(SlashAnswer))]
[System.Text.Json.Serialization.JsonSerializable(typeof(System.Text.Json.Nodes.JsonObject))]
internal sealed partial class SlackEndpointJson : System.Text.Json.Serialization.JsonSerializerContext;
