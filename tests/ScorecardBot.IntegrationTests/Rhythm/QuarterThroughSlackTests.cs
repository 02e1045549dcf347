using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Periods;
using ScorecardBot.Core.Rhythm;
using ScorecardBot.Data;
using ScorecardBot.IntegrationTests.Fakes;
using ScorecardBot.IntegrationTests.Infrastructure;

namespace ScorecardBot.IntegrationTests.Rhythm;

/// <summary>
/// The quarter of <see cref="QuarterThroughTheHostTests"/> (November 2026 to January 2027) with a
/// sample's people and team channels on Slack (the manufacturing sample's moved there from Teams), delivered by the real dispatcher to the
/// fake Slack Web API, judged only by what Slack received and when (on the simulated clock): each
/// scorecard's month moves prompt, reminders, escalation, digest, agenda in that order, the digest
/// arrives before the meeting starts and the agenda before it ends, nothing arrives twice, and the
/// manager of a scorecard with a KPI lacking its target for the coming fiscal year gets that year's
/// targets card a month before it starts (<see cref="WalkSample"/>). Nobody answers, so every moment is sent.
/// </summary>
public abstract class QuarterThroughSlackTests(BotUnderTest bot, FakeTimeProvider time, WalkSample sample)
{
    private DateTimeOffset End => sample.End;

    /// <summary>The order a month's moments reach people, by the word their keys begin with.</summary>
    private static readonly string[] Moments = ["prompt", "remind", "escalate", "digest", "agenda"];

    [Fact]
    public async Task A_quarter_of_the_sample_reaches_Slack_in_order_before_every_deadline_once_with_the_new_years_targets_card_a_month_ahead()
    {
        bot.Slack.Clock = time;
        var (organization, users) = await ConnectToSlackAsync();
        var year = Period.Parse(sample.FiscalYear);
        var withoutTargets = sample.WithoutTargets is { } key
            ? [await RhythmWalk.RemoveTargetsAsync(bot, organization, key, year)]
            : await ManagersAsync(organization);
        var organizations = await OrganizationsAsync();

        await RhythmWalk.WalkAsync(bot, time, organizations, End);

        var posts = bot.Slack.Calls.Where(c => c.Method == "chat.postMessage").Select((c, i) => Post.Read(c, i)).ToList();
        Assert.NotEmpty(posts);
        Assert.All(posts, p => Assert.True(p.Key is not null, $"a message without its key reached Slack: {p.Call.Body}"));

        // Nothing twice.
        var twice = posts.GroupBy(p => p.Key).Where(g => g.Count() > 1).Select(g => $"{g.Key} ×{g.Count()}").ToList();
        Assert.True(twice.Count == 0, "Slack got these more than once: " + string.Join(", ", twice));

        var rhythm = posts.Where(p => p.Word is not null && Moments.Contains(p.Word)).ToList();
        var schedules = await SchedulesAsync(organization);
        var months = rhythm.GroupBy(p => (p.Scorecard, p.Period)).Where(g => g.Key.Period.Kind == PeriodKind.Month).ToList();
        Assert.NotEmpty(months);
        foreach (var month in months)
        {
            var name = $"{schedules[month.Key.Scorecard].Key} {month.Key.Period}";

            // Every moment, since nobody answers (October's prompts went out before the walk began; a review meeting after it ends is cut short).
            var review = schedules[month.Key.Scorecard].ScheduleOf(month.Key.Period);
            var seen = Moments.Where(m => month.Any(p => p.Word == m)).ToArray();
            Assert.True(month.Key.Period.CompareTo(Period.Month(2026, 11)) < 0 || review.MeetingEndsAt > End || Moments.SequenceEqual(seen), $"{name} reached Slack with only {string.Join(", ", seen)}: " +
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

        // The new year's targets card: to the manager of each scorecard with a KPI without a target for it, once, a month before the year starts.
        var zone = TimeZoneInfo.FindSystemTimeZoneById(organization.TimeZoneId);
        foreach (var (scorecard, manager) in withoutTargets)
        {
            var targets = Assert.Single(posts, p => p.Key == $"targets:{scorecard}:{sample.FiscalYear}");
            Assert.Equal("D" + users[manager], targets.Channel);
            var local = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(targets.At, zone).DateTime);
            Assert.True(local >= sample.TargetsFrom && local <= sample.TargetsTo, $"the {sample.FiscalYear} targets card reached Slack on {local:O}");
        }

        Assert.Equal(withoutTargets.Length, posts.Count(p => p.Key?.StartsWith("targets:", StringComparison.Ordinal) == true));
    }

    /// <summary>
    /// The sample's organization on Slack only: every person with a Slack account (Slack knows their
    /// email), every team channel a Slack channel; returns each person's Slack user.
    /// </summary>
    private async Task<(Organization Organization, Dictionary<Guid, string> Users)> ConnectToSlackAsync()
    {
        await using var scope = bot.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        var organization = await db.Organizations.SingleAsync(o => o.Name == sample.Organization);
        organization.SlackTeamId = BotUnderTest.SlackTeam;
        organization.TeamsTenantId = null;
        var people = await db.People.Include(p => p.Accounts).Where(p => p.OrganizationId == organization.Id).OrderBy(p => p.Email).ToListAsync();
        var users = new Dictionary<Guid, string>();
        foreach (var (person, i) in people.Select((p, i) => (p, i)))
        {
            db.ChannelAccounts.RemoveRange(person.Accounts);
            var user = string.Create(CultureInfo.InvariantCulture, $"U0PEOPLE{i:00}");
            db.ChannelAccounts.Add(new ChannelAccount { PersonId = person.Id, Platform = Platform.Slack, ExternalId = user });
            bot.Slack.Emails[user] = person.Email;
            users[person.Id] = user;
        }

        var channels = await db.Scorecards.Where(s => s.OrganizationId == organization.Id).SelectMany(s => s.Channels).OrderBy(c => c.ConversationId).ToListAsync();
        foreach (var (channel, i) in channels.Where(c => c.Platform != Platform.Slack).Select((c, i) => (c, i)))
        {
            (channel.Platform, channel.ConversationId, channel.ServiceUrl) = (Platform.Slack, string.Create(CultureInfo.InvariantCulture, $"C0TEAM{i:00}"), null);
        }

        await db.SaveChangesAsync();
        return (organization, users);
    }

    /// <summary>Every scorecard of the organization with its manager: none has targets for the coming fiscal year.</summary>
    private async Task<(Guid Scorecard, Guid Manager)[]> ManagersAsync(Organization organization)
    {
        await using var scope = bot.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        var scorecards = await db.Scorecards.AsNoTracking().Where(s => s.OrganizationId == organization.Id).ToListAsync();
        return [.. scorecards.Select(s => (s.Id, s.ManagerId!.Value))];
    }

    private async Task<IReadOnlyList<Organization>> OrganizationsAsync()
    {
        await using var scope = bot.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        return await db.Organizations.AsNoTracking().OrderBy(o => o.Name).ToListAsync();
    }

    /// <summary>When each of the organization's scorecards' monthly review meets: the deadlines the posts are judged by.</summary>
    private async Task<Dictionary<Guid, (string Key, Func<Period, ReviewSchedule> ScheduleOf)>> SchedulesAsync(Organization organization)
    {
        await using var scope = bot.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        var holidays = await db.Holidays.AsNoTracking().Where(h => h.OrganizationId == organization.Id).ToListAsync();
        var scorecards = await db.Scorecards.AsNoTracking().Include(s => s.ReviewCycles).Where(s => s.OrganizationId == organization.Id).ToListAsync();
        return scorecards.Where(s => s.ReviewCycles.Any(c => c.Kind != ReviewKind.Quarterly)).ToDictionary(
            s => s.Id,
            s => (s.Key, (Func<Period, ReviewSchedule>)ReviewCalendar.For(organization, s.ReviewCycles.First(c => c.Kind != ReviewKind.Quarterly), holidays).ScheduleOf));
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

public sealed class LogisticsQuarterThroughSlack(SqlitePlatformRhythmBot bot)
    : QuarterThroughSlackTests(bot, bot.Time, WalkSample.Logistics), IClassFixture<SqlitePlatformRhythmBot>;

public sealed class ManufacturingQuarterThroughSlack(SqlitePlatformRhythmBot bot)
    : QuarterThroughSlackTests(bot, bot.Time, WalkSample.Manufacturing), IClassFixture<SqlitePlatformRhythmBot>;
