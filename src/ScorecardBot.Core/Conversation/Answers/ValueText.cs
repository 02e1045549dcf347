using System.Globalization;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Conversation.Answers;

/// <summary>How periods, statuses and trends read in replies.</summary>
internal static class ValueText
{
    public static string Period(Period period, CultureInfo culture) => period.Kind switch
    {
        PeriodKind.Month => new DateTime(period.Year, period.Number, 1).ToString("MMM yyyy", culture),
        _ => period.ToString(),
    };

    public static string ShortPeriod(Period period, CultureInfo culture) => period.Kind switch
    {
        PeriodKind.Month => new DateTime(period.Year, period.Number, 1).ToString("MMM", culture),
        _ => period.ToString(),
    };

    public static string Status(Status status) => status switch
    {
        Model.Status.Green => "Green",
        Model.Status.Amber => "Amber",
        Model.Status.Red => "Red",
        _ => "No data",
    };

    public static string Trend(TrendDirection trend) => trend switch
    {
        TrendDirection.Improving => "better",
        TrendDirection.Worsening => "worse",
        TrendDirection.Flat => "flat",
        _ => "unknown",
    };
}
