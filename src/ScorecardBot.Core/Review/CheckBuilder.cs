using System.Globalization;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Periods;

namespace ScorecardBot.Core.Review;

/// <summary>The quarterly leading→lagging check as a message for the team channel.</summary>
public sealed class CheckBuilder
{
    private readonly CultureInfo _culture;

    public CheckBuilder(CultureInfo? culture = null) => _culture = culture ?? CultureInfo.InvariantCulture;

    public IReadOnlyList<Message> Build(Scorecard scorecard, LeadingLaggingReport report, FiscalCalendar calendar, Period? quarter = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var objectives = scorecard.Objectives.ToDictionary(o => o.Id);
        string Name(Guid id) => objectives.TryGetValue(id, out var o) ? o.Name : "an unknown objective";
        var what = quarter is { } q ? calendar.Label(q, _culture) : $"up to {calendar.Label(report.UpTo, _culture)}";
        var heading = $"{scorecard.Name}: do the strategy map's links hold? ({what})";
        var evidence = report.WithEvidence.ToList();
        var none = report.WithoutEvidence.ToList();
        var missing = report.NotEnoughData.ToList();

        var sections = new List<IReadOnlyList<Block>>
        {
            new Block[]
            {
                Paragraph.Of($"{evidence.Count} with evidence, {none.Count} without, {missing.Count} without enough data. " +
                    "Changes of each leading KPI were compared with changes of the lagging KPIs it should move, up to 3 months later."),
            },
        };

        void Add(string title, IReadOnlyList<LinkFinding> findings, TextTone tone)
        {
            if (findings.Count == 0)
            {
                return;
            }

            sections.Add([Paragraph.Of(title, tone)]);
            foreach (var group in findings.GroupBy(f => f.Link.Id))
            {
                var link = group.First().Link;
                var blocks = new List<Block> { new Paragraph([new Run($"{Name(link.CauseObjectiveId)} → {Name(link.EffectObjectiveId)}", Bold: true)]) };
                blocks.AddRange(group.Select(f => new Note(f.Text)));
                sections.Add(blocks);
            }
        }

        Add("Links with evidence", evidence, TextTone.Good);
        Add("Links with no sign of an effect: revisit them", none, TextTone.Warning);
        Add("Not enough data yet", missing, TextTone.Subtle);
        if (report.LinksWithoutPairs.Count > 0)
        {
            sections.Add([Paragraph.Of("Links with nothing to compare (a leading KPI on the cause or a lagging KPI on the effect is missing)", TextTone.Subtle),
                new Note(string.Join("; ", report.LinksWithoutPairs.Select(l => $"{Name(l.CauseObjectiveId)} → {Name(l.EffectObjectiveId)}")))]);
        }

        var summary = $"Leading→lagging check for {scorecard.Name}: {evidence.Count} with evidence, {none.Count} without, {missing.Count} without enough data.";
        return MessageSplitter.Split(heading, sections, summary, "check");
    }
}
