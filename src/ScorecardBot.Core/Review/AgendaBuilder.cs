using System.Globalization;
using Humanizer;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Scoring;
using ScorecardBot.Core.Values;
using ScorecardBot.Core.Periods;

namespace ScorecardBot.Core.Review;

/// <summary>The parts of a review meeting, in the order they are discussed.</summary>
public enum AgendaSection
{
    OpenActions = 0,
    RedKpis = 1,
    WorseningAmberKpis = 2,
    DataGaps = 3,
    InitiativeDecisions = 4,
    LeadingWithoutLagging = 5,
    Close = 6,

    /// <summary>A KPI that improved while its pair worsened: discussed before the close.</summary>
    PairsApart = 7,

    /// <summary>The decisions of the last review meeting (its minutes), after the open actions.</summary>
    LastDecisions = 8,

    /// <summary>A KPI on target or amber now whose forecast is likely short of its target (the digest's "Likely to miss"): after the amber ones.</summary>
    LikelyToMiss = 9,
}

/// <summary>One time-boxed item of the agenda.</summary>
/// <param name="PreRead">The presenter's pre-read for the item's KPI, or "No pre-read from …" when it was asked and not given.</param>
public sealed record AgendaItem(AgendaSection Section, string Title, Guid? OwnerId, int Minutes, Guid? KpiId = null, string? Detail = null, string? PreRead = null);

/// <summary>The items of a review meeting and how they fit its time.</summary>
public sealed record AgendaPlan(IReadOnlyList<AgendaItem> Items, int MeetingMinutes)
{
    public int TotalMinutes => Items.Sum(i => i.Minutes);

    /// <summary>Minutes beyond the meeting's length; 0 when the agenda fits.</summary>
    public int OverBy => Math.Max(0, TotalMinutes - MeetingMinutes);
}

/// <summary>
/// The agenda of a review meeting, time-boxed: open review actions from last time, red KPIs
/// (their owner presents), amber KPIs getting worse, KPIs whose forecast is likely to miss its
/// target (their owner presents the pre-read they were asked for), data gaps (one item per person who owes
/// actuals, with the KPIs they owe), initiatives needing a decision,
/// leading indicators that moved while their lagging KPIs did not follow, pairs that moved apart
/// (a KPI improved while its counterweight worsened), and a closing item.
/// </summary>
public sealed class AgendaBuilder
{
    public const string AddActionId = "action.add";
    public const int MinutesPerRed = 5;
    public const int MinutesPerAmber = 3;
    public const int MinutesPerLikelyMiss = 3;
    public const int MinutesPerGap = 2;
    public const int MinutesPerDecision = 5;
    public const int MinutesPerLeadingSignal = 3;
    public const int MinutesPerPair = 3;
    public const int MinutesPerOpenAction = 1;
    public const int MinimumForActions = 5;
    public const int MinutesToClose = 5;

    private readonly ValueFormatter _formatter;
    private readonly CultureInfo _culture;
    private readonly TrendText _trends;

    public AgendaBuilder(ValueFormatter formatter, CultureInfo? culture = null)
    {
        _formatter = formatter;
        _culture = culture ?? CultureInfo.InvariantCulture;
        _trends = new TrendText(_formatter, _culture);
    }

    /// <summary>The items and their minutes, without the message (what tests and the chat's "agenda" answer look at).</summary>
    public AgendaPlan Plan(ReviewRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var scorecard = request.Scorecard;
        var snapshots = request.SnapshotsOrComputed();
        var kpis = scorecard.Kpis.ToDictionary(k => k.Id);
        var items = new List<AgendaItem>();

        var open = request.Actions
            .Where(a => a.ScorecardId == scorecard.Id && a.Status == ReviewActionStatus.Open && (a.RaisedInPeriod is null || a.RaisedInPeriod < request.Period || a.RaisedInPeriod.Value.Kind != request.Period.Kind))
            .OrderBy(a => a.Number)
            .ToList();
        if (open.Count > 0)
        {
            var detail = string.Join("; ", open.Select(a => $"#{a.Number} {a.Text}" + (a.Due is { } d ? $" (due {DayText.Of(d, _culture)})" : string.Empty)));
            items.Add(new AgendaItem(AgendaSection.OpenActions, $"Open actions from last time ({open.Count})", scorecard.ManagerId,
                Math.Max(MinimumForActions, open.Count * MinutesPerOpenAction), Detail: detail));
        }

        items.AddRange(LastDecisions(request));

        foreach (var s in snapshots.Where(s => s.Status == Status.Red))
        {
            items.Add(new AgendaItem(AgendaSection.RedKpis, s.Name, kpis[s.KpiId].OwnerId, MinutesPerRed, s.KpiId,
                $"{_formatter.Format(s.Actual, kpis[s.KpiId])} vs target {Target(s, kpis[s.KpiId])}" + CommentOf(s)));
        }

        foreach (var s in snapshots.Where(s => s.Status == Status.Amber && s.Trend.Direction == TrendDirection.Worsening))
        {
            items.Add(new AgendaItem(AgendaSection.WorseningAmberKpis, s.Name, kpis[s.KpiId].OwnerId, MinutesPerAmber, s.KpiId,
                $"{_formatter.Format(s.Actual, kpis[s.KpiId])} vs target {Target(s, kpis[s.KpiId])}, {_trends.Clause(s)}" + CommentOf(s)));
        }

        // A KPI whose forecast is likely short gets a pre-read (PreReadSelection), so the meeting hears it.
        foreach (var miss in PreReadSelection.For(scorecard, snapshots, request.Calendar).Where(i => i.Reason == PreReadReason.LikelyToMiss && i.Forecast is not null))
        {
            var s = miss.Snapshot;
            var forecast = _trends.Forecast(miss.Forecast!, s, request.Calendar.Label(miss.Forecast!.Period, _culture));
            items.Add(new AgendaItem(AgendaSection.LikelyToMiss, s.Name, miss.Kpi.OwnerId, MinutesPerLikelyMiss, s.KpiId,
                $"{_formatter.Format(s.Actual, miss.Kpi)} vs target {Target(s, miss.Kpi)}. {forecast}" + CommentOf(s)));
        }

        // One item per person who owes actuals (the delegate when there is one), not one per KPI:
        // the meeting asks each of them once.
        var gaps = snapshots
            .Where(s => !s.Reported || s.PendingApproval)
            .GroupBy(s => kpis[s.KpiId].DelegateId ?? kpis[s.KpiId].OwnerId)
            .OrderBy(g => ReviewText.NameOf(g.Key, request.People), StringComparer.Ordinal);
        foreach (var gap in gaps)
        {
            var list = gap.ToList();
            items.Add(new AgendaItem(AgendaSection.DataGaps, GapTitle(list), gap.Key, MinutesPerGap, list.Count == 1 ? list[0].KpiId : null,
                string.Join(", ", list.Select(s => s.PendingApproval ? $"{s.Name} (awaiting approval)" : s.Name))));
        }

        foreach (var initiative in scorecard.Initiatives.Where(i => !string.IsNullOrWhiteSpace(i.DecisionNeeded) && i.Status is not (InitiativeStatus.Done or InitiativeStatus.Cancelled)))
        {
            items.Add(new AgendaItem(AgendaSection.InitiativeDecisions, initiative.Name, initiative.OwnerId, MinutesPerDecision, Detail: initiative.DecisionNeeded!.Trim()));
        }

        items.AddRange(LeadingWithoutLagging(scorecard, snapshots));

        // The owner of the KPI that improved says what it cost its pair.
        items.AddRange(KpiPairs.DivergingIn(scorecard.Kpis, snapshots).Select(d =>
            new AgendaItem(AgendaSection.PairsApart, $"{d.Better.Name} and {d.Worse.Name}", kpis[d.Better.KpiId].OwnerId, MinutesPerPair, d.Better.KpiId, _trends.Pair(d))));
        items.Add(new AgendaItem(AgendaSection.Close, "Agree actions, owners and due dates", scorecard.ManagerId, MinutesToClose));
        var preReads = PreReadLines(request, snapshots);
        return new AgendaPlan([.. items.Select(i => i.KpiId is { } id && preReads.TryGetValue(id, out var line) ? i with { PreRead = line } : i)], Math.Max(0, request.MeetingMinutes));
    }

    public IReadOnlyList<Message> Build(ReviewRequest request)
    {
        var plan = Plan(request);
        var label = request.Calendar.Label(request.Period, _culture);
        var heading = $"{request.Scorecard.Name}: agenda for the {label} review";
        var fit = plan.OverBy > 0
            ? $"{plan.TotalMinutes} minutes planned for a {plan.MeetingMinutes}-minute meeting: over by {plan.OverBy} minutes. Take the data gaps offline or extend the meeting."
            : $"{plan.TotalMinutes} of {plan.MeetingMinutes} minutes planned.";
        var sections = new List<IReadOnlyList<Block>> { new Block[] { Paragraph.Of(fit, plan.OverBy > 0 ? TextTone.Warning : TextTone.Default) } };
        AgendaSection? current = null;
        var number = 0;
        foreach (var item in plan.Items)
        {
            var section = new List<Block>();
            if (item.Section != current)
            {
                current = item.Section;
                section.Add(Paragraph.Of(SectionTitle(item.Section), TextTone.Subtle));
            }

            number++;
            if (item.Section == AgendaSection.DataGaps)
            {
                // "4. Dana Ortiz: 3 KPIs without an actual — On-time delivery, Cargo claims, Fuel · 2 min"
                section.Add(new Paragraph([
                    new Run($"{number}. ", Bold: true),
                    ReviewText.Owner(item.OwnerId, request.People, request.MentionOwners),
                    new Run($": {item.Title}", Bold: true),
                    new Run($" — {item.Detail} · {item.Minutes} min"),
                ]));
            }
            else
            {
                section.Add(new Paragraph([
                    new Run($"{number}. {item.Title}", Bold: true),
                    new Run($" · {item.Minutes} min · "),
                    ReviewText.Owner(item.OwnerId, request.People, request.MentionOwners),
                ]));
                if (item.Detail is not null)
                {
                    section.Add(new Note(item.Detail));
                }

                if (item.PreRead is not null)
                {
                    section.Add(new Note(item.PreRead));
                }
            }

            if (item.KpiId is { } kpiId)
            {
                var name = request.Scorecard.Kpis.FirstOrDefault(k => k.Id == kpiId)?.Name ?? item.Title;
                section.Add(new ActionBar(
                [
                    new MessageAction(AddActionId, "Add action")
                    {
                        Data = new Dictionary<string, string> { ["kpi"] = kpiId.ToString(), ["text"] = $"{name}: " },
                    },
                ]));
            }

            sections.Add(section);
        }

        var summary = $"Agenda for {request.Scorecard.Name} ({label}): {"item".ToQuantity(plan.Items.Count)}, {plan.TotalMinutes} of {"minute".ToQuantity(plan.MeetingMinutes)}.";
        return MessageSplitter.Split(heading, sections, summary, "agenda");
    }

    /// <summary>
    /// Leading KPIs of a cause objective whose three-period trend moved (improving or worsening)
    /// while none of the lagging KPIs of the effect objective moved the same way: either the
    /// effect is still coming, or the link does not hold. Worth a few minutes.
    /// </summary>
    private IEnumerable<AgendaItem> LeadingWithoutLagging(Scorecard scorecard, IReadOnlyList<KpiSnapshot> snapshots)
    {
        var byObjective = snapshots.ToLookup(s => s.ObjectiveId);
        var objectives = scorecard.Objectives.ToDictionary(o => o.Id);
        var kpis = scorecard.Kpis.ToDictionary(k => k.Id);
        var seen = new HashSet<Guid>();
        foreach (var link in scorecard.Links)
        {
            var lagging = byObjective[link.EffectObjectiveId].Where(s => s.Indicator == IndicatorType.Lagging).ToList();
            if (lagging.Count == 0)
            {
                continue;
            }

            foreach (var lead in byObjective[link.CauseObjectiveId].Where(s => s.Indicator == IndicatorType.Leading))
            {
                var moved = lead.Trend.Direction;
                if (moved is not (TrendDirection.Improving or TrendDirection.Worsening) || lagging.Any(l => l.Trend.Direction == moved) || !seen.Add(lead.KpiId))
                {
                    continue;
                }

                var effect = objectives.TryGetValue(link.EffectObjectiveId, out var o) ? o.Name : "its effect";
                yield return new AgendaItem(AgendaSection.LeadingWithoutLagging, lead.Name, kpis[lead.KpiId].OwnerId, MinutesPerLeadingSignal, lead.KpiId,
                    $"{_trends.Clause(lead)}; {string.Join(", ", lagging.Select(l => l.Name))} ({effect}) did not follow yet");
            }
        }
    }

    /// <summary>
    /// The pre-read of each KPI the review discusses (<see cref="PreReadSelection"/>): what its
    /// presenter answered, or "No pre-read from …" once the pre-reads have gone out (after the due day).
    /// </summary>
    private Dictionary<Guid, string> PreReadLines(ReviewRequest request, IReadOnlyList<KpiSnapshot> snapshots)
    {
        var lines = new Dictionary<Guid, string>();
        var asked = request.Schedule is { } schedule && request.Today > schedule.Days.Due;
        foreach (var item in PreReadSelection.For(request.Scorecard, snapshots, request.Calendar))
        {
            var answer = request.Notes.PreReads.FirstOrDefault(r => r.KpiId == item.Kpi.Id && r.Period == item.Snapshot.Period);
            if (answer is not null)
            {
                var need = answer.Need switch
                {
                    PreReadNeed.Decision => "Needs a decision.",
                    PreReadNeed.Resources => "Needs resources.",
                    _ => "Needs nothing from the meeting.",
                };
                lines[item.Kpi.Id] = $"Pre-read by {ReviewText.NameOf(answer.AnsweredById, request.People)}: cause: {answer.Cause.Trim()}. Countermeasure: {answer.Countermeasure.Trim()} " +
                    $"({ReviewText.NameOf(answer.CountermeasureOwnerId, request.People)}, by {DayText.Of(answer.CountermeasureDue, _culture)}). {need}";
            }
            else if (asked)
            {
                lines[item.Kpi.Id] = $"No pre-read from {ReviewText.NameOf(item.Kpi.OwnerId, request.People)}.";
            }
        }

        return lines;
    }

    /// <summary>"3 KPIs without an actual", "2 KPIs without an actual, 1 awaiting approval", "1 KPI awaiting approval".</summary>
    private static string GapTitle(IReadOnlyList<KpiSnapshot> gaps)
    {
        var awaiting = gaps.Count(s => s.PendingApproval);
        var missing = gaps.Count - awaiting;
        return (missing, awaiting) switch
        {
            (0, _) => $"{"KPI".ToQuantity(awaiting)} awaiting approval",
            (_, 0) => $"{"KPI".ToQuantity(missing)} without an actual",
            _ => $"{"KPI".ToQuantity(missing)} without an actual, {awaiting} awaiting approval",
        };
    }

    private string Target(KpiSnapshot s, Kpi kpi) => s.Target is { } target ? StatusLineText.Target(target, kpi, _formatter) : "not set";

    private static string CommentOf(KpiSnapshot s) => string.IsNullOrWhiteSpace(s.Comment) ? string.Empty : $". “{s.Comment.Trim()}”" + ReviewText.CommentBy(s);

    /// <summary>The decisions of the scorecard's last review meeting before this period's (meeting mode's minutes), as one item.</summary>
    private IEnumerable<AgendaItem> LastDecisions(ReviewRequest request)
    {
        var earlier = request.Notes.Decisions
            .Where(d => d.ScorecardId == request.Scorecard.Id && d.Period.Kind == request.Period.Kind && d.Period < request.Period)
            .ToList();
        if (earlier.Count == 0)
        {
            yield break;
        }

        var last = earlier.OrderByDescending(d => d.Period).First().Period;
        var decided = earlier.Where(d => d.Period == last).ToList();
        yield return new AgendaItem(AgendaSection.LastDecisions, $"Decisions of the {request.Calendar.Label(last, _culture)} review ({decided.Count})", request.Scorecard.ManagerId,
            Math.Max(MinutesPerOpenAction * 2, decided.Count * MinutesPerOpenAction), Detail: string.Join("; ", decided.Select(d => $"{d.Item}: {d.Text}")));
    }

    internal static string SectionTitle(AgendaSection section) => section switch
    {
        AgendaSection.OpenActions => "Actions from last time",
        AgendaSection.LastDecisions => "Decisions from last time",
        AgendaSection.RedKpis => "Red KPIs: the owner presents",
        AgendaSection.WorseningAmberKpis => "Amber and getting worse",
        AgendaSection.LikelyToMiss => "Likely to miss the target: the owner presents",
        AgendaSection.DataGaps => "Data gaps",
        AgendaSection.InitiativeDecisions => "Initiatives needing a decision",
        AgendaSection.LeadingWithoutLagging => "Leading indicators that moved without their lagging KPIs",
        AgendaSection.PairsApart => "Pairs moving apart",
        _ => "Close",
    };
}
