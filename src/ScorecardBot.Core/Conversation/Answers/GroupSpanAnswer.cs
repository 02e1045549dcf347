using System.Globalization;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Periods;
using ScorecardBot.Core.Scoring;

namespace ScorecardBot.Core.Conversation.Answers;

/// <summary>
/// A group's table over a span ("finance this quarter", "customer perspective Q3", "Berlin YTD"):
/// each KPI made one value over the span by its own rule (sum, average or last value, as
/// <see cref="SpanAnswer"/> does for one KPI), against the span's target by the same rule; the
/// heading names the span, and a KPI with periods missing or still to come says how many are in.
/// </summary>
internal static class GroupSpanAnswer
{
    /// <summary>A group answer needs a span when the question names several periods, or a quarter or year.</summary>
    public static bool Applies(AskedPeriod asked) => !asked.Span.IsSingle || asked.Span.Kind != PeriodKind.Month;

    public static Message Build(OrganizationSnapshot snapshot, string heading, IReadOnlyList<GroupAnswer.Section> sections, AskedPeriod asked, DateTimeOffset now, string noun)
    {
        var (span, _) = SpanAnswer.Reportable(asked, ReportingPeriod.Month(snapshot, now));
        var label = SpanAnswer.Label(snapshot, span);
        var read = sections.Select(s => (Section: s, Rows: s.Kpis.Select(k => Read(snapshot, k, asked, now)).ToList())).ToList();
        var total = read.Sum(r => r.Rows.Count);
        var blocks = new List<Block> { new Heading($"{heading} — {label}") };
        var lines = new List<string>();
        var large = total > Paging.GroupRows;
        foreach (var (section, rows) in read.Take(large ? Paging.Sections : int.MaxValue))
        {
            var summary = Summary(rows);
            var title = $"{section.Title}: {ValueText.Status(summary.Overall)}";
            var red = rows.Where(r => r.Row.Status == Status.Red).Select(r => r.Row.Name).ToList();
            lines.Add($"{title} ({summary})" + (!large && red.Count > 0 ? $"; red: {string.Join(", ", red)}" : string.Empty));
            if (!large)
            {
                blocks.Add(new KpiTable([.. rows.Select(r => r.Row)], title));
            }
        }

        if (large)
        {
            // Too many KPIs for tables: each section in one line, the red ones furthest off target, how to see a section.
            blocks.Add(new FactList([.. read.Take(Paging.Sections).Select(r => new Fact(r.Section.Title, Summary(r.Rows) is var s ? $"{ValueText.Status(s.Overall)} ({s})" : string.Empty))]));
            if (read.Count > Paging.Sections)
            {
                var rest = $"And {(read.Count - Paging.Sections).ToString("N0", CultureInfo.InvariantCulture)} more {noun}s.";
                blocks.Add(Paragraph.Of(rest));
                lines.Add(rest.TrimEnd('.'));
            }

            var worst = read.SelectMany(r => r.Rows).Where(r => r.Row.Status == Status.Red)
                .OrderBy(r => r.Score ?? decimal.MaxValue).Take(10).Select(r => r.Row).ToList();
            if (worst.Count > 0)
            {
                blocks.Add(new KpiTable(worst, "Furthest off target"));
            }

            blocks.Add(Paragraph.Of($"{total.ToString("N0", CultureInfo.InvariantCulture)} KPIs in all. Ask about one {noun} to see the table of its KPIs."));
        }

        return new Message(blocks, $"{heading}, {label}, each KPI by its own rule (total, average or last value). " + string.Join(". ", lines) + ".") { Kind = GroupAnswer.Kind };
    }

    private sealed record SpanRow(KpiRow Row, decimal? Score, decimal Weight);

    /// <summary>A KPI's row over the span, made once per snapshot (a perspective over a quarter is 2,500 of them in a large organization).</summary>
    private static SpanRow Read(OrganizationSnapshot snapshot, Kpi kpi, AskedPeriod asked, DateTimeOffset now)
    {
        var calendar = snapshot.Locale.Calendar;
        var latest = ReportingPeriod.For(kpi, snapshot, now);
        var (span, _) = SpanAnswer.Reportable(asked, calendar.LastMonth(latest));
        return snapshot.PerKpi(kpi, (nameof(GroupSpanAnswer), span, latest), () => Make(snapshot, kpi, span, latest));
    }

    private static SpanRow Make(OrganizationSnapshot snapshot, Kpi kpi, PeriodSpan span, Period latest)
    {
        var calendar = snapshot.Locale.Calendar;
        var value = SpanValue.Of(kpi, span, latest, calendar);
        var assessment = StatusRules.Assess(value.Value, value.Target, kpi.Direction);
        var trend = value.Reported.Count > 0 ? snapshot.Scored(kpi, value.Reported[^1]).Scored.Trend.Direction : TrendDirection.Unknown;
        var complete = value.Missing.Count == 0 && value.ToCome.Count == 0;
        var row = new KpiRow(
            kpi.Id,
            kpi.Name,
            SpanAnswer.Show(snapshot, kpi, value),
            value.Target is null ? null : SpanAnswer.Format(snapshot, kpi, value.Rule, value.Target.Value),
            value.Status,
            trend,
            snapshot.FindPerson(kpi.OwnerId)?.Name,
            complete || value.Value is null ? null : SpanAnswer.Coverage(snapshot, kpi, value));
        return new SpanRow(row, assessment.Score, kpi.Weight);
    }

    /// <summary>Counts and one colour from the weighted mean of the scores, as <see cref="StatusSummary"/> does for one period.</summary>
    private static StatusSummary Summary(List<SpanRow> rows)
    {
        int green = 0, amber = 0, red = 0, none = 0;
        decimal weighted = 0, weights = 0;
        foreach (var r in rows)
        {
            switch (r.Row.Status)
            {
                case Status.Green: green++; break;
                case Status.Amber: amber++; break;
                case Status.Red: red++; break;
                default: none++; break;
            }

            if (r.Score is { } score && r.Weight > 0)
            {
                weighted += r.Weight * score;
                weights += r.Weight;
            }
        }

        return new StatusSummary(green, amber, red, none, weights == 0 ? Status.NoData : StatusRules.StatusOfScore(weighted / weights));
    }
}
