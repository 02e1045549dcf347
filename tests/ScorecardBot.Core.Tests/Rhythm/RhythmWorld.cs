using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Rhythm;

namespace ScorecardBot.Core.Tests.Rhythm;

/// <summary>
/// One organization living through a few months: the clock advances, the rhythm decides, the
/// decisions are recorded as the outbox would, and people report their actuals when their
/// habit says (some right after the prompt, some after a reminder, some never).
/// </summary>
internal sealed class RhythmWorld
{
    private readonly Dictionary<Guid, string> _names = [];
    private readonly List<Actual> _actuals = [];
    private readonly HashSet<string> _done = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _madeAt = new(StringComparer.Ordinal);

    /// <summary>How a person answers: after which decision kind (and reminder number) and how long after it; null: never for that period.</summary>
    private readonly Dictionary<Guid, Func<Period, (RhythmDecisionKind Kind, int Number, TimeSpan After)?>> _habits = [];
    private readonly List<(DateTimeOffset At, Guid Person, Period Period)> _pendingReports = [];

    public RhythmWorld(string name, string zone, int fiscalStart)
    {
        Organization = new Organization { Id = NextId(), Name = name, TimeZoneId = zone, FiscalYearStartMonth = fiscalStart };
        Scorecard = new Scorecard { Id = NextId(), OrganizationId = Organization.Id, Key = "main", Name = name + " scorecard" };
        Scorecard.ReviewCycles.Add(new ReviewCycle { ScorecardId = Scorecard.Id });
        _names[Scorecard.Id] = "sc";
    }

    public Organization Organization { get; }
    public Scorecard Scorecard { get; }
    public List<Person> People { get; } = [];
    public List<Holiday> Holidays { get; } = [];
    public List<Absence> Absences { get; } = [];
    public List<LateNotice> LateNotices { get; } = [];
    public List<(RhythmDecision Decision, DateTimeOffset At)> Made { get; } = [];

    /// <summary>When each person reported for each reviewed period.</summary>
    public List<(Guid Person, Period Period, DateTimeOffset At)> Reports { get; } = [];

    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(Organization.TimeZoneId);

    public Person Person(string name, string? zone = null, Func<Period, (RhythmDecisionKind, int, TimeSpan)?>? habit = null)
    {
        var person = new Person { Id = NextId(), OrganizationId = Organization.Id, Name = name, Email = name.ToLowerInvariant() + "@example.com", TimeZoneId = zone };
        People.Add(person);
        _names[person.Id] = name;
        if (habit is not null)
        {
            _habits[person.Id] = habit;
        }

        return person;
    }

    public Kpi Kpi(string name, Person owner, Person? delegateTo = null, Frequency frequency = Frequency.Monthly, bool fedByApi = false)
    {
        var kpi = new Kpi
        {
            OrganizationId = Organization.Id,
            ScorecardId = Scorecard.Id,
            Key = name.ToLowerInvariant().Replace(' ', '-'),
            Name = name,
            OwnerId = owner.Id,
            DelegateId = delegateTo?.Id,
            Frequency = frequency,
            FedByApi = fedByApi,
            Order = Scorecard.Kpis.Count,
        };
        Scorecard.Kpis.Add(kpi);
        return kpi;
    }

    private int _lastId;

    /// <summary>Ids in creation order, so decisions made at the same moment come in a fixed order.</summary>
    private Guid NextId() => Guid.Parse($"00000000-0000-0000-0000-{++_lastId:D12}");

    public RhythmInput Input() => new()
    {
        Organization = Organization,
        Scorecards = [Scorecard],
        People = People,
        Holidays = Holidays,
        Absences = Absences,
        LateNotices = LateNotices,
        Actuals = _actuals,
        DoneKeys = _done,
        MadeAt = _madeAt,
    };

    /// <summary>Records decisions as the outbox would.</summary>
    public void Record(IEnumerable<RhythmDecision> decisions, DateTimeOffset now)
    {
        foreach (var decision in decisions)
        {
            Assert.True(_done.Add(decision.Key), $"{decision.Key} was decided twice.");
            _madeAt[decision.Key] = now;
            Made.Add((decision, now));
            Plan(decision, now);
        }
    }

    public IReadOnlyList<RhythmDecision> DecideNow(DateTimeOffset now) => ReviewRhythm.Decide(Input(), now);

    /// <summary>
    /// Runs from <paramref name="from"/> to <paramref name="to"/>: jumps to the next due moment or
    /// report (or steps by <paramref name="step"/>), records what is decided, and checks at
    /// every stop that deciding again at the same instant gives nothing new.
    /// </summary>
    public void Run(FakeTimeProvider clock, DateTimeOffset to, TimeSpan? step = null)
    {
        while (clock.GetUtcNow() < to)
        {
            var now = clock.GetUtcNow();
            foreach (var report in _pendingReports.Where(r => r.At <= now).ToList())
            {
                Report(report.Person, report.Period, now);
                _pendingReports.Remove(report);
            }

            Record(ReviewRhythm.Decide(Input(), now), now);

            Assert.Empty(ReviewRhythm.Decide(Input(), now));

            DateTimeOffset next;
            if (step is { } s)
            {
                next = now + s;
            }
            else
            {
                var due = ReviewRhythm.NextDueAt(Input(), now) ?? to;
                var report = _pendingReports.Count == 0 ? to : _pendingReports.Min(r => r.At);
                next = new[] { due, report, to }.Min();
            }

            clock.SetUtcNow(next);
        }
    }

    private void Plan(RhythmDecision decision, DateTimeOffset now)
    {
        if (decision.Recipient.PersonId is not { } person || !_habits.TryGetValue(person, out var habit))
        {
            return;
        }

        if (habit(decision.Period) is { } h && h.Kind == decision.Kind && h.Number == decision.Number)
        {
            _pendingReports.Add((now + h.After, person, decision.Period));
        }
    }

    /// <summary>The person reports every KPI they answer for in the review of <paramref name="reviewed"/>.</summary>
    private void Report(Guid person, Period reviewed, DateTimeOffset now)
    {
        var fiscal = Core.Periods.FiscalCalendar.For(Organization);
        Reports.Add((person, reviewed, now));
        // A number fed by the API comes from its system, never from the person.
        foreach (var kpi in Scorecard.Kpis.Where(k => (k.DelegateId ?? k.OwnerId) == person && !k.FedByApi))
        {
            var quarter = fiscal.QuarterOf(reviewed);
            if (kpi.Frequency == Frequency.Quarterly && fiscal.LastMonth(quarter) != reviewed)
            {
                continue;
            }

            var period = kpi.Frequency == Frequency.Quarterly ? quarter : reviewed;
            _actuals.Add(new Actual { KpiId = kpi.Id, Period = period, Value = 1m, SubmittedById = person, SubmittedAt = now });
        }
    }

    /// <summary>A decision as a line a reader can check: local time in the recipient's zone, kind, key with names, recipient, KPIs.</summary>
    public string Describe(RhythmDecision decision, DateTimeOffset at)
    {
        var zone = decision.Recipient.PersonId is { } p && People.First(x => x.Id == p).TimeZoneId is { } z
            ? TimeZoneInfo.FindSystemTimeZoneById(z)
            : Zone;
        var local = TimeZoneInfo.ConvertTime(at, zone);
        var key = decision.Key;
        foreach (var (id, name) in _names)
        {
            key = key.Replace(id.ToString(), name, StringComparison.Ordinal);
        }

        var recipient = decision.Recipient.PersonId is { } pid ? _names[pid] : "#channel";
        var kpis = decision.Kpis.Count == 0
            ? string.Empty
            : " [" + string.Join(", ", decision.Kpis.Select(k => Scorecard.Kpis.First(x => x.Id == k.KpiId).Name + (k.Period.Kind == PeriodKind.Quarter ? " " + k.Period : string.Empty))) + "]";
        return string.Create(CultureInfo.InvariantCulture, $"{local:ddd yyyy-MM-dd HH:mm} {decision.Kind} {key} -> {recipient}{kpis}");
    }
}
