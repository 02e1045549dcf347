using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Slack.Api;
using ScorecardBot.Slack.Hosting;
using ScorecardBot.Slack.Rendering;
using ScorecardBot.Slack.Verification;

namespace ScorecardBot.Slack.Inbound;

/// <summary>
/// <c>POST /slack/interactions</c>: buttons (block_actions), modal submissions and closings.
/// A button that opens a form opens the modal first, because its trigger_id expires after 3 s.
/// </summary>
internal static partial class InteractionsEndpoint
{
    internal const string FormCallbackId = "sc.form";

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

        if (!form.TryGetValue("payload", out var raw) || raw.Count != 1 || string.IsNullOrEmpty(raw[0]))
        {
            return Results.BadRequest();
        }

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(raw[0]!);
        }
        catch (JsonException)
        {
            return Results.BadRequest();
        }

        using (doc)
        {
            var p = doc.RootElement;
            var teamId = p.Obj("team").Str("id") ?? p.Obj("user").Str("team_id");
            var userId = p.Obj("user").Str("id");
            if (teamId is null || userId is null)
            {
                return Results.BadRequest();
            }

            return p.Str("type") switch
            {
                "block_actions" => await BlockActionsAsync(http, p, teamId, userId),
                "view_submission" => await ViewSubmissionAsync(http, p, teamId, userId),
                "message_action" => MessageShortcut(http, p, teamId, userId),
                _ => Results.Ok(), // view_closed, shortcuts: nothing to keep
            };
        }
    }

    private static async Task<IResult> BlockActionsAsync(HttpContext http, JsonElement p, string teamId, string userId)
    {
        var action = p.Items("actions").FirstOrDefault();
        if (action.Str("action_id") is not { } actionId)
        {
            return Results.BadRequest();
        }

        var services = http.RequestServices;
        var container = p.Obj("container");
        var channel = p.Obj("channel").Str("id") ?? container.Str("channel_id");
        var messageTs = container.Str("message_ts") ?? p.Obj("message").Str("ts");
        var responseUrl = p.Str("response_url");

        if (actionId.StartsWith(BlockKitRenderer.OpenFormActionPrefix + ":", StringComparison.Ordinal))
        {
            return await OpenFormAsync(services, p, action, teamId, channel, messageTs, container.Bool("is_ephemeral"), responseUrl, http.RequestAborted);
        }

        if (actionId.StartsWith(BlockKitRenderer.LinkActionPrefix + ":", StringComparison.Ordinal))
        {
            return Results.Ok(); // a link button only opened its URL
        }

        if (container.Str("type") == "view")
        {
            return Preview(services, p, teamId, userId);
        }

        var cardAction = new CardAction(
            BlockKitRenderer.ActionIdOf(actionId),
            SlackPayload.ActionData(action.Str("value") ?? action.Obj("selected_option").Str("value")),
            SlackPayload.StateValues(p.Obj("state")));
        var origin = new SlackOrigin(teamId, userId, channel);
        var target = new SlackReplyTarget(origin, messageTs, container.Bool("is_ephemeral"), responseUrl);
        var queued = await services.GetRequiredService<SlackWorkQueue>().EnqueueAsync("block-action", async (sp, ct) =>
        {
            var result = await sp.GetRequiredService<SlackTurnRunner>().RunAsync(origin, null, cardAction, messageTs, isCommand: false, ct);
            await sp.GetRequiredService<SlackReplyDelivery>().DeliverAsync(target, result.Replies, ct);
        }, http.RequestAborted);
        return queued ? Results.Ok() : Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>The "Ask Scorecard about this" shortcut: the message's text becomes a turn, answered only to the person.</summary>
    private static IResult MessageShortcut(HttpContext http, JsonElement p, string teamId, string userId)
    {
        if (p.Obj("message").Str("text") is not { Length: > 0 } text)
        {
            return Results.Ok();
        }

        var origin = new SlackOrigin(teamId, userId, p.Obj("channel").Str("id"));
        var target = new SlackReplyTarget(origin, ResponseUrl: p.Str("response_url"));
        var queued = http.RequestServices.GetRequiredService<SlackWorkQueue>().TryEnqueue("message-shortcut", async (sp, ct) =>
        {
            var result = await sp.GetRequiredService<SlackTurnRunner>().RunAsync(origin, text, null, null, isCommand: false, ct);
            var onlyActor = result.Replies.Select(r => r with { Audience = Audience.OnlyActor, Message = r.Message with { ReplacesSource = false } });
            await sp.GetRequiredService<SlackReplyDelivery>().DeliverAsync(target, onlyActor, ct);
        });
        return queued ? Results.Ok() : Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<IResult> OpenFormAsync(
        IServiceProvider services, JsonElement p, JsonElement action, string teamId, string? channel, string? messageTs, bool ephemeral, string? responseUrl, CancellationToken ct)
    {
        var spec = ModalSpec.TryParse(action.Str("value"));
        var triggerId = p.Str("trigger_id");
        if (spec is null || triggerId is null)
        {
            return Results.BadRequest();
        }

        var metadata = new FormMetadata(spec.ActionId, spec.Data, channel, messageTs, ephemeral, responseUrl, spec.PreviewActionId);
        var message = spec.ToMessage();
        message = message with { Blocks = [.. message.Blocks, new ActionBar([new MessageAction(spec.ActionId, spec.SubmitTitle) { SubmitsInputs = true }])] };
        var json = metadata.Serialize();
        if (json.Length > BlockKitRenderer.PrivateMetadataLimit)
        {
            json = (metadata with { ResponseUrl = null }).Serialize();
        }

        var api = await services.GetRequiredService<ISlackApiClientFactory>().ForTeamAsync(teamId, ct);
        if (api is null)
        {
            return Results.Ok();
        }

        try
        {
            await api.Views.OpenAsync(triggerId, BlockKitRenderer.RenderModal(message, FormCallbackId, json), ct);
        }
        catch (Exception e) when (e is SlackApiException or HttpRequestException or TaskCanceledException)
        {
            // expired_trigger_id, Slack unreachable…: the person presses again; nothing to retry here.
            LogOpenFailed(services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(InteractionsEndpoint)), (e as SlackApiException)?.Error ?? e.GetType().Name);
        }

        return Results.Ok();
    }

    /// <summary>
    /// A value changed in a form modal whose inputs preview (dispatch_action): the core answers with
    /// the card showing the status each value would get, and the modal is updated in place. The same
    /// block and action ids keep what the person typed; the view's hash makes an update that lost the
    /// race to a newer keystroke fail harmlessly.
    /// </summary>
    private static IResult Preview(IServiceProvider services, JsonElement p, string teamId, string userId)
    {
        var view = p.Obj("view");
        var viewId = view.Str("id");
        if (view.Str("callback_id") != FormCallbackId || viewId is null ||
            FormMetadata.TryParse(view.Str("private_metadata")) is not { PreviewActionId: { } previewId } metadata)
        {
            return Results.Ok(); // a modal of ours without a preview, or not ours
        }

        var privateMetadata = view.Str("private_metadata");
        var hash = view.Str("hash");
        var inputs = SlackPayload.StateValues(view.Obj("state"));
        var origin = new SlackOrigin(teamId, userId, metadata.Channel);
        var queued = services.GetRequiredService<SlackWorkQueue>().TryEnqueue("view-preview", async (sp, ct) =>
        {
            var result = await sp.GetRequiredService<SlackTurnRunner>().RunAsync(origin, null, new CardAction(previewId, metadata.Data, inputs), metadata.MessageTs, isCommand: false, ct);
            var card = result.Replies.FirstOrDefault(r => r.Message.ReplacesSource);
            var api = card is null ? null : await sp.GetRequiredService<ISlackApiClientFactory>().ForTeamAsync(teamId, ct);
            if (card is null || api is null)
            {
                return;
            }

            // Inside a modal only its own submit button counts; other buttons of the card would act outside it.
            var message = card.Message with
            {
                Blocks = [.. card.Message.Blocks.Select(b => b is ActionBar bar ? new ActionBar([.. bar.Actions.Where(a => a.SubmitsInputs && a.Id != previewId)]) : b)],
            };
            try
            {
                await api.Views.UpdateAsync(viewId, BlockKitRenderer.RenderModal(message, FormCallbackId, privateMetadata), hash, ct);
            }
            catch (SlackApiException e) when (e.Error is "hash_conflict" or "not_found" or "view_not_found")
            {
                // A newer keystroke already updated the modal, or it was closed: nothing to show.
            }
        });
        return queued ? Results.Ok() : Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<IResult> ViewSubmissionAsync(HttpContext http, JsonElement p, string teamId, string userId)
    {
        var view = p.Obj("view");
        if (view.Str("callback_id") != FormCallbackId || FormMetadata.TryParse(view.Str("private_metadata")) is not { } metadata)
        {
            return Results.Ok();
        }

        var inputs = SlackPayload.StateValues(view.Obj("state"));
        var services = http.RequestServices;
        var options = services.GetRequiredService<IOptions<SlackOptions>>().Value;
        var origin = new SlackOrigin(teamId, userId, metadata.Channel);
        var target = new SlackReplyTarget(origin, metadata.MessageTs, metadata.Ephemeral, metadata.ResponseUrl);
        var stopping = services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        var work = services.GetRequiredService<SlackTurnRunner>().RunAsync(
            origin, null, new CardAction(metadata.ActionId, metadata.Data, inputs), metadata.MessageTs, isCommand: false, stopping);
        try
        {
            await work.WaitAsync(options.DirectAnswerBudget, services.GetRequiredService<TimeProvider>(), http.RequestAborted);
        }
        catch (TimeoutException)
        {
            // Too slow to show errors in the modal: close it and deliver whatever comes.
            services.GetRequiredService<SlackWorkQueue>().TryEnqueue("view-submission", async (sp, ct) =>
                await sp.GetRequiredService<SlackReplyDelivery>().DeliverAsync(target, (await work).Replies, ct));
            return Results.Ok();
        }
        catch (OperationCanceledException)
        {
            return Results.Empty;
        }

        var replies = (await work).Replies;
        var errors = InputErrors(replies, inputs.Keys, view);
        if (errors.Count > 0)
        {
            return Results.Json(new JsonObject { ["response_action"] = "errors", ["errors"] = errors }, SlackEndpointJson.Default.JsonObject);
        }

        services.GetRequiredService<SlackWorkQueue>().TryEnqueue("view-submission", (sp, ct) =>
            sp.GetRequiredService<SlackReplyDelivery>().DeliverAsync(target, replies, ct));
        return Results.Ok(); // an empty 200 closes the modal
    }

    /// <summary>
    /// Errors the core put on inputs of its answer, keyed by the block they belong to. An error on an
    /// input the modal does not have goes on the modal's first input so it is still seen.
    /// </summary>
    private static JsonObject InputErrors(IReadOnlyList<Reply> replies, IEnumerable<string> submitted, JsonElement view)
    {
        var blocks = view.Items("blocks").Where(b => b.Str("type") == "input").Select(b => b.Str("block_id")).OfType<string>().ToList();
        var known = blocks.Count > 0 ? blocks : submitted.ToList();
        var errors = new JsonObject();
        foreach (var input in replies.SelectMany(r => r.Message.Blocks).OfType<Input>().Where(i => !string.IsNullOrWhiteSpace(i.Error)))
        {
            var blockId = known.Contains(input.Id) ? input.Id : known.FirstOrDefault();
            if (blockId is not null && !errors.ContainsKey(blockId))
            {
                errors[blockId] = BlockKitRenderer.Truncate(input.Error!, 150);
            }
        }

        return errors;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack views.open failed: {Error}")]
    private static partial void LogOpenFailed(ILogger logger, string error);
}
