using System.Globalization;
using Humanizer;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Periods;
using ScorecardBot.Core.Review;
using ScorecardBot.Core.Scoring;
using ScorecardBot.Core.Values;

namespace ScorecardBot.Core.Meetings;

/// <summary>What a meeting's card and minutes are drawn from: the meeting with its notes, its actions, and the organization's words.</summary>
public sealed record MeetingView(
    ReviewMeeting Meeting,
    Scorecard Scorecard,
    IReadOnlyList<ReviewAction> Actions,
    IReadOnlyDictionary<Guid, Person> People,
    FiscalCalendar Calendar,
    ValueFormatter Formatter,
    CultureInfo Culture,
    bool MentionOwners = true)
{
    /// <summary>A view in the organization's calendar, culture and currency (what the scheduler has at hand).</summary>
    public static MeetingView For(Organization organization, ReviewMeeting meeting, Scorecard scorecard, IReadOnlyList<ReviewAction> actions, IReadOnlyDictionary<Guid, Person> people)
    {
        var locale = new OrganizationLocale(organization);
        return new MeetingView(meeting, scorecard, actions, people, locale.Calendar, locale.Formatter, locale.Culture, organization.MentionOwners);
    }
}

/// <summary>What a person typed into the meeting card, kept when something in it is wrong.</summary>
public sealed record MeetingDraft(string? Decision = null, string? ActionText = null, string? Owner = null, string? Due = null)
{
    public string? DecisionError { get; init; }
    public string? ActionTextError { get; init; }
    public string? OwnerError { get; init; }
    public string? DueError { get; init; }

    public static MeetingDraft Empty { get; } = new();
}

/// <summary>
/// The meeting's card (the item under discussion, what the meeting recorded, the four buttons)
/// and its minutes. One card per meeting, updated in place on every press.
/// </summary>
public static class MeetingCards
{
    public const string CardKind = "meeting";
    public const string MinutesKind = "minutes";

    /// <summary>Decisions and actions shown on the card for the item under discussion.</summary>
    public const int ShownPerItem = 6;

    public static Message Card(MeetingView view, MeetingDraft? draft = null, string? notice = null)
    {
        draft ??= MeetingDraft.Empty;
        var meeting = view.Meeting;
        var items = meeting.Items;
        var label = view.Calendar.Label(meeting.Period, view.Culture);
        var blocks = new List<Block> { new Heading($"{view.Scorecard.Name}: {label} review") };
        if (notice is not null)
        {
            blocks.Add(Paragraph.Of(notice, TextTone.Warning));
        }

        if (meeting.State == MeetingState.Closed)
        {
            blocks.Add(Paragraph.Of(ClosedLine(view), TextTone.Subtle));
            blocks.Add(Paragraph.Of(Tally(view)));
            return new Message(blocks, $"The {view.Scorecard.Name} {label} review has ended. {Tally(view)}") { Kind = CardKind, ReplacesSource = true };
        }

        var data = new Dictionary<string, string>
        {
            [CardActions.Keys.Meeting] = meeting.Id.ToString("N", CultureInfo.InvariantCulture),
            [CardActions.Keys.Item] = meeting.Position.ToString(CultureInfo.InvariantCulture),
        };
        string summary;
        if (meeting.Current is { } item)
        {
            blocks.Add(Paragraph.Of($"Item {meeting.Position + 1} of {items.Count} · {item.Section}", TextTone.Subtle));
            var title = new List<Inline> { new Run(item.Title, Bold: true) };
            if (item.OwnerId is not null)
            {
                title.Add(new Run(" · presents: "));
                title.Add(ReviewText.Owner(item.OwnerId, view.People, view.MentionOwners));
            }

            blocks.Add(new Paragraph(title));
            if (item.KpiId is { } kpiId && view.Scorecard.Kpis.FirstOrDefault(k => k.Id == kpiId) is { } kpi)
            {
                blocks.Add(new FactList(Facts(view, kpi)));
            }

            if (!string.IsNullOrWhiteSpace(item.Detail))
            {
                blocks.Add(new Note(item.Detail));
            }

            // The latest few; a long discussion's full record is in the minutes, and the card stays within the platforms' sizes.
            var recorded = RecordedOn(view, meeting.Position).ToList();
            if (recorded.Count > ShownPerItem)
            {
                blocks.Add(new Note($"{recorded.Count - ShownPerItem} earlier lines on this item are in the minutes."));
            }

            foreach (var line in recorded.TakeLast(ShownPerItem))
            {
                blocks.Add(Paragraph.Of(line));
            }

            summary = $"{view.Scorecard.Name} review, item {meeting.Position + 1} of {items.Count}: {item.Title}.";
        }
        else
        {
            blocks.Add(Paragraph.Of($"All {"item".ToQuantity(items.Count)} taken. A scorecard manager ends the meeting (End meeting, or review end) and the minutes are posted here.", TextTone.Subtle));
            summary = $"{view.Scorecard.Name} review: all items taken.";
        }

        blocks.Add(Paragraph.Of("So far: " + Tally(view), TextTone.Subtle));
        blocks.Add(new TextInput(CardActions.Keys.Decision, "Decision") { Value = draft.Decision, Error = draft.DecisionError, MaxLength = 1000, Placeholder = "What the meeting decided" });
        blocks.Add(new TextInput(CardActions.Keys.ActionText, "Action") { Value = draft.ActionText, Error = draft.ActionTextError, MaxLength = 1000, Placeholder = "What is to be done" });
        blocks.Add(new TextInput(CardActions.Keys.Owner, "Action owner") { Value = draft.Owner, Error = draft.OwnerError, Placeholder = "Name or e-mail" });
        blocks.Add(new TextInput(CardActions.Keys.Due, "Due") { Value = draft.Due, Error = draft.DueError, Placeholder = "2026-12-15, friday, in 2 weeks" });

        var buttons = new List<MessageAction>
        {
            new(CardActions.MeetingDecide, "Record decision") { Data = data, SubmitsInputs = true, Inputs = [CardActions.Keys.Decision] },
            new(CardActions.MeetingAddAction, "Add action") { Data = data, SubmitsInputs = true, Inputs = [CardActions.Keys.ActionText, CardActions.Keys.Owner, CardActions.Keys.Due] },
        };
        if (meeting.Current is not null)
        {
            buttons.Insert(0, new MessageAction(CardActions.MeetingNext, "Next") { Data = data, Style = ActionStyle.Primary });
            buttons.Add(new MessageAction(CardActions.MeetingPark, "Park") { Data = data });
        }
        else
        {
            buttons.Add(new MessageAction(CardActions.MeetingEnd, "End meeting") { Data = data, Style = ActionStyle.Primary });
        }

        blocks.Add(new ActionBar(buttons));
        return new Message(blocks, summary) { Kind = CardKind };
    }

    /// <summary>The minutes: decisions, actions with owners and due dates, parked items, who presented, what was not reached.</summary>
    public static Message Minutes(MeetingView view)
    {
        var meeting = view.Meeting;
        var items = meeting.Items;
        var label = view.Calendar.Label(meeting.Period, view.Culture);
        var blocks = new List<Block>
        {
            new Heading($"Minutes: {view.Scorecard.Name}, {label} review"),
            Paragraph.Of($"Opened by {ReviewText.NameOf(meeting.StartedById, view.People)} at {Time(view, meeting.StartedAt)}. {ClosedLine(view)}", TextTone.Subtle),
        };
        var lines = new List<string> { $"Minutes of the {view.Scorecard.Name} {label} review." };

        var decisions = meeting.Notes.Where(n => n.Kind == MeetingNoteKind.Decision).OrderBy(n => n.At).ToList();
        blocks.Add(Paragraph.Of($"Decisions ({decisions.Count})", TextTone.Subtle));
        if (decisions.Count == 0)
        {
            blocks.Add(new Note("None recorded."));
        }

        foreach (var d in decisions)
        {
            blocks.Add(new Paragraph([new Run($"{ItemTitle(items, d.Item)}: ", Bold: true), new Run(d.Text ?? string.Empty), new Run($" — {ReviewText.NameOf(d.PersonId, view.People)}", Italic: true)]));
            lines.Add($"Decision on {ItemTitle(items, d.Item)}: {d.Text}.");
        }

        var actions = view.Actions.OrderBy(a => a.Number).ToList();
        blocks.Add(Paragraph.Of($"Actions ({actions.Count})", TextTone.Subtle));
        if (actions.Count == 0)
        {
            blocks.Add(new Note("None agreed."));
        }

        foreach (var a in actions)
        {
            blocks.Add(new Paragraph([
                new Run($"#{a.Number} ", Bold: true),
                new Run(a.Text + " — "),
                ReviewText.Owner(a.OwnerId, view.People, view.MentionOwners),
                new Run(a.Due is { } due ? $", due {Day(view, due)}" : string.Empty),
            ]));
            lines.Add($"Action #{a.Number}: {a.Text} — {ReviewText.NameOf(a.OwnerId, view.People)}" + (a.Due is { } d2 ? $", due {Day(view, d2)}." : "."));
        }

        var parked = meeting.Notes.Where(n => n.Kind == MeetingNoteKind.Parked).OrderBy(n => n.Item).Select(n => ItemTitle(items, n.Item)).ToList();
        if (parked.Count > 0)
        {
            blocks.Add(Paragraph.Of($"Parked ({parked.Count})", TextTone.Subtle));
            blocks.Add(Paragraph.Of(string.Join("; ", parked)));
            lines.Add($"Parked: {string.Join("; ", parked)}.");
        }

        var presented = meeting.Notes.Where(n => n.Kind == MeetingNoteKind.Presented && n.PersonId is not null)
            .GroupBy(n => n.PersonId!.Value)
            .Select(g => $"{ReviewText.NameOf(g.Key, view.People)} ({string.Join(", ", g.OrderBy(n => n.Item).Select(n => ItemTitle(items, n.Item)))})")
            .ToList();
        if (presented.Count > 0)
        {
            blocks.Add(Paragraph.Of("Presented", TextTone.Subtle));
            blocks.Add(Paragraph.Of(string.Join("; ", presented)));
            lines.Add($"Presented: {string.Join("; ", presented)}.");
        }

        if (meeting.Position < items.Count)
        {
            var missed = items.Skip(meeting.Position).Select(i => i.Title).ToList();
            blocks.Add(Paragraph.Of($"Not reached ({missed.Count})", TextTone.Subtle));
            blocks.Add(Paragraph.Of(string.Join("; ", missed)));
            lines.Add($"Not reached: {string.Join("; ", missed)}.");
        }

        return new Message(blocks, string.Join(" ", lines)) { Kind = MinutesKind };
    }

    private static IReadOnlyList<Fact> Facts(MeetingView view, Kpi kpi)
    {
        var period = ReviewText.PeriodFor(kpi, view.Meeting.Period, view.Calendar);
        var s = ReviewText.Snapshot(kpi, period);
        var facts = new List<Fact>
        {
            new("Actual", s.Actual is { } actual ? view.Formatter.Format(actual, kpi) : s.NoDataReason is { } why ? $"no data ({why})" : "not reported"),
            new("Target", s.Target is { } target ? StatusLineText.Target(target, kpi, view.Formatter) : "none"),
            new("Status", ReviewText.StatusWord(s.Status)),
        };
        var trend = new TrendText(view.Formatter, view.Culture).Clause(s);
        if (!string.IsNullOrWhiteSpace(trend))
        {
            facts.Add(new Fact("Trend", trend));
        }

        if (!string.IsNullOrWhiteSpace(s.Comment))
        {
            facts.Add(new Fact("Comment", s.Comment.Trim() + ReviewText.CommentBy(s)));
        }

        return facts;
    }

    /// <summary>What the meeting recorded on one item, one line each.</summary>
    private static IEnumerable<string> RecordedOn(MeetingView view, int item)
    {
        foreach (var d in view.Meeting.Notes.Where(n => n.Kind == MeetingNoteKind.Decision && n.Item == item).OrderBy(n => n.At))
        {
            yield return $"✔ Decision: {d.Text} ({ReviewText.NameOf(d.PersonId, view.People)})";
        }

        var kpi = item >= 0 && item < view.Meeting.Items.Count ? view.Meeting.Items[item].KpiId : null;
        foreach (var a in view.Actions.Where(a => kpi is not null && a.KpiId == kpi).OrderBy(a => a.Number))
        {
            yield return $"➜ Action #{a.Number}: {a.Text} — {ReviewText.NameOf(a.OwnerId, view.People)}" + (a.Due is { } due ? $", due {Day(view, due)}" : string.Empty);
        }
    }

    private static string Tally(MeetingView view)
    {
        var notes = view.Meeting.Notes;
        var decisions = notes.Count(n => n.Kind == MeetingNoteKind.Decision);
        var parked = notes.Count(n => n.Kind == MeetingNoteKind.Parked);
        return $"{"decision".ToQuantity(decisions)}, {"action".ToQuantity(view.Actions.Count)}, {parked} parked.";
    }

    private static string ClosedLine(MeetingView view)
    {
        var meeting = view.Meeting;
        if (meeting.State != MeetingState.Closed || meeting.ClosedAt is not { } closed)
        {
            return "Still open.";
        }

        return meeting.ClosedById is { } by
            ? $"Ended by {ReviewText.NameOf(by, view.People)} at {Time(view, closed)}."
            : $"Closed at the end of the review day ({Time(view, closed)}) with the minutes so far.";
    }

    private static string ItemTitle(IReadOnlyList<MeetingItem> items, int item) =>
        item >= 0 && item < items.Count ? items[item].Title : "General";

    private static string Time(MeetingView view, DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, view.Calendar.TimeZone);
        return DayText.ShortMoment(local, view.Culture);
    }

    private static string Day(MeetingView view, DateOnly day) => DayText.WithYear(day, view.Culture);
}
