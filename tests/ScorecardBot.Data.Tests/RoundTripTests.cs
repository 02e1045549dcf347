using System.Collections;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using ScorecardBot.Core.Model;
using ScorecardBot.Data.Tests.Infrastructure;

namespace ScorecardBot.Data.Tests;

public abstract class RoundTripTests(TestDatabase database) : DatabaseTests(database)
{
    [Fact]
    public async Task Every_entity_reads_back_as_it_was_written()
    {
        var seed = await SeedScorecard.CreateAsync(Database);
        var written = new List<object>();
        var org = seed.Organization.Id;

        var person = new Person { OrganizationId = org, Name = "Dana Delegate", Email = "dana@contoso.example", TimeZoneId = "Europe/Berlin", Role = Role.Admin, IsActive = false };
        person.Accounts.Add(new ChannelAccount { Platform = Platform.Slack, ExternalId = "U024BE7LH", ChannelUserId = null });
        person.Accounts.Add(new ChannelAccount { Platform = Platform.Teams, ExternalId = Guid.NewGuid().ToString(), ChannelUserId = "29:1abc" });
        var team = new Scorecard
        {
            OrganizationId = org,
            Key = "sales",
            Name = "Sales",
            Description = "Team scorecard",
            ParentScorecardId = seed.Scorecard.Id,
            SupportsObjectiveId = seed.Objective.Id,
            Weight = 0.25m,
            ManagerId = person.Id,
            RequiresApproval = true,
            LockAfterReview = true,
        };
        var perspective = new Perspective { ScorecardId = team.Id, Name = "Learning & Growth", Kind = PerspectiveKind.LearningAndGrowth, Order = 3, Weight = 0.5m };
        var cause = new Objective { ScorecardId = team.Id, PerspectiveId = perspective.Id, Key = "train", Name = "Train the team", OwnerId = person.Id, ParentObjectiveId = seed.Objective.Id, Weight = 2m, Order = 1 };
        var effect = new Objective { ScorecardId = team.Id, PerspectiveId = perspective.Id, Key = "sell", Name = "Sell more", Description = "Grow revenue" };
        var link = new ObjectiveLink { ScorecardId = team.Id, CauseObjectiveId = cause.Id, EffectObjectiveId = effect.Id, Rationale = "Skills drive sales" };
        var channel = new TeamChannel { ScorecardId = team.Id, Platform = Platform.Teams, ConversationId = "19:abc@thread.tacv2", ServiceUrl = "https://smba.trafficmanager.net/emea/", Name = "Sales" };
        var kpi = new Kpi
        {
            OrganizationId = org,
            ScorecardId = team.Id,
            ObjectiveId = effect.Id,
            Key = "win-rate",
            Name = "Win rate",
            Aliases = ["WR", "hit rate"],
            Description = "Won / all",
            Unit = "%",
            Format = KpiFormat.Percent,
            Decimals = 2,
            Formula = "won / (won + lost)",
            DataSource = "CRM",
            Direction = Direction.WithinBand,
            Indicator = IndicatorType.Leading,
            Frequency = Frequency.Quarterly,
            Baseline = 31.25m,
            OwnerId = person.Id,
            DelegateId = seed.Owner.Id,
            Weight = 1.5m,
            FedByApi = true,
            Order = 7,
            RetiredAt = new DateTimeOffset(2026, 11, 30, 17, 0, 0, TimeSpan.FromHours(1)),
        };
        var target = new Target
        {
            OrganizationId = org,
            KpiId = kpi.Id,
            Period = Period.Quarter(2027, 1),
            Value = 35m,
            BandLow = 30m,
            BandHigh = 40m,
            ThresholdStyle = ThresholdStyle.Absolute,
            Amber = 2.5m,
            Red = 5m,
        };
        var actual = new Actual
        {
            OrganizationId = org,
            KpiId = kpi.Id,
            Period = Period.Month(2026, 10),
            Value = 12345678.123456m,
            Comment = "Strong month",
            SubmittedById = person.Id,
            SubmittedByName = "Dana",
            SubmittedAt = new DateTimeOffset(2026, 11, 2, 10, 30, 15, TimeSpan.FromHours(2)),
            Source = EntrySource.Import,
            SourceSystem = "SAP S/4HANA",
            CarriedForward = true,
            PendingApproval = true,
        };
        var noData = new Actual { OrganizationId = org, KpiId = kpi.Id, Period = Period.FiscalYear(2027), NoDataReason = "Survey not run", SubmittedAt = DateTimeOffset.UnixEpoch };
        var initiative = new Initiative
        {
            ScorecardId = team.Id,
            Key = "academy",
            Name = "Sales academy",
            Description = "Train",
            OwnerId = person.Id,
            Status = InitiativeStatus.AtRisk,
            Start = new DateOnly(2026, 4, 1),
            End = new DateOnly(2027, 3, 31),
            Budget = 120000m,
            Spent = 45000.5m,
            DecisionNeeded = "More budget?",
            ObjectiveIds = [cause.Id, effect.Id],
            KpiIds = [kpi.Id],
        };
        initiative.Milestones.Add(new Milestone { Name = "Pilot", Due = new DateOnly(2026, 9, 30), CompletedOn = new DateOnly(2026, 10, 2) });
        var reviewAction = new ReviewAction
        {
            OrganizationId = org,
            ScorecardId = team.Id,
            Number = 12,
            Text = "Call the top 5 lost deals",
            OwnerId = person.Id,
            Due = new DateOnly(2026, 12, 1),
            Status = ReviewActionStatus.Done,
            RaisedInPeriod = Period.Month(2026, 10),
            KpiId = kpi.Id,
            CreatedAt = new DateTimeOffset(2026, 11, 10, 10, 0, 0, TimeSpan.FromHours(1)),
            ClosedAt = new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero),
        };
        var cycle = new ReviewCycle
        {
            ScorecardId = team.Id,
            Kind = ReviewKind.Quarterly,
            WeekOfMonth = -1,
            DayOfWeek = DayOfWeek.Thursday,
            MeetingTime = new TimeOnly(14, 30),
            WindowOpensBusinessDaysBefore = 9,
            DueBusinessDaysBefore = 4,
            ReminderBusinessDays = [1, 4, 6],
            EscalateBusinessDaysAfterDue = 2,
            DigestBusinessDaysBefore = 2,
            SendTime = new TimeOnly(8, 45),
            MeetingMinutes = 90,
            WindowOverride = false,
            Revision = 3,
        };
        var holiday = new Holiday { OrganizationId = org, Date = new DateOnly(2026, 12, 25), Name = "Christmas" };
        var absence = new Absence
        {
            OrganizationId = org,
            PersonId = person.Id,
            From = new DateOnly(2026, 11, 16),
            To = new DateOnly(2026, 11, 20),
            DelegateId = seed.Owner.Id,
            Source = AbsenceSource.SlackStatus,
            CreatedAt = new DateTimeOffset(2026, 11, 12, 9, 0, 0, TimeSpan.Zero),
        };
        var late = new LateNotice
        {
            OrganizationId = org,
            KpiId = kpi.Id,
            Period = Period.Month(2026, 10),
            Eta = new DateOnly(2026, 11, 12),
            Reason = "ERP close runs late",
            ReportedById = person.Id,
            ReportedAt = new DateTimeOffset(2026, 11, 3, 9, 30, 0, TimeSpan.Zero),
        };

        var personalChat = new ConversationReference
        {
            OrganizationId = org,
            Platform = Platform.Teams,
            PersonId = person.Id,
            ConversationId = "a:1xyz;messageid=1",
            Kind = Core.Conversation.ConversationKind.Direct,
            ServiceUrl = "https://smba.trafficmanager.net/emea/",
            TenantOrTeamId = "tenant-1",
            BotId = "28:bot",
            UpdatedAt = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero),
        };
        var teamChat = new ConversationReference
        {
            OrganizationId = org,
            Platform = Platform.Slack,
            ConversationId = "C04LEADERS1",
            Kind = Core.Conversation.ConversationKind.Channel,
            TenantOrTeamId = "T1DC2JH3J",
            TeamId = "T1DC2JH3J",
            UpdatedAt = new DateTimeOffset(2026, 11, 3, 9, 0, 0, TimeSpan.Zero),
        };
        var installation = new SlackInstallation
        {
            TeamId = "T" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant(),
            TeamName = "Prairie Line",
            EnterpriseId = "E1",
            ProtectedBotToken = "CfDJ8protected",
            BotUserId = "U0BOT",
            AppId = "A0APP",
            Scopes = "commands,chat:write",
            InstalledAt = new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero),
        };
        var apiKey = new ApiKey
        {
            OrganizationId = org,
            Name = "SAP monthly close",
            Scope = ApiKeyScope.Write,
            Prefix = "abcdefghij23",
            SecretHash = Enumerable.Range(0, 32).Select(i => (byte)(i * 7)).ToArray(),
            CreatedById = person.Id,
            CreatedAt = new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero),
            RevokedAt = new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero),
            RevokedById = person.Id,
            LastUsedAt = new DateTimeOffset(2026, 11, 19, 23, 59, 0, TimeSpan.Zero),
        };
        var webhook = new WebhookSubscription
        {
            OrganizationId = org,
            Url = "https://bi.example.com/hooks/scorecard",
            Events = ["actual.recorded", "kpi.status_changed"],
            ProtectedSecret = "CfDJ8protected-secret",
            CreatedBy = "SAP monthly close",
            CreatedAt = new DateTimeOffset(2026, 11, 1, 8, 5, 0, TimeSpan.Zero),
        };
        var edit = new ScorecardEditRecord
        {
            OrganizationId = org,
            PersonId = person.Id,
            At = new DateTimeOffset(2026, 11, 3, 9, 30, 0, TimeSpan.Zero),
            Command = "kpi add",
            Description = "KPI 'Fuel cost per mile' added to objective 'Lower cost per mile' of Company (key fuel-cost-per-mile).",
            Undo = "{\"$op\":\"kpi.remove\",\"Key\":\"fuel-cost-per-mile\"}",
            UndoneAt = new DateTimeOffset(2026, 11, 3, 9, 35, 0, TimeSpan.Zero),
        };
        var meeting = new ReviewMeeting
        {
            OrganizationId = org,
            ScorecardId = team.Id,
            Period = Period.Month(2026, 10),
            Platform = Platform.Slack,
            ConversationId = "C0CHANNEL",
            ThreadId = "1796000000.000100",
            ItemsJson = "[]",
            Position = 2,
            State = MeetingState.Closed,
            StartedById = person.Id,
            StartedAt = new DateTimeOffset(2026, 11, 10, 9, 0, 0, TimeSpan.FromHours(1)),
            EndsAt = new DateTimeOffset(2026, 11, 10, 23, 59, 0, TimeSpan.Zero),
            ClosedAt = new DateTimeOffset(2026, 11, 10, 10, 30, 0, TimeSpan.Zero),
            ClosedById = person.Id,
        };
        var note = new MeetingNote
        {
            OrganizationId = org,
            MeetingId = meeting.Id,
            Kind = MeetingNoteKind.Parked,
            Item = 1,
            Text = "Revisit the depot budget in December",
            PersonId = person.Id,
            At = new DateTimeOffset(2026, 11, 10, 9, 40, 0, TimeSpan.Zero),
        };
        reviewAction.MeetingId = meeting.Id;
        var preRead = new PreRead
        {
            OrganizationId = org,
            KpiId = kpi.Id,
            Period = Period.Month(2026, 10),
            Cause = "Two trucks off the road for three weeks",
            Countermeasure = "Lease two trucks until the repairs are done",
            CountermeasureOwnerId = person.Id,
            CountermeasureDue = new DateOnly(2026, 11, 30),
            Need = PreReadNeed.Resources,
            AnsweredById = person.Id,
            AnsweredAt = new DateTimeOffset(2026, 11, 6, 11, 0, 0, TimeSpan.FromHours(1)),
        };
        var setupCode = new global::ScorecardBot.Data.Onboarding.SetupCode
        {
            Hash = Enumerable.Range(0, 32).Select(i => (byte)(i * 5)).ToArray(),
            CreatedAt = new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero),
            ExpiresAt = new DateTimeOffset(2026, 11, 8, 8, 0, 0, TimeSpan.Zero),
            UsedAt = new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero),
            UsedBy = "Teams tenant 72f988bf",
        };
        var outbox = new global::ScorecardBot.Data.Outbox.OutboxMessage
        {
            OrganizationId = org,
            Key = "prompt:round-trip",
            DecisionKey = "prompt:round-trip",
            Kind = "prompt",
            Platform = Platform.Teams,
            ConversationId = "19:abc@thread.tacv2",
            ThreadId = "1700000000000",
            ConversationKey = "Teams:ch:19:abc@thread.tacv2:1700000000000",
            PayloadJson = "{\"blocks\":[],\"summary\":\"x\"}",
            UpdatesConversationId = "19:abc@thread.tacv2",
            UpdatesMessageId = "1700000000001",
            ScheduledAt = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.FromHours(1)),
            CreatedAt = new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero),
            Attempts = 2,
            NextAttemptAt = new DateTimeOffset(2026, 11, 2, 8, 5, 0, TimeSpan.Zero),
            Status = global::ScorecardBot.Data.Outbox.OutboxStatus.Failed,
            LastError = "HTTP 502",
            SentConversationId = "19:abc@thread.tacv2",
            SentMessageId = "1700000000002",
            SentAt = new DateTimeOffset(2026, 11, 2, 8, 6, 0, TimeSpan.Zero),
            LockedBy = "bot-1:abc",
            LockedUntil = new DateTimeOffset(2026, 11, 2, 8, 7, 0, TimeSpan.Zero),
            ParentKey = "digest:round-trip",
            FollowedUpAt = new DateTimeOffset(2026, 11, 2, 8, 8, 0, TimeSpan.Zero),
        };
        var unreachable = new global::ScorecardBot.Data.Outbox.UnreachablePerson
        {
            OrganizationId = org,
            PersonId = person.Id,
            Platform = Platform.Slack,
            Reason = "messages_tab_disabled",
            Since = new DateTimeOffset(2026, 11, 2, 8, 9, 0, TimeSpan.Zero),
            ManagerToldAt = new DateTimeOffset(2026, 11, 2, 8, 10, 0, TimeSpan.Zero),
        };

        await using (var db = Database.CreateContext())
        {
            db.People.Add(person);
            db.Scorecards.Add(team);
            db.Perspectives.Add(perspective);
            db.Objectives.AddRange(cause, effect);
            db.ObjectiveLinks.Add(link);
            db.TeamChannels.Add(channel);
            db.Kpis.Add(kpi);
            db.Targets.Add(target);
            db.Actuals.AddRange(actual, noData);
            db.Initiatives.Add(initiative);
            db.ReviewActions.Add(reviewAction);
            db.ReviewCycles.Add(cycle);
            db.Holidays.Add(holiday);
            db.Absences.Add(absence);
            db.LateNotices.Add(late);
            db.ConversationReferences.AddRange(personalChat, teamChat);
            db.SlackInstallations.Add(installation);
            db.ApiKeys.Add(apiKey);
            db.WebhookSubscriptions.Add(webhook);
            db.ScorecardEdits.Add(edit);
            db.Add(meeting);
            db.Add(note);
            db.Add(preRead);
            db.Add(setupCode);
            db.Set<global::ScorecardBot.Data.Outbox.OutboxMessage>().Add(outbox);
            db.Add(unreachable);
            await db.SaveChangesAsync();
        }

        written.AddRange([seed.Organization, person, person.Accounts[0], person.Accounts[1], team, perspective, cause, effect, link, channel,
            kpi, target, actual, noData, initiative, initiative.Milestones[0], reviewAction, cycle, holiday, absence, late, personalChat, teamChat, installation, apiKey, webhook, edit, meeting, note, preRead, setupCode, outbox, unreachable]);

        await using var read = Database.CreateContext();
        foreach (var expected in written)
        {
            var type = read.Model.FindEntityType(expected.GetType())!;
            var id = type.FindPrimaryKey()!.Properties[0].PropertyInfo!.GetValue(expected)!;
            var stored = await read.FindAsync(expected.GetType(), id);
            Assert.NotNull(stored);
            AssertSameColumns(type, expected, stored);
        }

        var audit = await read.AuditEntries.Where(e => e.SubjectId == target.Id).SingleAsync();
        Assert.Equal(Period.Quarter(2027, 1), audit.Period);
        Assert.Equal(kpi.Id, audit.KpiId);

        var covered = written.Select(e => e.GetType()).Append(typeof(AuditEntry)).ToHashSet();
        var missed = read.Model.GetEntityTypes().Select(t => t.ClrType.Name).Where(name => !covered.Any(c => c.Name == name)).ToList();
        Assert.True(missed.Count == 0, "Not round-tripped: " + string.Join(", ", missed));
    }

    [Fact]
    public async Task Periods_and_submission_times_filter_and_sort_in_the_database()
    {
        var seed = await SeedScorecard.CreateAsync(Database);
        await using (var db = Database.CreateContext())
        {
            for (var month = 1; month <= 12; month++)
            {
                var actual = seed.NewActual(Period.Month(2026, month), month);
                actual.SubmittedAt = new DateTimeOffset(2026, month, 5, 12, 0, 0, TimeSpan.FromHours(month % 3));
                db.Actuals.Add(actual);
            }

            await db.SaveChangesAsync();
        }

        await using var read = Database.CreateContext();
        var from = Period.Month(2026, 10);
        var lastQuarter = await read.Actuals.Where(a => a.KpiId == seed.Kpi.Id && a.Period == from || a.KpiId == seed.Kpi.Id && a.Period == from.Next)
            .OrderByDescending(a => a.Period).Select(a => a.Period).ToListAsync();
        Assert.Equal([Period.Month(2026, 11), Period.Month(2026, 10)], lastQuarter);

        var since = new DateTimeOffset(2026, 9, 1, 0, 0, 0, TimeSpan.Zero);
        var latest = await read.Actuals.Where(a => a.KpiId == seed.Kpi.Id && a.SubmittedAt >= since)
            .OrderByDescending(a => a.SubmittedAt).Select(a => a.Value).ToListAsync();
        Assert.Equal([12m, 11m, 10m, 9m], latest);

        var above = await read.Actuals.Where(a => a.KpiId == seed.Kpi.Id && a.Value > 10.5m)
            .OrderByDescending(a => a.Value).Select(a => a.Value).ToListAsync();
        Assert.Equal([12m, 11m], above);
    }

    private static void AssertSameColumns(IEntityType type, object expected, object actual)
    {
        foreach (var property in type.GetProperties().Where(p => p.PropertyInfo is not null))
        {
            var want = property.PropertyInfo!.GetValue(expected);
            var got = property.PropertyInfo.GetValue(actual);
            if (want is IEnumerable list and not string)
            {
                Assert.Equal(list.Cast<object>(), ((IEnumerable)got!).Cast<object>());
            }
            else
            {
                Assert.True(Equals(want, got), $"{type.ClrType.Name}.{property.Name}: wrote {want}, read {got}");
            }
        }
    }
}

public sealed class RoundTripTestsOnSqlite(SqliteTestDatabase database) : RoundTripTests(database), IClassFixture<SqliteTestDatabase>;

public sealed class RoundTripTestsOnPostgres(PostgresTestDatabase database) : RoundTripTests(database), IClassFixture<PostgresTestDatabase>;
