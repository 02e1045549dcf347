using System.Globalization;
using Humanizer;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Scoring;

namespace ScorecardBot.Core.Review;

public enum LinkEvidence
{
    /// <summary>The lagging KPI tends to move with the leading one (at some lag).</summary>
    Evidence = 0,
    /// <summary>Enough data, but no sign that they move together.</summary>
    NoEvidence = 1,
    NotEnoughData = 2,
}

/// <summary>What the data says about one leading KPI of a cause objective and one lagging KPI of its effect.</summary>
/// <param name="LagMonths">The lag with the strongest relation (0–3); null without enough data.</param>
/// <param name="R">Pearson r of the period-over-period changes at that lag, rounded to one decimal.</param>
/// <param name="Points">Pairs of changes the best lag was computed from (or the most any lag had).</param>
/// <param name="Text">The finding in plain words.</param>
public sealed record LinkFinding(ObjectiveLink Link, Kpi Leading, Kpi Lagging, LinkEvidence Evidence, int? LagMonths, double? R, int Points, string Text);

/// <summary>The quarterly leading→lagging check of a scorecard, up to a month.</summary>
/// <param name="LinksWithoutPairs">Links whose cause has no leading KPI or whose effect has no lagging KPI: nothing to check.</param>
public sealed record LeadingLaggingReport(Period UpTo, IReadOnlyList<LinkFinding> Findings, IReadOnlyList<ObjectiveLink> LinksWithoutPairs)
{
    public IEnumerable<LinkFinding> WithEvidence => Findings.Where(f => f.Evidence == LinkEvidence.Evidence);
    public IEnumerable<LinkFinding> WithoutEvidence => Findings.Where(f => f.Evidence == LinkEvidence.NoEvidence);
    public IEnumerable<LinkFinding> NotEnoughData => Findings.Where(f => f.Evidence == LinkEvidence.NotEnoughData);
}

/// <summary>
/// Checks the strategy map's cause→effect links against the numbers: for each link, the cause
/// objective's leading KPIs against the effect objective's lagging KPIs.
/// </summary>
/// <remarks>
/// Levels of two KPIs often rise together just because both trend (growth, seasonality), so we
/// correlate their month-over-month CHANGES instead, oriented so that a positive change is an
/// improvement (falling cost counts as up). For lags 0–3 months, the leading KPI's change in
/// month t is paired with the lagging KPI's change in month t+lag, over the last
/// <see cref="DefaultMonths"/> months. A lag needs <see cref="MinimumPoints"/> pairs. The best
/// lag is the one with the largest |r|; it counts as evidence when |r| ≥ <see cref="EvidenceFrom"/>
/// and the t statistic r·√(n−2)/√(1−r²) is at least 2 (roughly 95 % one test; we try four
/// lags, so a strong r is needed). r is shown to one decimal with a word for its strength.
/// Only monthly KPIs take part: a quarterly series is too short to say anything.
/// </remarks>
public static class LeadingLaggingCheck
{
    public const int DefaultMonths = 24;
    public const int MinimumPoints = 8;
    public const int MaxLag = 3;
    public const double EvidenceFrom = 0.4;

    public static LeadingLaggingReport Run(Scorecard scorecard, Period upTo, int months = DefaultMonths)
    {
        ArgumentNullException.ThrowIfNull(scorecard);
        if (upTo.Kind != PeriodKind.Month)
        {
            throw new ArgumentException($"The check runs up to a month, not {upTo}.", nameof(upTo));
        }

        months = Math.Clamp(months, MinimumPoints + 1, 120);
        var findings = new List<LinkFinding>();
        var withoutPairs = new List<ObjectiveLink>();
        var objectives = scorecard.Objectives.ToDictionary(o => o.Id);
        foreach (var link in scorecard.Links)
        {
            var leading = scorecard.Kpis.Where(k => k.ObjectiveId == link.CauseObjectiveId && k.Indicator == IndicatorType.Leading && k.Frequency == Frequency.Monthly).OrderBy(k => k.Order).ToList();
            var lagging = scorecard.Kpis.Where(k => k.ObjectiveId == link.EffectObjectiveId && k.Indicator == IndicatorType.Lagging && k.Frequency == Frequency.Monthly).OrderBy(k => k.Order).ToList();
            if (leading.Count == 0 || lagging.Count == 0)
            {
                withoutPairs.Add(link);
                continue;
            }

            foreach (var lead in leading)
            {
                var leadChanges = Changes(lead, upTo, months);
                foreach (var lag in lagging)
                {
                    findings.Add(Assess(link, lead, lag, leadChanges, Changes(lag, upTo, months)));
                }
            }
        }

        return new LeadingLaggingReport(upTo, findings, withoutPairs);
    }

    internal static LinkFinding Assess(ObjectiveLink link, Kpi lead, Kpi lag, Dictionary<int, double> leadChanges, Dictionary<int, double> lagChanges)
    {
        (int Lag, double R, int N)? best = null;
        var mostPoints = 0;
        for (var l = 0; l <= MaxLag; l++)
        {
            var xs = new List<double>();
            var ys = new List<double>();
            foreach (var (ordinal, change) in leadChanges)
            {
                if (lagChanges.TryGetValue(ordinal + l, out var later))
                {
                    xs.Add(change);
                    ys.Add(later);
                }
            }

            mostPoints = Math.Max(mostPoints, xs.Count);
            if (xs.Count >= MinimumPoints && Pearson(xs, ys) is { } r && (best is null || Math.Abs(r) > Math.Abs(best.Value.R)))
            {
                best = (l, r, xs.Count);
            }
        }

        if (best is not { } b)
        {
            return new LinkFinding(link, lead, lag, LinkEvidence.NotEnoughData, null, null, mostPoints,
                $"Not enough data to check whether {lead.Name} moves {lag.Name}: {mostPoints} of the {MinimumPoints} months of changes needed.");
        }

        var rounded = Math.Round(b.R, 1, MidpointRounding.AwayFromZero);
        var t = Math.Abs(b.R) >= 1 ? double.PositiveInfinity : Math.Abs(b.R) * Math.Sqrt(b.N - 2) / Math.Sqrt(1 - (b.R * b.R));
        if (Math.Abs(b.R) < EvidenceFrom || t < 2)
        {
            return new LinkFinding(link, lead, lag, LinkEvidence.NoEvidence, b.Lag, rounded, b.N,
                $"No sign that {lead.Name} moves {lag.Name} (best r≈{Format(rounded)} over {"month".ToQuantity(b.N)}): revisit this link.");
        }

        var when = b.Lag == 0 ? "in the same month" : $"about {"month".ToQuantity(b.Lag)} later";
        var how = b.R > 0 ? "tends to move with" : "tends to move against";
        var text = $"{lead.Name} {how} {lag.Name} {when} ({Strength(b.R)}, r≈{Format(rounded)}, {"month".ToQuantity(b.N)}).";
        if (b.R < 0)
        {
            text += " That is the opposite of what the link expects.";
        }

        return new LinkFinding(link, lead, lag, LinkEvidence.Evidence, b.Lag, rounded, b.N, text);
    }

    /// <summary>Month-over-month changes by month ordinal, oriented so that positive is better.</summary>
    internal static Dictionary<int, double> Changes(Kpi kpi, Period upTo, int months)
    {
        var series = Trend.SeriesOf(kpi.Actuals);
        var sign = kpi.Direction == Direction.LowerIsBetter ? -1.0 : 1.0;
        var result = new Dictionary<int, double>();
        var first = upTo.AddPeriods(-(months - 1));
        for (var p = first.Next; p <= upTo; p = p.Next)
        {
            if (series.TryGetValue(p, out var now) && series.TryGetValue(p.Previous, out var before))
            {
                result[p.Ordinal] = sign * (double)(now - before);
            }
        }

        return result;
    }

    internal static double? Pearson(IReadOnlyList<double> xs, IReadOnlyList<double> ys)
    {
        var n = xs.Count;
        double mx = xs.Average(), my = ys.Average(), sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < n; i++)
        {
            var dx = xs[i] - mx;
            var dy = ys[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }

        // A series that never changes correlates with nothing.
        return sxx <= 0 || syy <= 0 ? null : sxy / Math.Sqrt(sxx * syy);
    }

    internal static string Strength(double r) => Math.Abs(r) switch
    {
        >= 0.7 => "strong",
        >= 0.5 => "moderate",
        >= 0.3 => "weak",
        _ => "very weak",
    };

    private static string Format(double r) => r.ToString("0.0", CultureInfo.InvariantCulture);
}
