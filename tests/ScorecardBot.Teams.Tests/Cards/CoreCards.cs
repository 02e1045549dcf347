using System.Globalization;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Conversation.Submission;
using ScorecardBot.Core.Meetings;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Periods;
using ScorecardBot.Core.Review;
using ScorecardBot.Core.Values;

namespace ScorecardBot.Teams.Tests.Cards;

/// <summary>Cards as the core builds them for the review rhythm: the prompt with its quick answers, its preview and error versions, the approval card, a digest with notes.</summary>
internal static class CoreCards
{
    private static readonly Period October = Period.Month(2026, 10);

    private static (OrganizationSnapshot Snapshot, Kpi Retention, Kpi Nps, Person Ana) World()
    {
        var organization = new Organization { Name = "Contoso", TimeZoneId = "Europe/Berlin" };
        var ana = new Person { OrganizationId = organization.Id, Name = "Ana Lima", Email = "ana@contoso.example", Role = Role.Owner };
        var scorecard = new Scorecard { OrganizationId = organization.Id, Key = "sales", Name = "Sales" };
        var perspective = new Perspective { ScorecardId = scorecard.Id, Name = "Customer", Kind = PerspectiveKind.Customer };
        var objective = new Objective { ScorecardId = scorecard.Id, PerspectiveId = perspective.Id, Key = "keep", Name = "Keep customers" };
        scorecard.Perspectives.Add(perspective);
        scorecard.Objectives.Add(objective);
        Kpi Kpi(string name, string? unit, KpiFormat format, decimal target)
        {
            var kpi = new Kpi { OrganizationId = organization.Id, ScorecardId = scorecard.Id, ObjectiveId = objective.Id, Key = name.ToLowerInvariant().Replace(' ', '-'), Name = name, Unit = unit, Format = format, OwnerId = ana.Id };
            for (var p = October.AddPeriods(-4); p <= October; p = p.Next)
            {
                kpi.Targets.Add(new Target { KpiId = kpi.Id, Period = p, Value = target, Amber = 97, Red = 93 });
                if (p < October)
                {
                    kpi.Actuals.Add(new Actual { KpiId = kpi.Id, Period = p, Value = target - 1, SubmittedAt = DateTimeOffset.UnixEpoch });
                }
            }

            scorecard.Kpis.Add(kpi);
            return kpi;
        }

        var retention = Kpi("Customer retention", "%", KpiFormat.Percent, 92);
        var nps = Kpi("Net promoter score", null, KpiFormat.Number, 45);
        return (new OrganizationSnapshot(organization, [scorecard], [ana], []), retention, nps, ana);
    }

    public static Message Prompt()
    {
        var (snapshot, retention, nps, _) = World();
        return PromptCards.For(snapshot, [new PromptItem(retention, October), new PromptItem(nps, October)]);
    }

    public static Message Preview()
    {
        var (snapshot, retention, nps, _) = World();
        var mode = new SubmissionMode(EntrySource.Card, Confirmed: false, FromCard: true, new DateTimeOffset(2026, 11, 3, 9, 0, 0, TimeSpan.Zero));
        return ActualSubmission.Preview(snapshot,
        [
            new SubmittedActual(retention.Id, October, "80", null),
            new SubmittedActual(nps.Id, October, string.Empty, "Survey closes late", QuickAnswer.Late, "12 Nov"),
        ], mode);
    }

    public static Message CommentMissing()
    {
        var (snapshot, retention, _, _) = World();
        return PromptCards.For(snapshot,
        [
            new PromptItem(retention, October) { TypedValue = "80", CommentError = "Red against the target of 92.0 %: say in the comment what caused it and what you will do about it." },
        ]);
    }

    public static Message Approval()
    {
        var (snapshot, retention, _, ana) = World();
        var pending = new Actual { KpiId = retention.Id, Period = October, Value = 91.5m, Comment = "Two renewals slipped", PendingApproval = true, Version = 3, SubmittedById = ana.Id };
        return ApprovalCards.For(snapshot, retention, pending, ana, typedReason: "", reasonError: "Say why you reject it.");
    }

    public static Message RhythmPrompt()
    {
        var (snapshot, retention, nps, ana) = World();
        var culture = CultureInfo.GetCultureInfo("en-US");
        var builder = new PromptBuilder(FiscalCalendar.For(snapshot.Organization), new ValueFormatter(culture, "USD"), culture);
        return builder.Prompt(ana, October, [new(retention, October), new(nps, October)], new DateOnly(2026, 11, 5), coveringFor: new Person { Name = "Ben Cole", Email = "ben@contoso.example" });
    }

    /// <summary>The presenter's pre-read for two red KPIs; with <paramref name="typed"/>, as it comes back after a bad answer.</summary>
    public static Message PreRead(bool typed = false)
    {
        var (snapshot, retention, nps, ana) = World();
        retention.Actuals.Add(new Actual { KpiId = retention.Id, Period = October, Value = 80, Comment = "Two key accounts left for a cheaper carrier", SubmittedAt = DateTimeOffset.UnixEpoch });
        nps.Actuals.Add(new Actual { KpiId = nps.Id, Period = October, Value = 30, SubmittedAt = DateTimeOffset.UnixEpoch });
        var culture = CultureInfo.GetCultureInfo("en-US");
        var calendar = FiscalCalendar.For(snapshot.Organization);
        var items = new[] { retention, nps }.Select(k => new PreReadItem(k, ScorecardBot.Core.Scoring.KpiSnapshot.Compute(k, October), PreReadReason.Red)).ToList();
        var answers = typed
            ? new Dictionary<Guid, PreReadTyped> { [retention.Id] = new PreReadTyped("", "Win-back calls", ana.Id.ToString("N"), "1 Nov", "Decision") { CauseError = "Give the cause: what is behind Customer retention's number.", DueError = "1 Nov 2026 is in the past: give today or a later day." } }
            : null;
        return new PreReadBuilder(calendar, new ValueFormatter(culture, "USD"), culture)
            .Build(ana, snapshot.Scorecards[0], October, items, snapshot.People, new DateTimeOffset(2026, 11, 10, 8, 0, 0, TimeSpan.Zero), typed: answers, problem: typed ? "Please check: Give the cause: what is behind Customer retention's number." : null);
    }

    /// <summary>A month before FY2027: the KPIs without its targets, with "carry FY2026's targets forward".</summary>
    public static Message YearTargets()
    {
        var (snapshot, retention, nps, _) = World();
        retention.Targets.Add(new Target { KpiId = retention.Id, Period = Period.FiscalYear(2026), Value = 92, Amber = 97, Red = 93 });
        var culture = CultureInfo.GetCultureInfo("en-US");
        return new YearTargetsBuilder(FiscalCalendar.For(snapshot.Organization), new ValueFormatter(culture, "USD"), culture)
            .Build(snapshot.Scorecards[0], Period.FiscalYear(2027), [retention, nps]);
    }

    /// <summary>A review meeting's card on its first item (a KPI with its data), one with typed input refused, and its minutes.</summary>
    public static (Message Card, Message Refused, Message Minutes) Meeting()
    {
        var (snapshot, retention, _, ana) = World();
        var scorecard = snapshot.Scorecards[0];
        var meeting = new ReviewMeeting
        {
            OrganizationId = snapshot.Organization.Id,
            ScorecardId = scorecard.Id,
            Period = October,
            Platform = Platform.Teams,
            ConversationId = "19:review@thread.tacv2",
            ItemsJson = MeetingItems.Write(
            [
                new MeetingItem("Customer retention", "Red KPIs: the owner presents", ana.Id, retention.Id, "91 vs target 92. “Two renewals slipped”"),
                new MeetingItem("Agree actions, owners and due dates", "Close", ana.Id),
            ]),
            StartedById = ana.Id,
            StartedAt = new DateTimeOffset(2026, 11, 10, 9, 0, 0, TimeSpan.Zero),
            EndsAt = new DateTimeOffset(2026, 11, 10, 23, 0, 0, TimeSpan.Zero),
        };
        meeting.Notes.AddRange(MeetingFlow.Apply(meeting, new RecordDecision(0, "Call every account renewing in Q1"), ana.Id, canManage: true, meeting.StartedAt).Notes);
        var actions = new List<ReviewAction> { new() { Number = 4, Text = "List the Q1 renewals", OwnerId = ana.Id, Due = new DateOnly(2026, 11, 20), KpiId = retention.Id } };
        var culture = CultureInfo.GetCultureInfo("en-US");
        var view = new MeetingView(meeting, scorecard, actions, new Dictionary<Guid, Person> { [ana.Id] = ana }, FiscalCalendar.For(snapshot.Organization), new ValueFormatter(culture, "USD"), culture);
        var card = MeetingCards.Card(view);
        var refused = MeetingCards.Card(view, new MeetingDraft(ActionText: "Call them", Owner: "Nobody", Due: "2020-01-01") { OwnerError = "I don't know Nobody in Contoso.", DueError = "The due date 2020-01-01 is in the past." });
        MeetingFlow.Apply(meeting, new NextItem(0), ana.Id, canManage: true, meeting.StartedAt);
        MeetingFlow.Apply(meeting, new ParkItem(1), ana.Id, canManage: true, meeting.StartedAt);
        MeetingFlow.Apply(meeting, new EndMeeting(), ana.Id, canManage: true, meeting.StartedAt.AddMinutes(55));
        return (card, refused, MeetingCards.Minutes(view));
    }
}
