using Microsoft.Extensions.Time.Testing;
using ScorecardBot.Core.Model;
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
}
