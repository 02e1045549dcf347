using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Periods;
using ScorecardBot.Core.Rhythm;
using ScorecardBot.Data;
using ScorecardBot.IntegrationTests.Fakes;
using ScorecardBot.IntegrationTests.Infrastructure;

namespace ScorecardBot.IntegrationTests.Rhythm;

/// <summary>
/// The quarter of <see cref="QuarterThroughTheHostTests"/> (November 2026 to January 2027) with the
/// logistics sample's people and team channels on Slack, delivered by the real dispatcher to the
/// fake Slack Web API, judged only by what Slack received and when (on the simulated clock): each
/// scorecard's month moves prompt, reminders, escalation, digest, agenda in that order, the digest
/// arrives before the meeting starts and the agenda before it ends, nothing arrives twice, and the
/// manager of a scorecard with a KPI still lacking its FY2027 target gets the new year's targets
/// card in December (the fiscal year starts in January). Nobody answers, so every moment is sent.
/// </summary>
public sealed class QuarterThroughSlackTests(SqlitePlatformRhythmBot bot) : IClassFixture<SqlitePlatformRhythmBot>
{
    private static readonly DateTimeOffset End = new(2027, 1, 31, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The order a month's moments reach people, by the word their keys begin with.</summary>
    private static readonly string[] Moments = ["prompt", "remind", "escalate", "digest", "agenda"];

    [Fact]
    public async Task A_quarter_of_the_logistics_sample_reaches_Slack_in_order_before_every_deadline_once_with_the_new_years_targets_card_in_December()
    {
        bot.Slack.Clock = bot.Time;
        var logistics = await ConnectLogisticsToSlackAsync();
        var (company, manager) = await LeaveOneKpiWithoutItsFy2027TargetAsync(logistics);
        var organizations = await OrganizationsAsync();

        await RhythmWalk.WalkAsync(bot, bot.Time, organizations, End);

        var posts = bot.Slack.Calls.Where(c => c.Method == "chat.postMessage").Select((c, i) => Post.Read(c, i)).ToList();
        Assert.NotEmpty(posts);
        Assert.All(posts, p => Assert.True(p.Key is not null, $"a message without its key reached Slack: {p.Call.Body}"));

        // Nothing twice.
        var twice = posts.GroupBy(p => p.Key).Where(g => g.Count() > 1).Select(g => $"{g.Key} ×{g.Count()}").ToList();
        Assert.True(twice.Count == 0, "Slack got these more than once: " + string.Join(", ", twice));

        var rhythm = posts.Where(p => p.Word is not null && Moments.Contains(p.Word)).ToList();
        var schedules = await SchedulesAsync(logistics);
        var months = rhythm.GroupBy(p => (p.Scorecard, p.Period)).Where(g => g.Key.Period.Kind == PeriodKind.Month).ToList();
        Assert.NotEmpty(months);
        foreach (var month in months)
        {
            var name = $"{schedules[month.Key.Scorecard].Key} {month.Key.Period}";

            // Every moment, since nobody answers (October's prompts went out before the walk began).
            var seen = Moments.Where(m => month.Any(p => p.Word == m)).ToArray();
            Assert.True(month.Key.Period.CompareTo(Period.Month(2026, 11)) < 0 || Moments.SequenceEqual(seen), $"{name} reached Slack with only {string.Join(", ", seen)}: " +
                string.Join(", ", month.OrderBy(p => p.Sequence).Select(p => $"{p.Key} {p.At:u}")));

            // In order, by when Slack received them on the simulated clock: no moment's message after the next moment's.
            // (Within one minute the dispatcher may post the digest before the manager's escalation.)
            var order = string.Join(", ", month.OrderBy(p => p.At).ThenBy(p => p.Sequence).Select(p => $"{p.Word} {p.At:u}"));
            for (var i = 1; i < seen.Length; i++)
            {
                var last = month.Where(p => p.Word == seen[i - 1]).Max(p => p.At);
                var first = month.Where(p => p.Word == seen[i]).Min(p => p.At);
                Assert.True(last <= first, $"{name}: a {seen[i - 1]} reached Slack after the {seen[i]}: {order}");
            }

            var review = schedules[month.Key.Scorecard].ScheduleOf(month.Key.Period);
            foreach (var post in month.Where(p => p.Word is "digest" or "agenda"))
            {
                var deadline = post.Word == "digest" ? review.MeetingAt : review.MeetingEndsAt;
                Assert.True(post.At < deadline, $"{post.Key} reached Slack at {post.At:u}, after its deadline {deadline:u}");
            }
        }

        // Each reminder after that person's prompt, the second after the first.
        foreach (var person in rhythm.Where(p => p.Word is "prompt" or "remind").GroupBy(p => (p.Scorecard, p.Period, p.Channel)))
        {
            var keys = person.OrderBy(p => p.Sequence).Select(p => p.Key!).ToList();
            Assert.StartsWith("prompt:", keys[0], StringComparison.Ordinal);
            var numbers = keys.Skip(1).Select(k => int.Parse(k[(k.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(Enumerable.Range(1, numbers.Count), numbers);
        }

        // The new year's targets card: to the company scorecard's manager, in December.
        var targets = Assert.Single(posts, p => p.Key == $"targets:{company}:FY2027");
        Assert.Equal("D" + manager, targets.Channel);
        var local = TimeZoneInfo.ConvertTime(targets.At, TimeZoneInfo.FindSystemTimeZoneById(logistics.TimeZoneId));
        Assert.True(local.Year == 2026 && local.Month == 12, $"the FY2027 targets card reached Slack at {local:u}");
    }

    /// <summary>The logistics organization on Slack only: every person with a Slack account (Slack knows their email).</summary>
    private async Task<Organization> ConnectLogisticsToSlackAsync()
    {
        await using var scope = bot.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        var logistics = await db.Organizations.SingleAsync(o => o.Name == BotUnderTest.Logistics);
        logistics.SlackTeamId = BotUnderTest.SlackTeam;
        logistics.TeamsTenantId = null;
        var people = await db.People.Include(p => p.Accounts).Where(p => p.OrganizationId == logistics.Id).OrderBy(p => p.Email).ToListAsync();
        foreach (var (person, i) in people.Select((p, i) => (p, i)))
        {
            db.ChannelAccounts.RemoveRange(person.Accounts);
            var user = string.Create(CultureInfo.InvariantCulture, $"U0PEOPLE{i:00}");
            db.ChannelAccounts.Add(new ChannelAccount { PersonId = person.Id, Platform = Platform.Slack, ExternalId = user });
            bot.Slack.Emails[user] = person.Email;
        }

        await db.SaveChangesAsync();
        return logistics;
    }

    /// <summary>The company scorecard's first KPI loses its FY2027 targets; returns the scorecard and its manager's Slack user.</summary>
    private async Task<(Guid Scorecard, string Manager)> LeaveOneKpiWithoutItsFy2027TargetAsync(Organization logistics)
    {
        await using var scope = bot.Scope();
        scope.ServiceProvider.GetRequiredService<Data.Auditing.IAuditContext>().Set(null, "test", EntrySource.Import);
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        var company = await db.Scorecards.Include(s => s.Kpis).ThenInclude(k => k.Targets)
            .SingleAsync(s => s.OrganizationId == logistics.Id && s.Key == "company");
        var kpi = company.Kpis.OrderBy(k => k.Order).First();
        var fiscal = FiscalCalendar.For(logistics);
        var year = Period.Parse("FY2027");
        var periods = fiscal.MonthsIn(year).Concat(fiscal.MonthsIn(year).Select(fiscal.QuarterOf)).Append(year).ToHashSet();
        var removed = kpi.Targets.Where(t => periods.Contains(t.Period)).ToList();
        Assert.NotEmpty(removed);
        db.RemoveRange(removed);
        await db.SaveChangesAsync();
        var manager = await db.ChannelAccounts.AsNoTracking().SingleAsync(a => a.PersonId == company.ManagerId && a.Platform == Platform.Slack);
        return (company.Id, manager.ExternalId);
    }

    private async Task<IReadOnlyList<Organization>> OrganizationsAsync()
    {
        await using var scope = bot.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        return await db.Organizations.AsNoTracking().OrderBy(o => o.Name).ToListAsync();
    }

    /// <summary>When each logistics scorecard's monthly review meets: the deadlines the posts are judged by.</summary>
    private async Task<Dictionary<Guid, (string Key, Func<Period, ReviewSchedule> ScheduleOf)>> SchedulesAsync(Organization logistics)
    {
        await using var scope = bot.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        var holidays = await db.Holidays.AsNoTracking().Where(h => h.OrganizationId == logistics.Id).ToListAsync();
        var scorecards = await db.Scorecards.AsNoTracking().Include(s => s.ReviewCycles).Where(s => s.OrganizationId == logistics.Id).ToListAsync();
        return scorecards.Where(s => s.ReviewCycles.Any(c => c.Kind != ReviewKind.Quarterly)).ToDictionary(
            s => s.Id,
            s => (s.Key, (Func<Period, ReviewSchedule>)ReviewCalendar.For(logistics, s.ReviewCycles.First(c => c.Kind != ReviewKind.Quarterly), holidays).ScheduleOf));
    }

    /// <summary>One chat.postMessage as Slack received it: where, when, in what order, and the key the bot put in its metadata.</summary>
    private sealed record Post(SlackCall Call, int Sequence, string? Channel, string? Key, string? Word, Guid Scorecard, Period Period)
    {
        public DateTimeOffset At => Call.At;

        public static Post Read(SlackCall call, int sequence)
        {
            var fields = FakeSlackApi.Fields(call);
            var metadata = fields["metadata"] switch
            {
                JsonObject o => o,
                JsonValue v when v.TryGetValue<string>(out var s) => JsonNode.Parse(s) as JsonObject,
                _ => null,
            };
            var key = metadata?["event_payload"]?["key"]?.ToString();
            return key is not null && RhythmKeys.TryRead(key, out var word, out var scorecard, out var period)
                ? new Post(call, sequence, fields["channel"]?.ToString(), key, word, scorecard, period)
                : new Post(call, sequence, fields["channel"]?.ToString(), key, null, Guid.Empty, default);
        }
    }
}
