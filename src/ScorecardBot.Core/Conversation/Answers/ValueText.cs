using System.Globalization;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Conversation.Answers;

/// <summary>How periods, statuses and trends read in replies.</summary>
internal static class ValueText
{
    /// <summary>A period in a reply: a month as every month is written (<see cref="Periods.MonthText"/>), a quarter or year by its key.</summary>
    public static string Period(Period period, CultureInfo culture) => Periods.MonthText.Period(period, culture);

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
