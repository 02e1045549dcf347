using Humanizer;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Periods;
using ScorecardBot.Core.Scoring;

namespace ScorecardBot.Core.Conversation.Answers;

/// <summary>
/// A KPI over a span of periods or against another span ("Q3", "YTD", "last 3 months", "this
/// quarter vs last", "since last year"): its value by its rule (sum, average or last value),
/// the period it speaks of named, its target by the same rule, and how many of its periods are
/// in. "Operating revenue (Logistics), FY2027-Q2 (Jul–Sep 2026): $16.9M in total, target $16.2M — Green."
/// </summary>
internal static class SpanAnswer
{
    /// <summary>Whether the question's period needs a span answer: a comparison, several periods, or a quarter or year of a KPI reported more often.</summary>
    public static bool Applies(Kpi kpi, AskedPeriod asked) =>
        asked.Comparison is not null || !asked.Span.IsSingle ||
        (kpi.Frequency == Frequency.Monthly ? asked.Span.Kind != PeriodKind.Month : asked.Span.Kind == PeriodKind.Year);

    public static Message Build(OrganizationSnapshot snapshot, Kpi kpi, AskedPeriod asked, DateTimeOffset now, IChartLinks charts)
    {
        var calendar = snapshot.Locale.Calendar;
        var latest = ReportingPeriod.For(kpi, snapshot, now);
        var (span, compared) = Reportable(asked, calendar.LastMonth(latest));
        var value = SpanValue.Of(kpi, span, latest, calendar);
        var scorecard = snapshot.ScorecardOf(kpi);
        var label = Label(snapshot, value.Span);
        var facts = new List<Fact>
        {
            new("Period", label),
            new("Value", Show(snapshot, kpi, value)),
            new("Target", value.Target is null ? "not set" : Format(snapshot, kpi, value.Rule, value.Target.Value)),
            new("Status", value.Value is not null && value.Target is null ? "not scored (no target)" : ValueText.Status(value.Status)),
            new("Reported", Coverage(snapshot, kpi, value)),
        };

        var summary = $"{kpi.Name} ({scorecard.Name}), {label}: {Statement(snapshot, kpi, value)} {Capital(Coverage(snapshot, kpi, value))}.";
        if (compared is { } other)
        {
            var earlier = SpanValue.Of(kpi, other, latest, calendar);
            var comparison = Comparison(snapshot, kpi, value, earlier, latest);
            facts.Add(new Fact($"vs {Label(snapshot, earlier.Span)}", comparison));
            summary += $" Against {Label(snapshot, earlier.Span)}: {comparison}.";
        }

        facts.Add(new Fact("Owner", snapshot.FindPerson(kpi.OwnerId)?.Name ?? "no owner"));
        var chart = charts.KpiChart(snapshot.Organization.Id, kpi.Id);
        return new Message(
            [new Heading($"{kpi.Name} — {label}"), new FactList(facts), new Image($"Chart of {kpi.Name}", Url: chart),
                new ActionBar([new MessageAction("open-chart", "Open chart") { Url = chart }])],
            summary)
        { Kind = KpiAnswer.Kind };
    }

    /// <summary>
    /// The span as asked, unless it lies wholly after the last month that can be reported ("since
    /// last year" asked in a month not over yet): then that month, and the span compared with
    /// moved alike (the one before it, or the same a year earlier).
    /// </summary>
    internal static (PeriodSpan Span, PeriodSpan? Compared) Reportable(AskedPeriod asked, Period lastMonth)
    {
        var span = asked.Span;
        if (span.Kind != PeriodKind.Month || span.First <= lastMonth)
        {
            return (span, asked.Comparison);
        }

        var moved = PeriodSpan.Of(lastMonth);
        PeriodSpan? compared = asked.Comparison is not { } c ? null
            : c == span.YearEarlier ? moved.YearEarlier
            : c == span.Before ? moved.Before
            : c;
        return (moved, compared);
    }

    /// <summary>"1,240 in total, target 1,200 — Green"; "91.2 % on average, target 95.0 % — Amber"; "no value reported".</summary>
    private static string Statement(OrganizationSnapshot snapshot, Kpi kpi, SpanValue v)
    {
        if (v.Value is null)
        {
            return "no value reported.";
        }

        var text = Show(snapshot, kpi, v);
        return v.Target is null
            ? $"{text}; no target is set, so it is not scored."
            : $"{text}, target {Format(snapshot, kpi, v.Rule, v.Target.Value)} — {ValueText.Status(v.Status)}.";
    }

    /// <summary>The value with how it was made: "in total", "on average", "(Sep 2026, the last value)".</summary>
    internal static string Show(OrganizationSnapshot snapshot, Kpi kpi, SpanValue v)
    {
        if (v.Value is not { } value)
        {
            return "no value reported";
        }

        var text = Format(snapshot, kpi, v.Rule, value);
        return v.Rule switch
        {
            Aggregation.Sum => $"{text} in total",
            Aggregation.Average when v.Reported.Count > 1 => $"{text} on average",
            Aggregation.Last or Aggregation.Average => $"{text} ({ValueText.Period(v.Reported[^1], snapshot.Locale.Culture)}{(v.Rule == Aggregation.Last && v.Parts.Count > 1 ? ", the last value" : string.Empty)})",
            _ => text,
        };
    }

    /// <summary>"all 3 months reported"; "2 of 3 months reported, no value for Sep 2026"; "1 of 3 months so far, Nov–Dec 2026 still to come".</summary>
    internal static string Coverage(OrganizationSnapshot snapshot, Kpi kpi, SpanValue v)
    {
        var unit = kpi.Frequency == Frequency.Quarterly ? "quarter" : "month";
        var culture = snapshot.Locale.Culture;
        var all = v.Parts.Count + v.ToCome.Count;
        var parts = new List<string>
        {
            v.Reported.Count == all ? $"all {unit.ToQuantity(all)} reported"
            : v.ToCome.Count > 0 && v.Missing.Count == 0 ? $"{v.Reported.Count} of {unit.ToQuantity(all)} so far"
            : $"{v.Reported.Count} of {unit.ToQuantity(all)} reported",
        };
        if (v.Missing.Count > 0)
        {
            parts.Add($"no value for {string.Join(", ", v.Missing.Select(p => ValueText.Period(p, culture)))}");
        }

        if (v.ToCome.Count > 0)
        {
            parts.Add($"{Range(snapshot, v.ToCome[0], v.ToCome[^1])} still to come");
        }

        return string.Join(", ", parts);
    }

    /// <summary>"+2.1 pts — better"; "-$0.3M — worse"; "about the same (+0.1 pts)".</summary>
    private static string Comparison(OrganizationSnapshot snapshot, Kpi kpi, SpanValue now, SpanValue then, Period latest)
    {
        if (now.Value is not { } a || then.Value is not { } b)
        {
            return $"{Show(snapshot, kpi, then)}; no change to tell without both values";
        }

        var scored = KpiSnapshot.Compute(kpi, latest);
        var change = snapshot.Locale.Trends.Change(a - b, scored);
        var noise = scored.Trend.Noise ?? 0m;
        var months = Math.Max(1, now.Reported.Count);
        var swing = now.Rule == Aggregation.Sum ? noise * (decimal)Math.Sqrt(months) : noise;
        var verdict = Math.Abs(a - b) <= swing || a == b ? "about the same"
            : kpi.Direction == Direction.WithinBand ? (a > b ? "up" : "down")
            : (a > b) == (kpi.Direction == Direction.HigherIsBetter) ? "better" : "worse";
        return $"{Show(snapshot, kpi, then)}, {change} — {verdict}";
    }

    internal static string Format(OrganizationSnapshot snapshot, Kpi kpi, Aggregation rule, decimal value) =>
        snapshot.Locale.Formatter.Format(value, kpi, compact: rule == Aggregation.Sum && Math.Abs(value) >= 100_000m);

    /// <summary>
    /// The span as people read it: one period by its calendar label ("FY2027-Q2 (Jul–Sep 2026)",
    /// "Oct 2026"), several by their first and last ("Aug–Oct 2026", "FY2027-Q1–FY2027-Q2 (Apr–Sep 2026)").
    /// </summary>
    public static string Label(OrganizationSnapshot snapshot, PeriodSpan span)
    {
        var calendar = snapshot.Locale.Calendar;
        if (span.IsSingle)
        {
            return calendar.Label(span.First, snapshot.Locale.Culture);
        }

        var months = Range(snapshot, calendar.FirstMonth(span.First), calendar.LastMonth(span.Last));
        return span.Kind == PeriodKind.Month ? months : $"{span.First}–{span.Last} ({months})";
    }

    /// <summary>"Aug–Oct 2026", "Nov 2025–Jan 2026", "Oct 2026".</summary>
    private static string Range(OrganizationSnapshot snapshot, Period first, Period last)
    {
        var calendar = snapshot.Locale.Calendar;
        var culture = snapshot.Locale.Culture;
        var from = calendar.FirstMonth(first);
        var to = calendar.LastMonth(last);
        return from == to ? MonthText.Of(from, culture)
            : from.Year == to.Year ? $"{MonthText.Name(from.Number, culture)}–{MonthText.Of(to, culture)}"
            : $"{MonthText.Of(from, culture)}–{MonthText.Of(to, culture)}";
    }

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
