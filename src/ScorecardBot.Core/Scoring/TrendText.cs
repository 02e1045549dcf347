using System.Globalization;
using Humanizer;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Values;

namespace ScorecardBot.Core.Scoring;

/// <summary>
/// How a <see cref="KpiTrend"/> reads, the same in every reply: answers, the digest's movers, the
/// agenda. Changes of percentage KPIs and of point scales (NPS) are in points ("+1.6 pts"), never
/// a percent of a percent; other KPIs change in their unit, with the relative change beside it.
/// Better and worse follow the KPI's direction; up and down say where the number went.
/// </summary>
public sealed class TrendText(ValueFormatter formatter, CultureInfo culture)
{
    private static readonly HashSet<string> PointUnits = new(StringComparer.OrdinalIgnoreCase)
    {
        "points", "point", "pts", "pt", "pp", "%", "percent", "per cent", "percentage", "percentage points",
    };

    /// <summary>
    /// Whether the KPI moves in points: a percentage (by its format or by its unit "%"), or a score
    /// on a point scale such as NPS. Its changes are then never relative ("80 % → 96 %" is "+16 pts",
    /// not "20 % better").
    /// </summary>
    public static bool InPoints(KpiFormat format, string? unit, string? name = null) =>
        format == KpiFormat.Percent
        || (unit is { } u && PointUnits.Contains(u.Trim()))
        || (format == KpiFormat.Number && string.IsNullOrWhiteSpace(unit) && name is { } n
            && (n.Contains("NPS", StringComparison.Ordinal) || n.Contains("Net Promoter", StringComparison.OrdinalIgnoreCase)));

    /// <summary>A signed change in the KPI's terms: "+1.6 pts", "-$0.05", "+2.1 mpg".</summary>
    public string Change(decimal change, KpiSnapshot s) => Signed(change, s, signed: true);

    /// <summary>A change's size without sign: "1.6 pts", "$0.05".</summary>
    public string Size(decimal change, KpiSnapshot s) => Signed(Math.Abs(change), s, signed: false);

    /// <summary>
    /// The sentence about a KPI's trend: the direction and what it rests on, the change on a year
    /// ago and how far the value is from the next status line. "Customer retention is getting
    /// worse: it fell 4 months in a row, from 92.5 % in Jun 2026 to 89.4 % in Oct 2026 (-3.1 pts)."
    /// </summary>
    public string Sentence(KpiSnapshot s)
    {
        var parts = new List<string> { Headline(s) };
        if (YearOnYear(s) is { } yoy)
        {
            parts.Add(yoy);
        }

        if (Distance(s) is { } distance)
        {
            parts.Add(distance);
        }

        return string.Join(" ", parts);
    }

    /// <summary>The first sentence: the judgement, then its grounds.</summary>
    public string Headline(KpiSnapshot s)
    {
        var t = s.Trend;
        var verdict = t.Direction switch
        {
            TrendDirection.Improving => "is improving",
            TrendDirection.Worsening => "is getting worse",
            TrendDirection.Flat => "is flat",
            _ => null,
        };
        if (verdict is null)
        {
            return $"{s.Name}: {Clause(s)}.";
        }

        var text = $"{s.Name} {verdict}: {Grounds(s)}";
        return text + ContraryWindow(s) + ".";
    }

    /// <summary>A short clause for facts and agendas: "getting worse: fell 4 months in a row (-3.1 pts since Jun 2026)".</summary>
    public string Clause(KpiSnapshot s)
    {
        var verdict = s.Trend.Direction switch
        {
            TrendDirection.Improving => "improving: ",
            TrendDirection.Worsening => "getting worse: ",
            TrendDirection.Flat => "flat: ",
            _ => string.Empty,
        };
        return verdict + Grounds(s, brief: true);
    }

    private string Grounds(KpiSnapshot s, bool brief)
    {
        if (!brief)
        {
            return Grounds(s);
        }

        var t = s.Trend;
        var unit = PeriodWord(s.Period);
        switch (t.Basis)
        {
            case TrendBasis.TooShort when t.Direction == TrendDirection.Unknown && s.Direction == Direction.WithinBand && t.Points >= Trend.MinimumPoints:
                return "no band set to judge the trend against";
            case TrendBasis.TooShort:
                return $"too little history for a trend ({"value".ToQuantity(t.Points)} in the last {unit.ToQuantity(Trend.Window)}; it takes {Trend.MinimumPoints})";
            case TrendBasis.LatestRun:
                return $"{(t.Movement > 0 ? "rose" : "fell")} {unit.ToQuantity(t.Span!.Moves)} in a row ({Change(t.Span.Change, s)} since {Label(t.Span.From)})";
            case TrendBasis.Slope:
                return $"{(t.Movement > 0 ? "up" : "down")} about {Size(t.SlopePerPeriod!.Value, s)} a {unit} over the last {unit.ToQuantity(Length(t.Window!))}";
            case TrendBasis.NetChange:
                return $"{Change(t.Span!.Change, s)} over the last {unit.ToQuantity(Length(t.Span))}";
            case TrendBasis.EarlierRun:
                return $"{(t.Movement > 0 ? "rose" : "fell")} {unit.ToQuantity(t.Span!.Moves)} in a row to {Label(t.Span.To)} ({Change(t.Span.Change, s)}), steady since";
            case TrendBasis.WithinNoise:
                return $"within its usual swing of ±{Size(t.Noise!.Value, s)} over the last {unit.ToQuantity(Length(t.Window!))}";
            default:
                return "no trend";
        }
    }

    /// <summary>One value against an earlier one: "worse than Sep 2026 (91.5 %): -1.1 pts".</summary>
    public string Comparison(TrendComparison? c, KpiSnapshot s)
    {
        if (c is null)
        {
            return "no earlier value";
        }

        var verdict = c.Direction switch
        {
            TrendDirection.Improving => "better than",
            TrendDirection.Worsening => "worse than",
            TrendDirection.Flat => "about the same as",
            _ => "against",
        };
        var text = $"{verdict} {Label(c.Period)} ({formatter.Format(c.Value, s.Format, s.Unit, s.Decimals)}): {Change(c.Change, s)}";
        if (Relative(c, s) is { } percent)
        {
            text += $" ({Percent(percent)})";
        }

        return c.Direction == TrendDirection.Flat && c.Change != 0 && s.Trend.Noise is { } noise
            ? $"{text}, within its usual ±{Size(noise, s)}"
            : text;
    }

    /// <summary>
    /// The change relative to the earlier value, where one means something: not for percentages and
    /// point scales (they change in points), not for no change, and never from an earlier value of
    /// zero or below (a loss that halves is not "-50 %", and nothing is a percent of zero).
    /// </summary>
    public static decimal? Relative(TrendComparison c, KpiSnapshot s) =>
        !InPoints(s.Format, s.Unit, s.Name) && c.Change != 0 && c.Value > 0 && c.ChangePercent is { } percent ? percent : null;

    /// <summary>"Year on year: +5.6 pts (Oct 2025: 86.0 %)."; null without last year's value.</summary>
    public string? YearOnYear(KpiSnapshot s) =>
        s.Trend.VsLastYear is { } c ? $"On a year ago: {Comparison(c, s)}." : null;

    /// <summary>How far the value is from the status lines: "0.4 pts above where amber starts (91.0 %)."</summary>
    public string? Distance(KpiSnapshot s)
    {
        if (s.Actual is not { } value || s.Target is not { } target)
        {
            return null;
        }

        var lines = StatusRules.Lines(target, s.Direction);
        string Line(decimal line) => formatter.Format(line, s.Format, s.Unit, s.Decimals);
        switch (s.Direction)
        {
            case Direction.HigherIsBetter when lines is { AmberBelow: { } amber, RedBelow: { } red }:
                return s.Status switch
                {
                    Status.Green => $"It is {Size(value - amber, s)} above where amber starts ({Line(amber)}).",
                    Status.Amber => $"It is {Size(amber - value, s)} short of green ({Line(amber)}) and {Size(value - red, s)} above red ({Line(red)}).",
                    Status.Red => $"It is {Size(red - value, s)} below where red starts ({Line(red)}).",
                    _ => null,
                };
            case Direction.LowerIsBetter when lines is { AmberAbove: { } amber, RedAbove: { } red }:
                return s.Status switch
                {
                    Status.Green => $"It is {Size(amber - value, s)} below where amber starts ({Line(amber)}).",
                    Status.Amber => $"It is {Size(value - amber, s)} over green ({Line(amber)}) and {Size(red - value, s)} below red ({Line(red)}).",
                    Status.Red => $"It is {Size(value - red, s)} above where red starts ({Line(red)}).",
                    _ => null,
                };
            default:
                return null;
        }
    }

    /// <summary>
    /// A forecast said plainly, with its uncertainty: "At this pace FY2027-Q3 (Oct–Dec 2026) ends near
    /// 88.9 % on average (80 % range 86.7–91.1 %) against a target of 90.0 % — likely short." Too
    /// little history says how much there is and what it takes.
    /// </summary>
    /// <param name="periodLabel">The projected period as people read it ("FY2027-Q3 (Oct–Dec 2026)").</param>
    public string Forecast(KpiForecast f, KpiSnapshot s, string periodLabel)
    {
        if (f.Verdict == ForecastVerdict.TooShort)
        {
            return $"No forecast for {periodLabel}: {s.Name} has {"value".ToQuantity(f.Points)} in the last {PeriodWord(s.Period).ToQuantity(Trend.Window)}, and a forecast takes {Scoring.Forecast.MinimumPoints}.";
        }

        var compact = f.Rule == Aggregation.Sum;
        string Show(decimal v) => formatter.Format(v, s.Format, s.Unit, s.Decimals, compact);
        var how = f.Rule switch
        {
            Aggregation.Sum => " in total",
            Aggregation.Average => " on average",
            _ => string.Empty,
        };
        var text = $"At this pace {periodLabel} ends near {Show(f.Value!.Value)}{how} (80 % range {Show(f.Low!.Value)}–{Show(f.High!.Value)})";
        if (f.Target is not { } target)
        {
            return text + "; no target is set for it.";
        }

        var verdict = f.Verdict switch
        {
            ForecastVerdict.Likely => "likely to make it",
            ForecastVerdict.LikelyShort => "likely short",
            _ => $"could go either way ({decimal.Round(f.Chance!.Value * 100m, 0).ToString("0", culture)} % chance)",
        };
        return $"{text} against a target of {Show(target)} — {verdict}.";
    }

    /// <summary>A period as the trend texts name it: "Oct 2026", "FY2027-Q1".</summary>
    public string Label(Period period) => period.Kind switch
    {
        PeriodKind.Month => Periods.MonthText.Of(period, culture),
        _ => period.ToString(),
    };

    private string Grounds(KpiSnapshot s)
    {
        var t = s.Trend;
        var unit = PeriodWord(s.Period);
        return t.Basis switch
        {
            TrendBasis.LatestRun => $"it {(t.Movement > 0 ? "rose" : "fell")} {unit.ToQuantity(t.Span!.Moves)} in a row, from {Value(t.Span.FromValue, s)} in {Label(t.Span.From)} to {Value(t.Span.ToValue, s)} in {Label(t.Span.To)} ({Change(t.Span.Change, s)})",
            TrendBasis.Slope => $"it went {(t.Movement > 0 ? "up" : "down")} about {Size(t.SlopePerPeriod!.Value, s)} a {unit} over the last {unit.ToQuantity(Length(t.Window!))}, from {Value(t.Window!.FromValue, s)} in {Label(t.Window.From)} to {Value(t.Window.ToValue, s)} in {Label(t.Window.To)}",
            TrendBasis.NetChange => $"it went from {Value(t.Span!.FromValue, s)} in {Label(t.Span.From)} to {Value(t.Span.ToValue, s)} in {Label(t.Span.To)} ({Change(t.Span.Change, s)})",
            TrendBasis.EarlierRun => $"it {(t.Movement > 0 ? "rose" : "fell")} {unit.ToQuantity(t.Span!.Moves)} in a row, from {Value(t.Span.FromValue, s)} in {Label(t.Span.From)} to {Value(t.Span.ToValue, s)} in {Label(t.Span.To)} ({Change(t.Span.Change, s)}), and has moved within its usual swing since",
            TrendBasis.WithinNoise when s.Direction == Direction.WithinBand && t.Direction != TrendDirection.Flat =>
                $"it went from {Value(t.Window!.FromValue, s)} in {Label(t.Window.From)} to {Value(t.Window.ToValue, s)} in {Label(t.Window.To)}",
            TrendBasis.WithinNoise => $"over the last {unit.ToQuantity(Length(t.Window!))} it moved within its usual {unit}-to-{unit} swing of ±{Size(t.Noise!.Value, s)} ({Value(t.Window!.FromValue, s)} in {Label(t.Window.From)}, {Value(t.Window.ToValue, s)} in {Label(t.Window.To)})",
            _ => Grounds(s, brief: true),
        };
    }

    /// <summary>When the direction rests on a run and the whole window went the other way by more than the noise, say so.</summary>
    private string ContraryWindow(KpiSnapshot s)
    {
        var t = s.Trend;
        if (t.Basis is not (TrendBasis.LatestRun or TrendBasis.EarlierRun) || t.Window is not { } w || t.Noise is not { } noise
            || Math.Abs(w.Change) <= noise || Math.Sign(w.Change) == t.Movement)
        {
            return string.Empty;
        }

        return $"; over the last {PeriodWord(s.Period).ToQuantity(Length(w))} it is still {(w.Change > 0 ? "up" : "down")} {Size(w.Change, s)}";
    }

    /// <summary>
    /// The one sentence about a pair that moved apart, each on its previous value: "On-time delivery
    /// up 3.0 pts while Cargo claims rate rose 40 %: check the pair." Percentages and point scales
    /// move in points; other KPIs by their relative change where there is one, else in their unit.
    /// </summary>
    public string Pair(PairDivergence d) =>
        $"{d.Better.Name} {Moved(d.Better, "up", "down")} while {d.Worse.Name} {Moved(d.Worse, "rose", "fell")}: check the pair.";

    private string Moved(KpiSnapshot s, string up, string down)
    {
        var c = s.Trend.VsPrevious!;
        var size = Relative(c, s) is { } percent
            ? decimal.Round(Math.Abs(percent), Math.Abs(percent) >= 10 ? 0 : 1, MidpointRounding.AwayFromZero).ToString("0.#", culture) + " %"
            : Size(c.Change, s);
        return $"{(c.Change > 0 ? up : down)} {size}";
    }

    /// <summary>A value of the KPI, with its unit.</summary>
    public string Value(decimal value, KpiSnapshot s) => formatter.Format(value, s.Format, s.Unit, s.Decimals);

    /// <summary>The periods a stretch covers, first and last included (gaps count).</summary>
    private static int Length(TrendSpan span) => span.To.Ordinal - span.From.Ordinal + 1;

    private static string PeriodWord(Period period) => period.Kind == PeriodKind.Quarter ? "quarter" : "month";

    private string Percent(decimal percent) =>
        (percent > 0 ? "+" : percent < 0 ? culture.NumberFormat.NegativeSign : "") + decimal.Round(Math.Abs(percent), 1, MidpointRounding.AwayFromZero).ToString("0.#", culture) + " %";

    private string Signed(decimal change, KpiSnapshot s, bool signed)
    {
        var decimals = Math.Clamp(s.Decimals, 0, 6);
        // A small change is shown with enough decimals not to read as 0.
        while (change != 0 && decimals < 4 && decimal.Round(Math.Abs(change), decimals, MidpointRounding.AwayFromZero) == 0)
        {
            decimals++;
        }

        var rounded = decimal.Round(change, decimals, MidpointRounding.AwayFromZero);
        var sign = !signed ? "" : rounded > 0 ? "+" : rounded < 0 ? culture.NumberFormat.NegativeSign : "±";
        if (InPoints(s.Format, s.Unit, s.Name))
        {
            return $"{sign}{formatter.FormatNumber(Math.Abs(rounded), decimals)} pts";
        }

        return sign + formatter.Format(Math.Abs(rounded), s.Format, s.Unit, decimals);
    }
}
