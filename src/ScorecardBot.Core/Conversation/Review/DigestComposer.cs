using ScorecardBot.Core.Conversation.Answers;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Conversation.Review;

/// <summary>
/// The digest of a scorecard for a period: one status line per perspective, the red KPIs with
/// their owners and comments, and who has not reported yet (mentioned when the organization allows it).
/// </summary>
internal sealed class DigestComposer : IDigestComposer
{
    public const string Kind = "digest";

    public Message Compose(OrganizationSnapshot snapshot, Scorecard scorecard, Period period)
    {
        var culture = snapshot.Locale.Culture;
        var readings = Readings.Of(snapshot, scorecard.Kpis.OrderBy(k => k.Order), period);
        var blocks = new List<Block>
        {
            new Heading($"{scorecard.Name} — {ValueText.Period(period, culture)}"),
        };

        var facts = new List<Fact>();
        foreach (var perspective in scorecard.Perspectives.OrderBy(p => p.Order))
        {
            var ids = Readings.OfPerspective(scorecard, perspective).Select(k => k.Id).ToHashSet();
            var summary = StatusSummary.Of(readings.Where(r => ids.Contains(r.Kpi.Id)));
            facts.Add(new Fact(perspective.Name, $"{ValueText.Status(summary.Overall)} · {summary}"));
        }

        blocks.Add(new FactList(facts));
        var red = readings.Where(r => r.Status == Status.Red).ToList();
        if (red.Count > 0)
        {
            blocks.Add(new KpiTable([.. red.Select(r => Readings.Row(snapshot, r) with { Note = r.Actual?.Comment })], "Red"));
        }

        var missing = readings.Where(r => r.Actual is null).ToList();
        if (missing.Count > 0)
        {
            var inlines = new List<Inline> { new Run("Not reported yet: ", Bold: true) };
            for (var i = 0; i < missing.Count; i++)
            {
                if (i > 0)
                {
                    inlines.Add(new Run(", "));
                }

                inlines.Add(new Run(missing[i].Kpi.Name + " ("));
                inlines.Add(OwnerInline(snapshot, missing[i].Owner));
                inlines.Add(new Run(")"));
            }

            blocks.Add(new Paragraph(inlines, TextTone.Warning));
        }

        var overall = StatusSummary.Of(readings);
        var summaryText = $"{scorecard.Name} {ValueText.Period(period, culture)}: {overall}." +
            (red.Count > 0 ? $" Red: {string.Join(", ", red.Select(r => $"{r.Kpi.Name} ({r.Owner?.Name ?? "no owner"})"))}." : string.Empty) +
            (missing.Count > 0 ? $" Not reported: {string.Join(", ", missing.Select(r => r.Kpi.Name))}." : string.Empty);
        return new Message(blocks, summaryText) { Kind = Kind };
    }

    private static Inline OwnerInline(OrganizationSnapshot snapshot, Person? owner)
    {
        if (owner is null)
        {
            return new Run("no owner", Italic: true);
        }

        if (!snapshot.Organization.MentionOwners)
        {
            return new Run(owner.Name);
        }

        return Mentions.Of(owner);
    }
}

/// <summary>A person as a mention, with their Teams and Slack accounts so each channel can render it.</summary>
internal static class Mentions
{
    public static Mention Of(Person person) => new(
        person.Id,
        person.Name,
        person.Accounts.FirstOrDefault(a => a.Platform == Platform.Teams)?.ChannelUserId ?? person.Accounts.FirstOrDefault(a => a.Platform == Platform.Teams)?.ExternalId,
        person.Accounts.FirstOrDefault(a => a.Platform == Platform.Slack)?.ExternalId);
}
