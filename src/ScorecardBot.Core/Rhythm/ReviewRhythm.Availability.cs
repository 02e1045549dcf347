using ScorecardBot.Core.Model;
using ScorecardBot.Core.Periods;

namespace ScorecardBot.Core.Rhythm;

/// <summary>
/// The rhythm around people who are away and data that comes late. A person's sends wait for a
/// business day they are not away (their calendar is the organization's plus their days away),
/// so nothing reaches them while out of office. Their delegate for the absence gets the prompt
/// instead, and the reminders of the days the person is away. An owner who said "data late, ETA
/// 12 Nov" is not reminded of that KPI before the 12th and is followed up on it that day.
/// </summary>
public static partial class ReviewRhythm
{
    /// <summary>How long after the ETA day a follow-up may still go out (the bot was down, the day was a holiday).</summary>
    internal static readonly TimeSpan FollowUpGrace = TimeSpan.FromDays(7);

    /// <summary>
    /// The delegate's prompt (and reminders) for a reporter who is away during the collection:
    /// from the first day of the absence inside the window, up to the digest day.
    /// </summary>
    private static void CoverOf(
        RhythmContext context, Scorecard scorecard, ReviewCalendar calendar, ReviewSchedule review, Guid person,
        IReadOnlyList<KpiPeriod> asked, IReadOnlyList<KpiPeriod> missing, DateTimeOffset now, List<Candidate> items)
    {
        var days = review.Days;
        foreach (var absence in context.AbsencesOf(person).Where(a => a.Overlaps(days.WindowOpens, days.Digest)).OrderBy(a => a.From))
        {
            if (absence.DelegateId is not { } stand || stand == person || !context.IsActive(stand))
            {
                continue;
            }

            var zone = context.ZoneOf(stand);
            var promptKey = $"cover:{scorecard.Id}:{review.Period}:{stand}:{person}";
            var first = context.Business.OnOrAfter(absence.From > days.WindowOpens ? absence.From : days.WindowOpens);
            items.Add(context.ToPerson(
                new RhythmDecision(promptKey, RhythmDecisionKind.Prompt, scorecard.Id, review.Period, RhythmRecipient.Person(stand), asked, calendar.SendAt(first, zone), [person]),
                review.MeetingAt, calendar.Cycle, zone));
            RemindersOf(context, scorecard, calendar, review, stand, promptKey, $"remind:{scorecard.Id}:{review.Period}:{stand}:for:{person}", missing, [person],
                day => absence.Covers(day), now, items);

            // One delegate prompt per person and review, even with several absences in it.
            return;
        }
    }

    /// <summary>Follow-ups on the ETA day of late data still not reported, one per person, period and day.</summary>
    private static IEnumerable<Candidate> FollowUpsOf(RhythmContext context, Scorecard scorecard, ReviewCalendar calendar, DateTimeOffset now)
    {
        var kpis = scorecard.Kpis.ToDictionary(k => k.Id);
        var today = context.Fiscal.DateOf(now);
        var notices = context.LateNotices
            .Where(l => kpis.ContainsKey(l.KpiId) && !context.IsReported(new KpiPeriod(l.KpiId, l.Period)) && l.Eta >= today.AddDays(-FollowUpGrace.Days))
            .Select(l => (Notice: l, Reporter: context.ReporterOf(kpis[l.KpiId])))
            .Where(x => x.Reporter is not null);
        foreach (var group in notices.GroupBy(x => (x.Notice.Period, Person: x.Reporter!.Value, x.Notice.Eta)))
        {
            var (period, person, eta) = group.Key;
            var zone = context.ZoneOf(person);
            var at = calendar.SendAt(eta, zone);
            yield return context.ToPerson(
                new RhythmDecision(
                    $"followup:{scorecard.Id}:{period}:{person}:{eta:yyyy-MM-dd}", RhythmDecisionKind.FollowUp, scorecard.Id, period, RhythmRecipient.Person(person),
                    [.. group.Select(x => new KpiPeriod(x.Notice.KpiId, period))], at, []),
                at + FollowUpGrace, calendar.Cycle, zone);
        }
    }

    private sealed partial class RhythmContext
    {
        private readonly ILookup<Guid, Absence> _absences;
        private readonly Dictionary<KpiPeriod, LateNotice> _late;
        private readonly Dictionary<Guid, BusinessCalendar> _calendars = [];

        public IEnumerable<LateNotice> LateNotices => _late.Values;

        public IEnumerable<Absence> AbsencesOf(Guid personId) => _absences[personId];

        public bool IsAway(Guid personId, DateOnly day) => _absences[personId].Any(a => a.Covers(day));

        /// <summary>The person, or on a day they are away the active delegate of that absence who is not away too; else null.</summary>
        public Guid? StandIn(Guid personId, DateOnly day)
        {
            var absence = _absences[personId].FirstOrDefault(a => a.Covers(day));
            if (absence is null)
            {
                return personId;
            }

            return absence.DelegateId is { } d && d != personId && IsActive(d) && !IsAway(d, day) ? d : null;
        }

        /// <summary>Whether the owner said the data comes after <paramref name="day"/>.</summary>
        public bool LateBeyond(KpiPeriod item, DateOnly day) => _late.TryGetValue(item, out var notice) && notice.Eta > day;

        /// <summary>The organization's business days without the days this person is away.</summary>
        public BusinessCalendar CalendarOf(Guid personId)
        {
            if (_calendars.TryGetValue(personId, out var calendar))
            {
                return calendar;
            }

            var away = _absences[personId].SelectMany(DaysOf).ToList();
            calendar = away.Count == 0 ? Business : Business.With(away);
            _calendars[personId] = calendar;
            return calendar;
        }

        private static IEnumerable<DateOnly> DaysOf(Absence absence)
        {
            // An absence is at most a year (the command refuses longer ones); this guards against bad rows.
            var last = absence.To < absence.From.AddYears(1) ? absence.To : absence.From.AddYears(1);
            for (var day = absence.From; day <= last; day = day.AddDays(1))
            {
                yield return day;
            }
        }
    }
}
