using System.Globalization;
using Humanizer;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Conversation.Submission;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Periods;
using ScorecardBot.Core.Rhythm;
using ScorecardBot.Core.Scoring;
using ScorecardBot.Core.Values;

namespace ScorecardBot.Core.Review;

/// <summary>A KPI asked for in a prompt, with the period of its own frequency.</summary>
public sealed record PromptLine(Kpi Kpi, Period Period);

/// <summary>
/// The cards that collect actuals: the prompt to an owner (all their KPIs due in one card), the
/// reminder (only what is still missing) and the escalation to the scorecard manager.
/// </summary>
public sealed partial class PromptBuilder
{
    public const string SubmitActionId = CardActions.SubmitActual;
    public const string RemindActionId = "remind.now";

    private readonly FiscalCalendar _calendar;
    private readonly ValueFormatter _formatter;
    private readonly CultureInfo _culture;

    public PromptBuilder(FiscalCalendar calendar, ValueFormatter formatter, CultureInfo? culture = null)
    {
        _calendar = calendar;
        _formatter = formatter;
        _culture = culture ?? CultureInfo.InvariantCulture;
    }

    /// <summary>The lines of a rhythm decision (prompt, reminder, escalation): its KPIs looked up in the scorecard; KPIs deleted since are left out.</summary>
    public static IReadOnlyList<PromptLine> LinesFor(Scorecard scorecard, IEnumerable<KpiPeriod> kpis)
    {
        var byId = scorecard.Kpis.ToDictionary(k => k.Id);
        return [.. kpis.Where(k => byId.ContainsKey(k.KpiId)).Select(k => new PromptLine(byId[k.KpiId], k.Period))];
    }

    /// <summary>The monthly prompt for one person: every KPI they report for <paramref name="reviewed"/>.</summary>
    /// <param name="due">The due day, shown so people know by when.</param>
    /// <param name="coveringFor">The person away whose KPIs these are, when the recipient is their delegate.</param>
    public Message Prompt(Person recipient, Period reviewed, IReadOnlyList<PromptLine> lines, DateOnly? due = null, Person? coveringFor = null)
    {
        if (lines.Count > 0 && lines.All(l => l.Kpi.FedByApi))
        {
            return CommentPrompt(recipient, reviewed, lines);
        }

        var label = _calendar.Label(reviewed, _culture);
        var ask = "KPI".ToQuantity(lines.Count);
        var by = due is { } d ? $" by {DayText.WithWeekday(d, _culture)}" : string.Empty;
        var cover = coveringFor is null ? string.Empty : $"{coveringFor.Name} is away and you report for them: ";
        return Card(
            coveringFor is null ? $"Your KPIs for {label}" : $"{coveringFor.Name}'s KPIs for {label}",
            $"Hi {recipient.Name}, {cover}please report {ask} for {label}{by}.",
            reviewed,
            lines,
            "prompt",
            $"Please report {ask} for {label}{by}.");
    }

    /// <summary>The reminder: the same card, listing only the KPIs still missing.</summary>
    /// <param name="coveringFor">The person away whose KPIs these are, when the recipient is their delegate.</param>
    public Message Reminder(Person recipient, Period reviewed, IReadOnlyList<PromptLine> missing, DateOnly? due = null, int number = 1, Person? coveringFor = null)
    {
        var label = _calendar.Label(reviewed, _culture);
        var what = $"{"KPI".ToQuantity(missing.Count)} {(missing.Count == 1 ? "is" : "are")}";
        var by = due is { } d ? $" {(missing.Count == 1 ? "It is" : "They are")} due {DayText.WithWeekday(d, _culture)}." : string.Empty;
        var prefix = number > 1 ? $"Reminder {number}" : "Reminder";
        var cover = coveringFor is null ? string.Empty : $"you are reporting for {coveringFor.Name} while they are away: ";
        return Card(
            coveringFor is null ? $"{prefix}: {label}" : $"{prefix}: {coveringFor.Name}'s KPIs for {label}",
            $"Hi {recipient.Name}, {cover}{what} still missing for {label}.{by}",
            reviewed,
            missing,
            "reminder",
            coveringFor is null ? $"{what} still missing for {label}." : $"For {coveringFor.Name}: {what} still missing for {label}.");
    }

    /// <summary>The follow-up on the day an owner said late data would be ready.</summary>
    public Message FollowUp(Person recipient, Period reviewed, IReadOnlyList<PromptLine> late, DateOnly eta)
    {
        var label = _calendar.Label(reviewed, _culture);
        var what = late.Count == 1 ? late[0].Kpi.Name : $"{late.Count} KPIs";
        return Card(
            $"Follow-up: {label}",
            $"Hi {recipient.Name}, you expected the data for {what} today ({DayText.WithWeekday(eta, _culture)}). Is it there?",
            reviewed,
            late,
            "followup",
            $"You expected the data for {what} ({label}) today.");
    }

    /// <summary>The escalation to the scorecard manager: missing KPIs grouped by owner, owners mentioned.</summary>
    public Message Escalation(Scorecard scorecard, Period reviewed, IReadOnlyList<PromptLine> missing, IReadOnlyDictionary<Guid, Person> people, DateOnly? due = null)
    {
        var label = _calendar.Label(reviewed, _culture);
        var one = missing.Count == 1;
        var since = due is { } d ? $" {(one ? "was" : "were")} due {DayText.WithWeekday(d, _culture)} and" : string.Empty;
        var count = "actual".ToQuantity(missing.Count);
        var blocks = new List<Block>
        {
            new Heading($"Missing actuals: {scorecard.Name}, {label}"),
            Paragraph.Of($"{count} for {label}{since} {(one ? "is" : "are")} still missing.", TextTone.Warning),
        };

        foreach (var group in missing.GroupBy(l => l.Kpi.DelegateId ?? l.Kpi.OwnerId).OrderBy(g => ReviewText.NameOf(g.Key, people), StringComparer.Ordinal))
        {
            var inlines = new List<Inline> { ReviewText.Owner(group.Key, people, mention: true), new Run(": ") };
            inlines.Add(new Run(string.Join(", ", group.Select(l => LineName(l, reviewed)))));
            blocks.Add(new Paragraph(inlines));
        }

        blocks.Add(new ActionBar(
        [
            new MessageAction(RemindActionId, "Remind them now")
            {
                Data = new Dictionary<string, string> { ["scorecard"] = scorecard.Id.ToString(), ["period"] = reviewed.ToString() },
                Style = ActionStyle.Primary,
            },
        ]));
        return new Message(blocks, $"{count} for {scorecard.Name} ({label}) still missing.") { Kind = "escalation" };
    }

    private Message Card(string heading, string intro, Period reviewed, IReadOnlyList<PromptLine> lines, string kind, string summary)
    {
        var blocks = new List<Block> { new Heading(heading), Paragraph.Of(intro) };
        foreach (var line in lines)
        {
            var kpi = line.Kpi;
            blocks.Add(new Paragraph([new Run(kpi.Name, Bold: true), new Run($" · {_calendar.Label(line.Period, _culture)}")]));
            blocks.Add(new FactList(Facts(line)));
            if (kpi.FedByApi)
            {
                blocks.Add(FedValue(line));
                blocks.Add(new TextInput(CardActions.CommentInput(kpi.Id), "Comment") { Multiline = true, MaxLength = 1000, Placeholder = "What drove it? What will you do?" });
            }
            else
            {
                // The same quick answers, value, ETA and comment fields as every other prompt.
                blocks.AddRange(PromptFields.For(kpi, line.Period, single: false, _formatter, _culture));
            }
        }

        // The card speaks the conversation engine's submission contract: one path for every
        // actual, whether it comes from this card, a command or the local chat.
        var data = new Dictionary<string, string>
        {
            [CardActions.Keys.Kpis] = string.Join(",", lines.Select(l => l.Kpi.Id.ToString("N"))),
        };
        foreach (var line in lines)
        {
            // Quarterly KPIs in a monthly prompt report their quarter, not the month.
            data[CardActions.PeriodKey(line.Kpi.Id)] = line.Period.ToString();
        }

        blocks.Add(PromptFields.Actions(data));
        return new Message(blocks, summary) { Kind = kind };
    }

    private List<Fact> Facts(PromptLine line)
    {
        var kpi = line.Kpi;
        var target = kpi.Targets.FirstOrDefault(t => t.Period == line.Period);
        var history = kpi.Actuals
            .Where(a => a.Period < line.Period && a.Period.Kind == line.Period.Kind && a.Value is not null && !a.PendingApproval)
            .GroupBy(a => a.Period)
            .OrderByDescending(g => g.Key)
            .Take(3)
            .Select(g => $"{_formatter.Format(g.OrderByDescending(a => a.SubmittedAt).First().Value, kpi)} ({ShortLabel(g.Key)})")
            .ToList();
        return
        [
            new Fact("Target", target is null ? "not set" : StatusLineText.Target(target, kpi, _formatter)),
            new Fact("Last 3", history.Count == 0 ? "none yet" : string.Join(" · ", history)),
            new Fact("Unit", UnitOf(kpi)),
        ];
    }

    private string LineName(PromptLine line, Period reviewed) =>
        line.Period == reviewed ? line.Kpi.Name : $"{line.Kpi.Name} ({ShortLabel(line.Period)})";

    private string ShortLabel(Period period) => period.Kind == PeriodKind.Month
        ? MonthText.Of(period, _culture)
        : period.ToString();

    private static string UnitOf(Kpi kpi) => kpi.Format switch
    {
        KpiFormat.Percent => "%",
        KpiFormat.Duration => string.IsNullOrWhiteSpace(kpi.Unit) ? "hours" : kpi.Unit!,
        _ => string.IsNullOrWhiteSpace(kpi.Unit) ? "number" : kpi.Unit!,
    };
}
