using ScorecardBot.Core.Model;
using ScorecardBot.Core.Periods;

namespace ScorecardBot.Core.Rhythm;

/// <summary>
/// Decides what the review rhythm of one organization has to do at a given moment: open the
/// collection window, prompt owners, remind the late ones, escalate to the manager, post the
/// digest, the agenda and the quarterly leading→lagging check. Pure: the same input and moment
/// give the same decisions, and a decision whose key is already made is never repeated.
/// </summary>
/// <remarks>
/// <para>Collection (window, prompts, reminders, escalation) follows the scorecard's monthly
/// cycle, or its quarterly one when it has no monthly cycle. Digest and agenda follow every
/// cycle. The quarterly check goes with the quarterly cycle's review, or with the monthly review
/// of the month that ended a fiscal quarter; it needs cause→effect links to check.</para>
/// <para>One prompt per person and period lists all their KPIs due: the delegate's when a KPI
/// has an active delegate, else the owner's. Quarterly KPIs are asked for only in the review of
/// the quarter's last month. KPIs fed by the API never count as missing: the owner cannot make a
/// feed report. Their owner is asked only for the comment, once the number arrived, and an admin
/// is told when a feed is late (<see cref="FeedsOf"/>).</para>
/// <para>Person-directed sends happen at the person's local SendTime when they have a time zone.
/// Nothing is sent on weekends, holidays or at night in the recipient's zone (see <see cref="SendWindow"/>).</para>
/// <para>Catch-up: after downtime, a decision still due is made at the first allowed moment,
/// but only until its deadline (<see cref="RhythmDecision.Deadline"/>): a prompt until the end of
/// its due day, an agenda and check until the meeting ends, the rest until the meeting starts;
/// anything of an earlier review is dropped. A reminder comes only after its prompt was made (or
/// after the prompt's deadline passed without it);
/// of several due reminders only the latest is sent, and none that was due before a late prompt
/// went out (<see cref="RhythmInput.MadeAt"/>).</para>
/// <para><see cref="ReviewCycle.WindowOverride"/>: false (closed by a manager) stops window,
/// prompts, reminders and escalation; true (opened by a manager) opens the window of the next
/// review now, even before its scheduled day.</para>
/// <para>A new fiscal year (see ReviewRhythm.Targets.cs): a month before it starts, the scorecard
/// manager is sent the KPIs that have no target for it.</para>
/// <para>Away and late (see ReviewRhythm.Availability.cs): nothing reaches a person on a day they
/// are away; their delegate is asked instead; a KPI reported late with an ETA is not reminded
/// before it and followed up on the ETA day.</para>
/// </remarks>
public static partial class ReviewRhythm
{
    /// <summary>Everything due at <paramref name="now"/> that is not done yet, in time order.</summary>
    public static IReadOnlyList<RhythmDecision> Decide(RhythmInput input, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(input);
        return [.. Candidates(input, now)
            .Where(c => c.Scheduled <= now && now < c.Expires && c.Window.Allows(now))
            .Select(c => c.Decision with { Deadline = c.Expires })
            .OrderBy(d => d.ScheduledAt)
            .ThenBy(d => d.Key, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The next moment after <paramref name="now"/> when something becomes due (given what is
    /// reported and done now); null when nothing is scheduled.
    /// </summary>
    public static DateTimeOffset? NextDueAt(RhythmInput input, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(input);
        DateTimeOffset? next = null;
        foreach (var c in Candidates(input, now))
        {
            var from = c.Scheduled > now ? c.Scheduled : now.AddTicks(1);
            var at = c.Window.FirstAllowed(from);
            if (at < c.Expires && (next is null || at < next))
            {
                next = at;
            }
        }

        return next;
    }

    private static IEnumerable<Candidate> Candidates(RhythmInput input, DateTimeOffset now)
    {
        var context = new RhythmContext(input);
        foreach (var scorecard in input.Scorecards)
        {
            var monthly = scorecard.ReviewCycles.FirstOrDefault(c => c.Kind == ReviewKind.Monthly);
            var quarterly = scorecard.ReviewCycles.FirstOrDefault(c => c.Kind == ReviewKind.Quarterly);
            var collection = monthly ?? quarterly;
            foreach (var cycle in new[] { monthly, quarterly })
            {
                if (cycle is null)
                {
                    continue;
                }

                var calendar = CalendarOf(scorecard, cycle, context);
                var reviews = calendar.UpcomingReviews(now).Take(2).ToList();
                for (var i = 0; i < reviews.Count; i++)
                {
                    var review = reviews[i];
                    var items = new List<Candidate>();
                    if (cycle == collection)
                    {
                        CollectionOf(context, scorecard, calendar, review, openNow: i == 0 && cycle.WindowOverride == true, now, items);
                        FeedsOf(input, context, scorecard, calendar, review, openNow: i == 0 && cycle.WindowOverride == true, now, items);
                        PreReadsOf(context, scorecard, calendar, review, now, items);
                    }

                    MeetingOf(context, scorecard, calendar, review, isCheckReview: cycle == quarterly || quarterly is null, items);
                    foreach (var item in items.Where(c => !input.DoneKeys.Contains(c.Decision.Key)))
                    {
                        yield return item;
                    }
                }
            }

            if (collection is not null)
            {
                foreach (var item in TargetsOf(context, scorecard, collection, now).Where(c => !input.DoneKeys.Contains(c.Decision.Key)))
                {
                    yield return item;
                }
            }

            if (collection is not null && collection.WindowOverride != false)
            {
                foreach (var item in FollowUpsOf(context, scorecard, CalendarOf(scorecard, collection, context), now).Where(c => !input.DoneKeys.Contains(c.Decision.Key)))
                {
                    yield return item;
                }
            }
        }
    }

    private static ReviewCalendar CalendarOf(Scorecard scorecard, ReviewCycle cycle, RhythmContext context)
    {
        try
        {
            return new ReviewCalendar(cycle, context.Fiscal, context.Business);
        }
        catch (ArgumentException e)
        {
            // Name the scorecard: the organization may have many, and the manager must find the cycle to fix.
            throw new ArgumentException($"Scorecard '{scorecard.Name}' ({scorecard.Key}): {e.Message}", nameof(cycle), e);
        }
    }

    private static void CollectionOf(RhythmContext context, Scorecard scorecard, ReviewCalendar calendar, ReviewSchedule review, bool openNow, DateTimeOffset now, List<Candidate> items)
    {
        if (calendar.Cycle.WindowOverride == false)
        {
            return;
        }

        var period = review.Period;
        var due = DueItems(context, scorecard, calendar, review);
        if (due.Count == 0)
        {
            return;
        }

        var cycle = calendar.Cycle;
        var orgZone = context.Fiscal.TimeZone;
        var windowAt = openNow && now < review.WindowOpensAt ? now : review.WindowOpensAt;
        var channel = RhythmRecipient.Channel(scorecard.Id);
        items.Add(context.Channel(
            new RhythmDecision($"window:{scorecard.Id}:{period}", RhythmDecisionKind.OpenWindow, scorecard.Id, period, channel, [], windowAt, []),
            review.MeetingAt, cycle));

        // KPIs fed by the API are asked for once their number arrived (see FeedsOf), never for the number.
        var open = due.Where(d => !d.FedByApi && !context.IsReported(d.Item)).ToList();
        foreach (var group in open.Where(d => d.ReporterId is not null).GroupBy(d => d.ReporterId!.Value))
        {
            var person = group.Key;
            var zone = context.ZoneOf(person);
            var promptKey = $"prompt:{scorecard.Id}:{period}:{person}";
            var promptAt = openNow && now < review.WindowOpensAt ? now : calendar.SendAt(review.Days.WindowOpens, zone);
            // A prompt is worth sending until the due date; after it, the reminder (which says it was due) takes over.
            items.Add(context.ToPerson(
                new RhythmDecision(promptKey, RhythmDecisionKind.Prompt, scorecard.Id, period, RhythmRecipient.Person(person), [.. group.Select(d => d.Item)], promptAt, []),
                review.DueAt, cycle, zone));

            var missing = group.Where(d => !d.FedByApi).Select(d => d.Item).ToList();
            RemindersOf(context, scorecard, calendar, review, person, promptKey, $"remind:{scorecard.Id}:{period}:{person}", missing, [], day => true, now, items);
            CoverOf(context, scorecard, calendar, review, person, [.. group.Select(d => d.Item)], missing, now, items);
        }

        var late = open.Where(d => !d.FedByApi).ToList();
        if (late.Count > 0)
        {
            // A manager away on the day hands the escalation to their delegate, else to the team channel.
            var manager = scorecard.ManagerId is { } m && context.IsActive(m) ? context.StandIn(m, review.Days.Escalation) : null;
            var zone = manager is { } id ? context.ZoneOf(id) : orgZone;
            var recipient = manager is { } mid ? RhythmRecipient.Person(mid) : channel;
            var owners = late.Select(d => d.ReporterId ?? d.OwnerId).OfType<Guid>().Distinct().ToList();
            var decision = new RhythmDecision($"escalate:{scorecard.Id}:{period}", RhythmDecisionKind.Escalate, scorecard.Id, period, recipient,
                [.. late.Select(d => d.Item)], calendar.SendAt(review.Days.Escalation, zone), owners);
            items.Add(context.ToPerson(decision, review.MeetingAt, cycle, zone));
        }
    }

    private static void MeetingOf(RhythmContext context, Scorecard scorecard, ReviewCalendar calendar, ReviewSchedule review, bool isCheckReview, List<Candidate> items)
    {
        var period = review.Period;
        var cycle = calendar.Cycle;
        var channel = RhythmRecipient.Channel(scorecard.Id);
        var missing = DueItems(context, scorecard, calendar, review).Where(d => !d.FedByApi && !context.IsReported(d.Item)).Select(d => d.Item).ToList();
        items.Add(context.Channel(
            new RhythmDecision($"digest:{scorecard.Id}:{period}", RhythmDecisionKind.Digest, scorecard.Id, period, channel, missing, review.DigestAt, []),
            review.MeetingAt, cycle));
        items.Add(context.Channel(
            new RhythmDecision($"agenda:{scorecard.Id}:{period}", RhythmDecisionKind.Agenda, scorecard.Id, period, channel, [], review.AgendaAt, []),
            review.MeetingEndsAt, cycle));

        var quarter = period.Kind == PeriodKind.Quarter ? period : review.QuarterEnded;
        if (isCheckReview && quarter is { } q && scorecard.Links.Count > 0)
        {
            items.Add(context.Channel(
                new RhythmDecision($"check:{scorecard.Id}:{q}", RhythmDecisionKind.QuarterlyCheck, scorecard.Id, q, channel, [], review.DigestAt, []),
                review.MeetingEndsAt, cycle));
        }
    }

    /// <summary>
    /// The reminders of one prompt (<paramref name="promptKey"/>): on the cycle's reminder days the
    /// prompt has not covered, only the latest of those already due, each listing what is still
    /// missing and not announced as late beyond that day; <paramref name="onDay"/> says on which
    /// days this recipient is the one to remind.
    /// </summary>
    private static void RemindersOf(
        RhythmContext context, Scorecard scorecard, ReviewCalendar calendar, ReviewSchedule review, Guid person, string promptKey, string keyPrefix,
        IReadOnlyList<KpiPeriod> missing, IReadOnlyList<Guid> people, Func<DateOnly, bool> onDay, DateTimeOffset now, List<Candidate> items)
    {
        // Reminders follow a prompt that was made, or one whose deadline (the due date) passed unmade (after downtime).
        if (missing.Count == 0 || (!context.Done(promptKey) && now < review.DueAt))
        {
            return;
        }

        var zone = context.ZoneOf(person);
        var reminders = review.Days.Reminders;
        var prompted = context.MadeAt(promptKey);
        for (var n = 1; n <= reminders.Count; n++)
        {
            var at = calendar.SendAt(reminders[n - 1], zone);
            var laterAlreadyDue = n < reminders.Count && calendar.SendAt(reminders[n], zone) <= now;
            var coveredByPrompt = prompted is { } p && at <= p;
            var due = missing.Where(k => !context.LateBeyond(k, reminders[n - 1])).ToList();
            if (!laterAlreadyDue && !coveredByPrompt && due.Count > 0 && onDay(reminders[n - 1]))
            {
                items.Add(context.ToPerson(
                    new RhythmDecision($"{keyPrefix}:{n}", RhythmDecisionKind.Remind, scorecard.Id, review.Period, RhythmRecipient.Person(person), due, at, people, n),
                    review.MeetingAt, calendar.Cycle, zone));
            }
        }
    }

    /// <summary>The KPIs asked for in a review, each with the period of its own frequency and who reports it.</summary>
    private static List<DueItem> DueItems(RhythmContext context, Scorecard scorecard, ReviewCalendar calendar, ReviewSchedule review)
    {
        var period = review.Period;
        var fiscal = calendar.Fiscal;
        var quarter = period.Kind == PeriodKind.Quarter ? period : review.QuarterEnded;
        var months = period.Kind == PeriodKind.Quarter ? fiscal.MonthsIn(period) : [period];
        var result = new List<DueItem>();
        foreach (var kpi in scorecard.Kpis.OrderBy(k => k.Order).ThenBy(k => k.Name, StringComparer.Ordinal))
        {
            var periods = kpi.Frequency == Frequency.Quarterly ? (quarter is { } q ? [q] : []) : months;
            foreach (var p in periods)
            {
                result.Add(new DueItem(new KpiPeriod(kpi.Id, p), kpi.OwnerId, context.ReporterOf(kpi), kpi.FedByApi));
            }
        }

        return result;
    }

    private sealed record DueItem(KpiPeriod Item, Guid? OwnerId, Guid? ReporterId, bool FedByApi);

    internal sealed record Candidate(RhythmDecision Decision, DateTimeOffset Expires, SendWindow Window)
    {
        public DateTimeOffset Scheduled => Decision.ScheduledAt;
    }

    /// <summary>Lookups built once per call: people, zones, reported actuals, done keys.</summary>
    private sealed partial class RhythmContext
    {
        private readonly RhythmInput _input;
        private readonly Dictionary<Guid, Person> _people;
        private readonly HashSet<KpiPeriod> _reported;
        private readonly Dictionary<Guid, TimeZoneInfo> _zones = [];

        public RhythmContext(RhythmInput input)
        {
            _input = input;
            Fiscal = FiscalCalendar.For(input.Organization);
            Business = BusinessCalendar.For(input.Organization, input.Holidays);
            _people = input.People.GroupBy(p => p.Id).ToDictionary(g => g.Key, g => g.First());
            var actuals = input.Actuals ?? [.. input.Scorecards.SelectMany(s => s.Kpis).SelectMany(k => k.Actuals)];
            _reported = [.. actuals.Select(a => new KpiPeriod(a.KpiId, a.Period))];
            _absences = input.Absences.ToLookup(a => a.PersonId);
            _late = input.LateNotices.GroupBy(l => new KpiPeriod(l.KpiId, l.Period)).ToDictionary(g => g.Key, g => g.First());
        }

        public FiscalCalendar Fiscal { get; }
        public BusinessCalendar Business { get; }

        public bool IsReported(KpiPeriod item) => _reported.Contains(item);

        public bool Done(string key) => _input.DoneKeys.Contains(key);

        public DateTimeOffset? MadeAt(string key) =>
            _input.MadeAt is { } made && made.TryGetValue(key, out var at) ? at : null;

        /// <summary>Unknown people count as active: the rhythm cannot tell, and a prompt to them is better than silence.</summary>
        public bool IsActive(Guid personId) => !_people.TryGetValue(personId, out var p) || p.IsActive;

        /// <summary>An inactive delegate hands the KPI back to the owner; with neither, nobody is prompted and it shows up as missing.</summary>
        public Guid? ReporterOf(Kpi kpi) =>
            kpi.DelegateId is { } d && IsActive(d) ? d : kpi.OwnerId is { } o && IsActive(o) ? o : null;

        public TimeZoneInfo ZoneOf(Guid personId)
        {
            if (_zones.TryGetValue(personId, out var zone))
            {
                return zone;
            }

            zone = Fiscal.TimeZone;
            if (_people.TryGetValue(personId, out var person) && !string.IsNullOrWhiteSpace(person.TimeZoneId))
            {
                // A zone id the system does not know falls back to the organization's zone rather than stopping the rhythm.
                zone = TimeZoneInfo.TryFindSystemTimeZoneById(person.TimeZoneId, out var found) ? found : Fiscal.TimeZone;
            }

            _zones[personId] = zone;
            return zone;
        }

        public Candidate Channel(RhythmDecision decision, DateTimeOffset expires, ReviewCycle cycle) =>
            ToPerson(decision, expires, cycle, Fiscal.TimeZone);

        /// <summary>A send to one person waits for a business day they are not away; a channel post only for a business day.</summary>
        public Candidate ToPerson(RhythmDecision decision, DateTimeOffset expires, ReviewCycle cycle, TimeZoneInfo zone)
        {
            var local = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(decision.ScheduledAt, zone).DateTime);
            var days = decision.Recipient.PersonId is { } person ? CalendarOf(person) : Business;
            return new Candidate(decision, expires, new SendWindow(zone, days, cycle.SendTime, local));
        }
    }
}
