using System.Globalization;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Periods;

namespace ScorecardBot.Core.Conversation.Grammar;

/// <summary>
/// Finds and removes the period words of a question and reads them as a span, with the span to
/// compare it with when the question asks for a comparison:
/// <list type="bullet">
/// <item>"Q3", "last month", "in Oct 2026": one period (see <see cref="PeriodParser"/>);</item>
/// <item>"last 3 months", "past 2 quarters", "TTM": that many whole periods up to the last complete one;</item>
/// <item>"YTD", "year to date", "so far this year" (and "QTD"): the fiscal year's (quarter's) months up to now;</item>
/// <item>"since March", "since Q2": the months from then up to now;</item>
/// <item>"from Jan to Mar", "between Q1 and Q2", "Jan-Mar": the periods from the first to the second;</item>
/// <item>"this quarter vs last", "Q3 vs Q2", "compared to last month", "since last year",
/// "YoY", "month over month": a span and the span it is compared with. Without a stated span the
/// current period of the compared one's kind is compared.</item>
/// </list>
/// "vs plan", "against target" compare with a target, not a period, and are left alone.
/// </summary>
internal static class QuestionPeriods
{
    private static readonly HashSet<string> CompareCues = ["vs", "versus", "v", "compared", "compare", "comparing", "comparison", "against", "than", "since", "relative"];
    private static readonly HashSet<string> CueFillers = ["to", "with", "the", "same", "period", "time", "of", "at", "month", "quarter"];
    private static readonly HashSet<string> RangeJoins = ["to", "through", "thru", "till", "until", "til", "and"];
    private static readonly HashSet<string> LastWords = ["last", "past", "previous", "prior", "trailing", "rolling"];

    private static readonly Dictionary<string, int> Numbers = new(StringComparer.Ordinal)
    {
        ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7, ["eight"] = 8,
        ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["eighteen"] = 18, ["twenty"] = 20, ["few"] = 3, ["couple"] = 2,
    };

    /// <summary>The period a question names, or null when it names none; its words are removed from <paramref name="words"/>.</summary>
    public static AskedPeriod? Take(List<string> words, OrganizationSnapshot snapshot, DateTimeOffset now)
    {
        var locale = snapshot.Locale;
        var calendar = locale.Calendar;
        var month = calendar.MonthOf(now);

        if (TakeComparison(words, snapshot, now, month) is { } compared)
        {
            return compared;
        }

        if (TakeToDate(words, calendar, month) is { } toDate)
        {
            return new AskedPeriod(toDate);
        }

        if (TakeLastCount(words, calendar, month) is { } counted)
        {
            return new AskedPeriod(counted);
        }

        if (TakeSince(words, snapshot, month) is { } since)
        {
            return new AskedPeriod(since);
        }

        if (TakeBetween(words, snapshot, month) is { } between)
        {
            return new AskedPeriod(between);
        }

        return QuestionReader.TakePeriod(words, snapshot, now) is { } single ? AskedPeriod.Of(single) : null;
    }

    /// <summary>"vs last year", "compared to last month", "this quarter vs last", "q3 vs q2", "since last year", "yoy", "mom".</summary>
    private static AskedPeriod? TakeComparison(List<string> words, OrganizationSnapshot snapshot, DateTimeOffset now, Period month)
    {
        var calendar = snapshot.Locale.Calendar;
        for (var i = 0; i < words.Count; i++)
        {
            // "YoY", "year on year", "year over year", "MoM", "QoQ": the current period against the one before.
            var (overKind, overLength) = Over(words, i);
            if (overLength > 0)
            {
                words.RemoveRange(i, overLength);
                var stated = Base(words, snapshot, now);
                var span = stated ?? PeriodSpan.Of(Current(calendar, month, overKind == PeriodKind.Year ? PeriodKind.Month : overKind));
                return new AskedPeriod(span, overKind == PeriodKind.Year ? span.YearEarlier : span.Before);
            }

            if (!CompareCues.Contains(words[i]))
            {
                continue;
            }

            var at = i + 1;
            while (at < words.Count && CueFillers.Contains(words[at]))
            {
                at++;
            }

            if (at >= words.Count)
            {
                continue;
            }

            var since = words[i] == "since";
            int taken;
            Func<PeriodSpan, PeriodSpan> compare;
            PeriodKind kind;

            // "a year ago", "last year", "last years": the same span a year earlier.
            if (YearAgo(words, at) is > 0 and var yearAgo)
            {
                (taken, compare, kind) = (yearAgo, s => s.YearEarlier, PeriodKind.Month);
            }
            else if (words[at] is "last" or "previous" or "prior" && (at + 1 == words.Count || (!IsPeriodUnit(words[at + 1]) && Count(words[at + 1]) is null)))
            {
                // "this quarter vs last": the span before the stated one.
                (taken, compare, kind) = (1, s => s.Before, PeriodKind.Month);
            }
            else if (snapshot.Locale.Periods.TryParseLeading(words, at, month, out var named, out var count))
            {
                var relative = words[at] is "last" or "previous" or "prior";
                if (since && !relative)
                {
                    // "since March" is a range up to now, not a comparison.
                    continue;
                }

                (taken, compare, kind) = (count, _ => PeriodSpan.Of(named), named.Kind);
            }
            else
            {
                // "vs plan", "against target", "since when": no period.
                continue;
            }

            words.RemoveRange(i, at + taken - i);
            var baseSpan = Base(words, snapshot, now) ?? PeriodSpan.Of(Current(calendar, month, kind));
            return new AskedPeriod(baseSpan, compare(baseSpan));
        }

        return null;
    }

    /// <summary>The span a comparison compares: what is left of the question's period words.</summary>
    private static PeriodSpan? Base(List<string> words, OrganizationSnapshot snapshot, DateTimeOffset now)
    {
        var calendar = snapshot.Locale.Calendar;
        var month = calendar.MonthOf(now);
        return TakeToDate(words, calendar, month) ?? TakeLastCount(words, calendar, month) ??
            (QuestionReader.TakePeriod(words, snapshot, now) is { } single ? PeriodSpan.Of(single) : null);
    }

    private static (PeriodKind Kind, int Length) Over(List<string> words, int i)
    {
        switch (words[i])
        {
            case "yoy" or "yty":
                return (PeriodKind.Year, 1);
            case "mom":
                return (PeriodKind.Month, 1);
            case "qoq":
                return (PeriodKind.Quarter, 1);
        }

        if (i + 2 < words.Count && words[i + 1] is "on" or "over" or "to" && words[i + 2] == words[i])
        {
            return words[i] switch
            {
                "year" => (PeriodKind.Year, 3),
                "month" => (PeriodKind.Month, 3),
                "quarter" => (PeriodKind.Quarter, 3),
                _ => (PeriodKind.Month, 0),
            };
        }

        return (PeriodKind.Month, 0);
    }

    /// <summary>How many words say "a year earlier" at <paramref name="at"/>: "last year", "a year ago", "last years", "this time last year"; 0 when they do not.</summary>
    private static int YearAgo(List<string> words, int at)
    {
        bool Is(int k, params string[] options) => at + k < words.Count && options.Contains(words[at + k]);
        if (Is(0, "last", "previous", "prior") && Is(1, "year", "years", "yr", "yrs"))
        {
            return 2;
        }

        if (Is(0, "a", "one", "1") && Is(1, "year", "yr") && Is(2, "ago", "before", "earlier"))
        {
            return 3;
        }

        if (Is(0, "year", "yr") && Is(1, "ago", "before", "earlier"))
        {
            return 2;
        }

        return 0;
    }

    private static bool IsPeriodUnit(string word) => Unit(word) is not null || word is "fy" or "fiscal";

    private static PeriodKind? Unit(string word) => word switch
    {
        "month" or "months" or "mo" or "mos" or "mth" or "mths" or "mnth" or "mnths" => PeriodKind.Month,
        "quarter" or "quarters" or "qtr" or "qtrs" or "q" => PeriodKind.Quarter,
        "year" or "years" or "yr" or "yrs" => PeriodKind.Year,
        _ => null,
    };

    /// <summary>
    /// "FY2026 to date", "fy 2026 to date": a named fiscal year's months up to now, all of them when
    /// the year is over; nothing for a year not begun.
    /// </summary>
    private static PeriodSpan? NamedYearToDate(List<string> words, int i, FiscalCalendar calendar, Period month)
    {
        var (text, length) = words[i] == "fy" && i + 1 < words.Count && words[i + 1].Length == 4 ? ("fy" + words[i + 1], 4) : (words[i], 3);
        if (i + length - 1 >= words.Count || words[i + length - 2] != "to" || words[i + length - 1] != "date" ||
            text.Length != 6 || !Period.TryParse(text, CultureInfo.InvariantCulture, out var year) || year.Kind != PeriodKind.Year)
        {
            return null;
        }

        var first = calendar.FirstMonth(year);
        if (month < first)
        {
            return null;
        }

        var last = calendar.LastMonth(year);
        words.RemoveRange(i, length);
        return new PeriodSpan(first, last < month ? last : month);
    }

    /// <summary>"ytd", "year to date", "so far this year", "since the start of the year", "qtd", "mtd".</summary>
    private static PeriodSpan? TakeToDate(List<string> words, FiscalCalendar calendar, Period month)
    {
        for (var i = 0; i < words.Count; i++)
        {
            PeriodKind? kind = null;
            var length = 0;
            if (words[i] is "ytd" or "fytd")
            {
                (kind, length) = (PeriodKind.Year, 1);
            }
            else if (words[i] == "qtd")
            {
                (kind, length) = (PeriodKind.Quarter, 1);
            }
            else if (words[i] == "mtd")
            {
                (kind, length) = (PeriodKind.Month, 1);
            }
            else if (i + 2 < words.Count && Unit(words[i]) is { } unit && words[i + 1] == "to" && words[i + 2] == "date")
            {
                (kind, length) = (unit, 3);
            }
            else if (i + 3 < words.Count && words[i] == "so" && words[i + 1] == "far" && words[i + 2] == "this" && Unit(words[i + 3]) is { } soFar)
            {
                (kind, length) = (soFar, 4);
            }
            else if (i + 3 < words.Count && words[i] == "this" && Unit(words[i + 1]) is { } thisSoFar && words[i + 2] == "so" && words[i + 3] == "far")
            {
                (kind, length) = (thisSoFar, 4);
            }
            else if (i + 3 < words.Count && words[i] == "since" && (words[i + 1] is "start" or "beginning") && words[i + 2] == "of" &&
                (words[i + 3] is "the" or "this" ? (i + 4 < words.Count ? Unit(words[i + 4]) : null) : Unit(words[i + 3])) is { } startUnit)
            {
                (kind, length) = (startUnit, words[i + 3] is "the" or "this" ? 5 : 4);
            }
            else if (i + 4 < words.Count && words[i] == "since" && (words[i + 1] is "the" or "this") && (words[i + 2] is "start" or "beginning") && words[i + 3] == "of" &&
                (words[i + 4] is "the" or "this" ? (i + 5 < words.Count ? Unit(words[i + 5]) : null) : Unit(words[i + 4])) is { } startUnit2)
            {
                (kind, length) = (startUnit2, words[i + 4] is "the" or "this" ? 6 : 5);
            }

            else if (NamedYearToDate(words, i, calendar, month) is { } named)
            {
                return named;
            }

            if (kind is { } k)
            {
                words.RemoveRange(i, length);
                var first = calendar.FirstMonth(Current(calendar, month, k));
                return new PeriodSpan(first, month);
            }
        }

        return null;
    }

    /// <summary>"last 3 months", "past two quarters", "trailing 12 months", "ttm", "l12m": whole periods up to the last complete one.</summary>
    private static PeriodSpan? TakeLastCount(List<string> words, FiscalCalendar calendar, Period month)
    {
        for (var i = 0; i < words.Count; i++)
        {
            if (words[i] is "ttm" or "ltm" or "l12m")
            {
                words.RemoveRange(i, 1);
                return new PeriodSpan(month.AddPeriods(-12), month.Previous);
            }

            if (!LastWords.Contains(words[i]))
            {
                continue;
            }

            var at = i + 1;
            if (at < words.Count && words[at] == "the")
            {
                at++;
            }

            if (at + 1 >= words.Count || Count(words[at]) is not { } count || Unit(words[at + 1]) is not { } unit)
            {
                continue;
            }

            words.RemoveRange(i, at + 2 - i);
            var last = Current(calendar, month, unit).Previous;
            return new PeriodSpan(last.AddPeriods(-(count - 1)), last);
        }

        return null;
    }

    private static int? Count(string word) =>
        Numbers.TryGetValue(word, out var n) ? n :
        word.Length <= 2 && word.All(char.IsAsciiDigit) && int.Parse(word, System.Globalization.CultureInfo.InvariantCulture) is >= 1 and <= 36 and var d ? d : null;

    /// <summary>"since March", "since Q2": the months from then up to now.</summary>
    private static PeriodSpan? TakeSince(List<string> words, OrganizationSnapshot snapshot, Period month)
    {
        var calendar = snapshot.Locale.Calendar;
        for (var i = 0; i + 1 < words.Count; i++)
        {
            if (words[i] != "since" || words[i + 1] is "last" or "previous" or "prior")
            {
                continue;
            }

            var at = words[i + 1] == "the" ? i + 2 : i + 1;
            if (!snapshot.Locale.Periods.TryParseLeading(words, at, month, out var start, out var count))
            {
                continue;
            }

            var first = calendar.FirstMonth(start);
            if (first > month)
            {
                continue;
            }

            words.RemoveRange(i, at + count - i);
            return new PeriodSpan(first, month);
        }

        return null;
    }

    /// <summary>"from Jan to Mar", "between Q1 and Q2", "Jan-Mar", "Q1 through Q3".</summary>
    private static PeriodSpan? TakeBetween(List<string> words, OrganizationSnapshot snapshot, Period month)
    {
        var parser = snapshot.Locale.Periods;
        var calendar = snapshot.Locale.Calendar;
        for (var i = 0; i < words.Count; i++)
        {
            var lead = words[i] is "from" or "between" ? 1 : 0;
            var at = i + lead;
            if (at >= words.Count || !IsNamedPeriodStart(words[at]) || !parser.TryParseLeading(words, at, month, out var first, out var firstCount))
            {
                continue;
            }

            var next = at + firstCount;
            var joined = next < words.Count && RangeJoins.Contains(words[next]) && (words[next] != "and" || words[i] == "between");
            var second = joined ? next + 1 : next;

            // Two bare names side by side ("jan mar", as "Jan-Mar" is typed) or joined by "to".
            if ((!joined && lead > 0) || second >= words.Count || !IsNamedPeriodStart(words[second]) ||
                !parser.TryParseLeading(words, second, month, out var last, out var lastCount))
            {
                continue;
            }

            if (first.Kind != last.Kind)
            {
                (first, last) = (calendar.FirstMonth(first), calendar.LastMonth(last));
            }

            // "Nov to Feb": the first is the one before the second.
            if (first > last && first.Kind != PeriodKind.Year)
            {
                first = first.SameLastYear;
            }

            if (first > last)
            {
                continue;
            }

            words.RemoveRange(i, second + lastCount - i);
            return new PeriodSpan(first, last);
        }

        return null;
    }

    /// <summary>A word that starts a named period (a month, a quarter, a fiscal year, a period key); not "last" or "this".</summary>
    private static bool IsNamedPeriodStart(string word) =>
        QuestionReader.LooksLikeSinglePeriodWord(word) || word is "may" or "fy" || word.StartsWith("fy", StringComparison.Ordinal) ||
        (word.Length > 1 && word[0] == 'q' && char.IsAsciiDigit(word[1])) || (word.Length == 4 && word.All(char.IsAsciiDigit));

    /// <summary>The current period of a kind: this month, this fiscal quarter, this fiscal year.</summary>
    private static Period Current(FiscalCalendar calendar, Period month, PeriodKind kind) => kind switch
    {
        PeriodKind.Quarter => calendar.QuarterOf(month),
        PeriodKind.Year => calendar.FiscalYearOf(month),
        _ => month,
    };
}
