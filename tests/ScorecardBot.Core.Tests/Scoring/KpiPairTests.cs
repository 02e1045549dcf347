using System.Globalization;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Periods;
using ScorecardBot.Core.Review;
using ScorecardBot.Core.Scoring;
using ScorecardBot.Core.Tests.Review;
using ScorecardBot.Core.Values;

namespace ScorecardBot.Core.Tests.Scoring;

/// <summary>
/// Goodhart pairs: the digest and the agenda say "check the pair" exactly when one KPI of a pair
/// improved on its previous value while the other worsened, each by more than its own noise.
/// </summary>
public class KpiPairTests
{
    private const int Draws = 600;
    private static readonly Period End = Period.Month(2026, 10);
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");
    private static readonly ValueFormatter Formatter = new(English, "USD");
    private static readonly FiscalCalendar Calendar = FiscalCalendar.Create(1, "Europe/Berlin");

    public static TheoryData<int> Seeds => [3, 424, 77777];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void The_pair_sentence_appears_only_when_the_two_moved_in_opposite_goodness_beyond_their_noise(int seed)
    {
        var random = new Random(seed);
        var (said, quiet) = (0, 0);
        for (var draw = 0; draw < Draws; draw++)
        {
            var (scorecard, speed, claims) = Card(random);
            var request = Request(scorecard);
            var texts = OnePassReadingTests.TextsOf([
                .. new DigestBuilder(Formatter, culture: English).Build(request),
                .. new AgendaBuilder(Formatter, English).Build(request)]).ToList();

            var expected = Opposed(speed, claims) ?? Opposed(claims, speed);
            var context = $"seed {seed} draw {draw}: {Show(speed)} | {Show(claims)}";
            var sentences = texts.Where(t => t.Contains("check the pair", StringComparison.Ordinal)).ToList();
            if (expected is { } e)
            {
                said++;
                Assert.True(sentences.Count > 0, context);
                var better = scorecard.Kpis.Single(k => k.Id == e.Better.KpiId);
                var worse = scorecard.Kpis.Single(k => k.Id == e.Worse.KpiId);
                Assert.All(sentences, t => Assert.Contains($"{better.Name} {(Change(better) > 0 ? "up" : "down")} ", t, StringComparison.Ordinal));
                Assert.All(sentences, t => Assert.Contains($" while {worse.Name} {(Change(worse) > 0 ? "rose" : "fell")} ", t, StringComparison.Ordinal));
            }
            else
            {
                quiet++;
                Assert.True(sentences.Count == 0, $"{context} → {string.Join(" / ", sentences)}");
            }
        }

        // Both sides of the property were exercised.
        Assert.True(said > Draws / 20, $"only {said} draws moved apart");
        Assert.True(quiet > Draws / 20, $"only {quiet} draws stayed together");
    }

    [Fact]
    public void The_sentence_gives_percentages_in_points_and_other_KPIs_by_their_relative_change()
    {
        var scorecard = new Scorecard { Key = "s", Name = "Logistics" };
        var objective = new Objective { ScorecardId = scorecard.Id, Key = "o", Name = "Deliver" };
        scorecard.Objectives.Add(objective);
        var otd = AddKpi(scorecard, objective, "On-time delivery", KpiFormat.Percent, "%", Direction.HigherIsBetter,
            [90m, 90.5m, 89.8m, 90.2m, 89.9m, 90.1m, 93.1m]);
        var claims = AddKpi(scorecard, objective, "Cargo claims rate", KpiFormat.Number, "per 100 loads", Direction.LowerIsBetter,
            [1.0m, 1.05m, 0.98m, 1.02m, 0.99m, 1.0m, 1.4m]);
        otd.PairKpiId = claims.Id;

        var request = Request(scorecard);
        var digest = OnePassReadingTests.TextsOf(new DigestBuilder(Formatter, culture: English).Build(request)).ToList();
        var plan = new AgendaBuilder(Formatter, English).Plan(request);

        const string sentence = "On-time delivery up 3.0 pts while Cargo claims rate rose 40 %: check the pair.";
        Assert.Contains(digest, t => t.Contains(sentence, StringComparison.Ordinal));
        Assert.Contains(digest, t => t.StartsWith("Pairs moving apart (1)", StringComparison.Ordinal));
        var item = Assert.Single(plan.Items, i => i.Section == AgendaSection.PairsApart);
        Assert.Equal(sentence, item.Detail);
        Assert.Equal(otd.Id, item.KpiId);
        Assert.Equal(otd.OwnerId, item.OwnerId);
    }

    [Fact]
    public void A_pair_is_found_from_either_side()
    {
        var scorecard = new Scorecard { Key = "s", Name = "S" };
        var a = new Kpi { Key = "a", Name = "A" };
        var b = new Kpi { Key = "b", Name = "B", PairKpiId = a.Id };
        var c = new Kpi { Key = "c", Name = "C" };
        scorecard.Kpis.AddRange([a, b, c]);

        Assert.Equal([b], KpiPairs.CounterweightsOf(a, scorecard.Kpis));
        Assert.Equal([a], KpiPairs.CounterweightsOf(b, scorecard.Kpis));
        Assert.Empty(KpiPairs.CounterweightsOf(c, scorecard.Kpis));
        a.PairKpiId = b.Id;
        Assert.Single(KpiPairs.PairsIn(scorecard.Kpis));
        Assert.Equal([b], KpiPairs.CounterweightsOf(a, scorecard.Kpis));
    }

    /// <summary>The oracle: both changed on their previous value by more than their own noise, one for the better, one for the worse.</summary>
    private static (KpiSnapshot Better, KpiSnapshot Worse)? Opposed(Kpi a, Kpi b)
    {
        var sa = KpiSnapshot.Compute(a, End);
        var sb = KpiSnapshot.Compute(b, End);
        if (sa.Trend.Noise is not { } na || sb.Trend.Noise is not { } nb || Previous(a) is null || Previous(b) is null)
        {
            return null;
        }

        var (ca, cb) = (Change(a), Change(b));
        var betterA = a.Direction == Direction.HigherIsBetter ? ca > 0 : ca < 0;
        var worseB = b.Direction == Direction.HigherIsBetter ? cb < 0 : cb > 0;
        return Math.Abs(ca) > na && Math.Abs(cb) > nb && betterA && worseB ? (sa, sb) : null;
    }

    private static Actual? Previous(Kpi kpi) =>
        kpi.Actuals.Where(x => x.Period < End && x.Period >= End.AddPeriods(-Trend.PreviousLookback)).MaxBy(x => x.Period);

    private static decimal Change(Kpi kpi) => kpi.Actuals.Single(x => x.Period == End).Value!.Value - Previous(kpi)!.Value!.Value;

    private static string Show(Kpi kpi) =>
        $"{kpi.Name} ({kpi.Direction}) " + string.Join(", ", kpi.Actuals.OrderBy(x => x.Period).Select(x => $"{x.Period}={x.Value}"));

    private static (Scorecard, Kpi, Kpi) Card(Random random)
    {
        var scorecard = new Scorecard { Key = "s", Name = "Ops" };
        var objective = new Objective { ScorecardId = scorecard.Id, Key = "o", Name = "Deliver" };
        scorecard.Objectives.Add(objective);
        var speed = AddKpi(scorecard, objective, "On-time delivery", KpiFormat.Percent, "%",
            random.Next(2) == 0 ? Direction.HigherIsBetter : Direction.LowerIsBetter, Series(random, 90m));
        var claims = AddKpi(scorecard, objective, "Cargo claims rate", KpiFormat.Number, "per 100 loads",
            random.Next(2) == 0 ? Direction.HigherIsBetter : Direction.LowerIsBetter, Series(random, 5m));
        if (random.Next(2) == 0)
        {
            speed.PairKpiId = claims.Id;
        }
        else
        {
            claims.PairKpiId = speed.Id;
        }

        return (scorecard, speed, claims);
    }

    /// <summary>2 to 12 months ending in October, with gaps now and then; a calm level, then a last move from nothing to a big jump.</summary>
    private static decimal?[] Series(Random random, decimal level)
    {
        var length = random.Next(2, 13);
        var values = new decimal?[length];
        var swing = level / 50m;
        for (var i = 0; i < length; i++)
        {
            values[i] = random.Next(8) == 0 && i < length - 1 ? null : decimal.Round(level + ((decimal)random.NextDouble() - 0.5m) * swing, 2);
        }

        values[^1] = decimal.Round(values[^1]!.Value + ((decimal)random.NextDouble() - 0.5m) * swing * random.Next(0, 8), 2);
        return values;
    }

    private static Kpi AddKpi(Scorecard scorecard, Objective objective, string name, KpiFormat format, string unit, Direction direction, decimal?[] values)
    {
        var kpi = new Kpi
        {
            ScorecardId = scorecard.Id, ObjectiveId = objective.Id, Key = name, Name = name, Format = format, Unit = unit, Decimals = 1,
            Direction = direction, OwnerId = Guid.NewGuid(), Order = scorecard.Kpis.Count,
        };
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] is { } v)
            {
                kpi.Actuals.Add(new Actual { KpiId = kpi.Id, Period = End.AddPeriods(i - values.Length + 1), Value = v, SubmittedAt = DateTimeOffset.UnixEpoch });
            }
        }

        scorecard.Kpis.Add(kpi);
        return kpi;
    }

    private static ReviewRequest Request(Scorecard scorecard) => new()
    {
        Scorecard = scorecard, Period = End, Calendar = Calendar, Today = new DateOnly(2026, 11, 9),
    };
}
