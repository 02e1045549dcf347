using System.Globalization;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Conversation.Answers;

/// <summary>How a group of KPIs is doing (an objective, a perspective, a scorecard, everything), as a table of its KPIs.</summary>
internal static class GroupAnswer
{
    public const string Kind = "status";

    /// <param name="Readings">The section's KPIs already read for the period (the whole organization's come from the snapshot's board); null to read them.</param>
    /// <param name="Summary">The section's status already counted; null to count it.</param>
    public sealed record Section(string Title, IReadOnlyList<Kpi> Kpis, IReadOnlyList<KpiReading>? Readings = null, StatusSummary? Summary = null);

    /// <param name="noun">What a section is ("scorecard", "perspective"), for a group too large to show as tables.</param>
    /// <param name="worst">The group's red and amber KPIs furthest off target, when the caller has them at hand (a large group only).</param>
    public static Message Build(OrganizationSnapshot snapshot, string heading, IReadOnlyList<Section> sections, Period period, string noun = "section",
        IReadOnlyList<KpiReading>? worst = null, StatusSummary? overall = null)
    {
        var total = sections.Sum(s => s.Kpis.Count);
        if (total > Paging.GroupRows)
        {
            return Summed(snapshot, heading, sections, period, noun, total, worst, overall);
        }

        var culture = snapshot.Locale.Culture;
        var blocks = new List<Block> { new Heading($"{heading} — {ValueText.Period(period, culture)}") };
        var lines = new List<string>();
        foreach (var section in sections)
        {
            var readings = section.Readings ?? Readings.Of(snapshot, section.Kpis, period);
            var summary = StatusSummary.Of(readings);
            blocks.Add(new KpiTable([.. readings.Select(r => Readings.Row(snapshot, r))], $"{section.Title}: {ValueText.Status(summary.Overall)}"));
            var red = readings.Where(r => r.Status == Status.Red).Select(r => r.Kpi.Name).ToList();
            lines.Add($"{section.Title}: {ValueText.Status(summary.Overall)} ({summary})" + (red.Count > 0 ? $"; red: {string.Join(", ", red)}" : string.Empty));
        }

        return new Message(blocks, $"{heading}, {ValueText.Period(period, culture)}. " + string.Join(". ", lines) + ".") { Kind = Kind };
    }

    /// <summary>
    /// A group too large for tables (10,000 KPIs is no chat answer): each section's status in one
    /// line, the KPIs furthest off target, and how to see a section's table.
    /// </summary>
    private static Message Summed(OrganizationSnapshot snapshot, string heading, IReadOnlyList<Section> sections, Period period, string noun, int total,
        IReadOnlyList<KpiReading>? worst, StatusSummary? overall)
    {
        var culture = snapshot.Locale.Culture;
        var counted = sections.Select(s =>
        {
            var readings = s.Readings ?? (s.Summary is null || worst is null ? Readings.Of(snapshot, s.Kpis, period) : null);
            return (Section: s, Readings: readings, Summary: s.Summary ?? StatusSummary.Of(readings!));
        }).ToList();
        overall ??= StatusSummary.Of(counted.SelectMany(c => c.Readings ?? []));
        worst ??= Paging.Worst([.. counted.SelectMany(c => c.Readings ?? []).Where(r => r.Status is Status.Red or Status.Amber)], WorstRows);
        var shownWorst = worst.Take(WorstRows).ToList();

        var blocks = new List<Block>
        {
            new Heading($"{heading} — {ValueText.Period(period, culture)}"),
            Paragraph.Of($"{Count(total)} KPIs: {ValueText.Status(overall.Overall)} ({overall})."),
            new FactList([.. counted.Take(Paging.Sections).Select(c => new Fact(c.Section.Title, $"{ValueText.Status(c.Summary.Overall)} ({c.Summary})"))]),
        };
        var lines = counted.Take(Paging.Sections).Select(c => $"{c.Section.Title}: {ValueText.Status(c.Summary.Overall)} ({c.Summary})").ToList();
        if (counted.Count > Paging.Sections)
        {
            var rest = $"And {Count(counted.Count - Paging.Sections)} more {noun}s.";
            blocks.Add(Paragraph.Of(rest));
            lines.Add(rest.TrimEnd('.'));
        }

        if (shownWorst.Count > 0)
        {
            blocks.Add(new KpiTable([.. shownWorst.Select(r => Readings.Row(snapshot, r) with { Note = $"{snapshot.ScorecardOf(r.Kpi).Name}" })], "Furthest off target"));
            lines.Add("Furthest off target: " + string.Join(", ", shownWorst.Select(r => $"{r.Kpi.Name} ({ValueText.Status(r.Status).ToLowerInvariant()})")));
        }

        var see = $"Ask about one {noun} to see the table of its KPIs.";
        blocks.Add(Paragraph.Of(see));
        return new Message(blocks, $"{heading}, {ValueText.Period(period, culture)}. {Count(total)} KPIs: {ValueText.Status(overall.Overall)} ({overall}). " +
            string.Join(". ", lines) + ". " + see) { Kind = Kind };
    }

    /// <summary>KPIs furthest off target that a summed-up group shows.</summary>
    private const int WorstRows = 10;

    private static string Count(int n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
