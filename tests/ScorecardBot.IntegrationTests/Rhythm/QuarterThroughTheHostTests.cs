using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Delivery;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Periods;
using ScorecardBot.Core.Rhythm;
using ScorecardBot.Data;
using ScorecardBot.Data.Outbox;
using ScorecardBot.IntegrationTests.Infrastructure;
using ScorecardBot.Scheduling;

namespace ScorecardBot.IntegrationTests.Rhythm;

/// <summary>
/// A whole quarter (November 2026 to January 2027) through the host: the real review rhythm job
/// and outbox dispatcher on a fake clock, on the two sample organizations — Chicago with a fiscal
/// year from January, Berlin with one from April (so December ends its FY2027-Q3 and the
/// quarterly review follows in January). Half the owners answer their prompt cards as soon as they
/// get them, through the same submission path a card uses; the others never answer.
/// </summary>
public abstract class QuarterThroughTheHostTests(BotUnderTest bot, FakeTimeProvider time)
{
    private static readonly DateTimeOffset End = new(2027, 1, 31, 0, 0, 0, TimeSpan.Zero);

    private readonly HashSet<string> _answered = new(StringComparer.Ordinal);

    [Fact]
    public async Task A_quarter_of_the_samples_writes_exactly_the_expected_outbox_and_keeps_every_rule()
    {
        // A second time zone inside each organization: their prompts come at their own morning.
        await MoveAsync("rachel.novak@prairieline.example", "Europe/London");
        await MoveAsync("elena.rossi@hartmann-drives.example", "America/New_York");
        var organizations = await OrganizationsAsync();
        var punctual = await PunctualOwnersAsync(organizations);
        await WalkAsync(organizations, punctual);

        var rows = await RowsAsync();
        var people = await PeopleAsync();
        var actual = Describe(rows, organizations, people, await ScorecardKeysAsync());
        Golden("quarter-outbox.txt", actual);

        foreach (var organization in organizations)
        {
            var mine = rows.Where(r => r.OrganizationId == organization.Id).ToList();
            await EveryReporterIsPromptedOncePerPeriodAsync(organization, mine);
            RemindersGoOnlyToLateOwners(mine, punctual);
            NothingIsWrittenAtNightOrOnADayOff(organization, mine, people, await HolidaysAsync(organization));
            await EscalationsDigestsAndAgendasComeAtTheirTimesAsync(organization, mine);
            Assert.All(mine, r => Assert.Equal(OutboxStatus.Sent, r.Status));
        }

        var berlin = organizations.Single(o => o.Name == BotUnderTest.Manufacturing);
        Assert.Contains(rows, r => r.OrganizationId == berlin.Id && r.Kind == "check" && r.DecisionKey.EndsWith(":FY2027-Q3", StringComparison.Ordinal));
    }

    /// <summary>From one moment something is due to the next, running the job and the dispatcher at each, as the scheduler would.</summary>
    private Task WalkAsync(IReadOnlyList<Organization> organizations, IReadOnlySet<Guid> punctual) =>
        RhythmWalk.WalkAsync(bot, time, organizations, End, () => AnswerPromptsAsync(punctual));

    /// <summary>The punctual owners press Submit on each prompt card they got, with last month's value as this month's.</summary>
    private async Task AnswerPromptsAsync(IReadOnlySet<Guid> punctual)
    {
        var engine = bot.Services.GetRequiredService<IConversationEngine>();
        var prompts = (await RowsAsync()).Where(r => r.Kind == "prompt" && r.Status == OutboxStatus.Sent && punctual.Contains(r.PersonId!.Value) && !_answered.Contains(r.Key)).ToList();
        var people = await PeopleAsync();
        foreach (var prompt in prompts)
        {
            _answered.Add(prompt.Key);
            var card = MessageJson.Deserialize(prompt.PayloadJson);
            var submit = card.Blocks.OfType<ActionBar>().SelectMany(b => b.Actions).Single(a => a.Id == CardActions.SubmitActual);
            var inputs = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var input in card.Blocks.OfType<NumberInput>())
            {
                var kpiId = Guid.ParseExact(input.Id.Split('.')[1], "N");
                inputs[input.Id] = await LastValueAsync(kpiId);
                inputs[CardActions.CommentInput(kpiId)] = "As planned.";
            }

            var person = people[prompt.PersonId!.Value];
            var turn = new Turn
            {
                OrganizationId = prompt.OrganizationId,
                Actor = new Actor(person.Id, person.Name, person.Email, person.Role),
                Platform = Platform.Local,
                Conversation = new ConversationAddress(Platform.Local, $"local:direct:{person.Id}", ConversationKind.Direct),
                At = time.GetUtcNow(),
                Action = new CardAction(submit.Id, submit.Data, inputs),
            };
            var answer = await engine.HandleAsync(turn, CancellationToken.None);
            if (answer.Replies.Any(r => r.Message.Kind == "confirm"))
            {
                // "That is 10× off, are you sure?": yes, it is last month's value.
                var confirmed = new Dictionary<string, string>(submit.Data, StringComparer.Ordinal) { [CardActions.Keys.Confirm] = "true" };
                answer = await engine.HandleAsync(turn with { Action = new CardAction(submit.Id, confirmed, inputs) }, CancellationToken.None);
            }

            Assert.True(answer.Replies.Any(r => r.Message.Kind == "recorded"), $"{person.Name}'s answer to {prompt.Key} was not recorded: {string.Join(" | ", answer.Replies.Select(r => r.Message.Summary))}");
        }
    }

    private async Task<string> LastValueAsync(Guid kpiId)
    {
        await using var scope = bot.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        var values = await db.Actuals.AsNoTracking().Where(a => a.KpiId == kpiId && a.Value != null).Select(a => new { a.Period, a.Value }).ToListAsync();
        var last = values.OrderByDescending(v => v.Period).Select(v => v.Value).FirstOrDefault();
        return (last ?? 1m).ToString(CultureInfo.InvariantCulture);
    }

    private async Task EveryReporterIsPromptedOncePerPeriodAsync(Organization organization, List<OutboxMessage> rows)
    {
        await using var scope = bot.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        var scorecards = await db.Scorecards.AsNoTracking().Include(s => s.Kpis).Include(s => s.ReviewCycles)
            .Where(s => s.OrganizationId == organization.Id).ToListAsync();
        var prompts = rows.Where(r => r.Kind == "prompt").ToList();
        Assert.Equal(prompts.Count, prompts.Select(r => r.DecisionKey).Distinct().Count());
        foreach (var scorecard in scorecards.Where(s => s.ReviewCycles.Count > 0))
        {
            var reporters = scorecard.Kpis.Where(k => !k.FedByApi).Select(k => k.DelegateId ?? k.OwnerId).OfType<Guid>().Distinct().Order().ToList();
            var byPeriod = prompts.Where(r => Read(r).Scorecard == scorecard.Id).GroupBy(r => Read(r).Period).ToList();
            Assert.NotEmpty(byPeriod);
            foreach (var period in byPeriod)
            {
                Assert.Equal(reporters, period.Select(r => r.PersonId!.Value).Order().ToList());
            }
        }
    }

    private static void RemindersGoOnlyToLateOwners(List<OutboxMessage> rows, IReadOnlySet<Guid> punctual)
    {
        var reminders = rows.Where(r => r.Kind == "reminder").ToList();
        Assert.NotEmpty(reminders);
        Assert.All(reminders, r => Assert.DoesNotContain(r.PersonId!.Value, punctual));
    }

    private static void NothingIsWrittenAtNightOrOnADayOff(Organization organization, List<OutboxMessage> rows, IReadOnlyDictionary<Guid, Person> people, IReadOnlyList<Holiday> holidays)
    {
        var fiscal = FiscalCalendar.For(organization);
        foreach (var row in rows)
        {
            var zone = row.PersonId is { } id && people[id].TimeZoneId is { } tz ? TimeZoneInfo.FindSystemTimeZoneById(tz) : fiscal.TimeZone;
            foreach (var moment in new[] { row.CreatedAt, row.SentAt!.Value })
            {
                // An agenda goes an hour before an early meeting (07:30 → 06:30); nothing else before 07:00.
                var local = TimeZoneInfo.ConvertTime(moment, zone);
                var opens = row.Kind == "agenda" ? TimeSpan.FromHours(6) : TimeSpan.FromHours(7);
                Assert.True(local.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday), $"{row.Key} at {local:ddd d MMM HH:mm}");
                Assert.True(local.TimeOfDay >= opens && local.TimeOfDay < TimeSpan.FromHours(20), $"{row.Key} at {local:ddd d MMM HH:mm}");
                Assert.True(holidays.All(h => h.Date != DateOnly.FromDateTime(local.DateTime)), $"{row.Key} on a holiday");
            }
        }
    }

    private async Task EscalationsDigestsAndAgendasComeAtTheirTimesAsync(Organization organization, List<OutboxMessage> rows)
    {
        await using var scope = bot.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        var holidays = await db.Holidays.AsNoTracking().Where(h => h.OrganizationId == organization.Id).ToListAsync();
        var cycles = await db.ReviewCycles.AsNoTracking().Where(c => db.Scorecards.Any(s => s.Id == c.ScorecardId && s.OrganizationId == organization.Id)).ToListAsync();
        foreach (var row in rows.Where(r => r.Kind is "escalation" or "digest" or "agenda"))
        {
            var (scorecard, period) = Read(row);
            var cycle = cycles.Where(c => c.ScorecardId == scorecard).First(c => (c.Kind == ReviewKind.Quarterly) == (period.Kind == PeriodKind.Quarter));
            var review = ReviewCalendar.For(organization, cycle, holidays).ScheduleOf(period);
            var (from, until) = row.Kind switch
            {
                "escalation" => (review.EscalateAt, review.MeetingAt),
                "digest" => (review.DigestAt, review.MeetingAt),
                _ => (review.AgendaAt, review.MeetingEndsAt),
            };
            Assert.True(row.CreatedAt >= from && row.SentAt < until, $"{row.Key}: written {row.CreatedAt:u}, due from {from:u} to {until:u}");
            // After the due date — unless the meeting is the first business day after the period
            // (a "1st Tuesday" review in a month that starts on a Tuesday), when window, due date
            // and escalation all fall on the meeting morning.
            if (row.Kind == "escalation" && review.Days.Due < review.Days.Meeting)
            {
                Assert.True(row.CreatedAt > review.DueAt, $"{row.Key} came before the due date");
            }
        }
    }

    private async Task<IReadOnlyList<Holiday>> HolidaysAsync(Organization organization)
    {
        await using var scope = bot.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        return await db.Holidays.AsNoTracking().Where(h => h.OrganizationId == organization.Id).ToListAsync();
    }

    private static (Guid Scorecard, Period Period) Read(OutboxMessage row) =>
        RhythmKeys.TryRead(row.DecisionKey, out _, out var scorecard, out var period) ? (scorecard, period) : throw new InvalidOperationException(row.Key);

    /// <summary>One line per row, in the order written: when (the recipient's local time), what, to whom, for which period.</summary>
    private static List<string> Describe(
        List<OutboxMessage> rows, IReadOnlyList<Organization> organizations, IReadOnlyDictionary<Guid, Person> people, IReadOnlyDictionary<Guid, string> scorecards)
    {
        var lines = new List<string>();
        foreach (var organization in organizations.OrderBy(o => o.Name, StringComparer.Ordinal))
        {
            var zone = FiscalCalendar.For(organization).TimeZone;
            lines.Add($"# {organization.Name} ({organization.TimeZoneId}, fiscal year from month {organization.FiscalYearStartMonth})");
            var mine = new List<(DateTimeOffset At, string Line)>();
            foreach (var row in rows.Where(r => r.OrganizationId == organization.Id))
            {
                var person = row.PersonId is { } id ? people[id] : null;
                var local = TimeZoneInfo.ConvertTime(row.CreatedAt, person?.TimeZoneId is { } tz ? TimeZoneInfo.FindSystemTimeZoneById(tz) : zone);
                var (scorecard, period) = Read(row);
                var part = row.Key.Contains('#', StringComparison.Ordinal) ? " " + row.Key[row.Key.IndexOf('#', StringComparison.Ordinal)..] : "";
                var thread = row.ParentKey is null ? "" : " (in thread)";
                mine.Add((row.CreatedAt, string.Create(CultureInfo.InvariantCulture,
                    $"{local:yyyy-MM-dd ddd HH:mm} | {row.Kind,-10} | {scorecards[scorecard],-10} | {period,-9} | {person?.Name ?? "team channel"}{part}{thread}")));
            }

            // Rows written in one run of the job come in the order of their keys, which hold ids
            // made at import: sort each moment's rows by what they say.
            lines.AddRange(mine.OrderBy(m => m.At).ThenBy(m => m.Line[m.Line.IndexOf('|', StringComparison.Ordinal)..], StringComparer.Ordinal).Select(m => m.Line));
        }

        return lines;
    }

    /// <summary>Compares with the file kept beside this test; on a difference writes what came out beside it (.received) for review.</summary>
    private static void Golden(string name, List<string> actual, [CallerFilePath] string here = "")
    {
        var path = Path.Combine(Path.GetDirectoryName(here)!, name);
        var expected = File.Exists(path) ? File.ReadAllLines(path) : [];
        if (!expected.SequenceEqual(actual))
        {
            File.WriteAllLines(Path.ChangeExtension(path, ".received.txt"), actual);
        }

        Assert.Equal(expected, actual);
    }

    private async Task<IReadOnlyDictionary<Guid, string>> ScorecardKeysAsync()
    {
        await using var scope = bot.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        return await db.Scorecards.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Key);
    }

    private async Task MoveAsync(string email, string zone)
    {
        await using var scope = bot.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        var person = await db.People.SingleAsync(p => p.Email == email);
        person.TimeZoneId = zone;
        await db.SaveChangesAsync();
    }

    private async Task<IReadOnlyList<Organization>> OrganizationsAsync()
    {
        await using var scope = bot.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        return await db.Organizations.AsNoTracking().OrderBy(o => o.Name).ToListAsync();
    }

    /// <summary>Every other reporter (by name) answers at once; the rest never do.</summary>
    private async Task<IReadOnlySet<Guid>> PunctualOwnersAsync(IReadOnlyList<Organization> organizations)
    {
        await using var scope = bot.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        var ids = organizations.Select(o => o.Id).ToList();
        var reporters = await db.Kpis.AsNoTracking().Where(k => ids.Contains(k.OrganizationId))
            .Select(k => k.DelegateId ?? k.OwnerId).Distinct().ToListAsync();
        var people = await db.People.AsNoTracking().Where(p => reporters.Contains(p.Id)).OrderBy(p => p.Name).ToListAsync();
        return people.Where((_, i) => i % 2 == 0).Select(p => p.Id).ToHashSet();
    }

    private async Task<List<OutboxMessage>> RowsAsync()
    {
        await using var scope = bot.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        return await db.Set<OutboxMessage>().AsNoTracking().OrderBy(m => m.Id).ToListAsync();
    }

    private async Task<IReadOnlyDictionary<Guid, Person>> PeopleAsync()
    {
        await using var scope = bot.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        return await db.People.AsNoTracking().ToDictionaryAsync(p => p.Id);
    }
}

public sealed class QuarterThroughTheHostOnSqlite(SqliteRhythmBot bot) : QuarterThroughTheHostTests(bot, bot.Time), IClassFixture<SqliteRhythmBot>;

public sealed class QuarterThroughTheHostOnPostgres(PostgresRhythmBot bot) : QuarterThroughTheHostTests(bot, bot.Time), IClassFixture<PostgresRhythmBot>;
