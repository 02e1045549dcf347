using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Slack.Hosting;
using ScorecardBot.Slack.Rendering;
using ScorecardBot.Slack.Verification;

namespace ScorecardBot.Slack.Inbound;

/// <summary>
/// <c>POST /slack/commands</c>: the turn runs at once; if it answers inside the budget the answer is
/// the HTTP response, otherwise "Working on it…" is answered and the result follows via response_url.
/// </summary>
internal static class SlashCommandEndpoint
{
    internal const string WorkingOnIt = "Working on it…";

    public static async Task<IResult> HandleAsync(HttpContext http)
    {
        if (http.Features.Get<SlackRequestBody>() is not { } body)
        {
            return Results.StatusCode(StatusCodes.Status401Unauthorized);
        }

        var form = SlackPayload.Form(http.Request, body.Text());
        if (form is null)
        {
            return Results.StatusCode(StatusCodes.Status415UnsupportedMediaType);
        }

        string? Field(string name) => form.TryGetValue(name, out var v) && v.Count == 1 ? v[0] : null;
        if (Field("team_id") is not { Length: > 0 } teamId || Field("user_id") is not { Length: > 0 } userId || Field("command") is not { Length: > 0 })
        {
            return Results.BadRequest();
        }

        var services = http.RequestServices;
        var options = services.GetRequiredService<IOptions<SlackOptions>>().Value;
        var origin = new SlackOrigin(teamId, userId, Field("channel_id"), Field("channel_name") == "directmessage" ? "im" : null);
        var responseUrl = Field("response_url");
        var stopping = services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        var work = services.GetRequiredService<SlackTurnRunner>().RunAsync(origin, (Field("text") ?? "").Trim(), null, null, isCommand: true, stopping);

        if (!work.IsCompleted)
        {
            try
            {
                await work.WaitAsync(options.DirectAnswerBudget, services.GetRequiredService<TimeProvider>(), http.RequestAborted);
            }
            catch (TimeoutException)
            {
                var queued = services.GetRequiredService<SlackWorkQueue>().TryEnqueue("command", async (sp, ct) =>
                {
                    var result = await work;
                    await FollowUpAsync(sp, origin, responseUrl, result.Replies, options, ct);
                });
                return queued ? Answer(Audience.OnlyActor, WorkingOnIt, null) : Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            }
            catch (OperationCanceledException)
            {
                return Results.Empty; // the caller went away
            }
        }

        var replies = (await work).Replies;
        if (replies.Count == 0)
        {
            return Results.Ok();
        }

        if (!origin.IsDirect && replies.Any(r => r.Audience == Audience.Conversation && r.Message.Kind is { } kind && options.PostedKinds.Contains(kind, StringComparer.OrdinalIgnoreCase)))
        {
            var posted = services.GetRequiredService<SlackWorkQueue>().TryEnqueue("command-post", (sp, ct) =>
                sp.GetRequiredService<SlackReplyDelivery>().DeliverAsync(new SlackReplyTarget(origin, ResponseUrl: responseUrl), replies, ct));
            return posted ? Results.Ok() : Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }

        if (replies.Count > 1)
        {
            var rest = replies.Skip(1).ToList();
            services.GetRequiredService<SlackWorkQueue>().TryEnqueue("command-rest", (sp, ct) => FollowUpAsync(sp, origin, responseUrl, rest, options, ct));
        }

        // A file (the exported scorecard) cannot ride in the command's answer: it is uploaded into the conversation.
        if (replies.Any(r => r.Message.Blocks.OfType<FileAttachment>().Any()))
        {
            var withFiles = replies.Where(r => r.Message.Blocks.OfType<FileAttachment>().Any()).Select(r => r.Message).ToList();
            services.GetRequiredService<SlackWorkQueue>().TryEnqueue("command-files", (sp, ct) => sp.GetRequiredService<SlackReplyDelivery>().UploadFilesAsync(origin, withFiles, ct));
        }

        var first = replies[0];
        return Answer(AudienceOf(first, options), BlockKitRenderer.FallbackText(first.Message), BlockKitRenderer.Render(first.Message));
    }

    /// <summary>Team-facing kinds (digest, agenda) go in the channel; everything else only to the person.</summary>
    private static Audience AudienceOf(Reply reply, SlackOptions options) =>
        reply.Audience == Audience.Conversation && reply.Message.Kind is { } kind && options.InChannelKinds.Contains(kind, StringComparer.OrdinalIgnoreCase)
            ? Audience.Conversation
            : Audience.OnlyActor;

    private static IResult Answer(Audience audience, string text, JsonArray? blocks) =>
        Results.Json(new SlashAnswer(audience == Audience.Conversation ? "in_channel" : "ephemeral", text, blocks), SlackEndpointJson.Default.SlashAnswer);

    private static async Task FollowUpAsync(IServiceProvider sp, SlackOrigin origin, string? responseUrl, IEnumerable<Reply> replies, SlackOptions options, CancellationToken ct)
    {
        var urls = sp.GetRequiredService<ResponseUrlClient>();
        var leftOver = new List<Reply>();
        foreach (var reply in replies)
        {
            var body = new JsonObject
            {
                ["response_type"] = AudienceOf(reply, options) == Audience.Conversation ? "in_channel" : "ephemeral",
                ["text"] = BlockKitRenderer.FallbackText(reply.Message),
                ["blocks"] = BlockKitRenderer.Render(reply.Message),
            };
            if (!await urls.SendAsync(responseUrl, body, ct))
            {
                leftOver.Add(reply with { Audience = AudienceOf(reply, options) });
            }
        }

        // Without a usable response_url the Web API still reaches the person.
        if (leftOver.Count > 0)
        {
            await sp.GetRequiredService<SlackReplyDelivery>().DeliverAsync(new SlackReplyTarget(origin), leftOver, ct);
        }
    }
}
