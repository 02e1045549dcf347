using System.Globalization;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Periods;
using ScorecardBot.Core.Scoring;

namespace ScorecardBot.Core.Review;

/// <summary>What the review builders share: snapshots of a scorecard for a review, owners as mentions, short labels.</summary>
internal static class ReviewText
{
    /// <summary>
    /// One snapshot per KPI for the review of <paramref name="month"/>: monthly KPIs for that month,
    /// quarterly KPIs for the latest fiscal quarter that has ended by then.
    /// </summary>
    public static IReadOnlyList<KpiSnapshot> Snapshots(Scorecard scorecard, Period month, FiscalCalendar calendar) =>
        [.. scorecard.Kpis
            .OrderBy(k => k.Order)
            .ThenBy(k => k.Name, StringComparer.Ordinal)
            .Select(k => Snapshot(k, PeriodFor(k, month, calendar)))];

    /// <summary>
    /// The same snapshot as <see cref="KpiSnapshot.Compute"/>, reading the KPI's actuals once and
    /// keeping only the periods a trend looks at (a year back): a digest of hundreds of KPIs with
    /// years of history is then built in milliseconds.
    /// </summary>
    public static KpiSnapshot Snapshot(Kpi kpi, Period period)
    {
        var oldest = period.AddPeriods(-12);
        Actual? actual = null;
        var series = new Dictionary<Period, decimal>(16);
        var submitted = new Dictionary<Period, DateTimeOffset>(16);
        foreach (var a in kpi.Actuals)
        {
            // Strictly later wins, so among equal times the first listed wins, as in KpiSnapshot.Compute.
            if (a.Period == period && (actual is null || a.SubmittedAt > actual.SubmittedAt))
            {
                actual = a;
            }

            if (a.Value is { } value && !a.PendingApproval && a.Period.Kind == period.Kind && a.Period >= oldest && a.Period <= period &&
                (!submitted.TryGetValue(a.Period, out var at) || a.SubmittedAt > at))
            {
                series[a.Period] = value;
                submitted[a.Period] = a.SubmittedAt;
            }
        }

        Target? target = null;
        foreach (var t in kpi.Targets)
        {
            if (t.Period == period)
            {
                target = t;
                break;
            }
        }

        return KpiSnapshot.From(kpi, period, actual, target, series);
    }

    /// <summary>The period of a KPI's own frequency that the review of <paramref name="reviewed"/> looks at.</summary>
    public static Period PeriodFor(Kpi kpi, Period reviewed, FiscalCalendar calendar)
    {
        if (kpi.Frequency != Frequency.Quarterly)
        {
            return reviewed.Kind == PeriodKind.Month ? reviewed : calendar.LastMonth(reviewed);
        }

        if (reviewed.Kind == PeriodKind.Quarter)
        {
            return reviewed;
        }

        var quarter = calendar.QuarterOf(reviewed);
        return calendar.LastMonth(quarter) == reviewed ? quarter : quarter.Previous;
    }

    /// <summary>A person as an @mention, or as plain text when mentions are off or the person is unknown.</summary>
    /// <summary>" — SAP close (API)" after a comment a system wrote, so it does not read as the owner's; empty for a person's.</summary>
    public static string CommentBy(KpiSnapshot s) => s.CommentBySystem is { } system ? $" — {system}" : string.Empty;

    public static Inline Owner(Guid? personId, IReadOnlyDictionary<Guid, Person> people, bool mention)
    {
        if (personId is not { } id || !people.TryGetValue(id, out var person))
        {
            return new Run(personId is null ? "no owner" : "unknown owner", Italic: true);
        }

        if (!mention)
        {
            return new Run(person.Name);
        }

        var teams = person.Accounts.FirstOrDefault(a => a.Platform == Platform.Teams);
        var slack = person.Accounts.FirstOrDefault(a => a.Platform == Platform.Slack);
        return new Mention(person.Id, person.Name, teams?.ChannelUserId ?? teams?.ExternalId, slack?.ExternalId);
    }

    public static string NameOf(Guid? personId, IReadOnlyDictionary<Guid, Person> people) =>
        personId is { } id && people.TryGetValue(id, out var p) ? p.Name : "no owner";

    public static string StatusWord(Status status) => status switch
    {
        Status.Green => "green",
        Status.Amber => "amber",
        Status.Red => "red",
        _ => "no data",
    };

    /// <summary>The highest score a KPI, a perspective or a scorecard can have.</summary>
    public const decimal ScoreScale = 10m;

    /// <summary>A 0–10 score with its scale, so nobody reads it as a percentage or a grade: "6.4 / 10"; "–" without one.</summary>
    public static string Score(decimal? score, CultureInfo culture) =>
        score is { } s ? $"{s.ToString("0.0", culture)} / {ScoreScale.ToString("0", culture)}" : "–";

    /// <summary>
    /// The status counts of a digest: "3 green · 1 amber · 0 red · 2 no data", with the KPIs that
    /// were reported but cannot be scored for want of a target counted apart ("8 without target"),
    /// so a new fiscal year without targets does not read as missing data.
    /// </summary>
    public static string Tally(IReadOnlyCollection<KpiSnapshot> snapshots)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        int Count(Status status) => snapshots.Count(s => s.Status == status && !s.NoTarget);
        var noTarget = snapshots.Count(s => s.NoTarget);
        var without = noTarget == 0 ? "" : $" · {noTarget} without target";
        return $"{Count(Status.Green)} green · {Count(Status.Amber)} amber · {Count(Status.Red)} red{without} · {Count(Status.NoData)} no data";
    }

    /// <summary>"Unscored, no target for FY2027 (8): A, B, …" when reported KPIs have no target; null otherwise.</summary>
    public static Paragraph? Unscored(IReadOnlyCollection<KpiSnapshot> snapshots, Period period, FiscalCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        ArgumentNullException.ThrowIfNull(calendar);
        var unscored = snapshots.Where(s => s.NoTarget).Select(s => s.Name).ToList();
        if (unscored.Count == 0)
        {
            return null;
        }

        var year = period.Kind == PeriodKind.Year ? period : calendar.FiscalYearOf(period);
        return new Paragraph([
            new Run($"Unscored, no target for {year} ({unscored.Count}): ", Bold: true),
            new Run($"{string.Join(", ", unscored)}. Reported, but not in the score until a target is set."),
        ], TextTone.Warning);
    }

    /// <summary>
    /// A change on the previous value made comparable across KPIs: how many times the KPI's own
    /// usual move (its noise) it is, positive when it is an improvement; changes within the noise
    /// are 0. The noise counts as at least 1 % of the earlier value, so a series that moves by
    /// exactly the same step every month (no noise at all) does not outrank a real jump. Without
    /// enough history to know the noise, the change relative to the earlier value stands in.
    /// </summary>
    public static decimal? Improvement(KpiSnapshot snapshot)
    {
        if (snapshot.Trend.VsPrevious is not { } vs)
        {
            return null;
        }

        var floor = Math.Abs(vs.Value) / 100m;
        decimal? size = snapshot.Trend.Noise is { } noise && Math.Max(noise, floor) > 0 ? Math.Abs(vs.Change) / Math.Max(noise, floor)
            : vs.ChangePercent is { } percent ? Math.Abs(percent)
            : null;
        return (vs.Direction, size) switch
        {
            (TrendDirection.Flat, _) => 0m,
            (_, null) => null,
            (TrendDirection.Improving, { } s) => s,
            (TrendDirection.Worsening, { } s) => -s,
            _ => null,
        };
    }
}
