using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Slack.Rendering;

/// <summary>
/// Renders the neutral <see cref="Message"/> as Block Kit. Pure: the same message always gives the
/// same JSON. Slack's limits are met by splitting or truncating (with a "… and N more" line), never by failing.
/// </summary>
public static partial class BlockKitRenderer
{
    internal const int MessageBlockLimit = 50;
    internal const int ViewBlockLimit = 100;
    internal const int SectionTextLimit = 3000;
    internal const int FieldsPerSection = 10;
    internal const int FieldTextLimit = 2000;
    internal const int HeaderLimit = 150;
    internal const int ButtonsPerActions = 25;
    internal const int ButtonTextLimit = 75;
    internal const int ButtonValueLimit = 2000;
    internal const int IdLimit = 255;
    internal const int ViewTextLimit = 24;
    internal const int PrivateMetadataLimit = 3000;

    /// <summary>action_id of the button that opens a message's inputs as a modal.</summary>
    internal const string OpenFormActionPrefix = "sc.form";

    /// <summary>action_id prefix of link buttons; Slack reports their clicks, which need no answer.</summary>
    internal const string LinkActionPrefix = "sc.link";

    /// <summary>Blocks for a message (chat.postMessage, chat.update, slash-command answers).</summary>
    public static JsonArray Render(Message message) => Build(message, Surface.Message, MessageBlockLimit);

    /// <summary>
    /// A modal view: inputs as input blocks, the first input-submitting action as the submit button.
    /// <paramref name="privateMetadata"/> over 3,000 characters is dropped rather than sent and refused.
    /// </summary>
    public static JsonObject RenderModal(Message message, string callbackId, string? privateMetadata)
    {
        var submit = message.Blocks.OfType<ActionBar>().SelectMany(b => b.Actions).FirstOrDefault(a => a.SubmitsInputs);
        var title = message.Blocks.OfType<Heading>().FirstOrDefault()?.Text ?? "Scorecard";
        var view = new JsonObject
        {
            ["type"] = "modal",
            ["callback_id"] = Truncate(callbackId, IdLimit),
            ["title"] = PlainText(Truncate(title, ViewTextLimit)),
        };
        var hasInputs = message.Blocks.OfType<Input>().Any();
        if (hasInputs)
        {
            view["submit"] = PlainText(Truncate(submit?.Title ?? "Submit", ViewTextLimit));
        }

        view["close"] = PlainText(hasInputs ? "Cancel" : "Close");
        view["blocks"] = Build(message with { Blocks = [.. message.Blocks.Where(b => b is not Heading)] }, Surface.Modal, ViewBlockLimit);
        if (privateMetadata is { Length: > 0 and <= PrivateMetadataLimit })
        {
            view["private_metadata"] = privateMetadata;
        }

        return view;
    }

    /// <summary>The App Home tab (views.publish).</summary>
    public static JsonObject RenderHome(Message message) =>
        new() { ["type"] = "home", ["blocks"] = Build(message, Surface.Modal, ViewBlockLimit) };

    /// <summary>
    /// Plain text for the notification and for clients that show no blocks, escaped like every
    /// block's text: a summary quoting a comment with "&lt;!channel&gt;" must not notify the channel.
    /// </summary>
    public static string FallbackText(Message message) => Truncate(Mrkdwn.Escape(message.Summary), 3000);

    /// <summary>Gets the core's action id back from a rendered action_id ("{id}:{index}").</summary>
    internal static string ActionIdOf(string actionId)
    {
        var colon = actionId.LastIndexOf(':');
        return colon > 0 && colon < actionId.Length - 1 && actionId.AsSpan(colon + 1).IndexOfAnyExceptInRange('0', '9') < 0
            ? actionId[..colon]
            : actionId;
    }

    internal enum Surface
    {
        Message,
        Modal,
    }

    private static JsonArray Build(Message message, Surface surface, int limit)
    {
        var blocks = new List<JsonObject>();
        var inputs = message.Blocks.OfType<Input>().ToList();
        var heading = message.Blocks.OfType<Heading>().FirstOrDefault()?.Text;
        var formSpecs = surface == Surface.Message && inputs.Count > 0 ? FormOpeners(message, heading, inputs) : null;
        foreach (var block in message.Blocks)
        {
            switch (block)
            {
                case Heading h:
                    blocks.Add(new JsonObject { ["type"] = "header", ["text"] = PlainText(Truncate(h.Text, HeaderLimit)) });
                    break;
                case Paragraph p:
                    AddParagraph(blocks, p);
                    break;
                case Note n:
                    blocks.Add(Context(Mrkdwn.Escape(n.Text)));
                    break;
                case Divider:
                    blocks.Add(new JsonObject { ["type"] = "divider" });
                    break;
                case FactList f:
                    AddFacts(blocks, f);
                    break;
                case KpiTable k:
                    AddKpis(blocks, k);
                    break;
                case Image i when IsWebUrl(i.Url):
                    blocks.Add(new JsonObject
                    {
                        ["type"] = "image",
                        ["image_url"] = i.Url,
                        ["alt_text"] = Truncate(string.IsNullOrWhiteSpace(i.AltText) ? "chart" : i.AltText, 2000),
                    });
                    break;
                case Input input when formSpecs is null:
                    blocks.Add(InputBlock(input, dispatches: surface == Surface.Modal && input.OnChange is not null));
                    if (surface == Surface.Message && input.Error is { } error)
                    {
                        blocks.Add(Context(":warning: " + Mrkdwn.Escape(error)));
                    }

                    break;
                case ActionBar bar:
                    AddActions(blocks, bar, surface, formSpecs);
                    break;
            }
        }

        if (blocks.Count > limit)
        {
            var dropped = blocks.Count - (limit - 1);
            blocks = blocks.GetRange(0, limit - 1);
            blocks.Add(Context($"… and {dropped.ToString(CultureInfo.InvariantCulture)} more"));
        }

        return [.. blocks];
    }

    /// <summary>
    /// Slack messages take input only through modals, so each input-submitting button becomes a
    /// button that opens the inputs as a modal. Null when a spec does not fit a button value; the
    /// inputs are then shown in the message itself.
    /// </summary>
    private static Dictionary<MessageAction, string>? FormOpeners(Message message, string? heading, List<Input> inputs)
    {
        var result = new Dictionary<MessageAction, string>(ReferenceEqualityComparer.Instance);
        var preview = PreviewActionOf(inputs);
        foreach (var action in message.Blocks.OfType<ActionBar>().SelectMany(b => b.Actions).Where(a => a.SubmitsInputs && a.Url is null && a.Id != preview))
        {
            var own = action.Inputs is { } ids ? inputs.Where(i => ids.Contains(i.Id)).ToList() : inputs;
            var value = ModalSpec.From(action, heading, own, preview).Serialize();
            if (value.Length > ButtonValueLimit)
            {
                return null;
            }

            result[action] = value;
        }

        return result.Count == 0 ? null : result;
    }

    /// <summary>The action the inputs send as they change (the live preview); the modal does it, so it needs no button of its own.</summary>
    internal static string? PreviewActionOf(IEnumerable<Input> inputs) => inputs.Select(i => i.OnChange).FirstOrDefault(a => a is not null);

    private static void AddParagraph(List<JsonObject> blocks, Paragraph p)
    {
        var text = Mrkdwn.Render(p.Inlines);
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        text = p.Tone switch
        {
            TextTone.Good => ":white_check_mark: " + text,
            TextTone.Warning => ":warning: " + text,
            TextTone.Attention => ":red_circle: " + text,
            _ => text,
        };
        if (p.Tone == TextTone.Subtle)
        {
            blocks.Add(Context(text));
            return;
        }

        foreach (var chunk in Chunks(text, SectionTextLimit))
        {
            blocks.Add(Section(chunk));
        }
    }

    private static void AddFacts(List<JsonObject> blocks, FactList facts)
    {
        foreach (var group in facts.Facts.Chunk(FieldsPerSection))
        {
            var fields = new JsonArray();
            foreach (var fact in group)
            {
                fields.Add(new JsonObject
                {
                    ["type"] = "mrkdwn",
                    ["text"] = Truncate($"*{Mrkdwn.Escape(fact.Label.Trim())}*\n{Mrkdwn.Escape(fact.Value)}", FieldTextLimit),
                });
            }

            blocks.Add(new JsonObject { ["type"] = "section", ["fields"] = fields });
        }
    }

    private static void AddKpis(List<JsonObject> blocks, KpiTable table)
    {
        var lines = new List<string>();
        if (table.Title is { Length: > 0 } title)
        {
            lines.Add($"*{Mrkdwn.Escape(title.Trim())}*");
        }

        foreach (var row in table.Rows)
        {
            var line = new StringBuilder()
                .Append(StatusEmoji(row.Status)).Append(" *").Append(Mrkdwn.Escape(row.Name.Trim())).Append("*  ")
                .Append(Mrkdwn.Escape(row.Value));
            if (row.Target is { Length: > 0 } target)
            {
                line.Append(" / target ").Append(Mrkdwn.Escape(target));
            }

            if (TrendArrow(row.Trend) is { } arrow)
            {
                line.Append("  ").Append(arrow);
            }

            if (row.Owner is { Length: > 0 } owner)
            {
                line.Append("  · ").Append(Mrkdwn.Escape(owner));
            }

            if (row.Note is { Length: > 0 } note)
            {
                line.Append("\n      _").Append(Mrkdwn.Escape(note.Trim())).Append('_');
            }

            lines.Add(line.ToString());
        }

        foreach (var chunk in Chunks(string.Join('\n', lines), SectionTextLimit))
        {
            blocks.Add(Section(chunk));
        }
    }

    internal static string StatusEmoji(Status status) => status switch
    {
        Status.Green => ":large_green_circle:",
        Status.Amber => ":large_orange_circle:",
        Status.Red => ":red_circle:",
        _ => ":white_circle:",
    };

    private static string? TrendArrow(TrendDirection trend) => trend switch
    {
        TrendDirection.Improving => "↑ improving",
        TrendDirection.Flat => "→ flat",
        TrendDirection.Worsening => "↓ worsening",
        _ => null,
    };

    private static void AddActions(List<JsonObject> blocks, ActionBar bar, Surface surface, Dictionary<MessageAction, string>? formSpecs)
    {
        var buttons = new List<JsonObject>();
        for (var i = 0; i < bar.Actions.Count; i++)
        {
            var action = bar.Actions[i];
            var index = i.ToString(CultureInfo.InvariantCulture);
            if (surface == Surface.Modal && action.SubmitsInputs && action.Url is null)
            {
                continue; // the modal's own submit button stands for it
            }

            if (formSpecs is not null && action.SubmitsInputs && action.Url is null && !formSpecs.ContainsKey(action))
            {
                continue; // a preview button: the modal previews as the values change
            }

            var button = new JsonObject { ["type"] = "button", ["text"] = PlainText(Truncate(action.Title, ButtonTextLimit)) };
            if (action.Url is { } url && IsWebUrl(url) && url.Length <= 3000)
            {
                button["action_id"] = $"{LinkActionPrefix}:{index}";
                button["url"] = url;
            }
            else if (formSpecs is not null && formSpecs.TryGetValue(action, out var spec))
            {
                button["action_id"] = $"{OpenFormActionPrefix}:{index}";
                button["value"] = spec;
            }
            else
            {
                button["action_id"] = $"{Truncate(action.Id, IdLimit - 12)}:{index}";
                var value = JsonSerializer.Serialize(action.Data, ModalSpec.Json);
                if (value.Length <= ButtonValueLimit && action.Data.Count > 0)
                {
                    button["value"] = value;
                }
            }

            switch (action.Style)
            {
                case ActionStyle.Primary:
                    button["style"] = "primary";
                    break;
                case ActionStyle.Danger:
                    button["style"] = "danger";
                    break;
            }

            buttons.Add(button);
        }

        foreach (var group in buttons.Chunk(ButtonsPerActions))
        {
            blocks.Add(new JsonObject { ["type"] = "actions", ["elements"] = new JsonArray([.. group]) });
        }
    }

    private static JsonObject Section(string mrkdwn) =>
        new() { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = mrkdwn } };

    private static JsonObject Context(string mrkdwn) =>
        new() { ["type"] = "context", ["elements"] = new JsonArray(new JsonObject { ["type"] = "mrkdwn", ["text"] = Truncate(mrkdwn, SectionTextLimit) }) };

    internal static JsonObject PlainText(string text) => new() { ["type"] = "plain_text", ["text"] = text, ["emoji"] = true };

    private static bool IsWebUrl(string? url) =>
        url is not null && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http";

    internal static string Truncate(string text, int max) =>
        text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
}
