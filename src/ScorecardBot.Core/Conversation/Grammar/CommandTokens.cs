using System.Text;
using System.Text.RegularExpressions;

namespace ScorecardBot.Core.Conversation.Grammar;

/// <summary>One piece of a command: a word, a "quoted phrase", or a platform mention kept whole.</summary>
internal sealed record CommandToken(string Text, bool Quoted, PersonToken? Person = null)
{
    public override string ToString() => Quoted ? $"\"{Text}\"" : Text;
}

/// <summary>Splits command text, keeping quotes ("…", “…”) and mentions (&lt;@U1|ana&gt;, &lt;at&gt;Ana Costa&lt;/at&gt;) in one piece.</summary>
internal static partial class CommandTokens
{
    public static List<CommandToken> Split(string text)
    {
        var tokens = new List<CommandToken>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (c is '"' or '“' or '”' or '\'' && (c != '\'' || i == 0 || char.IsWhiteSpace(text[i - 1])))
            {
                var close = c switch { '“' => '”', '\'' => '\'', _ => c == '”' ? '”' : '"' };
                var end = text.IndexOfAny(close == '"' ? ['"', '”'] : [close], i + 1);
                if (end > i)
                {
                    tokens.Add(new CommandToken(text[(i + 1)..end].Trim(), Quoted: true));
                    i = end + 1;
                    continue;
                }
            }

            if (text.AsSpan(i).StartsWith("<at>", StringComparison.OrdinalIgnoreCase))
            {
                var end = text.IndexOf("</at>", i, StringComparison.OrdinalIgnoreCase);
                if (end > i)
                {
                    var raw = text[i..(end + 5)];
                    var name = text[(i + 4)..end].Trim();
                    tokens.Add(new CommandToken(name, false, new PersonToken(PersonTokenKind.TeamsMention, name, raw)));
                    i = end + 5;
                    continue;
                }
            }

            if (c == '<' && i + 1 < text.Length && text[i + 1] == '@')
            {
                var end = text.IndexOf('>', i);
                if (end > i)
                {
                    var raw = text[i..(end + 1)];
                    var inner = text[(i + 2)..end];
                    var bar = inner.IndexOf('|', StringComparison.Ordinal);
                    var id = bar >= 0 ? inner[..bar] : inner;
                    tokens.Add(new CommandToken(bar >= 0 ? inner[(bar + 1)..] : id, false, new PersonToken(PersonTokenKind.SlackUser, id, raw)));
                    i = end + 1;
                    continue;
                }
            }

            // Slack wraps e-mail addresses as <mailto:a@b.c|a@b.c>.
            if (c == '<' && text.AsSpan(i).StartsWith("<mailto:", StringComparison.OrdinalIgnoreCase))
            {
                var end = text.IndexOf('>', i);
                if (end > i)
                {
                    var inner = text[(i + 8)..end];
                    var email = inner.Split('|')[0];
                    tokens.Add(new CommandToken(email, false, new PersonToken(PersonTokenKind.Email, email.ToLowerInvariant(), text[i..(end + 1)])));
                    i = end + 1;
                    continue;
                }
            }

            var word = new StringBuilder();
            while (i < text.Length && !char.IsWhiteSpace(text[i]))
            {
                word.Append(text[i]);
                i++;
            }

            var w = word.ToString();
            PersonToken? person = null;
            if (EmailPattern().IsMatch(w))
            {
                person = new PersonToken(PersonTokenKind.Email, w.ToLowerInvariant(), w);
            }
            else if (w.Length > 1 && w[0] == '@')
            {
                person = new PersonToken(PersonTokenKind.Name, w[1..], w);
            }

            tokens.Add(new CommandToken(w, false, person));
        }

        return tokens;
    }

    public static string Join(IEnumerable<CommandToken> tokens) => string.Join(' ', tokens.Select(t => t.Text));

    /// <summary>Whether a word looks like a value: a number with optional sign, currency, separators, k/m/bn or %.</summary>
    public static bool LooksLikeValue(string word) => ValuePattern().IsMatch(word) || word.ToLowerInvariant() is "n/a" or "na";

    [GeneratedRegex(@"^[^@\s<>]+@[^@\s<>]+\.[A-Za-z]{2,}$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^[-+]?[$€£¥]?[-+]?[0-9][0-9.,'\u00a0]*(\s?(k|m|bn|b|%))?%?$", RegexOptions.IgnoreCase)]
    private static partial Regex ValuePattern();
}
