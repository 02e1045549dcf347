using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;

namespace ScorecardBot.LocalChat;

/// <summary>
/// Renders the neutral <see cref="Message"/> as semantic HTML for the local chat page: the third
/// renderer beside Adaptive Cards and Block Kit. A pure function: every string that comes from
/// data (KPI names, comments, typed values, ids) is HTML-encoded, and only http(s) or relative
/// URLs become links or images.
/// </summary>
public static class HtmlMessageRenderer
{
    // Non-ASCII text stays readable (names, arrows); markup characters and quotes are always encoded.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <param name="message">The reply to show.</param>
    /// <param name="messageId">The id the page uses to replace this card later and to tie inputs to it.</param>
    public static string Render(Message message, string messageId)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrEmpty(messageId);

        var html = new StringBuilder(512);
        html.Append("<article class=\"card\" data-message-id=\"").Append(Encode(messageId)).Append('"');
        if (message.Kind is { } kind)
        {
            html.Append(" data-kind=\"").Append(Encode(kind)).Append('"');
        }

        html.Append(">\n");
        foreach (var block in message.Blocks)
        {
            RenderBlock(html, block, messageId);
        }

        html.Append("</article>\n");
        return html.ToString();
    }

    private static void RenderBlock(StringBuilder html, Block block, string messageId)
    {
        switch (block)
        {
            case Heading heading:
                html.Append("<h3 class=\"card-heading\">").Append(Encode(heading.Text)).Append("</h3>\n");
                break;
            case Paragraph paragraph:
                html.Append("<p").Append(ToneClass(paragraph.Tone)).Append('>');
                foreach (var inline in paragraph.Inlines)
                {
                    RenderInline(html, inline);
                }

                html.Append("</p>\n");
                break;
            case Note note:
                html.Append("<p class=\"note\">").Append(Encode(note.Text)).Append("</p>\n");
                break;
            case Divider:
                html.Append("<hr>\n");
                break;
            case FactList facts:
                RenderFacts(html, facts);
                break;
            case KpiTable table:
                RenderKpiTable(html, table);
                break;
            case Image image:
                RenderImage(html, image);
                break;
            case Input input:
                RenderInput(html, input, messageId);
                break;
            case ActionBar bar:
                RenderActions(html, bar);
                break;
            case FileAttachment file:
                RenderFile(html, file);
                break;
            default:
                // A block added to the model later must not break the page: show it was left out.
                html.Append("<p class=\"note\">(").Append(Encode(block.GetType().Name)).Append(" is not shown here)</p>\n");
                break;
        }
    }

    private static void RenderInline(StringBuilder html, Inline inline)
    {
        switch (inline)
        {
            case Run run:
                var text = Encode(run.Text);
                if (run.Italic)
                {
                    text = $"<em>{text}</em>";
                }

                html.Append(run.Bold ? $"<strong>{text}</strong>" : text);
                break;
            case Link link when SafeUrl.IsAllowed(link.Url):
                html.Append("<a href=\"").Append(Encode(link.Url))
                    .Append("\" target=\"_blank\" rel=\"noopener noreferrer\">")
                    .Append(Encode(link.Text)).Append("</a>");
                break;
            case Link link:
                html.Append(Encode(link.Text));
                break;
            case Mention mention:
                html.Append("<span class=\"mention\" data-person-id=\"")
                    .Append(mention.PersonId.ToString("D", CultureInfo.InvariantCulture)).Append("\">@")
                    .Append(Encode(mention.Name)).Append("</span>");
                break;
            default:
                break;
        }
    }

    private static void RenderFacts(StringBuilder html, FactList facts)
    {
        html.Append("<dl class=\"facts\">\n");
        foreach (var fact in facts.Facts)
        {
            html.Append("<div><dt>").Append(Encode(fact.Label)).Append("</dt><dd>")
                .Append(Encode(fact.Value)).Append("</dd></div>\n");
        }

        html.Append("</dl>\n");
    }

    private static void RenderKpiTable(StringBuilder html, KpiTable table)
    {
        var withOwner = table.Rows.Any(r => r.Owner is not null);
        html.Append("<div class=\"table-scroll\"><table class=\"kpis\">\n");
        if (table.Title is { } title)
        {
            html.Append("<caption>").Append(Encode(title)).Append("</caption>\n");
        }

        html.Append("<thead><tr><th scope=\"col\">KPI</th><th scope=\"col\" class=\"num\">Actual</th>")
            .Append("<th scope=\"col\" class=\"num\">Target</th><th scope=\"col\">Status</th><th scope=\"col\">Trend</th>");
        if (withOwner)
        {
            html.Append("<th scope=\"col\">Owner</th>");
        }

        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in table.Rows)
        {
            html.Append("<tr data-kpi-id=\"").Append(row.KpiId.ToString("D", CultureInfo.InvariantCulture))
                .Append("\"><th scope=\"row\">").Append(Encode(row.Name));
            if (row.Note is { } note)
            {
                html.Append("<span class=\"row-note\">").Append(Encode(note)).Append("</span>");
            }

            html.Append("</th><td class=\"num\">").Append(Encode(row.Value)).Append("</td><td class=\"num\">")
                .Append(row.Target is null ? "—" : Encode(row.Target)).Append("</td><td>");
            AppendStatusPill(html, row.Status);
            html.Append("</td><td>");
            AppendTrend(html, row.Trend);
            html.Append("</td>");
            if (withOwner)
            {
                html.Append("<td>").Append(Encode(row.Owner ?? "")).Append("</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody>\n</table></div>\n");
    }

    // The status is written out, never colour alone, so it reads in grey scale and to screen readers.
    private static void AppendStatusPill(StringBuilder html, Status status)
    {
        var (css, text) = status switch
        {
            Status.Green => ("green", "Green"),
            Status.Amber => ("amber", "Amber"),
            Status.Red => ("red", "Red"),
            _ => ("nodata", "No data"),
        };
        html.Append("<span class=\"pill pill-").Append(css).Append("\">").Append(text).Append("</span>");
    }

    private static void AppendTrend(StringBuilder html, TrendDirection trend)
    {
        var (css, arrow, text) = trend switch
        {
            TrendDirection.Improving => ("improving", "↑", "improving"),
            TrendDirection.Worsening => ("worsening", "↓", "worsening"),
            TrendDirection.Flat => ("flat", "→", "flat"),
            _ => ("unknown", "·", "no trend yet"),
        };
        html.Append("<span class=\"trend trend-").Append(css).Append("\" title=\"").Append(text)
            .Append("\"><span aria-hidden=\"true\">").Append(arrow).Append("</span><span class=\"visually-hidden\">")
            .Append(text).Append("</span></span>");
    }

    /// <summary>A file to download (the data URL is built here from the bytes) and its text to read.</summary>
    private static void RenderFile(StringBuilder html, FileAttachment file)
    {
        var data = "data:" + (file.ContentType == FileAttachment.YamlContentType ? "text/yaml" : "application/octet-stream") + ";base64," +
            Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(file.Content));
        html.Append("<p class=\"file\"><a download=\"").Append(Encode(file.FileName)).Append("\" href=\"").Append(data).Append("\">Download ")
            .Append(Encode(file.FileName)).Append("</a></p>\n<details><summary>").Append(Encode(file.FileName)).Append("</summary><pre>")
            .Append(Encode(file.Content)).Append("</pre></details>\n");
    }

    private static void RenderImage(StringBuilder html, Image image)
    {
        string? source = null;
        if (SafeUrl.IsAllowed(image.Url))
        {
            source = Encode(image.Url!);
        }
        else if (image.Png is { Length: > 0 } png)
        {
            // Base64 has no markup characters; the data URL is built here, never taken from data.
            source = "data:image/png;base64," + Convert.ToBase64String(png);
        }

        if (source is null)
        {
            html.Append("<p class=\"note\">").Append(Encode(image.AltText)).Append("</p>\n");
            return;
        }

        html.Append("<figure class=\"chart\"><img src=\"").Append(source).Append("\" alt=\"")
            .Append(Encode(image.AltText)).Append("\" loading=\"lazy\"></figure>\n");
    }

    private static void RenderInput(StringBuilder html, Input input, string messageId)
    {
        var fieldId = Encode($"{messageId}-{input.Id}");
        var errorId = fieldId + "-error";
        html.Append("<div class=\"field").Append(input.Error is null ? "" : " has-error").Append("\">\n")
            .Append("<label for=\"").Append(fieldId).Append("\">").Append(Encode(input.Label));
        if (input.IsRequired)
        {
            html.Append("<span class=\"required\" aria-hidden=\"true\"> *</span>");
        }

        html.Append("</label>\n");

        var common = new StringBuilder();
        common.Append(" id=\"").Append(fieldId).Append("\" name=\"").Append(Encode(input.Id)).Append('"');
        if (input.IsRequired)
        {
            common.Append(" required");
        }

        if (input.Error is not null)
        {
            common.Append(" aria-invalid=\"true\" aria-describedby=\"").Append(errorId).Append('"');
        }

        if (input.OnChange is not null)
        {
            // The page sends the card's button with this id when the value changes: the live preview.
            common.Append(" data-on-change=\"").Append(Encode(input.OnChange)).Append('"');
        }

        switch (input)
        {
            case ChoiceInput choice:
                html.Append("<select").Append(common).Append(">\n");
                if (!choice.IsRequired || choice.Value is null)
                {
                    html.Append("<option value=\"\">").Append(Encode(choice.Placeholder ?? "Choose…")).Append("</option>\n");
                }

                foreach (var option in choice.Choices)
                {
                    html.Append("<option value=\"").Append(Encode(option.Value)).Append('"')
                        .Append(option.Value == choice.Value ? " selected" : "").Append('>')
                        .Append(Encode(option.Title)).Append("</option>\n");
                }

                html.Append("</select>\n");
                break;
            case TextInput { Multiline: true } text:
                html.Append("<textarea").Append(common).Append(Placeholder(text)).Append(MaxLength(text)).Append(" rows=\"3\">")
                    .Append(Encode(text.Value ?? "")).Append("</textarea>\n");
                break;
            default:
                // Numbers stay text: "1.2k" and "95 %" are for the core to parse, not the browser.
                html.Append("<input type=\"text\"").Append(common)
                    .Append(input is NumberInput ? " inputmode=\"decimal\" autocomplete=\"off\"" : "")
                    .Append(Placeholder(input)).Append(input is TextInput t ? MaxLength(t) : "");
                if (input.Value is not null)
                {
                    html.Append(" value=\"").Append(Encode(input.Value)).Append('"');
                }

                html.Append(">\n");
                break;
        }

        if (input.Error is not null)
        {
            html.Append("<p class=\"field-error\" id=\"").Append(errorId).Append("\">").Append(Encode(input.Error)).Append("</p>\n");
        }

        html.Append("</div>\n");
    }

    private static string Placeholder(Input input) =>
        input.Placeholder is null ? "" : $" placeholder=\"{Encode(input.Placeholder)}\"";

    private static string MaxLength(TextInput input) =>
        input.MaxLength is { } max ? string.Create(CultureInfo.InvariantCulture, $" maxlength=\"{max}\"") : "";

    private static void RenderActions(StringBuilder html, ActionBar bar)
    {
        html.Append("<div class=\"actions\">\n");
        foreach (var action in bar.Actions)
        {
            var style = action.Style switch
            {
                ActionStyle.Primary => "btn btn-primary",
                ActionStyle.Danger => "btn btn-danger",
                _ => "btn",
            };
            if (action.Url is not null)
            {
                if (SafeUrl.IsAllowed(action.Url))
                {
                    html.Append("<a class=\"").Append(style).Append("\" href=\"").Append(Encode(action.Url))
                        .Append("\" target=\"_blank\" rel=\"noopener noreferrer\">").Append(Encode(action.Title)).Append("</a>\n");
                }

                continue;
            }

            html.Append("<button type=\"button\" class=\"").Append(style).Append("\" data-action-id=\"").Append(Encode(action.Id))
                .Append("\" data-action-data=\"").Append(Encode(JsonSerializer.Serialize(action.Data))).Append('"');
            if (action.SubmitsInputs)
            {
                html.Append(" data-submits-inputs=\"true\"");
                if (action.Inputs is { Count: > 0 } own)
                {
                    // The inputs this button is about (a meeting card's decision, or its action): emptied once it succeeds.
                    html.Append(" data-inputs=\"").Append(Encode(string.Join(' ', own))).Append('"');
                }
            }

            html.Append('>').Append(Encode(action.Title)).Append("</button>\n");
        }

        html.Append("</div>\n");
    }

    private static string ToneClass(TextTone tone) => tone switch
    {
        TextTone.Subtle => " class=\"tone-subtle\"",
        TextTone.Good => " class=\"tone-good\"",
        TextTone.Warning => " class=\"tone-warning\"",
        TextTone.Attention => " class=\"tone-attention\"",
        _ => "",
    };

    private static string Encode(string text) => Encoder.Encode(text);
}
