using Humanizer;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Periods;

namespace ScorecardBot.Core.Conversation.Answers;

/// <summary>A KPI's period that has no actual yet: whose it is to report and when it was or is due.</summary>
/// <param name="Reporter">Who is asked for it: the delegate when there is one, else the owner; null when nobody is.</param>
/// <param name="DueAt">The end of its due day (its scorecard's review of the period); null without a review cycle.</param>
/// <param name="Eta">The day its reporter said it comes ("Data late — ETA"), if they did.</param>
internal sealed record MissingActual(Kpi Kpi, Period Period, Person? Reporter, DateTimeOffset? DueAt, DateOnly? Eta);

/// <summary>
/// What is not reported yet, said rather than left out: a KPI answer shown with an older value
/// says that its latest period is missing, whose it is and when it is due; a status or red list
/// of the last reviewed month says what is still outstanding for the month being collected.
/// </summary>
internal static class Outstanding
{
    /// <summary>The period a KPI is reported for in the review of <paramref name="month"/>: the month, or for a quarterly KPI the quarter ending with it (null when none ends then).</summary>
    public static Period? PeriodFor(OrganizationSnapshot snapshot, Kpi kpi, Period month)
    {
        if (kpi.Frequency != Frequency.Quarterly)
        {
            return month;
        }

        var calendar = snapshot.Locale.Calendar;
        var quarter = calendar.QuarterOf(month);
        return calendar.LastMonth(quarter) == month ? quarter : null;
    }

    /// <summary>The KPI's period now being reported, when it has no actual yet; null when it is in (or waits for approval).</summary>
    public static MissingActual? Latest(OrganizationSnapshot snapshot, Kpi kpi, DateTimeOffset now) =>
        Of(snapshot, kpi, ReportingPeriod.For(kpi, snapshot, now));

    /// <summary>The KPI's <paramref name="period"/> when it has no actual; null when it has one (a value, "no data" with its reason, or one waiting for approval).</summary>
    public static MissingActual? Of(OrganizationSnapshot snapshot, Kpi kpi, Period period)
    {
        if (!ReportingPeriod.IsMissing(kpi, period))
        {
            return null;
        }

        var due = snapshot.DueAt(snapshot.ScorecardOf(kpi), period);
        var eta = snapshot.LateNotices.FirstOrDefault(n => n.KpiId == kpi.Id && n.Period == period)?.Eta;
        return new MissingActual(kpi, period, snapshot.FindPerson(kpi.DelegateId) ?? snapshot.FindPerson(kpi.OwnerId), due, eta);
    }

    /// <summary>The KPIs of <paramref name="kpis"/> with nothing reported for the review of <paramref name="month"/>.</summary>
    public static List<MissingActual> In(OrganizationSnapshot snapshot, IEnumerable<Kpi> kpis, Period month)
    {
        var missing = new List<MissingActual>();
        foreach (var kpi in kpis)
        {
            if (PeriodFor(snapshot, kpi, month) is { } period && Of(snapshot, kpi, period) is { } m)
            {
                missing.Add(m);
            }
        }

        return missing;
    }

    /// <summary>
    /// "No value for Nov 2026 yet: it is Eva Lind's to report, due Fri 5 Dec (3 days ago)." —
    /// the sentence beside an older value, so that nobody reads last month's number as this month's.
    /// </summary>
    public static string Sentence(OrganizationSnapshot snapshot, MissingActual m, DateTimeOffset now)
    {
        var culture = snapshot.Locale.Culture;
        var period = ValueText.Period(m.Period, culture);
        var whose = m.Kpi.FedByApi ? "it comes from a system feed"
            : m.Reporter is null ? "it has no owner to report it"
            : $"it is {m.Reporter.Name}'s to report";
        return $"No value for {period} yet: {whose}{Due(snapshot, m, now)}.";
    }

    /// <summary>", due Fri 5 Dec (3 days ago)" and ", expected Mon 8 Dec" when the reporter said so; empty when nothing is known.</summary>
    public static string Due(OrganizationSnapshot snapshot, MissingActual m, DateTimeOffset now)
    {
        var text = string.Empty;
        if (m.DueAt is { } due)
        {
            var overdue = due <= now;
            text = $", {(overdue ? "was due" : "due")} {Day(snapshot, DueDay(snapshot, due))} ({When(snapshot, due, now)})";
        }

        if (m.Eta is { } eta)
        {
            text += $", expected {Day(snapshot, eta)}";
        }

        return text;
    }

    /// <summary>
    /// "Still outstanding for Nov 2026: 3 of 16 KPIs, due Fri 5 Dec (3 days ago) — On-time delivery (Eva Lind), …";
    /// null when nothing is.
    /// </summary>
    public static string? Summary(OrganizationSnapshot snapshot, IReadOnlyList<MissingActual> missing, int of, Period month, DateTimeOffset now)
    {
        if (missing.Count == 0)
        {
            return null;
        }

        var dueDays = missing.Select(m => m.DueAt).Distinct().ToList();
        var common = dueDays.Count == 1 && dueDays[0] is { } due
            ? $", {(due <= now ? "was due" : "due")} {Day(snapshot, DueDay(snapshot, due))} ({When(snapshot, due, now)})" : string.Empty;
        // A long list names the first ones and counts the rest.
        var items = missing.Take(Paging.Rows).Select(m =>
        {
            var who = m.Kpi.FedByApi ? "system feed" : m.Reporter?.Name ?? "no owner";
            var own = common.Length == 0 ? Due(snapshot, m, now) : m.Eta is { } eta ? $", expected {Day(snapshot, eta)}" : string.Empty;
            return $"{m.Kpi.Name} ({who}{own})";
        });
        var count = missing.Count == of ? $"all {"KPI".ToQuantity(of)}" : $"{missing.Count} of {"KPI".ToQuantity(of)}";
        var rest = missing.Count > Paging.Rows ? $" and {(missing.Count - Paging.Rows).ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} more" : string.Empty;
        return $"Still outstanding for {ValueText.Period(month, snapshot.Locale.Culture)}: {count}{common} — {string.Join(", ", items)}{rest}.";
    }

    /// <summary>The due day itself: <see cref="MissingActual.DueAt"/> is the local midnight after it.</summary>
    private static DateOnly DueDay(OrganizationSnapshot snapshot, DateTimeOffset dueAt) =>
        snapshot.Locale.Calendar.DateOf(dueAt.AddTicks(-1));

    private static string Day(OrganizationSnapshot snapshot, DateOnly day) =>
        DayText.WithWeekday(day, snapshot.Locale.Culture);

    /// <summary>"3 days ago", "in 2 days", "today", counted in the organization's days.</summary>
    private static string When(OrganizationSnapshot snapshot, DateTimeOffset dueAt, DateTimeOffset now)
    {
        var calendar = snapshot.Locale.Calendar;
        var days = DueDay(snapshot, dueAt).DayNumber - calendar.DateOf(now).DayNumber;
        return days switch
        {
            0 => "today",
            < 0 => $"{"day".ToQuantity(-days)} ago",
            _ => $"in {"day".ToQuantity(days)}",
        };
    }
}
