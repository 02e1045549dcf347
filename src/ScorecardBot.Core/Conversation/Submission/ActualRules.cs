using System.Globalization;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Values;

namespace ScorecardBot.Core.Conversation.Submission;

/// <summary>
/// The checks every actual passes, whatever door it comes through (a card, a command, the REST
/// API): the value fits the KPI's format, "no data" says why, and a value ten times off the KPI's
/// usual level is confirmed before it is stored.
/// </summary>
public static class ActualRules
{
    /// <summary>A number that arrived as a number (the API's JSON), in the KPI's unit: no text to read.</summary>
    public static ValueParseResult Exact(decimal value, Kpi kpi) =>
        ValueParseResult.Number(value, kpi.Format == KpiFormat.Percent ? "%" : kpi.Unit);

    /// <summary>Why a value does not fit the KPI at all (as opposed to merely looking unusual); null when it fits.</summary>
    public static string? Problem(Kpi kpi, ValueParseResult reading, string? comment)
    {
        if (reading.IsInvalid)
        {
            return reading.Error;
        }

        if (reading.IsNoData)
        {
            return string.IsNullOrWhiteSpace(comment) ? "Say in the comment why there is no data." : null;
        }

        var value = reading.Value!.Value;
        if (kpi.Format == KpiFormat.Duration && value < 0)
        {
            return "A duration cannot be negative.";
        }

        if (kpi.Format == KpiFormat.Percent && Math.Abs(value) > 1000)
        {
            return $"{value.ToString(CultureInfo.InvariantCulture)} % is not a plausible percentage.";
        }

        return null;
    }

    /// <summary>A value ten times above or below the median of the last twelve reported periods, described; else null.</summary>
    public static string? Implausible(Kpi kpi, Period period, decimal? value) => new ReportedHistory(kpi).Implausible(period, value);
}

/// <summary>
/// A KPI's reported values in period order, read once for any number of plausibility checks: a
/// batch with 625 months of one KPI then sorts its history once, not 625 times.
/// </summary>
public sealed class ReportedHistory
{
    private readonly Dictionary<PeriodKind, (Period[] Periods, decimal[] Magnitudes)> _byKind;

    public ReportedHistory(Kpi kpi)
    {
        ArgumentNullException.ThrowIfNull(kpi);
        _byKind = kpi.Actuals.Where(a => a.Value.HasValue).GroupBy(a => a.Period.Kind).ToDictionary(
            g => g.Key,
            g =>
            {
                var sorted = g.OrderBy(a => a.Period).ToList();
                return (sorted.Select(a => a.Period).ToArray(), sorted.Select(a => Math.Abs(a.Value!.Value)).ToArray());
            });
    }

    /// <summary>As <see cref="ActualRules.Implausible"/>: against the median of the twelve reported periods before <paramref name="period"/>.</summary>
    public string? Implausible(Period period, decimal? value)
    {
        if (value is not { } v || !_byKind.TryGetValue(period.Kind, out var history))
        {
            return null;
        }

        // The periods before this one end where a binary search would insert it.
        var end = Array.BinarySearch(history.Periods, period);
        end = end >= 0 ? end : ~end;
        var count = Math.Min(12, end);
        if (count < 3)
        {
            return null;
        }

        var last = history.Magnitudes[(end - count)..end];
        Array.Sort(last);
        var median = count % 2 == 1 ? last[count / 2] : (last[(count / 2) - 1] + last[count / 2]) / 2;
        if (median == 0)
        {
            return null;
        }

        var magnitude = Math.Abs(v);
        return magnitude > 10 * median ? "more than ten times" : magnitude < median / 10 ? "less than a tenth of" : null;
    }
}
