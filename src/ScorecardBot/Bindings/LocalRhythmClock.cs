using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Rhythm;
using ScorecardBot.Data;
using ScorecardBot.Data.Outbox;
using ScorecardBot.LocalChat;
using ScorecardBot.Scheduling;

namespace ScorecardBot.Bindings;

/// <summary>
/// The development clock: real time plus an offset that only moves forward. The host uses it as
/// its TimeProvider when the local chat's clock control is on, so the engine, the review rhythm and
/// the outbox all see the same simulated moment; Teams' and Slack's protocol checks keep the real
/// clock (<see cref="Core.Delivery.PlatformClock"/>).
/// </summary>
internal sealed class SimulatedClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    /// <summary>Moves the clock to <paramref name="to"/>; never backwards.</summary>
    public void JumpTo(DateTimeOffset to)
    {
        var ahead = (to - System.GetUtcNow()).Ticks;
        if (ahead > Interlocked.Read(ref _offsetTicks))
        {
            Interlocked.Exchange(ref _offsetTicks, ahead);
        }
    }
}

/// <summary>
/// "Jump to the collection window / due date / MBR" in the local chat: moves the simulated clock
/// to the next such moment of the local organization's monthly review, stopping at every moment
/// any scorecard's rhythm has on the way and running there the same review rhythm and outbox
/// dispatch the scheduler runs, so prompts, reminders, the digest and the agenda appear in order.
/// </summary>
internal sealed class LocalRhythmClock(
    SimulatedClock clock,
    IServiceProvider services,
    IServiceScopeFactory scopes,
    IOptions<LocalChatOptions> localChat) : ILocalClockControl, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public void Dispose() => _gate.Dispose();

    public async Task<ClockReading> ReadAsync(CancellationToken cancellationToken)
    {
        var calendar = await CalendarAsync(cancellationToken);
        return new ClockReading(clock.GetUtcNow(), Describe(calendar, clock.GetUtcNow()));
    }

    public async Task<ClockReading> JumpAsync(ClockJump to, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var now = clock.GetUtcNow();
            var calendar = await CalendarAsync(cancellationToken);
            var target = to switch
            {
                ClockJump.NextDay => now.AddDays(1),
                _ when calendar is null => now.AddDays(1),
                ClockJump.Window => calendar.NextWindowOpens(now),
                ClockJump.Due => calendar.NextDue(now),
                _ => calendar.NextMeeting(now),
            };
            // Stop at every moment of every scorecard's rhythm on the way (all organizations), as the
            // scheduler would have, and deliver what each wrote: a digest whose moment was skipped
            // over is not posted late once its meeting has begun, and an escalation at 07:00 before
            // a 07:30 meeting is seen at 07:00.
            var rhythm = ActivatorUtilities.CreateInstance<ReviewRhythmJob>(services);
            var dispatcher = services.GetRequiredService<OutboxDispatcher>();
            for (var stop = 0; stop < MaxStops && await NextDueAsync(clock.GetUtcNow(), cancellationToken) is { } at && at < target; stop++)
            {
                clock.JumpTo(at);
                await rhythm.RunAsync(cancellationToken);
                await dispatcher.DispatchDueAsync(cancellationToken);
            }

            // Just past the target, so what is due at it is due now.
            clock.JumpTo(target.AddMinutes(1));
            await rhythm.RunAsync(cancellationToken);
            await dispatcher.DispatchDueAsync(cancellationToken);

            var reached = clock.GetUtcNow();
            return new ClockReading(reached, Describe(calendar, reached));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Stops one jump makes at most (a jump of a month makes a few dozen).</summary>
    private const int MaxStops = 1000;

    /// <summary>The next moment after <paramref name="now"/> when any organization's rhythm has something due.</summary>
    private async Task<DateTimeOffset?> NextDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        var organizations = await db.Organizations.AsNoTracking().OrderBy(o => o.Id).ToListAsync(cancellationToken);
        DateTimeOffset? next = null;
        foreach (var organization in organizations)
        {
            var input = await ReviewRhythmPlanner.LoadAsync(db, organization, now, cancellationToken);
            if (ReviewRhythm.NextDueAt(input, now) is { } at && (next is null || at < next))
            {
                next = at;
            }
        }

        return next;
    }

    private async Task<ReviewCalendar?> CalendarAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        var name = localChat.Value.Organization;
        var organization = await db.Organizations.AsNoTracking()
            .Where(o => string.IsNullOrEmpty(name) || o.Name == name)
            .OrderBy(o => o.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        if (organization is null)
        {
            return null;
        }

        var cycle = await db.ReviewCycles.AsNoTracking()
            .Where(c => c.Kind == ReviewKind.Monthly && db.Scorecards.Any(s => s.Id == c.ScorecardId && s.OrganizationId == organization.Id && s.ParentScorecardId == null))
            .FirstOrDefaultAsync(cancellationToken);
        if (cycle is null)
        {
            return null;
        }

        var holidays = await db.Holidays.AsNoTracking().Where(h => h.OrganizationId == organization.Id).ToListAsync(cancellationToken);
        return ReviewCalendar.For(organization, cycle, holidays);
    }

    private static string Describe(ReviewCalendar? calendar, DateTimeOffset now)
    {
        if (calendar is null)
        {
            return "No monthly review is set up.";
        }

        var review = calendar.UpcomingReviews(now).First(s => s.MeetingAt > now);
        var label = calendar.Fiscal.Label(review.Period);
        var zone = calendar.Fiscal.TimeZone;
        string Local(DateTimeOffset t) => Core.Periods.DayText.WithWeekday(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(t, zone).DateTime), System.Globalization.CultureInfo.InvariantCulture);
        return now < review.WindowOpensAt
            ? $"Collection for {label} opens {Local(review.WindowOpensAt)}; review {Local(review.MeetingAt)}."
            : now < review.DueAt
                ? $"Collection window for {label} is open; actuals due {Local(review.DueAt)}."
                : $"Actuals for {label} were due {Local(review.DueAt)}; review {Local(review.MeetingAt)}.";
    }
}
