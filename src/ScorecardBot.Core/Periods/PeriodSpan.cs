using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Periods;

/// <summary>
/// Consecutive periods of one kind, first to last inclusive: what a question's period words
/// name ("Q3" is one quarter, "last 3 months" three months, "YTD" the fiscal year's months up to
/// now). A KPI's value over a span is its aggregation over the months the span holds (sum,
/// average or last value, as the KPI says).
/// </summary>
public readonly record struct PeriodSpan
{
    public PeriodSpan(Period first, Period last)
    {
        if (first.Kind != last.Kind)
        {
            throw new ArgumentException($"A span runs over periods of one kind, not from {first} to {last}.", nameof(last));
        }

        if (last < first)
        {
            throw new ArgumentException($"A span ends after it starts, not from {first} to {last}.", nameof(last));
        }

        First = first;
        Last = last;
    }

    /// <summary>A span of one period.</summary>
    public static PeriodSpan Of(Period period) => new(period, period);

    public Period First { get; }

    public Period Last { get; }

    public PeriodKind Kind => First.Kind;

    /// <summary>Whether the span is one period (a month, a quarter, a fiscal year).</summary>
    public bool IsSingle => First == Last;

    /// <summary>How many periods the span holds.</summary>
    public int Count => Last.Ordinal - First.Ordinal + 1;

    /// <summary>The span's periods, first to last.</summary>
    public IEnumerable<Period> Periods
    {
        get
        {
            for (var p = First; p <= Last; p = p.Next)
            {
                yield return p;
            }
        }
    }

    public bool Contains(Period period) => period.Kind == Kind && period >= First && period <= Last;

    /// <summary>The months the span covers in the organization's fiscal calendar.</summary>
    public IReadOnlyList<Period> MonthsIn(FiscalCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var first = calendar.FirstMonth(First);
        var last = calendar.LastMonth(Last);
        return [.. new PeriodSpan(first, last).Periods];
    }

    /// <summary>The span as long as this one that ends right before it ("last 3 months" before the last 3 months).</summary>
    public PeriodSpan Before => new(First.AddPeriods(-Count), First.Previous);

    /// <summary>The same span one year earlier.</summary>
    public PeriodSpan YearEarlier => new(First.SameLastYear, Last.SameLastYear);

    /// <summary>"2026-10" for one period; "2026-08..2026-10" for more.</summary>
    public override string ToString() => IsSingle ? First.ToString() : $"{First}..{Last}";
}

/// <summary>
/// The period a question asks about: the span it speaks of and, when it asks for a comparison
/// ("this quarter vs last", "since last year", "compared to last month"), the span to compare
/// with. <see cref="Period"/> is the one period an answer about a single period speaks of: the
/// span's only period, or its last.
/// </summary>
public sealed record AskedPeriod(PeriodSpan Span, PeriodSpan? Comparison = null)
{
    public static AskedPeriod Of(Period period) => new(PeriodSpan.Of(period));

    /// <summary>The span's only period when it is one, else its last.</summary>
    public Period Period => Span.Last;

    /// <summary>"FY2027-Q3", "2026-08..2026-10", "FY2027-Q3 vs FY2027-Q2".</summary>
    public override string ToString() => Comparison is { } compared ? $"{Span} vs {compared}" : Span.ToString();
}
