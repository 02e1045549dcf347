using System.Globalization;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Periods;
using ScorecardBot.Core.Review;
using ScorecardBot.Core.Values;

namespace ScorecardBot.Core.Tests.Review;

/// <summary>A small scorecard reviewed for October 2026, with one KPI in every state an agenda cares about.</summary>
internal sealed class ReviewFixture
{
    public static readonly Period Oct = Period.Month(2026, 10);

    public ReviewFixture()
    {
        Scorecard = new Scorecard { Key = "ops", Name = "Operations" };
        Financial = Perspective("Financial", PerspectiveKind.Financial, 0);
        Customer = Perspective("Customer", PerspectiveKind.Customer, 1);
        Process = Perspective("Internal Process", PerspectiveKind.InternalProcess, 2);
        var grow = Objective("Grow revenue", Financial);
        var keep = Objective("Keep customers", Customer);
        var deliver = Objective("Deliver on time", Process);
        Scorecard.Links.Add(new ObjectiveLink { ScorecardId = Scorecard.Id, CauseObjectiveId = deliver.Id, EffectObjectiveId = keep.Id });

        Olivia = Person("Olivia", slack: "U0OLIVIA");
        Priya = Person("Priya", teams: "29:priya");
        Anna = Person("Anna");
        Max = Person("Max");
        Scorecard.ManagerId = Max.Id;

        // Red: 70 against 100, with a comment.
        Revenue = Kpi("Revenue", grow, Olivia, [90, 92, 95, 70], target: 100);
        Revenue.Actuals[^1].Comment = "Lost the Berger account";
        // Amber and worsening: 94, 93, 92 against 97 is 5.2 % short.
        Retention = Kpi("Customer retention", keep, Priya, [95, 94, 93, 92], target: 97);
        // A gap: nothing for October.
        Nps = Kpi("NPS", keep, Anna, [42, 41, 40], target: 45, endMonth: 9);
        // Leading, green, improving over three months while retention does not follow.
        Delivery = Kpi("On-time delivery", deliver, Anna, [90, 93, 96, 99], target: 95);
        Delivery.Indicator = IndicatorType.Leading;

        Scorecard.Initiatives.Add(new Initiative { Key = "crm", Name = "New CRM", OwnerId = Olivia.Id, Status = InitiativeStatus.OnTrack, DecisionNeeded = "Extend the budget by 20 %?" });
        Scorecard.Initiatives.Add(new Initiative
        {
            Key = "wh",
            Name = "Second warehouse",
            OwnerId = Anna.Id,
            Status = InitiativeStatus.OnTrack,
            Milestones = [new Milestone { Name = "Lease signed", Due = new DateOnly(2026, 10, 15) }],
        });
        Scorecard.Initiatives.Add(new Initiative { Key = "app", Name = "Customer app", OwnerId = Priya.Id, Status = InitiativeStatus.OffTrack });
        Scorecard.Initiatives.Add(new Initiative { Key = "done", Name = "Old ERP", Status = InitiativeStatus.Done, DecisionNeeded = "none" });

        Actions.Add(new ReviewAction { ScorecardId = Scorecard.Id, Number = 7, Text = "Call Berger about renewal", OwnerId = Olivia.Id, RaisedInPeriod = Period.Month(2026, 9) });
        Actions.Add(new ReviewAction { ScorecardId = Scorecard.Id, Number = 8, Text = "Done already", Status = ReviewActionStatus.Done, RaisedInPeriod = Period.Month(2026, 9) });
    }

    public Scorecard Scorecard { get; }
    public Perspective Financial { get; }
    public Perspective Customer { get; }
    public Perspective Process { get; }
    public Person Olivia { get; }
    public Person Priya { get; }
    public Person Anna { get; }
    public Person Max { get; }
    public Kpi Revenue { get; }
    public Kpi Retention { get; }
    public Kpi Nps { get; }
    public Kpi Delivery { get; }
    public List<Person> People { get; } = [];
    public List<ReviewAction> Actions { get; } = [];

    public static FiscalCalendar Calendar { get; } = FiscalCalendar.Create(1, "Europe/Berlin");

    public static ValueFormatter Formatter { get; } = new(CultureInfo.GetCultureInfo("en-US"), "EUR");

    public ReviewRequest Request(int meetingMinutes = 60, bool mention = true) => new()
    {
        Scorecard = Scorecard,
        Period = Oct,
        Calendar = Calendar,
        People = People.ToDictionary(p => p.Id),
        Today = new DateOnly(2026, 11, 9),
        Actions = Actions,
        MeetingMinutes = meetingMinutes,
        MentionOwners = mention,
    };

    public Kpi Kpi(string name, Objective objective, Person owner, decimal[] values, decimal target, int endMonth = 10)
    {
        var kpi = new Kpi { ScorecardId = Scorecard.Id, ObjectiveId = objective.Id, Key = name.ToLowerInvariant().Replace(' ', '-'), Name = name, OwnerId = owner.Id, Format = KpiFormat.Number, Decimals = 0, Order = Scorecard.Kpis.Count };
        for (var i = 0; i < values.Length; i++)
        {
            var period = Period.Month(2026, endMonth).AddPeriods(i - values.Length + 1);
            kpi.Actuals.Add(new Actual { KpiId = kpi.Id, Period = period, Value = values[i], SubmittedAt = DateTimeOffset.UnixEpoch });
        }

        for (var m = -12; m <= 1; m++)
        {
            kpi.Targets.Add(new Target { KpiId = kpi.Id, Period = Period.Month(2026, endMonth).AddPeriods(m), Value = target });
        }

        Scorecard.Kpis.Add(kpi);
        return kpi;
    }

    public Objective Objective(string name, Perspective perspective)
    {
        var objective = new Objective { ScorecardId = Scorecard.Id, PerspectiveId = perspective.Id, Key = name.ToLowerInvariant().Replace(' ', '-'), Name = name, Order = Scorecard.Objectives.Count };
        Scorecard.Objectives.Add(objective);
        return objective;
    }

    private Perspective Perspective(string name, PerspectiveKind kind, int order)
    {
        var perspective = new Perspective { ScorecardId = Scorecard.Id, Name = name, Kind = kind, Order = order };
        Scorecard.Perspectives.Add(perspective);
        return perspective;
    }

    private Person Person(string name, string? slack = null, string? teams = null)
    {
        var person = new Person { Name = name, Email = name.ToLowerInvariant() + "@example.com" };
        if (slack is not null)
        {
            person.Accounts.Add(new ChannelAccount { PersonId = person.Id, Platform = Platform.Slack, ExternalId = slack });
        }

        if (teams is not null)
        {
            person.Accounts.Add(new ChannelAccount { PersonId = person.Id, Platform = Platform.Teams, ExternalId = "aad-" + name, ChannelUserId = teams });
        }

        People.Add(person);
        return person;
    }

    /// <summary>Every inline of every paragraph of the messages, in order.</summary>
    public static IEnumerable<Inline> Inlines(IEnumerable<Message> messages) =>
        messages.SelectMany(m => m.Blocks).OfType<Paragraph>().SelectMany(p => p.Inlines);

    /// <summary>The text of a paragraph, with mentions as @Name.</summary>
    public static string TextOf(Paragraph paragraph) => string.Concat(paragraph.Inlines.Select(i => i switch
    {
        Run r => r.Text,
        Mention m => "@" + m.Name,
        Link l => l.Text,
        _ => string.Empty,
    }));
}
