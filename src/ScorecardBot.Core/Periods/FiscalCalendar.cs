using System.Globalization;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Periods;

/// <summary>The calendar days and UTC instants a period covers in the organization's time zone.</summary>
/// <param name="FirstDay">First local day of the period.</param>
/// <param name="LastDay">Last local day of the period (inclusive).</param>
/// <param name="StartUtc">The instant the period begins (local midnight of <paramref name="FirstDay"/>).</param>
/// <param name="EndUtc">The instant the next period begins (exclusive end).</param>
public readonly record struct PeriodRange(DateOnly FirstDay, DateOnly LastDay, DateTimeOffset StartUtc, DateTimeOffset EndUtc)
{
    public bool Contains(DateTimeOffset instant) => instant >= StartUtc && instant < EndUtc;
}

/// <summary>
/// An organization's calendar: which fiscal quarter and year a month belongs to, which months a
/// period holds, and which instants it covers in the organization's time zone. Fiscal years are
/// named by the calendar year in which they end (see <see cref="Period"/>).
/// </summary>
public sealed class FiscalCalendar
{
    public FiscalCalendar(int fiscalYearStartMonth, TimeZoneInfo timeZone)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fiscalYearStartMonth, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fiscalYearStartMonth, 12);
        ArgumentNullException.ThrowIfNull(timeZone);
        FiscalYearStartMonth = fiscalYearStartMonth;
        TimeZone = timeZone;
    }

    /// <summary>A calendar from a fiscal start month and an IANA time zone id ("Europe/Berlin").</summary>
    public static FiscalCalendar Create(int fiscalYearStartMonth, string timeZoneId) =>
        new(fiscalYearStartMonth, FindZone(timeZoneId));

    /// <summary>The calendar of an organization (its fiscal start month and time zone).</summary>
    public static FiscalCalendar For(Organization organization) =>
        Create(organization.FiscalYearStartMonth, organization.TimeZoneId);

    /// <summary>First calendar month (1–12) of the fiscal year.</summary>
    public int FiscalYearStartMonth { get; }

    public TimeZoneInfo TimeZone { get; }

    /// <summary>The local calendar day of an instant in the organization's zone.</summary>
    public DateOnly DateOf(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, TimeZone).DateTime);

    /// <summary>The calendar month an instant falls in, in the organization's zone.</summary>
    public Period MonthOf(DateTimeOffset instant)
    {
        var day = DateOf(instant);
        return Period.Month(day.Year, day.Month);
    }

    /// <summary>The calendar month a local day falls in.</summary>
    public static Period MonthOf(DateOnly day) => Period.Month(day.Year, day.Month);

    /// <summary>The fiscal quarter holding a month (a quarter is returned as is).</summary>
    public Period QuarterOf(Period period)
    {
        switch (period.Kind)
        {
            case PeriodKind.Quarter:
                return period;
            case PeriodKind.Month:
                var offset = MonthOffset(period.Number);
                return Period.Quarter(FiscalYearNumber(period), (offset / 3) + 1);
            default:
                throw new ArgumentException($"A fiscal year ({period}) lies in no single quarter.", nameof(period));
        }
    }

    /// <summary>The fiscal year holding a month or quarter (a year is returned as is).</summary>
    public Period FiscalYearOf(Period period) => period.Kind switch
    {
        PeriodKind.Month => Period.FiscalYear(FiscalYearNumber(period)),
        _ => Period.FiscalYear(period.Year),
    };

    /// <summary>The first calendar month of a period.</summary>
    public Period FirstMonth(Period period) => period.Kind switch
    {
        PeriodKind.Month => period,
        PeriodKind.Quarter => FirstMonthOfFiscalYear(period.Year).AddPeriods((period.Number - 1) * 3),
        _ => FirstMonthOfFiscalYear(period.Year),
    };

    /// <summary>The last calendar month of a period.</summary>
    public Period LastMonth(Period period) => period.Kind switch
    {
        PeriodKind.Month => period,
        PeriodKind.Quarter => FirstMonth(period).AddPeriods(2),
        _ => FirstMonth(period).AddPeriods(11),
    };

    /// <summary>The calendar months of a period, oldest first.</summary>
    public IReadOnlyList<Period> MonthsIn(Period period) => MonthRange(FirstMonth(period), LastMonth(period));

    /// <summary>Whether a month (or quarter) lies inside a period.</summary>
    public bool Contains(Period period, Period part) =>
        FirstMonth(part) >= FirstMonth(period) && LastMonth(part) <= LastMonth(period);

    /// <summary>The months from the start of the fiscal quarter up to and including <paramref name="month"/>.</summary>
    public IReadOnlyList<Period> QuarterToDate(Period month)
    {
        RequireMonth(month);
        return MonthRange(FirstMonth(QuarterOf(month)), month);
    }

    /// <summary>The months from the start of the fiscal year up to and including <paramref name="month"/>.</summary>
    public IReadOnlyList<Period> YearToDate(Period month)
    {
        RequireMonth(month);
        return MonthRange(FirstMonth(FiscalYearOf(month)), month);
    }

    /// <summary>The period just before, of the same kind.</summary>
    public static Period Previous(Period period) => period.Previous;

    /// <summary>The same period of the previous (fiscal) year.</summary>
    public static Period SameLastYear(Period period) => period.SameLastYear;

    /// <summary>The local days and UTC instants a period covers in the organization's zone.</summary>
    public PeriodRange RangeOf(Period period)
    {
        var first = FirstMonth(period);
        var afterLast = LastMonth(period).Next;
        var firstDay = new DateOnly(first.Year, first.Number, 1);
        var nextStart = new DateOnly(afterLast.Year, afterLast.Number, 1);
        return new PeriodRange(firstDay, nextStart.AddDays(-1), StartOfDay(firstDay), StartOfDay(nextStart));
    }

    /// <summary>The period of a KPI's frequency that <paramref name="now"/> falls in.</summary>
    public Period CurrentPeriod(Frequency frequency, DateTimeOffset now)
    {
        var month = MonthOf(now);
        return frequency == Frequency.Quarterly ? QuarterOf(month) : month;
    }

    /// <summary>
    /// The most recent period of a KPI's frequency that has ended at <paramref name="now"/>: the
    /// one whose actuals are collected in the current review.
    /// </summary>
    public Period LastCompletePeriod(Frequency frequency, DateTimeOffset now) => CurrentPeriod(frequency, now).Previous;

    /// <summary>The current period of a KPI's frequency by the given clock.</summary>
    public Period CurrentPeriod(Frequency frequency, TimeProvider clock) => CurrentPeriod(frequency, clock.GetUtcNow());

    /// <summary>The last complete period of a KPI's frequency by the given clock.</summary>
    public Period LastCompletePeriod(Frequency frequency, TimeProvider clock) => LastCompletePeriod(frequency, clock.GetUtcNow());

    /// <summary>Converts a month to the period of a KPI's frequency that holds it.</summary>
    public Period ForFrequency(Period month, Frequency frequency) =>
        frequency == Frequency.Quarterly ? QuarterOf(month) : month;

    /// <summary>
    /// A period for people: "Oct 2026" (<see cref="MonthText"/>, the one month style), "FY2027-Q1
    /// (Apr–Jun 2026)", "FY2027 (Apr 2026–Mar 2027)". Month names in <paramref name="culture"/>
    /// (English when null).
    /// </summary>
    public string Label(Period period, CultureInfo? culture = null)
    {
        culture ??= CultureInfo.InvariantCulture;
        var first = FirstMonth(period);
        var last = LastMonth(period);
        string Short(Period m) => MonthText.Name(m.Number, culture);
        return period.Kind switch
        {
            PeriodKind.Month => MonthText.Of(period, culture),
            _ when first.Year == last.Year => $"{period} ({Short(first)}–{Short(last)} {last.Year})",
            _ => $"{period} ({Short(first)} {first.Year}–{Short(last)} {last.Year})",
        };
    }

    /// <summary>
    /// The UTC instant a local day begins. Where a DST change skips local midnight (some zones
    /// switch at 00:00), the day begins at the first local time that exists.
    /// </summary>
    public DateTimeOffset StartOfDay(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (TimeZone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        // An ambiguous midnight happens twice; the day begins at the first one (the larger offset).
        var offset = TimeZone.IsAmbiguousTime(local)
            ? TimeZone.GetAmbiguousTimeOffsets(local).Max()
            : TimeZone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    /// <summary>The UTC instant of a local date and time in the organization's zone (first valid time on a DST gap).</summary>
    public DateTimeOffset ToInstant(DateOnly day, TimeOnly time)
    {
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);
        if (TimeZone.IsInvalidTime(local))
        {
            // 02:30 on the spring-forward night does not exist; move by the gap, as clocks do.
            var before = TimeZone.GetUtcOffset(local.AddHours(-3));
            return new DateTimeOffset(local, before).ToUniversalTime();
        }

        var offset = TimeZone.IsAmbiguousTime(local)
            ? TimeZone.GetAmbiguousTimeOffsets(local).Max()
            : TimeZone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    internal static TimeZoneInfo FindZone(string timeZoneId)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);
        }
        catch (TimeZoneNotFoundException e)
        {
            throw new ArgumentException($"'{timeZoneId}' is not a known time zone. Use an IANA id such as Europe/Berlin.", nameof(timeZoneId), e);
        }
    }

    private int MonthOffset(int calendarMonth) => (calendarMonth - FiscalYearStartMonth + 12) % 12;

    private int FiscalYearNumber(Period month) =>
        FiscalYearStartMonth == 1 || month.Number < FiscalYearStartMonth ? month.Year : month.Year + 1;

    private Period FirstMonthOfFiscalYear(int fiscalYear) =>
        Period.Month(FiscalYearStartMonth == 1 ? fiscalYear : fiscalYear - 1, FiscalYearStartMonth);

    private static IReadOnlyList<Period> MonthRange(Period first, Period last)
    {
        var months = new List<Period>(last.Ordinal - first.Ordinal + 1);
        for (var m = first; m <= last; m = m.Next)
        {
            months.Add(m);
        }

        return months;
    }

    private static void RequireMonth(Period period)
    {
        if (period.Kind != PeriodKind.Month)
        {
            throw new ArgumentException($"Expected a month, got {period}.", nameof(period));
        }
    }
}
