using System.Globalization;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Periods;
using ScorecardBot.Core.Scoring;
using ScorecardBot.Core.Values;

namespace ScorecardBot.Core.Review;

/// <summary>What a presenter typed for one KPI of a pre-read card, and what was wrong with it.</summary>
public sealed record PreReadTyped(string? Cause, string? What, string? Who, string? Due, string? Need)
{
    public string? CauseError { get; init; }
    public string? WhatError { get; init; }
    public string? WhoError { get; init; }
    public string? DueError { get; init; }

    public bool HasError => CauseError is not null || WhatError is not null || WhoError is not null || DueError is not null;
}

/// <summary>
/// The presenter's pre-read: one direct message before the review to each owner of a KPI the
/// review will discuss (<see cref="PreReadSelection"/>), with each KPI's value, target and status
/// lines, trend and the comment given, and a card asking for the cause, the countermeasure (what,
/// who, by when) and what they need from the meeting. The same card comes back with what was typed
/// and a message beside each field that needs another look.
/// </summary>
public sealed class PreReadBuilder(FiscalCalendar calendar, ValueFormatter formatter, CultureInfo culture)
{
    public const string Kind = "preread";

    /// <summary>Slack's static select takes 100 options.</summary>
    private const int MaxPeople = 100;

    /// <summary>KPIs with their fields on one card: 7 blocks each stay under Slack's 50 blocks a message.</summary>
    public const int MaxKpis = 6;

    private readonly TrendText _trends = new(formatter, culture);

    /// <summary>Input ids of one KPI's fields: "preread.cause.{kpi:N}" and so on.</summary>
    public static string InputId(string field, Guid kpiId) => $"preread.{field}.{kpiId:N}";

    public static class Fields
    {
        public const string Cause = "cause";
        public const string What = "what";
        public const string Who = "who";
        public const string Due = "due";
        public const string Need = "need";
    }

    /// <param name="recipient">Who presents: the owner, or the delegate of an owner who is away.</param>
    /// <param name="people">The organization's people; those of the scorecard (owners, delegates, its manager) may own a countermeasure.</param>
    /// <param name="agendaAt">When the agenda goes out: the pre-read is read there.</param>
    /// <param name="coveringFor">The owner who is away, when the delegate presents for them.</param>
    /// <param name="typed">What was typed, by KPI, when the card comes back to be corrected.</param>
    public Message Build(
        Person recipient, Scorecard scorecard, Period period, IReadOnlyList<PreReadItem> all, IEnumerable<Person> people, DateTimeOffset agendaAt,
        Person? coveringFor = null, IReadOnlyDictionary<Guid, PreReadTyped>? typed = null, string? problem = null)
    {
        var items = all.Take(MaxKpis).ToList();
        var label = calendar.Label(period, culture);
        var when = DayText.Moment(TimeZoneInfo.ConvertTime(agendaAt, calendar.TimeZone), culture);
        var blocks = new List<Block>
        {
            new Heading($"{scorecard.Name}: your pre-read for the {label} review"),
            Paragraph.Of(coveringFor is null
                ? $"The review will discuss {(items.Count == 1 ? "this KPI" : "these KPIs")} of yours. Tell the meeting the cause, your countermeasure and what you need from it; your answer goes into the agenda ({when})."
                : $"{coveringFor.Name} is away: you present {(items.Count == 1 ? "this KPI" : "these KPIs")} for them. Tell the meeting the cause, the countermeasure and what you need from it; your answer goes into the agenda ({when})."),
        };
        if (problem is not null)
        {
            blocks.Add(Paragraph.Of(problem, TextTone.Attention));
        }

        if (all.Count > items.Count)
        {
            blocks.Add(Paragraph.Of($"The review will also discuss {string.Join(", ", all.Skip(MaxKpis).Select(i => i.Kpi.Name))}: bring what you know to the meeting.", TextTone.Subtle));
        }

        var ofScorecard = scorecard.Kpis.SelectMany(k => new[] { k.OwnerId, k.DelegateId }).Append(scorecard.ManagerId).Append(recipient.Id).OfType<Guid>().ToHashSet();
        var choices = people.Where(p => p.IsActive && ofScorecard.Contains(p.Id)).OrderBy(p => p.Name, StringComparer.Ordinal).Take(MaxPeople)
            .Select(p => new Choice(p.Name, p.Id.ToString("N"))).ToList();
        foreach (var item in items)
        {
            var kpi = item.Kpi;
            var s = item.Snapshot;
            var t = typed?.GetValueOrDefault(kpi.Id);
            blocks.Add(new Paragraph([new Run(kpi.Name, Bold: true), new Run($" · {Why(item)}")], item.Reason == PreReadReason.Red ? TextTone.Attention : TextTone.Warning));
            var facts = new List<Fact>
            {
                new("Value", s.Actual is { } v ? $"{formatter.Format(v, kpi)} ({calendar.Label(s.Period, culture)})" : $"not reported for {calendar.Label(s.Period, culture)}"),
                new("Target", s.Target is { } target ? StatusLineText.Target(target, kpi, formatter) : "not set"),
                new("Trend", _trends.Clause(s)),
            };
            if (item.Forecast is { } f)
            {
                facts.Add(new Fact("Forecast", _trends.Forecast(f, s, calendar.Label(f.Period, culture))));
            }

            facts.Add(new Fact("Your comment", string.IsNullOrWhiteSpace(s.Comment) ? "none" : $"“{s.Comment.Trim()}”"));
            blocks.Add(new FactList(facts));
            var presenter = t?.Who ?? (kpi.OwnerId ?? recipient.Id).ToString("N");
            blocks.Add(new TextInput(InputId(Fields.Cause, kpi.Id), "Cause") { IsRequired = true, Multiline = true, MaxLength = 500, Value = t?.Cause, Error = t?.CauseError, Placeholder = "What is behind the number" });
            blocks.Add(new TextInput(InputId(Fields.What, kpi.Id), "Countermeasure: what") { IsRequired = true, Multiline = true, MaxLength = 500, Value = t?.What, Error = t?.WhatError, Placeholder = "What will be done about it" });
            blocks.Add(new ChoiceInput(InputId(Fields.Who, kpi.Id), "Countermeasure: who", choices) { Value = presenter, Error = t?.WhoError });
            blocks.Add(new TextInput(InputId(Fields.Due, kpi.Id), "Countermeasure: by when") { IsRequired = true, MaxLength = 40, Value = t?.Due, Error = t?.DueError, Placeholder = "e.g. 20 Nov or 2026-11-20" });
            blocks.Add(new ChoiceInput(InputId(Fields.Need, kpi.Id), "What you need from the meeting",
                [new Choice("A decision", nameof(PreReadNeed.Decision)), new Choice("Resources", nameof(PreReadNeed.Resources)), new Choice("Nothing", nameof(PreReadNeed.Nothing))])
            {
                Value = t?.Need ?? nameof(PreReadNeed.Nothing),
            });
        }

        blocks.Add(new ActionBar(
        [
            new MessageAction(CardActions.SubmitPreRead, "Send my pre-read")
            {
                SubmitsInputs = true,
                Style = ActionStyle.Primary,
                Data = new Dictionary<string, string>
                {
                    [CardActions.Keys.Id] = scorecard.Id.ToString("N"),
                    [CardActions.Keys.Period] = period.ToString(),
                    [CardActions.Keys.Kpis] = string.Join(",", items.Select(i => i.Kpi.Id.ToString("N"))),
                },
            },
        ]));
        var summary = problem ?? $"Your pre-read for the {label} review of {scorecard.Name}: {string.Join(", ", items.Select(i => $"{i.Kpi.Name} ({Why(i)})"))}. Give the cause, the countermeasure (what, who, by when) and what you need from the meeting.";
        return new Message(blocks, summary) { Kind = Kind };
    }

    private static string Why(PreReadItem item) => item.Reason switch
    {
        PreReadReason.Red => "red",
        PreReadReason.AmberWorsening => "amber and getting worse",
        _ => "likely to miss its target",
    };
}
