using System.Globalization;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Conversation.Answers;

/// <summary>How values, periods and statuses read in replies, in the organization's locale.</summary>
internal static class ValueText
{
    public static CultureInfo Culture(Organization organization)
    {
        try
        {
            return CultureInfo.GetCultureInfo(organization.Locale);
        }
        catch (CultureNotFoundException)
        {
            return CultureInfo.InvariantCulture;
        }
    }

    public static string Format(decimal? value, Kpi kpi, CultureInfo culture)
    {
        if (value is not { } v)
        {
            return "no data";
        }

        var number = v.ToString("N" + Math.Clamp(kpi.Decimals, 0, 6), culture);
        return kpi.Unit switch
        {
            null or "" => number,
            "%" => number + " %",
            _ => $"{number} {kpi.Unit}",
        };
    }

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
