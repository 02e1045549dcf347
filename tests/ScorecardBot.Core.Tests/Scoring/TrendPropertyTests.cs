using System.Globalization;
using System.Text.RegularExpressions;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Scoring;
using ScorecardBot.Core.Values;

namespace ScorecardBot.Core.Tests.Scoring;

/// <summary>
/// Properties of the trend statement over thousands of random series (seeded, so a failure
/// repeats): level noise, random walks, straight and bent lines, steps, runs, outliers, values
/// rounded as people report them. The noise is measured here by its own code, not the rule's.
/// </summary>
public partial class TrendPropertyTests
{
    private const int Draws = 4000;
    private static readonly Period End = Period.Month(2026, 10);
    private static readonly TrendText Text = new(new ValueFormatter(CultureInfo.GetCultureInfo("en-US"), "USD"), CultureInfo.GetCultureInfo("en-US"));

    public static TheoryData<int> Seeds => [11, 2027, 90210];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void The_statement_never_claims_the_opposite_sign_of_a_change_larger_than_the_noise(int seed)
    {
        var random = new Random(seed);
        var judged = 0;
        for (var draw = 0; draw < Draws; draw++)
        {
            var (values, direction) = Draw(random);
            var s = Snapshot(values, direction, KpiFormat.Number, "units");
            var t = s.Trend;
            var points = Window(values);
            if (points.Count < Trend.MinimumPoints)
            {
                Assert.Equal(TrendDirection.Unknown, t.Direction);
                continue;
            }

            var noise = Noise(points);
            var net = points[^1].Value - points[0].Value;
            var headline = Text.Headline(s);
            var context = $"seed {seed} draw {draw}: {string.Join(", ", points.Select(p => p.Value))} → {headline}";
            if (t.Direction is TrendDirection.Improving or TrendDirection.Worsening)
            {
                judged++;
                var up = t.Movement > 0;
                // Better and worse follow the KPI's direction.
                Assert.True((t.Direction == TrendDirection.Improving) == (up == (direction == Direction.HigherIsBetter)), context);
                // The stretch the statement speaks of went the way it says, by its own first and last value.
                var spanChange = values[t.Span!.To] - values[t.Span.From];
                Assert.False(Math.Sign(spanChange) == -t.Movement && Math.Abs(spanChange) > noise, context);
                // The whole window never went the other way by more than the noise unless the statement says so.
                if (Math.Sign(net) == -t.Movement && Math.Abs(net) > noise)
                {
                    Assert.Contains($"it is still {(net > 0 ? "up" : "down")}", headline, StringComparison.Ordinal);
                }

                // The words say the way it went, and never the other way.
                Assert.Matches(up ? "(rose|went up|\\+)" : "(fell|went down|-)", headline);
                Assert.DoesNotMatch(up ? "(fell|went down)" : "(rose|went up)", headline);
            }

            // A comparison with the previous value never calls a move beyond the noise flat, nor judges it against its sign.
            if (t.VsPrevious is { } vs && t.Noise is { } n)
            {
                var expected = Math.Abs(vs.Change) <= n ? TrendDirection.Flat
                    : (vs.Change > 0) == (direction == Direction.HigherIsBetter) ? TrendDirection.Improving : TrendDirection.Worsening;
                Assert.Equal(expected, vs.Direction);
            }
        }

        Assert.True(judged > Draws / 4, $"only {judged} of {Draws} series had a direction: the draws do not test much");
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Flat_never_covers_four_moves_the_same_way_beyond_the_noise(int seed)
    {
        var random = new Random(seed);
        var flat = 0;
        for (var draw = 0; draw < Draws; draw++)
        {
            var (values, direction) = Draw(random);
            var s = Snapshot(values, direction, KpiFormat.Percent, "%");
            var points = Window(values);
            if (points.Count < Trend.MinimumPoints)
            {
                continue;
            }

            var noise = Noise(points);
            var longest = 0;
            var run = 0;
            var sign = 0;
            for (var i = 1; i < points.Count; i++)
            {
                var move = points[i].Value - points[i - 1].Value;
                var strong = Math.Abs(move) > noise ? Math.Sign(move) : 0;
                run = strong != 0 && strong == sign ? run + 1 : strong != 0 ? 1 : 0;
                sign = strong;
                longest = Math.Max(longest, run);
            }

            var headline = Text.Headline(s);
            if (s.Trend.Direction == TrendDirection.Flat)
            {
                flat++;
                Assert.True(longest < 4, $"seed {seed} draw {draw}: {string.Join(", ", points.Select(p => p.Value))} has a run of {longest} beyond ±{noise} → {headline}");
                // Flat is only said where the window's change is within twice the noise.
                Assert.True(Math.Abs(points[^1].Value - points[0].Value) <= 2 * noise, headline);
            }

            if (longest >= 4)
            {
                Assert.DoesNotContain("is flat", headline, StringComparison.Ordinal);
            }
        }

        Assert.True(flat > Draws / 20, $"only {flat} of {Draws} series were flat: the draws do not test much");
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Percentages_always_change_in_points_and_other_units_in_their_unit(int seed)
    {
        var random = new Random(seed);
        for (var draw = 0; draw < Draws / 4; draw++)
        {
            var (values, direction) = Draw(random);
            values[End.SameLastYear] = decimal.Round(values.Values.Average() + (decimal)(random.NextDouble() * 10 - 5), 1);
            var percent = Snapshot(values, direction, KpiFormat.Percent, "%");
            foreach (var text in Texts(percent))
            {
                // No signed percentage anywhere ("+20 %"): a change of a percentage is in points.
                Assert.DoesNotMatch(SignedPercent(), text);
                Assert.DoesNotContain("pts %", text, StringComparison.Ordinal);
            }

            Assert.Contains(" pts", Text.Comparison(percent.Trend.VsLastYear, percent), StringComparison.Ordinal);

            var miles = Snapshot(values, direction, KpiFormat.Number, "mpg");
            Assert.DoesNotContain("pts", string.Concat(Texts(miles)), StringComparison.Ordinal);
            if (miles.Trend.VsLastYear is { Change: not 0, ChangePercent: not null } c)
            {
                Assert.Matches(@" mpg \([+-]\d+(\.\d)? %\)", Text.Comparison(c, miles));
            }
        }
    }

    private static IEnumerable<string> Texts(KpiSnapshot s) =>
        [Text.Sentence(s), Text.Clause(s), Text.Comparison(s.Trend.VsPrevious, s), Text.Comparison(s.Trend.VsLastYear, s)];

    [GeneratedRegex(@"[+\-]\d+(\.\d+)? %")]
    private static partial Regex SignedPercent();

    private static KpiSnapshot Snapshot(Dictionary<Period, decimal> values, Direction direction, KpiFormat format, string unit)
    {
        var kpi = new Kpi { Key = "k", Name = "Measure", Format = format, Unit = unit, Direction = direction, Decimals = 1 };
        kpi.Actuals.AddRange(values.Select(v => new Actual { KpiId = kpi.Id, Period = v.Key, Value = v.Value }));
        return KpiSnapshot.Compute(kpi, End);
    }

    private static List<(Period Period, decimal Value)> Window(Dictionary<Period, decimal> values) =>
        [.. Enumerable.Range(0, Trend.Window).Select(back => End.AddPeriods(-(Trend.Window - 1 - back)))
            .Where(values.ContainsKey).Select(p => (p, values[p]))];

    /// <summary>The noise as the statement's rule defines it, computed independently: 1.4826 × MAD of the moves around the Theil–Sen trend.</summary>
    private static decimal Noise(List<(Period Period, decimal Value)> points)
    {
        var slopes = new List<double>();
        for (var i = 0; i < points.Count; i++)
        {
            for (var j = i + 1; j < points.Count; j++)
            {
                slopes.Add((double)(points[j].Value - points[i].Value) / (points[j].Period.Ordinal - points[i].Period.Ordinal));
            }
        }

        var slope = MedianOf(slopes);
        var deviations = Enumerable.Range(1, points.Count - 1)
            .Select(i => Math.Abs((double)(points[i].Value - points[i - 1].Value) - (slope * (points[i].Period.Ordinal - points[i - 1].Period.Ordinal))))
            .ToList();
        var mad = MedianOf(deviations) * 1.4826;
        // Compared with a little slack for the rule's decimal arithmetic.
        return (decimal)((mad > 0 ? mad : deviations.Average() * 1.2533) * (1 + 1e-9));
    }

    private static double MedianOf(List<double> values)
    {
        var sorted = values.Order().ToList();
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /// <summary>A random monthly series ending at <see cref="End"/>, of one of several shapes, rounded to one decimal.</summary>
    private static (Dictionary<Period, decimal> Values, Direction Direction) Draw(Random random)
    {
        var length = random.Next(2, 17);
        var level = 20 + (random.NextDouble() * 80);
        var sd = random.NextDouble() < 0.1 ? 0 : 0.05 + (random.NextDouble() * 2);
        var slope = random.NextDouble() < 0.4 ? 0 : (random.NextDouble() - 0.5) * 2;
        var shape = random.Next(6);
        var stepAt = random.Next(length);
        var step = (random.NextDouble() - 0.5) * 10;
        var runFrom = random.Next(length);
        var runMove = (random.NextDouble() - 0.5) * 3;
        var walk = 0.0;
        var values = new Dictionary<Period, decimal>();
        for (var i = 0; i < length; i++)
        {
            var e = Normal(random) * sd;
            walk += Normal(random) * sd;
            var y = shape switch
            {
                0 => level + e,                                                      // noise around a level
                1 => level + (slope * i) + e,                                        // a line
                2 => level + walk,                                                   // a random walk
                3 => level + (i >= stepAt ? step : 0) + e,                           // a step
                4 => level + (i >= runFrom ? runMove * (i - runFrom + 1) : 0) + e,   // a run at the end
                _ => level + (slope * i) + e + (random.NextDouble() < 0.1 ? step : 0), // a line with outliers
            };
            // Some months missing.
            if (i == length - 1 || random.NextDouble() > 0.08)
            {
                values[End.AddPeriods(i - length + 1)] = decimal.Round((decimal)y, 1);
            }
        }

        return (values, random.Next(2) == 0 ? Direction.HigherIsBetter : Direction.LowerIsBetter);
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
