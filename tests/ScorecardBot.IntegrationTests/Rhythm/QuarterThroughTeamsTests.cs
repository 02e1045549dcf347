using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Periods;
using ScorecardBot.Core.Rhythm;
using ScorecardBot.Data;
using ScorecardBot.IntegrationTests.Fakes;
using ScorecardBot.IntegrationTests.Infrastructure;

namespace ScorecardBot.IntegrationTests.Rhythm;

/// <summary>
/// The quarter of <see cref="QuarterThroughTheHostTests"/> (November 2026 to January 2027) with a
/// sample's people and team channels on Teams (the logistics sample's moved there from Slack), delivered by the real dispatcher to the
/// fake Bot Framework connector, and judged only by what the connector received and when (on the
/// simulated clock). A Teams activity carries no key of the bot's: each message is known by what
/// its reader sees — the card's heading (or the text), the conversation it is in, the message a
/// reply is threaded under, and for a prompt or reminder the KPIs its Submit button reports. Nobody
/// answers, so every moment is sent: each scorecard's month moves window, prompt, reminders,
/// escalation, digest, agenda in that order (a quarterly review its digest and agenda), on business
/// days, the digest before the meeting starts and the agenda before it ends, and nothing arrives
/// twice. The manufacturing sample's fiscal year starts in April, so its walk goes on through February:
/// a month before FY2028, on the first business day of March, each scorecard's manager gets the card of
/// the KPIs without a target for it — and not earlier; the logistics sample's manager of the scorecard
/// with a KPI without its FY2027 target gets that card in December (<see cref="WalkSample"/>).
/// </summary>
public abstract class QuarterThroughTeamsTests(BotUnderTest bot, FakeTimeProvider time, WalkSample sample)
{
    private DateTimeOffset End => sample.End;

    /// <summary>The order a month's moments reach people; a quarterly review adds its digest and agenda (its KPIs are asked in the month's prompt).</summary>
    private static readonly string[] Moments = ["window", "prompt", "reminder", "escalation", "digest", "agenda"];

    private static readonly string[] QuarterMoments = ["digest", "agenda"];

    [Fact]
    public async Task A_quarter_of_the_sample_reaches_Teams_in_order_on_business_days_before_every_deadline_once()
    {
        bot.BotFramework.Clock = time;
        var world = await ConnectToTeamsAsync();
        var year = Period.Parse(sample.FiscalYear);
        var withoutTargets = sample.WithoutTargets is { } key
            ? [(await RhythmWalk.RemoveTargetsAsync(bot, world.Organization, key, year)).Scorecard]
            : world.Scorecards.Keys.ToList();

        await RhythmWalk.WalkAsync(bot, time, [world.Organization], End);

        var calls = bot.BotFramework.Calls.Where(c => c.Method == "POST" && c.ConversationId is not null).ToList();
        Assert.NotEmpty(calls);
        Assert.All(calls, c => Assert.True(c.Accepted, $"the connector refused {c.RawTarget}"));
        var posts = world.ReadAll(calls);
        var log = string.Join(Environment.NewLine, posts.Select(p => p.ToString()));

        // Only the rhythm's messages, each saying which scorecard and period it is about (no notice that something could not be sent).
        var unknown = posts.Where(p => p.Kind is null || p.Scorecard is null || p.Period == default).ToList();
        Assert.True(unknown.Count == 0, "Teams got messages the rhythm does not send, or that do not say what they are about:" + Environment.NewLine +
            string.Join(Environment.NewLine, unknown.Select(p => p.ToString())));

        // Nothing twice: no two messages a reader would take for the same one.
        var twice = posts.GroupBy(p => p.Identity).Where(g => g.Count() > 1).Select(g => $"{g.Key} ×{g.Count()}").ToList();
        Assert.True(twice.Count == 0, "Teams got these more than once: " + string.Join(", ", twice));

        // On business days, in the reader's day (an agenda may come an hour before an early meeting).
        foreach (var post in posts)
        {
            var local = TimeZoneInfo.ConvertTime(post.At, world.Zone);
            var day = DateOnly.FromDateTime(local.DateTime);
            Assert.True(local.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !world.Holidays.Contains(day), $"on a day off: {post}");
            var opens = post.Kind == "agenda" ? TimeSpan.FromHours(6) : TimeSpan.FromHours(7);
            Assert.True(local.TimeOfDay >= opens && local.TimeOfDay < TimeSpan.FromHours(20), $"at night: {post}");
        }

        var reviews = posts.Where(p => p.Kind is "window" or "prompt" or "reminder" or "escalation" or "digest" or "agenda")
            .GroupBy(p => (Scorecard: p.Scorecard!.Value, p.Period)).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var scorecard in world.Scorecards.Values)
        {
            // The reviews of October, November and December meet in the quarter; January's starts in it when the walk goes on through February.
            foreach (var period in new[] { Period.Month(2026, 10), Period.Month(2026, 11), Period.Month(2026, 12), Period.Month(2027, 1) }
                .Where(p => world.ScheduleOf(scorecard, p).WindowOpensAt < End))
            {
                Assert.True(reviews.ContainsKey((scorecard.Id, period)), $"nothing of {scorecard.Key}'s {period} review reached Teams:{Environment.NewLine}{log}");
            }
        }

        Assert.Equal(sample.QuarterlyReview, reviews.Keys.Any(k => k.Period.Kind == PeriodKind.Quarter));
        foreach (var ((id, period), review) in reviews)
        {
            var scorecard = world.Scorecards[id];
            var name = $"{scorecard.Key} {period}";
            var schedule = world.ScheduleOf(scorecard, period);
            var order = string.Join(", ", review.OrderBy(p => p.At).ThenBy(p => p.Sequence).Select(p => $"{p.Kind} {p.At:u}"));
            var moments = period.Kind == PeriodKind.Quarter ? QuarterMoments : Moments;

            // Every moment of a review that began and ended in the walk, since nobody answers (of a month not reported in the sample).
            var seen = moments.Where(m => review.Any(p => p.Kind == m)).ToArray();
            Assert.True(review.All(p => moments.Contains(p.Kind)), $"{name}: {order}");
            if (schedule.WindowOpensAt >= RhythmHosting.Start && schedule.MeetingEndsAt <= End && (period.Kind == PeriodKind.Quarter || period.CompareTo(sample.Prompted) >= 0))
            {
                Assert.True(moments.SequenceEqual(seen), $"{name} reached Teams with only {string.Join(", ", seen)}: {order}");
            }

            // In order, by when the connector received them: no moment's message after the next moment's.
            for (var i = 1; i < seen.Length; i++)
            {
                var last = review.Where(p => p.Kind == seen[i - 1]).Max(p => p.At);
                var first = review.Where(p => p.Kind == seen[i]).Min(p => p.At);
                Assert.True(last <= first, $"{name}: a {seen[i - 1]} reached Teams after the {seen[i]}: {order}");
            }

            // Nothing after its deadline: the digest before the meeting starts, the agenda before it ends.
            foreach (var post in review.Where(p => p.Kind is "digest" or "agenda"))
            {
                var deadline = post.Kind == "digest" ? schedule.MeetingAt : schedule.MeetingEndsAt;
                Assert.True(post.At < deadline, $"{post} reached Teams after its deadline {deadline:u}");
            }

            // The team channel gets the window, digest and agenda; each reporter their prompt; the manager the escalation.
            Assert.All(review.Where(p => p.Kind is "window" or "digest" or "agenda"), p => Assert.Equal(scorecard.Channel, p.Channel));
            Assert.All(review.Where(p => p.Kind == "escalation"), p => Assert.Equal(scorecard.ManagerConversation, p.Channel));
            if (seen.Contains("prompt"))
            {
                Assert.Equal(world.ReportersOf(scorecard), review.Where(p => p.Kind == "prompt").Select(p => p.Channel).Order(StringComparer.Ordinal).ToList());
            }

            // Each reminder after that person's prompt, numbered 1, 2, … in the order they came.
            foreach (var person in review.Where(p => p.Kind == "reminder").GroupBy(p => p.Channel))
            {
                var prompt = review.Where(p => p.Kind == "prompt" && p.Channel == person.Key).Select(p => p.At).DefaultIfEmpty(DateTimeOffset.MinValue).Max();
                Assert.True(person.Min(p => p.At) >= prompt, $"{name}: {person.Key} was reminded before the prompt: {order}");
                Assert.Equal(Enumerable.Range(1, person.Count()), person.OrderBy(p => p.Sequence).Select(p => p.Number));
            }
        }

        // A presenter's pre-read (the logistics sample's red and amber KPIs) before its review meets.
        foreach (var post in posts.Where(p => p.Kind == "preread"))
        {
            var meets = world.ScheduleOf(world.Scorecards[post.Scorecard!.Value], post.Period).MeetingAt;
            Assert.True(post.At < meets, $"{post} reached Teams after the meeting began at {meets:u}");
        }

        // The quarterly check of the calendar's last quarter (the manufacturing sample's third), once in each scorecard's channel, in January.
        foreach (var scorecard in world.Scorecards.Values)
        {
            var check = Assert.Single(posts, p => p.Kind == "check" && p.Scorecard == scorecard.Id);
            Assert.Equal((Period.Parse(sample.Check), scorecard.Channel), (check.Period, check.Channel));
            Assert.Equal(1, TimeZoneInfo.ConvertTime(check.At, world.Zone).Month);
        }

        // A month before the fiscal year starts, each manager of a scorecard with a KPI without a target for it gets their card
        // (manufacturing: FY2028 on the first business day of March; logistics: FY2027 in December).
        var targets = posts.Where(p => p.Kind == "targets").ToList();
        foreach (var scorecard in withoutTargets.Select(id => world.Scorecards[id]))
        {
            var card = Assert.Single(targets, p => p.Scorecard == scorecard.Id);
            Assert.Equal((year, scorecard.ManagerConversation), (card.Period, card.Channel));
            var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(card.At, world.Zone).DateTime);
            Assert.True(day >= sample.TargetsFrom && day <= sample.TargetsTo, $"the {year} targets card reached Teams on {day:O}");
        }

        Assert.Equal(withoutTargets.Count, targets.Count);
    }

    /// <summary>
    /// The sample's organization on Teams only: each person with a 1:1 chat the bot keeps (as after
    /// they installed the app), each scorecard's team channel a Teams channel on the fake connector's service URL.
    /// </summary>
    private async Task<TeamsWorld> ConnectToTeamsAsync()
    {
        await using var scope = bot.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        var organization = await db.Organizations.SingleAsync(o => o.Name == sample.Organization);
        organization.TeamsTenantId = BotUnderTest.TenantB;
        organization.SlackTeamId = null;
        var people = await db.People.Include(p => p.Accounts).Where(p => p.OrganizationId == organization.Id).OrderBy(p => p.Email).ToListAsync();
        var chats = new Dictionary<Guid, string>();
        foreach (var (person, i) in people.Select((p, i) => (p, i)))
        {
            db.ChannelAccounts.RemoveRange(person.Accounts);
            var user = string.Create(CultureInfo.InvariantCulture, $"29:person-{i:00}");
            db.ChannelAccounts.Add(new ChannelAccount { PersonId = person.Id, Platform = Platform.Teams, ExternalId = $"aad-{i:00}", ChannelUserId = user });
            chats[person.Id] = "a:" + person.Email.Split('@')[0];
            db.ConversationReferences.Add(new ConversationReference
            {
                OrganizationId = organization.Id,
                Platform = Platform.Teams,
                PersonId = person.Id,
                ConversationId = chats[person.Id],
                Kind = ConversationKind.Direct,
                ServiceUrl = bot.BotFramework.ServiceUrl,
                TenantOrTeamId = BotUnderTest.TenantB,
            });
        }

        var scorecards = await db.Scorecards.Include(s => s.Channels).Include(s => s.Kpis).Include(s => s.ReviewCycles)
            .Where(s => s.OrganizationId == organization.Id).ToListAsync();
        foreach (var scorecard in scorecards)
        {
            var channel = Assert.Single(scorecard.Channels);
            if (channel.Platform != Platform.Teams)
            {
                (channel.Platform, channel.ConversationId) = (Platform.Teams, $"19:{scorecard.Key}@thread.tacv2");
            }

            channel.ServiceUrl = bot.BotFramework.ServiceUrl;
        }

        await db.SaveChangesAsync();
        var holidays = await db.Holidays.AsNoTracking().Where(h => h.OrganizationId == organization.Id).ToListAsync();
        return new TeamsWorld(organization, scorecards, chats, holidays);
    }

    /// <summary>The sample's organization as the test knows it, to read what the connector received.</summary>
    private sealed class TeamsWorld
    {
        private readonly IReadOnlyList<Holiday> _holidays;
        private readonly Dictionary<string, Guid> _scorecardOfKpi;
        private readonly List<(string Label, Period Period)> _labels;

        public TeamsWorld(Organization organization, IReadOnlyList<Scorecard> scorecards, IReadOnlyDictionary<Guid, string> chats, IReadOnlyList<Holiday> holidays)
        {
            Organization = organization;
            _holidays = holidays;
            Holidays = holidays.Select(h => h.Date).ToHashSet();
            Fiscal = FiscalCalendar.For(organization);
            Chats = chats;
            Scorecards = scorecards.ToDictionary(s => s.Id, s => new ScorecardView(
                s.Id, s.Key, s.Name, s.Channels.Single().ConversationId, s.ManagerId is { } m ? chats[m] : null, s));
            _scorecardOfKpi = scorecards.SelectMany(s => s.Kpis.Select(k => (k.Id.ToString("N"), s.Id))).ToDictionary(x => x.Item1, x => x.Item2);

            // Every period a heading may name in the walk, in its label or its short form ("FY2028"), longest first (a quarter's label holds month names).
            var culture = CultureInfo.GetCultureInfo(organization.Locale);
            var months = Enumerable.Range(0, 9).Select(i => Period.Month(2026, 8).AddPeriods(i)).ToList();
            var periods = months.Concat(months.Select(Fiscal.QuarterOf).Distinct()).Concat(months.Select(Fiscal.FiscalYearOf).Distinct()).ToList();
            _labels = [.. periods.SelectMany(p => new[] { (Fiscal.Label(p, culture), p), (p.ToString(), p) }).Distinct().OrderByDescending(l => l.Item1.Length)];
        }

        public Organization Organization { get; }

        public FiscalCalendar Fiscal { get; }

        public TimeZoneInfo Zone => Fiscal.TimeZone;

        public IReadOnlySet<DateOnly> Holidays { get; }

        public IReadOnlyDictionary<Guid, string> Chats { get; }

        public IReadOnlyDictionary<Guid, ScorecardView> Scorecards { get; }

        /// <summary>When this scorecard's review of <paramref name="period"/> meets (the quarterly cycle for a quarter).</summary>
        public ReviewSchedule ScheduleOf(ScorecardView scorecard, Period period)
        {
            var quarterly = period.Kind == PeriodKind.Quarter;
            var cycle = scorecard.Entity.ReviewCycles.First(c => (c.Kind == ReviewKind.Quarterly) == quarterly);
            return ReviewCalendar.For(Organization, cycle, _holidays).ScheduleOf(period);
        }

        /// <summary>The 1:1 chats of everyone who reports a KPI of this scorecard (its delegate when it has one).</summary>
        public List<string> ReportersOf(ScorecardView scorecard) =>
            [.. scorecard.Entity.Kpis.Where(k => !k.FedByApi).Select(k => k.DelegateId ?? k.OwnerId).OfType<Guid>().Distinct().Select(p => Chats[p]).Order(StringComparer.Ordinal)];

        /// <summary>Every activity as its reader sees it; a reply in a thread belongs to the message it replies to.</summary>
        public List<TeamsPost> ReadAll(IReadOnlyList<ConnectorCall> calls)
        {
            var posts = calls.Select(Read).ToList();
            var roots = posts.Where(p => p.Call.ActivityId is not null && p.Conversation == p.Channel).ToDictionary(p => p.Call.ActivityId!);
            return [.. posts.Select(p => p.Conversation.Split(";messageid=") is [_, var root] && roots.TryGetValue(root, out var head)
                ? p with { Kind = head.Kind, Scorecard = head.Scorecard, Period = head.Period }
                : p)];
        }

        /// <summary>What a reader of this activity sees it as: which kind of message, of which scorecard and period, in which conversation.</summary>
        public TeamsPost Read(ConnectorCall call, int sequence)
        {
            var activity = call.Json!.AsObject();
            var text = activity["text"]?.GetValue<string>();
            var card = activity["attachments"]?.AsArray().Select(a => a?["content"]).OfType<JsonObject>().FirstOrDefault();
            var heading = card?["body"]?.AsArray().OfType<JsonObject>().Select(b => b["text"]?.GetValue<string>()).FirstOrDefault(t => t is not null);
            var title = heading ?? text ?? "";
            var conversation = call.ConversationId!;
            var channel = conversation.Split(";messageid=")[0];
            var inThread = channel.Length != conversation.Length;
            var period = PeriodIn(title);
            var kpis = card is null ? [] : KpisOf(card);
            Guid? byKpis = kpis.Select(k => _scorecardOfKpi.TryGetValue(k, out var s) ? s : (Guid?)null).FirstOrDefault();
            Guid? byName = Scorecards.Values.Where(s => title.Contains(s.Name, StringComparison.Ordinal)).Select(s => (Guid?)s.Id).FirstOrDefault();
            Guid? byChannel = Scorecards.Values.Where(s => s.Channel == channel).Select(s => (Guid?)s.Id).FirstOrDefault();

            var (kind, number) = title switch
            {
                _ when inThread => ((string?)null, 0), // a reply: see ReadAll
                _ when text is not null && text.StartsWith("Collection for ", StringComparison.Ordinal) && text.Contains(" is open", StringComparison.Ordinal) => ("window", 0),
                _ when title.StartsWith("Your KPIs for ", StringComparison.Ordinal) || title.Contains("'s KPIs for ", StringComparison.Ordinal) && !title.StartsWith("Reminder", StringComparison.Ordinal) => ("prompt", 0),
                _ when title.StartsWith("Reminder: ", StringComparison.Ordinal) => ("reminder", 1),
                _ when title.StartsWith("Reminder ", StringComparison.Ordinal) => ("reminder", int.Parse(title["Reminder ".Length..title.IndexOf(':', StringComparison.Ordinal)], CultureInfo.InvariantCulture)),
                _ when title.StartsWith("Missing actuals: ", StringComparison.Ordinal) => ("escalation", 0),
                _ when title.Contains(": digest for ", StringComparison.Ordinal) => ("digest", 0),
                _ when title.Contains(": agenda for the ", StringComparison.Ordinal) => ("agenda", 0),
                _ when title.Contains(": do the strategy map's links hold?", StringComparison.Ordinal) => ("check", 0),
                _ when title.Contains(": no targets yet for ", StringComparison.Ordinal) => ("targets", 0),
                _ when title.Contains(": your pre-read for the ", StringComparison.Ordinal) => ("preread", 0),
                _ => ((string?)null, 0),
            };

            var scorecard = kind is "prompt" or "reminder" ? byKpis : byName ?? byChannel;
            var identity = $"{conversation} | {title} | {string.Join(",", kpis)}";
            return new TeamsPost(call, sequence, conversation, channel, kind, number, scorecard, period ?? default, title, identity);
        }

        private Period? PeriodIn(string title) =>
            _labels.Where(l => title.Contains(l.Label, StringComparison.Ordinal)).Select(l => (Period?)l.Period).FirstOrDefault();

        /// <summary>The KPIs (ids) the card's buttons report, as Teams sends them back on a press.</summary>
        private static List<string> KpisOf(JsonNode node)
        {
            var found = new List<string>();
            void Walk(JsonNode? n)
            {
                switch (n)
                {
                    case JsonObject o:
                        if (o["_data"]?["kpis"]?.GetValue<string>() is { } kpis)
                        {
                            found.AddRange(kpis.Split(',', StringSplitOptions.RemoveEmptyEntries));
                        }

                        foreach (var (_, child) in o)
                        {
                            Walk(child);
                        }

                        break;
                    case JsonArray a:
                        foreach (var child in a)
                        {
                            Walk(child);
                        }

                        break;
                }
            }

            Walk(node);
            return [.. found.Distinct().Order(StringComparer.Ordinal)];
        }
    }

    private sealed record ScorecardView(Guid Id, string Key, string Name, string Channel, string? ManagerConversation, Scorecard Entity);

    /// <summary>One message as the connector received it and its reader sees it.</summary>
    private sealed record TeamsPost(ConnectorCall Call, int Sequence, string Conversation, string Channel, string? Kind, int Number, Guid? Scorecard, Period Period, string Title, string Identity)
    {
        public DateTimeOffset At => Call.At;

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{At:u} {Kind ?? "?"} {Period} \"{Title}\" in {Conversation}");
    }
}

public sealed class QuarterThroughTeamsOnSqlite(SqlitePlatformRhythmBot bot)
    : QuarterThroughTeamsTests(bot, bot.Time, WalkSample.Manufacturing), IClassFixture<SqlitePlatformRhythmBot>;

public sealed class QuarterThroughTeamsOnPostgres(PostgresPlatformRhythmBot bot)
    : QuarterThroughTeamsTests(bot, bot.Time, WalkSample.Manufacturing), IClassFixture<PostgresPlatformRhythmBot>;

public sealed class LogisticsQuarterThroughTeams(SqlitePlatformRhythmBot bot)
    : QuarterThroughTeamsTests(bot, bot.Time, WalkSample.Logistics), IClassFixture<SqlitePlatformRhythmBot>;
