using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Conversation.Answers;

/// <summary>How a group of KPIs is doing (an objective, a perspective, a scorecard, everything), as a table of its KPIs.</summary>
internal static class GroupAnswer
{
    public const string Kind = "status";

    public sealed record Section(string Title, IReadOnlyList<Kpi> Kpis);

    public static Message Build(OrganizationSnapshot snapshot, string heading, IReadOnlyList<Section> sections, Period period)
    {
        var culture = snapshot.Locale.Culture;
        var blocks = new List<Block> { new Heading($"{heading} — {ValueText.Period(period, culture)}") };
        var lines = new List<string>();
        foreach (var section in sections)
        {
            var readings = Readings.Of(snapshot, section.Kpis, period);
            var summary = StatusSummary.Of(readings);
            blocks.Add(new KpiTable([.. readings.Select(r => Readings.Row(snapshot, r))], $"{section.Title}: {ValueText.Status(summary.Overall)}"));
            var red = readings.Where(r => r.Status == Status.Red).Select(r => r.Kpi.Name).ToList();
            lines.Add($"{section.Title}: {ValueText.Status(summary.Overall)} ({summary})" + (red.Count > 0 ? $"; red: {string.Join(", ", red)}" : string.Empty));
        }

        return new Message(blocks, $"{heading}, {ValueText.Period(period, culture)}. " + string.Join(". ", lines) + ".") { Kind = Kind };
    }
}
