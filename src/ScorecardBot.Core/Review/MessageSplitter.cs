using ScorecardBot.Core.Conversation;

namespace ScorecardBot.Core.Review;

/// <summary>
/// Splits a long message into several that each fit a chat message: Slack takes 50 blocks and
/// cuts text at 40,000 characters, Teams cards stop at about 28 KB. We keep a margin: at most
/// <see cref="MaxBlocks"/> blocks and about <see cref="MaxTextBytes"/> of text per message.
/// </summary>
public static class MessageSplitter
{
    public const int MaxBlocks = 45;
    public const int MaxTextBytes = 25_000;

    /// <summary>
    /// Blocks as channels count them: a KPI table becomes one block per row (plus its title),
    /// a fact list one per ten facts (a Slack section holds ten fields).
    /// </summary>
    public static int CostOf(Block block) => block switch
    {
        KpiTable table => table.Rows.Count + (table.Title is null ? 0 : 1),
        FactList facts => Math.Max(1, (facts.Facts.Count + 9) / 10),
        _ => 1,
    };

    /// <summary>The text a block carries, in UTF-8 bytes.</summary>
    public static int TextBytesOf(Block block) => System.Text.Encoding.UTF8.GetByteCount(TextOf(block));

    /// <summary>
    /// Groups sections (runs of blocks that belong together, e.g. a KPI and its comment) into
    /// messages. Each message after the first starts with the heading and "(continued, 2/3)";
    /// a section never straddles two messages unless it alone is too big.
    /// </summary>
    public static IReadOnlyList<Message> Split(string heading, IReadOnlyList<IReadOnlyList<Block>> sections, string summary, string kind)
    {
        var pages = new List<List<Block>>();
        var current = new List<Block>();
        int blocks = 0, bytes = 0;
        foreach (var section in sections)
        {
            var cost = section.Sum(CostOf);
            var size = section.Sum(TextBytesOf);
            if (current.Count > 0 && (blocks + cost > MaxBlocks - 1 || bytes + size > MaxTextBytes - 200))
            {
                pages.Add(current);
                current = [];
                blocks = bytes = 0;
            }

            foreach (var block in section)
            {
                // A single section larger than a message is cut block by block.
                var c = CostOf(block);
                var s = TextBytesOf(block);
                if (current.Count > 0 && (blocks + c > MaxBlocks - 1 || bytes + s > MaxTextBytes - 200))
                {
                    pages.Add(current);
                    current = [];
                    blocks = bytes = 0;
                }

                current.Add(block);
                blocks += c;
                bytes += s;
            }
        }

        if (current.Count > 0 || pages.Count == 0)
        {
            pages.Add(current);
        }

        var result = new List<Message>(pages.Count);
        for (var i = 0; i < pages.Count; i++)
        {
            var title = pages.Count == 1 ? heading : i == 0 ? $"{heading} (1/{pages.Count})" : $"{heading} (continued, {i + 1}/{pages.Count})";
            var page = new List<Block>(pages[i].Count + 1) { new Heading(title) };
            page.AddRange(pages[i]);
            result.Add(new Message(page, i == 0 ? summary : $"{heading} (continued, {i + 1}/{pages.Count})") { Kind = kind });
        }

        return result;
    }

    private static string TextOf(Block block) => block switch
    {
        Heading h => h.Text,
        Paragraph p => string.Concat(p.Inlines.Select(i => i switch
        {
            Run r => r.Text,
            Link l => l.Text + l.Url,
            Mention m => m.Name + m.TeamsUserId + m.SlackUserId,
            _ => string.Empty,
        })),
        Note n => n.Text,
        FactList f => string.Concat(f.Facts.Select(x => x.Label + x.Value)),
        KpiTable t => (t.Title ?? string.Empty) + string.Concat(t.Rows.Select(r => r.Name + r.Value + r.Target + r.Owner + r.Note)),
        Image img => img.AltText + img.Url,
        Input input => input.Label + input.Placeholder + input.Value,
        ActionBar bar => string.Concat(bar.Actions.Select(a => a.Title + a.Id + string.Concat(a.Data.Select(d => d.Key + d.Value)))),
        _ => string.Empty,
    };
}
