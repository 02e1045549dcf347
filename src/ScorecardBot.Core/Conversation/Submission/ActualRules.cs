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
    public static string? Implausible(Kpi kpi, Period period, decimal? value)
    {
        if (value is not { } v)
        {
            return null;
        }

        var history = kpi.Actuals
            .Where(a => a.Period < period && a.Period.Kind == period.Kind && a.Value.HasValue)
            .OrderByDescending(a => a.Period).Take(12).Select(a => Math.Abs(a.Value!.Value)).Order().ToList();
        if (history.Count < 3)
        {
            return null;
        }

        var median = history.Count % 2 == 1 ? history[history.Count / 2] : (history[(history.Count / 2) - 1] + history[history.Count / 2]) / 2;
        if (median == 0)
        {
            return null;
        }

        var magnitude = Math.Abs(v);
        return magnitude > 10 * median ? "more than ten times" : magnitude < median / 10 ? "less than a tenth of" : null;
    }
}
