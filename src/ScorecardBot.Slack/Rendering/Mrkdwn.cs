using System.Text;
using System.Text.RegularExpressions;
using ScorecardBot.Core.Conversation;

namespace ScorecardBot.Slack.Rendering;

/// <summary>Slack's mrkdwn: escaping of the three control characters, emphasis, links and user mentions.</summary>
internal static partial class Mrkdwn
{
    public static string Escape(string text)
    {
        if (text.AsSpan().IndexOfAny('&', '<', '>') < 0)
        {
            return text;
        }

        return text.Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal);
    }

    public static string Render(IReadOnlyList<Inline> inlines)
    {
        var sb = new StringBuilder();
        foreach (var inline in inlines)
        {
            switch (inline)
            {
                case Run run:
                    AppendRun(sb, run);
                    break;
                case Link link:
                    AppendLink(sb, link);
                    break;
                case Mention mention:
                    sb.Append(Mention(mention));
                    break;
            }
        }

        return sb.ToString();
    }

    public static string Mention(Mention mention) =>
        mention.SlackUserId is { } id && SlackUserId().IsMatch(id) ? $"<@{id}>" : Escape(mention.Name);

    private static void AppendRun(StringBuilder sb, Run run)
    {
        var escaped = Escape(run.Text);
        if (!run.Bold && !run.Italic || string.IsNullOrWhiteSpace(escaped))
        {
            sb.Append(escaped);
            return;
        }

        // Emphasis markers must touch the words: keep surrounding spaces outside them.
        var core = escaped.Trim();
        var lead = escaped[..escaped.IndexOf(core[0])];
        var trail = escaped[(lead.Length + core.Length)..];
        if (run.Bold)
        {
            core = $"*{core}*";
        }

        if (run.Italic)
        {
            core = $"_{core}_";
        }

        sb.Append(lead).Append(core).Append(trail);
    }

    private static void AppendLink(StringBuilder sb, Link link)
    {
        var text = Escape(link.Text).Replace("|", "¦", StringComparison.Ordinal);
        if (Uri.TryCreate(link.Url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" or "mailto"
            && link.Url.AsSpan().IndexOfAny('|', '>', '<') < 0 && !link.Url.Any(char.IsWhiteSpace))
        {
            sb.Append('<').Append(link.Url.Replace("&", "&amp;", StringComparison.Ordinal)).Append('|').Append(text).Append('>');
        }
        else
        {
            sb.Append(text);
        }
    }

    [GeneratedRegex("^[UW][A-Z0-9]{2,30}$")]
    private static partial Regex SlackUserId();
}
