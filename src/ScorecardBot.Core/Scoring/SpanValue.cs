using ScorecardBot.Core.Model;
using ScorecardBot.Core.Periods;

namespace ScorecardBot.Core.Scoring;

/// <summary>
/// A KPI's value over a span of periods ("Q3", "last 3 months", "YTD"), made by its rule from the
/// periods reported in it.
/// </summary>
/// <param name="Span">The span the value speaks of: as asked, cut off after the last period that can be reported.</param>
/// <param name="Rule">How the periods make one value (<see cref="Forecast.RuleOf"/>).</param>
/// <param name="Parts">The KPI's reporting periods in <paramref name="Span"/> (months, or quarters for a quarterly KPI).</param>
/// <param name="Reported">The parts with a value that counts (not waiting for approval).</param>
/// <param name="Missing">Parts that could be reported and have no value.</param>
/// <param name="ToCome">Parts of the span as asked that cannot be reported yet.</param>
/// <param name="Value">The span's value; null when no part has one.</param>
/// <param name="Target">The span's target by the same rule (a sum's target covers the parts reported), with the thresholds of the span's last target; null when none is set.</param>
/// <param name="Status">The value against <paramref name="Target"/>.</param>
public sealed record SpanValue(
    PeriodSpan Span,
    Aggregation Rule,
    IReadOnlyList<Period> Parts,
    IReadOnlyList<Period> Reported,
    IReadOnlyList<Period> Missing,
    IReadOnlyList<Period> ToCome,
    decimal? Value,
    Target? Target,
    Status Status)
{
    /// <summary>
    /// The value of <paramref name="kpi"/> over <paramref name="asked"/>, from its periods up to
    /// <paramref name="notAfter"/> (the last period that can be reported); later ones are to come.
    /// </summary>
    public static SpanValue Of(Kpi kpi, PeriodSpan asked, Period notAfter, FiscalCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(kpi);
        ArgumentNullException.ThrowIfNull(calendar);
        var rule = Forecast.RuleOf(kpi);
        var months = asked.MonthsIn(calendar);
        var lastMonth = calendar.LastMonth(notAfter);
        List<Period> all = kpi.Frequency == Frequency.Quarterly
            ? [.. months.Select(calendar.QuarterOf).Distinct().Where(q => months.Contains(calendar.FirstMonth(q)) && months.Contains(calendar.LastMonth(q)))]
            : [.. months];
        var parts = all.Where(p => calendar.LastMonth(p) <= lastMonth).ToList();
        var toCome = all.Where(p => calendar.LastMonth(p) > lastMonth).ToList();

        var values = new Dictionary<Period, decimal>();
        foreach (var actual in kpi.Actuals)
        {
            if (actual is { Value: { } v, PendingApproval: false } && parts.Contains(actual.Period))
            {
                values[actual.Period] = v;
            }
        }

        var reported = parts.Where(values.ContainsKey).ToList();
        var missing = parts.Where(p => !values.ContainsKey(p)).ToList();
        decimal? value = reported.Count == 0 ? null : rule switch
        {
            Aggregation.Sum => reported.Sum(p => values[p]),
            Aggregation.Last => values[reported[^1]],
            _ => reported.Average(p => values[p]),
        };

        // A sum is held against the target of the periods it adds up; an average or a last value against the span's.
        var target = TargetOf(kpi, rule == Aggregation.Sum ? reported : parts, rule, calendar);
        var status = StatusRules.Assess(value, target, kpi.Direction).Status;
        var span = parts.Count == 0 ? asked : new PeriodSpan(asked.First, LastOf(asked, parts[^1], calendar));
        return new SpanValue(span, rule, parts, reported, missing, toCome, value, target, status);
    }

    /// <summary>The span's last period of its own kind that the last reportable part falls in.</summary>
    private static Period LastOf(PeriodSpan asked, Period lastPart, FiscalCalendar calendar)
    {
        var month = calendar.LastMonth(lastPart);
        var last = asked.Kind switch
        {
            PeriodKind.Quarter => calendar.QuarterOf(month),
            PeriodKind.Year => calendar.FiscalYearOf(month),
            _ => month,
        };
        return last < asked.First ? asked.First : last > asked.Last ? asked.Last : last;
    }

    /// <summary>The span's target as one <see cref="Target"/>, with the thresholds of the last part's target (absolute ones added up for a sum).</summary>
    private static Target? TargetOf(Kpi kpi, List<Period> parts, Aggregation rule, FiscalCalendar calendar)
    {
        if (parts.Count == 0 || Forecast.TargetOf(kpi, parts, rule, calendar) is not { } total)
        {
            return null;
        }

        var model = parts.Select(p => TargetInheritance.For(kpi.Targets, p, calendar)).OfType<Target>().Last();
        var scale = rule == Aggregation.Sum && model.ThresholdStyle == ThresholdStyle.Absolute ? parts.Count : 1;
        return new Target
        {
            KpiId = kpi.Id,
            Period = parts[^1],
            Value = total.Value,
            BandLow = total.Low,
            BandHigh = total.High,
            ThresholdStyle = model.ThresholdStyle,
            Amber = model.Amber * scale,
            Red = model.Red * scale,
        };
    }
}
