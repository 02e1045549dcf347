using ScorecardBot.Core.Conversation;

namespace ScorecardBot.Teams.Cards;

internal static class CardSizeEstimate
{
    /// <summary>
    /// A safe over-estimate of the card's size: a generous fixed cost per element plus six bytes per
    /// character of text (the worst case of JSON escaping).
    /// </summary>
    public static long UpperBoundBytes(Message message)
    {
        const int perElement = 400, perRow = 1200, text = 6;
        long total = 600 + ((long)message.Summary.Length * 2 * text);
        foreach (var block in message.Blocks)
        {
            total += perElement + block switch
            {
                Heading h => h.Text.Length * text,
                Note n => n.Text.Length * text,
                Paragraph p => p.Inlines.Sum(i => i switch
                {
                    Run r => r.Text.Length + 6,
                    Link l => l.Text.Length + l.Url.Length + 6,
                    Mention m => (m.Name.Length * 3) + (m.TeamsUserId?.Length ?? 0) + 120,
                    _ => 200,
                }) * text,
                FactList f => f.Facts.Sum(x => perElement + ((x.Label.Length + x.Value.Length) * text)),
                KpiTable t => ((t.Title?.Length ?? 0) * text) + perRow + t.Rows.Sum(r =>
                    perRow + ((r.Name.Length + r.Value.Length + (r.Target?.Length ?? 0) + (r.Owner?.Length ?? 0) + (r.Note?.Length ?? 0)) * text)),
                Image i => ((i.AltText.Length + (i.Url?.Length ?? 0)) * text) + (i.Png is { } png && i.Url is null ? ((png.Length + 2) / 3 * 4) : 0),
                Input i => perElement + ((i.Id.Length + i.Label.Length + (i.Error?.Length ?? 0) * 2 + (i.Placeholder?.Length ?? 0) + (i.Value?.Length ?? 0)) * text)
                    + (i is ChoiceInput c ? c.Choices.Sum(x => 100 + ((x.Title.Length + x.Value.Length) * text)) : 0),
                ActionBar a => a.Actions.Sum(x => perElement + ((x.Id.Length * 2 + x.Title.Length + (x.Url?.Length ?? 0)
                    + x.Data.Sum(d => d.Key.Length + d.Value.Length + 6)) * text)),
                _ => 0,
            };
        }

        return total;
    }
}
