using System.Globalization;
using Humanizer;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Periods;
using ScorecardBot.Core.Scoring;
using ScorecardBot.Core.Values;

namespace ScorecardBot.Core.Review;

/// <summary>
/// The card a scorecard manager gets a month before a fiscal year starts when KPIs have no target
/// for it: which ones, last year's target beside each, "carry last year's targets forward" as one
/// press, and how to set them one by one.
/// </summary>
public sealed class YearTargetsBuilder(FiscalCalendar calendar, ValueFormatter formatter, CultureInfo? culture = null)
{
    public const string Kind = "targets";

    private readonly CultureInfo _culture = culture ?? CultureInfo.InvariantCulture;

    public Message Build(Scorecard scorecard, Period fiscalYear, IReadOnlyList<Kpi> missing)
    {
        ArgumentNullException.ThrowIfNull(scorecard);
        ArgumentNullException.ThrowIfNull(missing);
        ArgumentOutOfRangeException.ThrowIfZero(missing.Count);
        var lastYear = fiscalYear.Previous;
        var starts = calendar.FirstMonth(fiscalYear);
        var startsOn = DayText.WithYear(new DateOnly(starts.Year, starts.Number, 1), _culture);
        var count = "KPI".ToQuantity(missing.Count);
        var blocks = new List<Block>
        {
            new Heading($"{scorecard.Name}: no targets yet for {fiscalYear}"),
            Paragraph.Of($"{fiscalYear} starts on {startsOn}. {count} of {scorecard.Name} {(missing.Count == 1 ? "has" : "have")} no target for it: " +
                "from then on they are reported but not scored, and the digest lists them as unscored."),
            new FactList([.. missing.Select(k => new Fact(k.Name, LastYear(k, lastYear)))]),
        };

        var carriable = missing.Count(k => TargetCarry.Plan(k, k.Targets, fiscalYear, calendar).Count > 0);
        if (carriable > 0)
        {
            blocks.Add(new ActionBar([
                new MessageAction(CardActions.CarryTargets, $"Carry {lastYear}'s targets forward")
                {
                    Style = ActionStyle.Primary,
                    Data = new Dictionary<string, string>(StringComparer.Ordinal)
                    {
                        [CardActions.Keys.Id] = scorecard.Id.ToString("N"),
                        [CardActions.Keys.Period] = fiscalYear.ToString(),
                    },
                },
            ]));
        }

        var example = missing[0];
        blocks.Add(new Note(
            $"To set one yourself: target \"{example.Name}\" {fiscalYear} <value> (or a quarter or month of it). " +
            (carriable > 0 ? $"Carrying forward copies each KPI's {lastYear} targets and thresholds to {fiscalYear}; every change is in the audit trail." : $"None of them has a {lastYear} target to carry forward.")));
        var names = string.Join(", ", missing.Select(k => k.Name));
        return new Message(blocks, $"{scorecard.Name}: {count} without a target for {fiscalYear} ({names}).") { Kind = Kind };
    }

    private string LastYear(Kpi kpi, Period lastYear)
    {
        // The year's own target, else the latest of its quarters' and months'.
        var target = kpi.Targets.FirstOrDefault(t => t.Period == lastYear)
            ?? kpi.Targets.Where(t => t.Period.Kind != PeriodKind.Year && calendar.Contains(lastYear, t.Period)).MaxBy(t => calendar.LastMonth(t.Period));
        return target is null
            ? $"no {lastYear} target either"
            : target.BandLow is { } low && target.BandHigh is { } high
                ? $"{lastYear}: {formatter.Format(low, kpi)} to {formatter.Format(high, kpi)}"
                : $"{lastYear}: {formatter.Format(target.Value, kpi)}";
    }
}
