using System.Globalization;
using BenchmarkDotNet.Attributes;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Periods;
using ScorecardBot.Core.Review;
using ScorecardBot.Core.Values;

namespace ScorecardBot.Benchmarks.Review;

/// <summary>
/// Digest and agenda of a large scorecard: 500 KPIs with 60 months of actuals and targets each.
/// Budget: both together within 50 ms, snapshots included.
/// </summary>
[MemoryDiagnoser]
public class ReviewBuildBenchmarks
{
    private const int KpiCount = 500;
    private const int Months = 60;
    private static readonly Period Reviewed = Period.Month(2026, 10);

    private Scorecard _scorecard = null!;
    private Dictionary<Guid, Person> _people = null!;
    private readonly FiscalCalendar _calendar = FiscalCalendar.Create(4, "Europe/Berlin");
    private readonly ValueFormatter _formatter = new(CultureInfo.GetCultureInfo("en-US"), "EUR");
    private DigestBuilder _digest = null!;
    private AgendaBuilder _agenda = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        _scorecard = new Scorecard { Key = "big", Name = "Group" };
        var people = Enumerable.Range(0, 50).Select(i => new Person { Name = $"Owner {i}", Email = $"owner{i}@example.com" }).ToList();
        _people = people.ToDictionary(p => p.Id);
        var objectives = new List<Objective>();
        foreach (var (kind, name) in Perspective.Defaults)
        {
            var perspective = new Perspective { ScorecardId = _scorecard.Id, Name = name, Kind = kind, Order = (int)kind };
            _scorecard.Perspectives.Add(perspective);
            for (var o = 0; o < 5; o++)
            {
                var objective = new Objective { ScorecardId = _scorecard.Id, PerspectiveId = perspective.Id, Key = $"{kind}-{o}", Name = $"{name} objective {o}" };
                objectives.Add(objective);
                _scorecard.Objectives.Add(objective);
            }
        }

        for (var o = 0; o + 5 < objectives.Count; o += 5)
        {
            _scorecard.Links.Add(new ObjectiveLink { ScorecardId = _scorecard.Id, CauseObjectiveId = objectives[o + 5].Id, EffectObjectiveId = objectives[o].Id });
        }

        for (var k = 0; k < KpiCount; k++)
        {
            var kpi = new Kpi
            {
                ScorecardId = _scorecard.Id,
                ObjectiveId = objectives[k % objectives.Count].Id,
                Key = $"kpi-{k}",
                Name = $"KPI {k}",
                OwnerId = people[k % people.Count].Id,
                Indicator = k % 3 == 0 ? IndicatorType.Leading : IndicatorType.Lagging,
                Order = k,
            };
            var value = 100.0;
            for (var m = Months - 1; m >= 0; m--)
            {
                var period = Reviewed.AddPeriods(-m);
                value += (random.NextDouble() * 10) - 5;
                kpi.Targets.Add(new Target { KpiId = kpi.Id, Period = period, Value = 100 });
                if (m == 0 && k % 17 == 0)
                {
                    continue; // a few gaps this month
                }

                kpi.Actuals.Add(new Actual { KpiId = kpi.Id, Period = period, Value = (decimal)Math.Round(value, 1), Comment = m == 0 ? $"Comment on KPI {k}" : null });
            }

            _scorecard.Kpis.Add(kpi);
        }

        for (var i = 0; i < 20; i++)
        {
            _scorecard.Initiatives.Add(new Initiative
            {
                Key = $"i{i}",
                Name = $"Initiative {i}",
                OwnerId = people[i].Id,
                Status = (InitiativeStatus)(i % 4),
                DecisionNeeded = i % 5 == 0 ? "Go or stop?" : null,
                Milestones = [new Milestone { Name = "Phase 1", Due = new DateOnly(2026, 9, 1) }],
            });
        }

        _digest = new DigestBuilder(_formatter, id => $"https://bot.example.com/charts/multiples/{id}.png");
        _agenda = new AgendaBuilder(_formatter);
    }

    private ReviewRequest Request() => new()
    {
        Scorecard = _scorecard,
        Period = Reviewed,
        Calendar = _calendar,
        People = _people,
        Today = new DateOnly(2026, 11, 9),
    };

    [Benchmark(Description = "digest + agenda, 500 KPIs x 60 months")]
    public int DigestAndAgenda()
    {
        var request = Request();
        request = request with { Snapshots = ReviewText.Snapshots(_scorecard, Reviewed, _calendar) };
        IReadOnlyList<Message> digest = _digest.Build(request);
        IReadOnlyList<Message> agenda = _agenda.Build(request);
        return digest.Count + agenda.Count;
    }

    [Benchmark(Description = "digest alone (computes its snapshots)")]
    public int Digest() => _digest.Build(Request()).Count;

    [Benchmark(Description = "agenda alone (computes its snapshots)")]
    public int Agenda() => _agenda.Build(Request()).Count;
}
