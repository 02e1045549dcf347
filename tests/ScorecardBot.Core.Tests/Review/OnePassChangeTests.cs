using System.Globalization;
using System.Text.RegularExpressions;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Periods;
using ScorecardBot.Core.Review;
using ScorecardBot.Core.Values;

namespace ScorecardBot.Core.Tests.Review;

/// <summary>
/// Changes in the digest and the agenda, over random series (seeded): percentages and point scales
/// change in points, counts and money in their unit with the relative change beside it, never a
/// relative change from zero or below, and every number written agrees with the data.
/// </summary>
public partial class OnePassChangeTests
{
    private const int Draws = 250;
    private static readonly Period End = Period.Month(2026, 10);
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");
    private static readonly ValueFormatter Formatter = new(English, "USD");
    private static readonly FiscalCalendar Calendar = FiscalCalendar.Create(1, "Europe/Berlin");

    public static TheoryData<int> Seeds => [5, 1999, 31337];

    /// <summary>The KPIs drawn each time: two in points (a percentage by format, one by its unit "%"), an NPS-like scale, a count and money that may go below zero.</summary>
    private static readonly (string Name, KpiFormat Format, string Unit, bool InPoints, bool MayBeNegative)[] Kinds =
    [
        ("Share on time", KpiFormat.Percent, "%", true, false),
        ("First pass yield", KpiFormat.Number, "%", true, false),
        ("Promoter balance", KpiFormat.Number, "points", true, true),
        ("Orders shipped", KpiFormat.Number, "orders", false, false),
        ("Operating profit", KpiFormat.Currency, "USD", false, true),
    ];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Every_change_in_the_digest_and_agenda_is_worded_in_the_KPIs_terms_and_agrees_with_the_numbers(int seed)
    {
        var random = new Random(seed);
        var checkedNotes = new Dictionary<string, int>();
        for (var draw = 0; draw < Draws; draw++)
        {
            var scorecard = new Scorecard { Key = "s", Name = "Ops" };
            var perspective = new Perspective { ScorecardId = scorecard.Id, Name = "Customer", Kind = PerspectiveKind.Customer };
            scorecard.Perspectives.Add(perspective);
            var objective = new Objective { ScorecardId = scorecard.Id, PerspectiveId = perspective.Id, Key = "o", Name = "Serve" };
            scorecard.Objectives.Add(objective);
            var owner = new Person { Name = "Dana Ortiz", Email = "dana@example.com" };
            var series = new Dictionary<Guid, Dictionary<Period, decimal>>();
            foreach (var (name, format, unit, _, negative) in Kinds)
            {
                var kpi = new Kpi
                {
                    ScorecardId = scorecard.Id, ObjectiveId = objective.Id, Key = name, Name = name, Format = format, Unit = unit, Decimals = 1,
                    Direction = random.Next(2) == 0 ? Direction.HigherIsBetter : Direction.LowerIsBetter, OwnerId = owner.Id, Order = scorecard.Kpis.Count,
                };
                var values = Draw(random, negative);
                series[kpi.Id] = values;
                kpi.Actuals.AddRange(values.Select(v => new Actual { KpiId = kpi.Id, Period = v.Key, Value = v.Value, SubmittedAt = DateTimeOffset.UnixEpoch }));
                var level = values.Values.Average();
                kpi.Targets.Add(new Target { KpiId = kpi.Id, Period = End, Value = decimal.Round(level + (decimal)((random.NextDouble() - 0.5) * 8), 1) });
                scorecard.Kpis.Add(kpi);
            }

            var request = new ReviewRequest
            {
                Scorecard = scorecard, Period = End, Calendar = Calendar, People = new Dictionary<Guid, Person> { [owner.Id] = owner }, Today = new DateOnly(2026, 11, 9),
            };
            var digest = new DigestBuilder(Formatter, culture: English).Build(request);
            var agenda = new AgendaBuilder(Formatter, English).Build(request);
            var texts = OnePassReadingTests.TextsOf([.. digest, .. agenda]).ToList();

            foreach (var kpi in scorecard.Kpis)
            {
                var kind = Kinds.Single(k => k.Name == kpi.Name);
                var context = $"seed {seed} draw {draw} {kpi.Name} ({kpi.Direction}): {string.Join(", ", series[kpi.Id].OrderBy(v => v.Key).Select(v => $"{v.Key}={v.Value}"))}";
                foreach (var text in texts.Where(t => t.Contains(kpi.Name, StringComparison.Ordinal)))
                {
                    // The sign of every stated change agrees with the verb beside it.
                    foreach (Match m in RoseOrFell().Matches(text))
                    {
                        Assert.True((m.Groups["verb"].Value == "rose") == (m.Groups["sign"].Value == "+"), $"{context}\n{text}");
                    }

                    if (kind.InPoints)
                    {
                        Assert.DoesNotMatch(SignedPercent(), text);
                        Assert.DoesNotMatch(PercentBetterOrWorse(), text);
                    }
                }

                // The movers' note: "better than Sep 2026 (80.0 %): +16.0 pts" or "worse than Sep 2026 (120): -30.0 orders (-25 %)".
                foreach (var row in digest.SelectMany(m => m.Blocks).OfType<KpiTable>().SelectMany(t => t.Rows).Where(r => r.Name == kpi.Name && r.Note is not null))
                {
                    var note = Comparison().Match(row.Note!);
                    Assert.True(note.Success, $"{context}\n{row.Note}");
                    var earlierPeriod = DateTime.ParseExact(note.Groups["month"].Value, "MMM yyyy", English);
                    var earlier = series[kpi.Id][Period.Month(earlierPeriod.Year, earlierPeriod.Month)];
                    var current = series[kpi.Id][End];
                    var change = current - earlier;
                    Assert.Equal(Formatter.Format(earlier, kpi), note.Groups["earlier"].Value);
                    Assert.Equal(change > 0 ? "+" : change < 0 ? "-" : "±", note.Groups["sign"].Value);
                    Assert.Equal(Math.Abs(change), Number(note.Groups["size"].Value));
                    Assert.Equal(kind.InPoints, note.Groups["size"].Value.EndsWith(" pts", StringComparison.Ordinal));
                    var better = (change > 0) == (kpi.Direction == Direction.HigherIsBetter);
                    if (note.Groups["verdict"].Value != "about the same as")
                    {
                        Assert.Equal(better ? "better than" : "worse than", note.Groups["verdict"].Value);
                    }

                    if (kind.InPoints || change == 0 || earlier <= 0)
                    {
                        Assert.False(note.Groups["relative"].Success, $"{context}\n{row.Note}: no relative change for this KPI or from this base");
                    }
                    else
                    {
                        Assert.True(note.Groups["relative"].Success, $"{context}\n{row.Note}");
                        var relative = Number(note.Groups["relative"].Value) * (note.Groups["rsign"].Value == "-" ? -1 : 1);
                        Assert.InRange(relative, (change / earlier * 100m) - 0.051m, (change / earlier * 100m) + 0.051m);
                    }

                    var key = $"{(kind.InPoints ? "points" : "relative")}{(earlier <= 0 ? " from zero or below" : string.Empty)}";
                    checkedNotes[key] = checkedNotes.GetValueOrDefault(key) + 1;
                }
            }
        }

        // The draws exercise every case: points, relative changes, and a base of zero or below.
        Assert.True(checkedNotes.GetValueOrDefault("points") > Draws / 2, string.Join(", ", checkedNotes));
        Assert.True(checkedNotes.GetValueOrDefault("relative") > Draws / 4, string.Join(", ", checkedNotes));
        Assert.True(checkedNotes.GetValueOrDefault("relative from zero or below") > 5, string.Join(", ", checkedNotes));
    }

    private static decimal Number(string text) =>
        decimal.Parse(new string([.. text.Where(c => char.IsDigit(c) || c == '.')]), CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?<verdict>better than|worse than|about the same as) (?<month>[A-Z][a-z]{2} \d{4}) \((?<earlier>[^()]+)\): (?<sign>[+\-±])(?<size>[^ (,]+(?: (?:pts|orders))?)(?: \((?<rsign>[+\-])(?<relative>[\d.]+) %\))?(?:, within its usual ±.*)?$")]
    private static partial Regex Comparison();

    [GeneratedRegex(@"(?<verb>rose|fell) [^()]*\((?<sign>[+\-±])")]
    private static partial Regex RoseOrFell();

    [GeneratedRegex(@"\([+\-−]\d+(\.\d+)? %\)")]
    private static partial Regex SignedPercent();

    [GeneratedRegex(@"\d %\s*(better|worse)")]
    private static partial Regex PercentBetterOrWorse();

    /// <summary>A monthly series ending at <see cref="End"/>: a level (around zero for KPIs that may go below it), a drift, noise and a few gaps.</summary>
    private static Dictionary<Period, decimal> Draw(Random random, bool mayBeNegative)
    {
        var length = random.Next(2, 15);
        var level = mayBeNegative && random.NextDouble() < 0.5 ? (random.NextDouble() - 0.5) * 20 : 20 + (random.NextDouble() * 80);
        var slope = (random.NextDouble() - 0.5) * 4;
        var sd = random.NextDouble() * 3;
        var values = new Dictionary<Period, decimal>();
        for (var i = 0; i < length; i++)
        {
            if (i == length - 1 || random.NextDouble() > 0.1)
            {
                var y = level + (slope * i) + ((random.NextDouble() - 0.5) * 2 * sd);
                values[End.AddPeriods(i - length + 1)] = decimal.Round((decimal)(random.NextDouble() < 0.05 ? 0 : y), 1);
            }
        }

        return values;
    }
}
