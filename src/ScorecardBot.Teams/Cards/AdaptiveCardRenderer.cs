using System.Text;
using System.Text.Json;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Teams.Cards;

/// <summary>
/// Renders the neutral <see cref="Message"/> as an Adaptive Card 1.5 for Teams. A pure function:
/// the same message always gives the same card, and every card stays under <see cref="MaxCardBytes"/>.
/// </summary>
public static class AdaptiveCardRenderer
{
    /// <summary>Budget for one card's JSON; below the 28 KB that incoming webhooks and old clients accept.</summary>
    public const int MaxCardBytes = 27 * 1024;

    internal const int MaxTextLength = 4000;
    private const int MaxInlineImageBytes = 12 * 1024;

    /// <summary>The card as JSON (camelCase, nulls omitted).</summary>
    public static string Render(Message message) =>
        JsonSerializer.Serialize(Build(message), TeamsJson.Context.AdaptiveCard);

    internal static AdaptiveCard Build(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (CardSizeEstimate.UpperBoundBytes(message) <= MaxCardBytes)
        {
            // Most cards are far below the limit; skip serialising them once just to measure.
            return new CardBuilder(message, int.MaxValue).Build();
        }

        var rowCap = int.MaxValue;
        while (true)
        {
            var card = new CardBuilder(message, rowCap).Build();
            var size = JsonSerializer.SerializeToUtf8Bytes(card, TeamsJson.Context.AdaptiveCard).Length;
            var largestTable = message.Blocks.OfType<KpiTable>().Select(t => t.Rows.Count).DefaultIfEmpty(0).Max();
            var shown = Math.Min(rowCap, largestTable);
            if (size <= MaxCardBytes || shown <= 1)
            {
                return size <= MaxCardBytes ? card : new CardBuilder(message, 1) { ShortenTexts = true }.Build();
            }

            // Shrink the tables in proportion to the overshoot; each round trims at least one row.
            var scaled = (int)(shown * (double)MaxCardBytes / size) - 1;
            rowCap = Math.Max(1, Math.Min(shown - 1, scaled));
        }
    }

    private static readonly System.Buffers.SearchValues<char> MarkdownControls = System.Buffers.SearchValues.Create("\\`*_[]#");

    private sealed class CardBuilder(Message message, int rowCap)
    {
        private readonly List<CardElement> _body = [];
        private readonly Dictionary<string, CardMention> _mentions = new(StringComparer.Ordinal);
        private bool _separateNext;

        public bool ShortenTexts { get; init; }

        public AdaptiveCard Build()
        {
            foreach (var block in message.Blocks)
            {
                switch (block)
                {
                    case Heading h:
                        Add(new TextBlock { Text = Clip(Escape(h.Text)), Style = "heading", Size = "large", Weight = "bolder" });
                        break;
                    case Paragraph p:
                        Add(Paragraph(p));
                        break;
                    case Note n:
                        Add(new TextBlock { Text = Clip(Escape(n.Text)), Size = "small", IsSubtle = true, Spacing = "small" });
                        break;
                    case Divider:
                        _separateNext = true;
                        break;
                    case FactList f when f.Facts.Count > 0:
                        Add(new FactSet { Facts = [.. f.Facts.Select(x => new CardFact { Title = Clip(Escape(x.Label)), Value = Clip(Escape(x.Value)) })] });
                        break;
                    case KpiTable t:
                        AddKpiTable(t);
                        break;
                    case Image i:
                        Add(Picture(i));
                        break;
                    case Input input:
                        AddInput(input);
                        break;
                    case ActionBar bar when bar.Actions.Count > 0:
                        Add(new ActionSet { Actions = [.. bar.Actions.Select(Action)] });
                        break;
                }
            }

            if (_body.Count == 0)
            {
                Add(new TextBlock { Text = Clip(Escape(message.Summary)) });
            }

            return new AdaptiveCard
            {
                Body = _body,
                FallbackText = Clip(message.Summary),
                Teams = new TeamsCardProperties { Width = "Full", Entities = _mentions.Count > 0 ? [.. _mentions.Values] : null },
            };
        }

        private void Add(CardElement element)
        {
            if (_separateNext && _body.Count > 0)
            {
                element.Separator = true;
                element.Spacing ??= "medium";
            }

            _separateNext = false;
            _body.Add(element);
        }

        private string Clip(string text)
        {
            var max = ShortenTexts ? 300 : MaxTextLength;
            return text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
        }

        // The neutral model's text is plain text: names, comments and reasons that people typed reach
        // the card as they were written. TextBlocks and FactSets read Markdown, so a comment such as
        // "[click here](https://…)" would show as a link inside the bot's card and "**x**" as bold.
        // Each Markdown control character is backslash-escaped; the bot's own formatting comes only
        // from Run.Bold/Italic, Link and Mention, which this renderer writes around the escaped text.
        // Parentheses are left alone: with both brackets escaped no link can form, and clients that
        // ignore escapes would otherwise print a backslash before every "(" of ordinary text.
        internal static string Escape(string text)
        {
            if (text.AsSpan().IndexOfAny(MarkdownControls) < 0)
            {
                return text;
            }

            var escaped = new StringBuilder(text.Length + 8);
            foreach (var c in text)
            {
                if (MarkdownControls.Contains(c))
                {
                    escaped.Append('\\');
                }

                escaped.Append(c);
            }

            return escaped.ToString();
        }

        private TextBlock Paragraph(Paragraph p)
        {
            var text = new StringBuilder();
            foreach (var inline in p.Inlines)
            {
                switch (inline)
                {
                    case Run { Bold: true, Italic: true } r when r.Text.Trim().Length > 0:
                        text.Append("***").Append(Escape(r.Text.Trim())).Append("***");
                        break;
                    case Run { Bold: true } r when r.Text.Trim().Length > 0:
                        AppendEmphasis(text, r.Text, "**");
                        break;
                    case Run { Italic: true } r when r.Text.Trim().Length > 0:
                        AppendEmphasis(text, r.Text, "_");
                        break;
                    case Run r:
                        text.Append(Escape(r.Text));
                        break;
                    case Link l:
                        text.Append('[').Append(Escape(l.Text))
                            .Append("](").Append(l.Url.Replace(")", "%29", StringComparison.Ordinal).Replace(" ", "%20", StringComparison.Ordinal)).Append(')');
                        break;
                    case Mention m:
                        AppendMention(text, m);
                        break;
                }
            }

            var (color, subtle) = p.Tone switch
            {
                TextTone.Subtle => (null, (bool?)true),
                TextTone.Good => ("good", null),
                TextTone.Warning => ("warning", null),
                TextTone.Attention => ("attention", null),
                _ => ((string?)null, (bool?)null),
            };
            return new TextBlock { Text = Clip(text.ToString()), Color = color, IsSubtle = subtle };
        }

        // Markdown emphasis must hug the words: "** x **" would print the stars.
        private static void AppendEmphasis(StringBuilder text, string run, string marker)
        {
            var trimmed = run.Trim();
            if (run.Length > 0 && char.IsWhiteSpace(run[0]))
            {
                text.Append(' ');
            }

            text.Append(marker).Append(Escape(trimmed)).Append(marker);
            if (char.IsWhiteSpace(run[^1]))
            {
                text.Append(' ');
            }
        }

        private void AppendMention(StringBuilder text, Mention m)
        {
            if (string.IsNullOrEmpty(m.TeamsUserId))
            {
                // Without a Teams account the name cannot be a real mention; show it plainly.
                text.Append("**@").Append(Escape(m.Name)).Append("**");
                return;
            }

            var tag = $"<at>{m.Name}</at>";
            text.Append(tag);
            _mentions.TryAdd(m.TeamsUserId + "\n" + tag, new CardMention
            {
                Text = tag,
                Mentioned = new MentionedAccountJson { Id = m.TeamsUserId, Name = m.Name },
            });
        }

        // Each row is its own ColumnSet; fixed weights (not "auto") keep the columns aligned from row to row.
        private const string NameWidth = "5", ValueWidth = "2", StatusWidth = "3";

        private void AddKpiTable(KpiTable table)
        {
            var items = new List<CardElement>();
            if (!string.IsNullOrWhiteSpace(table.Title))
            {
                items.Add(new TextBlock { Text = Clip(Escape(table.Title)), Weight = "bolder", Size = "medium" });
            }

            if (table.Rows.Count == 0)
            {
                items.Add(new TextBlock { Text = "No KPIs to show.", IsSubtle = true });
                Add(new Container { Items = items });
                return;
            }

            items.Add(Row(
                Cell("KPI", NameWidth, weight: "bolder", subtle: true),
                Cell("Actual", ValueWidth, weight: "bolder", subtle: true, right: true),
                Cell("Target", ValueWidth, weight: "bolder", subtle: true, right: true),
                Cell("Status", StatusWidth, weight: "bolder", subtle: true)));
            var shown = Math.Min(rowCap, table.Rows.Count);
            foreach (var row in table.Rows.Take(shown))
            {
                var nameItems = new List<CardElement> { new TextBlock { Text = Clip(Escape(row.Name)) } };
                var detail = string.Join(" · ", new[] { row.Owner, row.Note }.Where(s => !string.IsNullOrWhiteSpace(s)));
                if (detail.Length > 0)
                {
                    nameItems.Add(new TextBlock { Text = Clip(Escape(detail)), Size = "small", IsSubtle = true, Spacing = "none" });
                }

                var (statusText, color) = StatusLabel(row.Status);
                var arrow = row.Trend switch
                {
                    TrendDirection.Improving => " ↑",
                    TrendDirection.Worsening => " ↓",
                    TrendDirection.Flat => " →",
                    _ => "",
                };
                items.Add(Row(
                    new Column { Width = NameWidth, Items = nameItems },
                    Cell(row.Value, ValueWidth, right: true),
                    Cell(row.Target ?? "–", ValueWidth, subtle: true, right: true),
                    Cell(statusText + arrow, StatusWidth, color: color)));
            }

            if (shown < table.Rows.Count)
            {
                items.Add(new TextBlock { Text = $"… and {table.Rows.Count - shown} more", IsSubtle = true, Size = "small" });
            }

            Add(new Container { Items = items });
        }

        internal static (string Text, string? Color) StatusLabel(Status status) => status switch
        {
            Status.Green => ("● Green", "good"),
            Status.Amber => ("● Amber", "warning"),
            Status.Red => ("● Red", "attention"),
            _ => ("○ No data", "default"),
        };

        private static ColumnSet Row(params Column[] columns) => new() { Columns = [.. columns] };

        private Column Cell(string text, string width, string? weight = null, bool subtle = false, bool right = false, string? color = null) => new()
        {
            Width = width,
            Items =
            [
                new TextBlock
                {
                    Text = Clip(Escape(text)),
                    Wrap = null,
                    Weight = weight,
                    IsSubtle = subtle ? true : null,
                    HorizontalAlignment = right ? "right" : null,
                    Color = color,
                },
            ],
        };

        private CardElement Picture(Image image)
        {
            var alt = Clip(image.AltText);
            if (!string.IsNullOrWhiteSpace(image.Url) && Uri.TryCreate(image.Url, UriKind.Absolute, out _))
            {
                return new CardImage { Url = image.Url, AltText = alt };
            }

            if (image.Png is { Length: > 0 } png && (png.Length + 2) / 3 * 4 <= MaxInlineImageBytes && !ShortenTexts)
            {
                return new CardImage { Url = "data:image/png;base64," + Convert.ToBase64String(png), AltText = alt };
            }

            // Too large to carry inside the card and no URL to point at: say what it would show.
            return new TextBlock { Text = $"🖼 {Escape(alt)}", IsSubtle = true };
        }

        private void AddInput(Input input)
        {
            var label = Clip(input.Label);
            var errorMessage = input.IsRequired ? Clip(input.Error ?? $"Please fill in {input.Label}.") : null;
            bool? required = input.IsRequired ? true : null;
            InputElement element = input switch
            {
                // Numbers are typed as text so "1.2k", "95 %" or "1,5" reach the core's parser unchanged.
                NumberInput n => new TextInputElement
                {
                    Id = n.Id,
                    Label = label,
                    IsRequired = required,
                    ErrorMessage = errorMessage,
                    Placeholder = n.Placeholder,
                    Value = n.Value,
                    InputMode = "decimal",
                },
                TextInput t => new TextInputElement
                {
                    Id = t.Id,
                    Label = label,
                    IsRequired = required,
                    ErrorMessage = errorMessage,
                    Placeholder = t.Placeholder,
                    Value = t.Value,
                    IsMultiline = t.Multiline ? true : null,
                    MaxLength = t.MaxLength,
                },
                ChoiceInput c => new ChoiceSetInputElement
                {
                    Id = c.Id,
                    Label = label,
                    IsRequired = required,
                    ErrorMessage = errorMessage,
                    Choices = [.. c.Choices.Select(x => new CardChoice { Title = Clip(x.Title), Value = x.Value })],
                    Style = "compact",
                    Value = c.Value,
                    Placeholder = c.Placeholder,
                },
                _ => new TextInputElement { Id = input.Id, Label = label, IsRequired = required, ErrorMessage = errorMessage, Value = input.Value },
            };
            Add(element);
            if (!string.IsNullOrWhiteSpace(input.Error))
            {
                Add(new TextBlock { Text = Clip(Escape(input.Error)), Color = "attention", Size = "small", Spacing = "none" });
            }
        }

        private static AdaptiveAction Action(MessageAction action)
        {
            if (!string.IsNullOrWhiteSpace(action.Url))
            {
                return new OpenUrlAction { Title = action.Title, Url = action.Url };
            }

            return new ExecuteAction
            {
                Title = action.Title,
                Verb = action.Id,
                Data = new CardActionData
                {
                    Action = action.Id,
                    Data = action.Data.Count > 0 ? new Dictionary<string, string>(action.Data, StringComparer.Ordinal) : null,
                },
                AssociatedInputs = action.SubmitsInputs ? "auto" : "none",
                Style = action.Style switch
                {
                    ActionStyle.Primary => "positive",
                    ActionStyle.Danger => "destructive",
                    _ => null,
                },
            };
        }
    }
}
