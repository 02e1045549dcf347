using System.Globalization;
using ScorecardBot.Core.Periods;
using ScorecardBot.Core.Values;

namespace ScorecardBot.Core.Conversation;

/// <summary>How one organization reads and writes periods and numbers: its fiscal calendar, culture and currency.</summary>
internal sealed class OrganizationLocale
{
    public OrganizationLocale(Model.Organization organization)
    {
        Calendar = FiscalCalendar.For(organization);
        Culture = MonthText.CultureOf(organization.Locale);

        Periods = new PeriodParser(Calendar, Culture);
        Values = new ValueParser(Culture, organization.Currency);
        Formatter = new ValueFormatter(Culture, organization.Currency);
        Trends = new Scoring.TrendText(Formatter, Culture);
    }

    public FiscalCalendar Calendar { get; }
    public CultureInfo Culture { get; }
    public PeriodParser Periods { get; }
    public ValueParser Values { get; }
    public ValueFormatter Formatter { get; }

    /// <summary>How trends and changes read, the same in every reply.</summary>
    public Scoring.TrendText Trends { get; }

    /// <summary>A typed period relative to now, or null when the words are no period.</summary>
    public Model.Period? ReadPeriod(string text, DateTimeOffset now)
    {
        var result = Periods.Parse(text, now);
        return result is { IsSuccess: true, Period: { } period } ? period : null;
    }
}
