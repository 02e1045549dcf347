using ScorecardBot.Core.Conversation.Answers;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Conversation.Review;

/// <summary>
/// The strategy map as text: perspectives from top (financial) to bottom (learning and growth),
/// each objective with its status, and the cause→effect links, so it reads in any channel.
/// </summary>
internal sealed class StrategyMapText(IChartLinks charts) : IStrategyMapRenderer
{
    public const string Kind = "map";

    public Message Render(OrganizationSnapshot snapshot, Scorecard scorecard, Period period)
    {
        var culture = snapshot.Locale.Culture;
        var blocks = new List<Block> { new Heading($"{scorecard.Name} strategy map — {ValueText.Period(period, culture)}") };
        var lines = new List<string>();
        foreach (var perspective in scorecard.Perspectives.OrderBy(p => p.Order))
        {
            var facts = new List<Fact>();
            foreach (var objective in scorecard.Objectives.Where(o => o.PerspectiveId == perspective.Id).OrderBy(o => o.Order))
            {
                var summary = StatusSummary.Of(Readings.Of(snapshot, Readings.OfObjective(scorecard, objective), period));
                facts.Add(new Fact(objective.Name, ValueText.Status(summary.Overall)));
            }

            blocks.Add(new Paragraph([new Run(perspective.Name, Bold: true)]));
            blocks.Add(new FactList(facts));
            lines.Add($"{perspective.Name}: {string.Join(", ", facts.Select(f => $"{f.Label} ({f.Value})"))}");
        }

        var links = scorecard.Links
            .Select(l => (Cause: snapshot.FindObjective(l.CauseObjectiveId), Effect: snapshot.FindObjective(l.EffectObjectiveId)))
            .Where(l => l.Cause is not null && l.Effect is not null)
            .Select(l => $"{l.Cause!.Name} → {l.Effect!.Name}")
            .ToList();
        if (charts.StrategyMap(snapshot.Organization.Id, scorecard.Id) is { } picture)
        {
            blocks.Add(new Image($"Strategy map of {scorecard.Name}", Url: picture));
        }

        if (links.Count > 0)
        {
            blocks.Add(new Divider());
            blocks.Add(new Paragraph([new Run("Cause and effect: ", Bold: true), new Run(string.Join(" · ", links))]));
        }

        return new Message(blocks, $"{scorecard.Name} strategy map. " + string.Join(". ", lines) + (links.Count > 0 ? ". Links: " + string.Join("; ", links) : string.Empty)) { Kind = Kind };
    }
}
