using ScorecardBot.Core.Model;
using ScorecardBot.Core.Periods;

namespace ScorecardBot.Core.Scoring;

/// <summary>What a forecast says about its target.</summary>
public enum ForecastVerdict
{
    /// <summary>Fewer than <see cref="Forecast.MinimumPoints"/> values: no forecast.</summary>
    TooShort = 0,

    /// <summary>A projection without a target to hold it against.</summary>
    NoTarget = 1,

    /// <summary>At least 80 % likely to meet the target.</summary>
    Likely = 2,

    /// <summary>Between 20 % and 80 %.</summary>
    Uncertain = 3,

    /// <summary>At most 20 % likely: likely short.</summary>
    LikelyShort = 4,
}

/// <summary>A KPI projected to the end of a later quarter or year.</summary>
/// <param name="Period">The quarter or fiscal year projected.</param>
/// <param name="Rule">How the periods' values make the period's value.</param>
/// <param name="Points">Values the projection rests on.</param>
/// <param name="Known">Periods of <paramref name="Period"/> that already have a value.</param>
/// <param name="ToGo">Periods of <paramref name="Period"/> still to come.</param>
/// <param name="Value">The projected value of the period; null when too short.</param>
/// <param name="Low">The lower end of the 80 % prediction interval.</param>
/// <param name="High">The upper end of the 80 % prediction interval.</param>
/// <param name="Target">The period's target by the same rule (the periods' targets added up for a sum, a period without one counting as their mean); null when none has one.</param>
/// <param name="Chance">How likely the target is met (0–1), from the interval; null without a target.</param>
public sealed record KpiForecast(
    Period Period, Aggregation Rule, int Points, int Known, int ToGo,
    decimal? Value, decimal? Low, decimal? High, decimal? Target, decimal? Chance, ForecastVerdict Verdict);

/// <summary>
/// Projects a KPI to the end of a quarter or fiscal year: an ordinary least-squares line through
/// its values of the last <see cref="Trend.Window"/> periods, continued over the periods still to
/// come, aggregated with the periods already known by the KPI's rule. The 80 % interval comes
/// from the line's residuals (Student's t with n − 2 degrees of freedom), including the line's
/// own uncertainty and that the errors of the periods to come add up (sum and average) or stand
/// alone (last). No forecast from fewer than <see cref="MinimumPoints"/> values.
/// </summary>
public static class Forecast
{
    /// <summary>Values needed in the window for a forecast.</summary>
    public const int MinimumPoints = 6;

    /// <summary>The chance from which a target counts as likely met (and, one minus it, as likely missed).</summary>
    public const decimal Likely = 0.8m;

    /// <summary>The rule a KPI aggregates by: the one its scorecard file declares (<see cref="Kpi.Aggregation"/>), else <see cref="DefaultRuleOf"/>.</summary>
    public static Aggregation RuleOf(Kpi kpi) => kpi.Aggregation ?? DefaultRuleOf(kpi);

    /// <summary>The rule a KPI aggregates by when it declares none: see the remarks.</summary>
    /// <remarks>
    /// Year-to-date, cumulative, headcount, backlog and balance figures take their last value;
    /// money and counted things (a unit or name saying what is counted: incidents, orders, hires…)
    /// add up, unless they are rates, ratios, averages, margins or per-something; everything else
    /// (percentages, durations, scores, rates, plain numbers) is averaged.
    /// </remarks>
    public static Aggregation DefaultRuleOf(Kpi kpi)
    {
        var name = $" {kpi.Name} {kpi.Unit} ".ToLowerInvariant();
        if (LastValueWords.Any(name.Contains))
        {
            return Aggregation.Last;
        }

        if (kpi.Format is KpiFormat.Percent or KpiFormat.Duration
            || AverageWords.Any(name.Contains))
        {
            return Aggregation.Average;
        }

        var counted = CountUnits.Any(u => string.Equals(kpi.Unit?.Trim(), u, StringComparison.OrdinalIgnoreCase))
            || CountWords.Any(name.Contains);
        return kpi.Format == KpiFormat.Currency || counted ? Aggregation.Sum : Aggregation.Average;
    }

    private static readonly string[] LastValueWords = ["ytd", "year to date", "year-to-date", "cumulative", "to date", "headcount", "backlog", "balance"];

    private static readonly string[] AverageWords =
        [" per ", "/", "rate", "ratio", "average", "avg", "margin", "score", "index", "points", "mpg", "%", "share", "days", "hours"];

    private static readonly string[] CountWords = ["number of", "count", "incidents", "injuries", "orders", "hires", "complaints", "defects", "tickets"];

    private static readonly string[] CountUnits =
        ["incidents", "injuries", "orders", "hires", "units", "loads", "shipments", "complaints", "defects", "tickets", "calls", "visits", "people", "customers", "deals", "count", "#"];

    /// <summary>
    /// The forecast of <paramref name="kpi"/> for <paramref name="period"/> (a fiscal quarter or
    /// year), from the values up to <paramref name="through"/>. Targets are the KPI's own, inherited
    /// as <see cref="TargetInheritance"/> does.
    /// </summary>
    public static KpiForecast For(Kpi kpi, Period period, Period through, FiscalCalendar calendar, Aggregation? rule = null)
    {
        var aggregation = rule ?? RuleOf(kpi);
        var parts = PartsOf(kpi, period, calendar);
        var series = Trend.SeriesOf(kpi.Actuals);
        var points = Enumerable.Range(0, Trend.Window)
            .Select(back => through.AddPeriods(-back))
            .Where(series.ContainsKey)
            .Select(p => (X: (double)p.Ordinal, Y: (double)series[p]))
            .Reverse()
            .ToList();

        var known = parts.Where(p => p <= through && series.ContainsKey(p)).ToList();
        var toGo = parts.Where(p => p > through).ToList();
        var target = TargetOf(kpi, parts, aggregation, calendar);
        if (points.Count < MinimumPoints)
        {
            return new KpiForecast(period, aggregation, points.Count, known.Count, toGo.Count, null, null, null, target?.Value, null, ForecastVerdict.TooShort);
        }

        // Least squares on centred x.
        var n = points.Count;
        var meanX = points.Average(p => p.X);
        var meanY = points.Average(p => p.Y);
        var sxx = points.Sum(p => (p.X - meanX) * (p.X - meanX));
        var slope = points.Sum(p => (p.X - meanX) * (p.Y - meanY)) / sxx;
        double Line(double x) => meanY + (slope * (x - meanX));
        var sse = points.Sum(p => Math.Pow(p.Y - Line(p.X), 2));
        var s2 = sse / (n - 2);

        // Periods of the target period without a value that are not in the future (missed months) are projected too.
        var projected = parts.Where(p => !series.ContainsKey(p) || p > through).Select(p => (double)p.Ordinal).ToList();
        var knownValues = parts.Where(p => p <= through && series.ContainsKey(p)).Select(p => (double)series[p]).ToList();
        double estimate, variance;
        switch (aggregation)
        {
            case Aggregation.Last:
                var last = parts[^1];
                if (last <= through && series.TryGetValue(last, out var lastValue))
                {
                    (estimate, variance) = ((double)lastValue, 0);
                }
                else
                {
                    estimate = Line(last.Ordinal);
                    variance = s2 * (1 + (1.0 / n) + (Math.Pow(last.Ordinal - meanX, 2) / sxx));
                }

                break;
            default:
                var k = projected.Count;
                var spread = projected.Sum(x => x - meanX);
                var sum = knownValues.Sum() + projected.Sum(Line);
                var sumVariance = s2 * (k + ((double)k * k / n) + (spread * spread / sxx));
                var m = aggregation == Aggregation.Sum ? 1.0 : parts.Count;
                (estimate, variance) = (sum / m, sumVariance / (m * m));
                break;
        }

        var se = Math.Sqrt(variance);
        var t = StudentT90(n - 2);
        var (value, low, high) = ((decimal)estimate, (decimal)(estimate - (t * se)), (decimal)(estimate + (t * se)));
        if (target is null)
        {
            return new KpiForecast(period, aggregation, n, known.Count, toGo.Count, value, low, high, null, null, ForecastVerdict.NoTarget);
        }

        var chance = Chance(estimate, se, n - 2, target, kpi.Direction);
        var verdict = chance >= (double)Likely ? ForecastVerdict.Likely : chance <= 1 - (double)Likely ? ForecastVerdict.LikelyShort : ForecastVerdict.Uncertain;
        return new KpiForecast(period, aggregation, n, known.Count, toGo.Count, value, low, high, target.Value, decimal.Round((decimal)chance, 3), verdict);
    }

    /// <summary>The later period ends a KPI can be projected to from <paramref name="through"/>: the fiscal quarter still running (monthly KPIs) and the fiscal year.</summary>
    public static IReadOnlyList<Period> PeriodsAhead(Kpi kpi, Period through, FiscalCalendar calendar)
    {
        var next = through.Next;
        var ahead = new List<Period>();
        if (kpi.Frequency == Frequency.Monthly)
        {
            ahead.Add(calendar.QuarterOf(next));
        }

        ahead.Add(calendar.FiscalYearOf(next));
        return ahead;
    }

    /// <summary>The KPI's reporting periods within <paramref name="period"/>.</summary>
    private static List<Period> PartsOf(Kpi kpi, Period period, FiscalCalendar calendar)
    {
        var months = calendar.MonthsIn(period);
        return kpi.Frequency == Frequency.Quarterly
            ? [.. months.Select(calendar.QuarterOf).Distinct()]
            : [.. months];
    }

    internal sealed record PeriodTarget(decimal Value, decimal? Low, decimal? High);

    /// <summary>
    /// The target of the whole period by the KPI's rule, from its periods' own (or inherited)
    /// targets; a period without one counts as the mean of the others. Null when none has one.
    /// </summary>
    internal static PeriodTarget? TargetOf(Kpi kpi, List<Period> parts, Aggregation rule, FiscalCalendar calendar)
    {
        var all = parts.Select(p => TargetInheritance.For(kpi.Targets, p, calendar)).OfType<Target>().ToList();
        if (all.Count == 0)
        {
            return null;
        }

        return rule switch
        {
            Aggregation.Last => new PeriodTarget(all[^1].Value, all[^1].BandLow, all[^1].BandHigh),
            Aggregation.Sum => new PeriodTarget(all.Average(t => t.Value) * parts.Count, Average(all, t => t.BandLow) * parts.Count, Average(all, t => t.BandHigh) * parts.Count),
            _ => new PeriodTarget(all.Average(t => t.Value), Average(all, t => t.BandLow), Average(all, t => t.BandHigh)),
        };
    }

    private static decimal? Average(List<Target> targets, Func<Target, decimal?> pick) =>
        targets.All(t => pick(t).HasValue) ? targets.Average(t => pick(t)!.Value) : null;

    /// <summary>The chance the period's value meets its target, from the projection's t distribution.</summary>
    private static double Chance(double estimate, double se, int df, PeriodTarget target, Direction direction)
    {
        double Below(double x) => se <= 0 ? (estimate < x ? 1 : estimate > x ? 0 : 0.5) : StudentCdf((x - estimate) / se, df);
        return direction switch
        {
            Direction.HigherIsBetter => 1 - Below((double)target.Value),
            Direction.LowerIsBetter => Below((double)target.Value),
            _ => Below((double)(target.High ?? target.Value)) - Below((double)(target.Low ?? target.Value)),
        };
    }

    /// <summary>The 90th percentile of Student's t (an 80 % two-sided interval).</summary>
    private static double StudentT90(int df) => df switch
    {
        <= 1 => 3.078,
        2 => 1.886,
        3 => 1.638,
        4 => 1.533,
        5 => 1.476,
        6 => 1.440,
        7 => 1.415,
        8 => 1.397,
        9 => 1.383,
        10 => 1.372,
        11 => 1.363,
        12 => 1.356,
        <= 20 => 1.330,
        _ => 1.2816,
    };

    /// <summary>Student's t distribution function, by the regularized incomplete beta function.</summary>
    private static double StudentCdf(double t, int df)
    {
        var x = df / (df + (t * t));
        var tail = 0.5 * IncompleteBeta(df / 2.0, 0.5, x);
        return t > 0 ? 1 - tail : tail;
    }

    private static double IncompleteBeta(double a, double b, double x)
    {
        if (x <= 0)
        {
            return 0;
        }

        if (x >= 1)
        {
            return 1;
        }

        var front = Math.Exp(LogGamma(a + b) - LogGamma(a) - LogGamma(b) + (a * Math.Log(x)) + (b * Math.Log(1 - x)));
        return x < (a + 1) / (a + b + 2)
            ? front * ContinuedFraction(a, b, x) / a
            : 1 - (front * ContinuedFraction(b, a, 1 - x) / b);
    }

    /// <summary>Lentz's continued fraction for the incomplete beta function.</summary>
    private static double ContinuedFraction(double a, double b, double x)
    {
        const double Tiny = 1e-30;
        var c = 1.0;
        var d = 1 - ((a + b) * x / (a + 1));
        d = 1 / (Math.Abs(d) < Tiny ? Tiny : d);
        var h = d;
        for (var m = 1; m <= 200; m++)
        {
            var m2 = 2 * m;
            var step = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
            d = 1 + (step * d);
            d = 1 / (Math.Abs(d) < Tiny ? Tiny : d);
            c = 1 + (step / c);
            c = Math.Abs(c) < Tiny ? Tiny : c;
            h *= d * c;
            step = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
            d = 1 + (step * d);
            d = 1 / (Math.Abs(d) < Tiny ? Tiny : d);
            c = 1 + (step / c);
            c = Math.Abs(c) < Tiny ? Tiny : c;
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < 1e-12)
            {
                break;
            }
        }

        return h;
    }

    private static double LogGamma(double x)
    {
        // Lanczos approximation.
        double[] g = [76.18009172947146, -86.50532032941677, 24.01409824083091, -1.231739572450155, 0.1208650973866179e-2, -0.5395239384953e-5];
        var y = x;
        var tmp = x + 5.5;
        tmp -= (x + 0.5) * Math.Log(tmp);
        var ser = 1.000000000190015;
        foreach (var c in g)
        {
            ser += c / ++y;
        }

        return -tmp + Math.Log(2.5066282746310005 * ser / x);
    }
}
