using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Periods;
using ScorecardBot.Core.Rhythm;
using ScorecardBot.Data;
using ScorecardBot.Data.Outbox;
using ScorecardBot.Scheduling;

namespace ScorecardBot.IntegrationTests.Infrastructure;

/// <summary>
/// Walks a bot on a fake clock through simulated time as the scheduler would: from one moment
/// something is due to the next, running the real review rhythm job and outbox dispatcher at each.
/// </summary>
internal static class RhythmWalk
{
    /// <summary>Walks until nothing is due before <paramref name="end"/>; <paramref name="atEachMoment"/> runs after each dispatch, before the clock moves on a minute.</summary>
    public static async Task WalkAsync(
        BotUnderTest bot, FakeTimeProvider time, IReadOnlyList<Organization> organizations, DateTimeOffset end, Func<Task>? atEachMoment = null, int maxSteps = 2000)
    {
        var job = ActivatorUtilities.CreateInstance<ReviewRhythmJob>(bot.Services);
        var dispatcher = bot.Services.GetRequiredService<OutboxDispatcher>();
        for (var step = 0; step < maxSteps; step++)
        {
            var next = await NextDueAsync(bot, time, organizations);
            if (next is not { } at || at >= end)
            {
                return;
            }

            time.SetUtcNow(at);
            await job.RunAsync(CancellationToken.None);
            await dispatcher.DispatchDueAsync(CancellationToken.None);
            if (atEachMoment is not null)
            {
                await atEachMoment();
            }

            // Reports arrive while the clock runs: nothing the rhythm does depends on the second.
            time.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Fail($"The walk did not end within {maxSteps:N0} steps.");
    }

    /// <summary>The next moment any scorecard of these organizations has something due.</summary>
    public static async Task<DateTimeOffset?> NextDueAsync(BotUnderTest bot, TimeProvider time, IReadOnlyList<Organization> organizations)
    {
        DateTimeOffset? next = null;
        foreach (var organization in organizations)
        {
            await using var scope = bot.Scope();
            var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
            var input = await ReviewRhythmPlanner.LoadAsync(db, organization, time.GetUtcNow(), CancellationToken.None);
            if (ReviewRhythm.NextDueAt(input, time.GetUtcNow()) is { } at && (next is null || at < next))
            {
                next = at;
            }
        }

        return next;
    }

    /// <summary>
    /// Takes the targets of <paramref name="year"/> (its months, quarters and the year) from the first KPI
    /// of the scorecard <paramref name="scorecardKey"/>; returns that scorecard and its manager.
    /// </summary>
    public static async Task<(Guid Scorecard, Guid Manager)> RemoveTargetsAsync(BotUnderTest bot, Organization organization, string scorecardKey, Period year)
    {
        await using var scope = bot.Scope();
        scope.ServiceProvider.GetRequiredService<Data.Auditing.IAuditContext>().Set(null, "test", EntrySource.Import);
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        var scorecard = await db.Scorecards.Include(s => s.Kpis).ThenInclude(k => k.Targets)
            .SingleAsync(s => s.OrganizationId == organization.Id && s.Key == scorecardKey);
        var kpi = scorecard.Kpis.OrderBy(k => k.Order).First();
        var fiscal = FiscalCalendar.For(organization);
        var periods = fiscal.MonthsIn(year).Concat(fiscal.MonthsIn(year).Select(fiscal.QuarterOf)).Append(year).ToHashSet();
        var removed = kpi.Targets.Where(t => periods.Contains(t.Period)).ToList();
        Assert.NotEmpty(removed);
        db.RemoveRange(removed);
        await db.SaveChangesAsync();
        return (scorecard.Id, scorecard.ManagerId!.Value);
    }
}

/// <summary>
/// A sample organization walked through the quarter on a platform, and what its fiscal year makes due:
/// the logistics sample (fiscal year from January) loses one KPI's FY2027 targets and its company
/// scorecard's manager gets the FY2027 targets card in December; the manufacturing sample (fiscal year
/// from April) has no FY2028 targets, so every scorecard's manager gets that card on 1 March 2027.
/// <paramref name="Prompted"/> is the first month whose every moment is sent (the logistics sample's
/// actuals reach October, so nobody is asked for October even where its window opens in the walk).
/// </summary>
public sealed record WalkSample(
    string Organization, DateTimeOffset End, string? WithoutTargets, string FiscalYear, DateOnly TargetsFrom, DateOnly TargetsTo, string Check, bool QuarterlyReview, Period Prompted)
{
    public static WalkSample Logistics { get; } = new(
        BotUnderTest.Logistics, new(2027, 1, 31, 0, 0, 0, TimeSpan.Zero), "company", "FY2027", new(2026, 12, 1), new(2026, 12, 31), "FY2026-Q4", false, Period.Month(2026, 11));

    /// <summary>The quarter, and February up to the first business day of March, when FY2028's targets cards are due.</summary>
    public static WalkSample Manufacturing { get; } = new(
        BotUnderTest.Manufacturing, new(2027, 3, 2, 0, 0, 0, TimeSpan.Zero), null, "FY2028", new(2027, 3, 1), new(2027, 3, 1), "FY2027-Q3", true, Period.Month(2026, 10));

    public override string ToString() => Organization;
}
