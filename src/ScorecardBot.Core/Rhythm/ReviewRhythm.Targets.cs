using ScorecardBot.Core.Model;
using ScorecardBot.Core.Periods;
using ScorecardBot.Core.Scoring;

namespace ScorecardBot.Core.Rhythm;

/// <summary>
/// A new fiscal year without targets: a month before it starts, the scorecard manager gets one
/// card listing the KPIs that have no target for some of its periods (set them, or carry last
/// year's forward with one press), so January's cards do not read "Target: not set".
/// </summary>
public static partial class ReviewRhythm
{
    /// <summary>How long after the fiscal year started the card may still go out (the bot was down): its first month.</summary>
    private const int TargetsCardMonthsAfterStart = 1;

    private static IEnumerable<Candidate> TargetsOf(RhythmContext context, Scorecard scorecard, ReviewCycle cycle, DateTimeOffset now)
    {
        var fiscal = context.Fiscal;
        var running = fiscal.FiscalYearOf(fiscal.MonthOf(now));
        foreach (var year in new[] { running, running.Next })
        {
            var first = fiscal.FirstMonth(year);
            var missing = KpisWithoutTargets(scorecard, year, fiscal);
            if (missing.Count == 0)
            {
                continue;
            }

            var before = first.AddPeriods(-1);
            var day = context.Business.OnOrAfter(new DateOnly(before.Year, before.Number, 1));
            var after = first.AddPeriods(TargetsCardMonthsAfterStart);
            var deadline = fiscal.StartOfDay(new DateOnly(after.Year, after.Number, 1));
            var manager = scorecard.ManagerId is { } m && context.IsActive(m) ? m : (Guid?)null;
            var zone = manager is { } id ? context.ZoneOf(id) : fiscal.TimeZone;
            var at = new FiscalCalendar(fiscal.FiscalYearStartMonth, zone).ToInstant(day, cycle.SendTime);
            var recipient = manager is { } person ? RhythmRecipient.Person(person) : RhythmRecipient.Channel(scorecard.Id);
            yield return context.ToPerson(
                new RhythmDecision($"targets:{scorecard.Id}:{year}", RhythmDecisionKind.TargetsMissing, scorecard.Id, year, recipient,
                    [.. missing.Select(k => new KpiPeriod(k.Id, year))], at, []),
                deadline, cycle, zone);
        }
    }

    /// <summary>The KPIs of <paramref name="scorecard"/> with no target (own or inherited) for one of their periods of <paramref name="fiscalYear"/>.</summary>
    public static IReadOnlyList<Kpi> KpisWithoutTargets(Scorecard scorecard, Period fiscalYear, FiscalCalendar fiscal)
    {
        ArgumentNullException.ThrowIfNull(scorecard);
        ArgumentNullException.ThrowIfNull(fiscal);
        var months = fiscal.MonthsIn(fiscalYear);
        var quarters = months.Select(fiscal.QuarterOf).Distinct().ToList();
        return [.. scorecard.Kpis
            .Where(k => (k.Frequency == Frequency.Quarterly ? quarters : months).Any(p => TargetInheritance.For(k.Targets, p, fiscal) is null))
            .OrderBy(k => k.Order)
            .ThenBy(k => k.Name, StringComparer.Ordinal)];
    }
}
