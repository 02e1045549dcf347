using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using ScorecardBot.Core.Delivery;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Rhythm;
using ScorecardBot.Data;
using ScorecardBot.Data.Outbox;
using ScorecardBot.IntegrationTests.Infrastructure;
using ScorecardBot.Scheduling;

namespace ScorecardBot.IntegrationTests.Rhythm;

/// <summary>
/// Nothing late and misleading: the bot writes November's digests and agendas, then stops
/// delivering (an outage) until 5 January. When it is back, the messages whose moment passed are
/// not posted but expired, and each scorecard's manager is told once, in one message, what was
/// not sent and why.
/// </summary>
public sealed class OutageTests(SqliteRhythmBot bot) : IClassFixture<SqliteRhythmBot>
{
    private readonly FakeTimeProvider _time = bot.Time;

    [Fact]
    public async Task After_an_outage_of_weeks_Novembers_digest_and_agenda_are_expired_not_posted_and_the_manager_is_told_once()
    {
        var organization = await OrganizationAsync(BotUnderTest.Logistics);
        var job = ActivatorUtilities.CreateInstance<ReviewRhythmJob>(bot.Services);
        var dispatcher = bot.Services.GetRequiredService<OutboxDispatcher>();

        // The rhythm runs from 1 November; from the first digest of November (written in December) on, nothing is delivered.
        var delivering = true;
        for (var step = 0; step < 500; step++)
        {
            var next = await NextDueAsync(organization);
            Assert.NotNull(next);
            if (next >= new DateTimeOffset(2026, 12, 24, 0, 0, 0, TimeSpan.Zero))
            {
                break;
            }

            _time.SetUtcNow(next.Value);
            await job.RunAsync(CancellationToken.None);
            delivering &= !(await RowsAsync(organization)).Any(r => r.Kind == "digest" && r.DecisionKey.EndsWith(":2026-11", StringComparison.Ordinal));
            if (delivering)
            {
                await dispatcher.DispatchDueAsync(CancellationToken.None);
            }

            _time.Advance(TimeSpan.FromMinutes(1));
        }

        var waiting = (await RowsAsync(organization)).Where(r => r.Kind is "digest" or "agenda" && r.DecisionKey.EndsWith(":2026-11", StringComparison.Ordinal)).ToList();
        Assert.Contains(waiting, r => r.Kind == "digest");
        Assert.Contains(waiting, r => r.Kind == "agenda");
        Assert.All(waiting, r => Assert.Equal(OutboxStatus.Pending, r.Status));

        // Back on 5 January: the dispatcher meets November's messages first.
        _time.SetUtcNow(new DateTimeOffset(2027, 1, 5, 14, 0, 0, TimeSpan.Zero));
        await dispatcher.DispatchDueAsync(CancellationToken.None);
        var rows = await RowsAsync(organization);
        foreach (var row in waiting.Select(w => rows.Single(r => r.Id == w.Id)))
        {
            Assert.True(row.SentAt is null, $"{row.Key} was posted on {row.SentAt:u}, after its meeting");
            Assert.Equal(OutboxStatus.Expired, row.Status);
        }

        // Nothing that went out went out after its deadline.
        Assert.All(rows.Where(r => r.SentAt is not null && r.ExpiresAt is not null), r => Assert.True(r.SentAt < r.ExpiresAt, $"{r.Key} sent {r.SentAt:u}, deadline {r.ExpiresAt:u}"));

        // The next rhythm run tells each scorecard's manager once; a second run tells nobody again.
        await job.RunAsync(CancellationToken.None);
        await job.RunAsync(CancellationToken.None);
        await dispatcher.DispatchDueAsync(CancellationToken.None);
        rows = await RowsAsync(organization);
        var notices = rows.Where(r => r.Kind == "expired").ToList();
        var scorecards = await ScorecardsAsync(organization);
        foreach (var group in waiting.GroupBy(r => RhythmKeys.TryRead(r.DecisionKey, out _, out var id, out _) ? id : Guid.Empty))
        {
            var scorecard = scorecards[group.Key];
            var notice = Assert.Single(notices, n => n.Key.StartsWith($"expired:{scorecard.Id}:", StringComparison.Ordinal));
            Assert.Equal(scorecard.ManagerId, notice.PersonId);
            Assert.Equal(OutboxStatus.Sent, notice.Status);
            var text = MessageJson.Deserialize(notice.PayloadJson).Summary;
            Assert.Contains("not sent, too late", text, StringComparison.Ordinal);
            foreach (var kind in group.Select(r => r.Kind).Distinct())
            {
                Assert.Contains($"the {kind} for Nov 2026", text, StringComparison.OrdinalIgnoreCase);
            }

            Assert.Contains("meeting", text, StringComparison.Ordinal);
        }

        Assert.Equal(notices.Count, notices.Select(n => n.Key).Distinct().Count());
    }

    private async Task<DateTimeOffset?> NextDueAsync(Organization organization)
    {
        await using var scope = bot.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        var input = await ReviewRhythmPlanner.LoadAsync(db, organization, _time.GetUtcNow(), CancellationToken.None);
        return ReviewRhythm.NextDueAt(input, _time.GetUtcNow());
    }

    private async Task<Organization> OrganizationAsync(string name)
    {
        await using var scope = bot.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        return await db.Organizations.AsNoTracking().SingleAsync(o => o.Name == name);
    }

    private async Task<Dictionary<Guid, Scorecard>> ScorecardsAsync(Organization organization)
    {
        await using var scope = bot.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        return await db.Scorecards.AsNoTracking().Where(s => s.OrganizationId == organization.Id).ToDictionaryAsync(s => s.Id);
    }

    private async Task<List<OutboxMessage>> RowsAsync(Organization organization)
    {
        await using var scope = bot.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        return await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.OrganizationId == organization.Id).OrderBy(m => m.Id).ToListAsync();
    }
}
