using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace ScorecardBot.Core.Model;

public enum PeriodKind
{
    Month = 0,
    Quarter = 1,
    Year = 2,
}

/// <summary>
/// A reporting period. Months are calendar months ("2026-10"). Quarters and years are fiscal
/// and named by the calendar year in which the fiscal year ends ("FY2027-Q1", "FY2027"), so
/// with a fiscal year starting in April, FY2027-Q1 is April–June 2026. Converting between
/// fiscal and calendar periods needs the organization's fiscal start month: see
/// <c>FiscalCalendar</c>.
/// </summary>
public readonly record struct Period : IComparable<Period>, IParsable<Period>
{
    /// <summary>The first year a period key (or anything a person types) may name.</summary>
    public const int MinYear = 1900;

    /// <summary>The last year a period key may name.</summary>
    public const int MaxYear = 2999;

    // Periods the bot computes from a named one (a trend's twelve periods back, a forecast's
    // quarter ahead, a default range) may lie a little outside the years that can be named; they
    // stay inside these, which no arithmetic of the bot leaves.
    private const int FirstYear = 1000;
    private const int LastYear = 9999;

    private Period(PeriodKind kind, int year, int number)
    {
        Kind = kind;
        Year = year;
        Number = number;
    }

    public PeriodKind Kind { get; }

    /// <summary>Calendar year for months; fiscal year for quarters and years.</summary>
    public int Year { get; }

    /// <summary>Calendar month (1–12) for months; quarter (1–4) for quarters; 0 for years.</summary>
    public int Number { get; }

    public static Period Month(int year, int month)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(month, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(month, 12);
        ArgumentOutOfRangeException.ThrowIfLessThan(year, FirstYear);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, LastYear);
        return new Period(PeriodKind.Month, year, month);
    }

    public static Period Quarter(int fiscalYear, int quarter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quarter, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quarter, 4);
        ArgumentOutOfRangeException.ThrowIfLessThan(fiscalYear, FirstYear);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fiscalYear, LastYear);
        return new Period(PeriodKind.Quarter, fiscalYear, quarter);
    }

    public static Period FiscalYear(int fiscalYear)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fiscalYear, FirstYear);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fiscalYear, LastYear);
        return new Period(PeriodKind.Year, fiscalYear, 0);
    }

    /// <summary>The first period of a kind that can be named (January, Q1 or the fiscal year of <see cref="MinYear"/>).</summary>
    public static Period First(PeriodKind kind) => kind switch
    {
        PeriodKind.Month => Month(MinYear, 1),
        PeriodKind.Quarter => Quarter(MinYear, 1),
        _ => FiscalYear(MinYear),
    };

    /// <summary>A number that orders periods of one kind and makes "n periods ago" simple arithmetic.</summary>
    public int Ordinal => Kind switch
    {
        PeriodKind.Month => (Year * 12) + Number - 1,
        PeriodKind.Quarter => (Year * 4) + Number - 1,
        _ => Year,
    };

    /// <summary>The period <paramref name="count"/> periods of the same kind later (negative: earlier).</summary>
    public Period AddPeriods(int count) => Kind switch
    {
        PeriodKind.Month => FromOrdinal(PeriodKind.Month, Ordinal + count),
        PeriodKind.Quarter => FromOrdinal(PeriodKind.Quarter, Ordinal + count),
        _ => FiscalYear(Year + count),
    };

    public Period Previous => AddPeriods(-1);
    public Period Next => AddPeriods(1);

    /// <summary>The same period one year earlier.</summary>
    public Period SameLastYear => Kind switch
    {
        PeriodKind.Month => Month(Year - 1, Number),
        PeriodKind.Quarter => Quarter(Year - 1, Number),
        _ => FiscalYear(Year - 1),
    };

    private static Period FromOrdinal(PeriodKind kind, int ordinal) => kind switch
    {
        PeriodKind.Month => Month(ordinal / 12, (ordinal % 12) + 1),
        PeriodKind.Quarter => Quarter(ordinal / 4, (ordinal % 4) + 1),
        _ => FiscalYear(ordinal),
    };

    public int CompareTo(Period other)
    {
        var byKind = Kind.CompareTo(other.Kind);
        return byKind != 0 ? byKind : Ordinal.CompareTo(other.Ordinal);
    }

    public static bool operator <(Period left, Period right) => left.CompareTo(right) < 0;
    public static bool operator >(Period left, Period right) => left.CompareTo(right) > 0;
    public static bool operator <=(Period left, Period right) => left.CompareTo(right) <= 0;
    public static bool operator >=(Period left, Period right) => left.CompareTo(right) >= 0;

    /// <summary>The canonical key: "2026-10", "FY2027-Q1" or "FY2027". Stored as is in the database.</summary>
    public override string ToString() => Kind switch
    {
        PeriodKind.Month => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Number:D2}"),
        PeriodKind.Quarter => string.Create(CultureInfo.InvariantCulture, $"FY{Year:D4}-Q{Number}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"FY{Year:D4}"),
    };

    /// <summary>Parses the canonical key only (years <see cref="MinYear"/> to <see cref="MaxYear"/>); what people type is read by <c>PeriodParser</c>.</summary>
    public static Period Parse(string s, IFormatProvider? provider = null) =>
        TryParse(s, provider, out var p) ? p : throw new FormatException($"'{s}' is not a period key like 2026-10, FY2027-Q1 or FY2027.");

    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out Period result)
    {
        result = default;
        if (string.IsNullOrWhiteSpace(s))
        {
            return false;
        }

        var span = s.AsSpan().Trim();
        var inv = CultureInfo.InvariantCulture;
        if (span.Length == 7 && span[4] == '-' &&
            int.TryParse(span[..4], NumberStyles.None, inv, out var y) &&
            int.TryParse(span[5..], NumberStyles.None, inv, out var m) &&
            m is >= 1 and <= 12 && y is >= MinYear and <= MaxYear)
        {
            result = Month(y, m);
            return true;
        }

        if (span.Length >= 6 && (span[0] is 'F' or 'f') && (span[1] is 'Y' or 'y') &&
            int.TryParse(span.Slice(2, 4), NumberStyles.None, inv, out var fy) && fy is >= MinYear and <= MaxYear)
        {
            if (span.Length == 6)
            {
                result = FiscalYear(fy);
                return true;
            }

            if (span.Length == 9 && span[6] == '-' && (span[7] is 'Q' or 'q') && span[8] is >= '1' and <= '4')
            {
                result = Quarter(fy, span[8] - '0');
                return true;
            }
        }

        return false;
    }

    public static bool TryParse([NotNullWhen(true)] string? s, out Period result) => TryParse(s, null, out result);
}
