using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Delivery;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Periods;
using ScorecardBot.Core.Review;
using ScorecardBot.Core.Rhythm;
using ScorecardBot.Core.Scoring;
using ScorecardBot.Core.Values;
using ScorecardBot.Data;
using ScorecardBot.Data.Outbox;
using ScorecardBot.Data.Stores;

namespace ScorecardBot.Scheduling;

/// <summary>
/// Binds the review rhythm to the database: loads one organization's <see cref="RhythmInput"/>
/// (the outbox is its memory of decisions made), asks <see cref="ReviewRhythm.Decide"/> what is
/// due and turns each decision into the prompt, reminder, escalation, digest, agenda or check
/// messages of Core/Review, addressed on the recipient's platform. A decision whose message cannot
/// be composed (a bug, data no builder expected) is logged with its key and planned as undelivered,
/// so it shows in /healthz and the admins' status while every other decision goes out.
/// </summary>
internal sealed class ReviewRhythmPlanner(StatusAbsences statusAbsences, ILogger<ReviewRhythmPlanner> logger, IDigestCharts? charts = null) : IRhythmPlanner
{
    /// <summary>How far back the outbox is read as memory: the rhythm never looks further than a quarter and its review.</summary>
    private static readonly TimeSpan Memory = TimeSpan.FromDays(400);

    public async Task<IReadOnlyList<PlannedMessage>> PlanAsync(
        ScorecardDbContext db, Organization organization, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var notes = await ReviewNotesQuery.LoadAsync(db, organization.Id, now, cancellationToken);
        var input = await LoadAsync(db, organization, notes, now, cancellationToken);
        var decisions = ReviewRhythm.Decide(input, now);
        if (await statusAbsences.FindAsync(organization, input, decisions, cancellationToken) is { Count: > 0 } away)
        {
            // Someone about to be prompted is on vacation by their chat status: decide again with it.
            notes = notes with { Absences = [.. notes.Absences, .. away] };
            input = input with { Absences = notes.Absences };
            decisions = ReviewRhythm.Decide(input, now);
        }

        if (decisions.Count == 0)
        {
            return [];
        }

        var actions = await db.ReviewActions.AsNoTracking().Where(a => a.OrganizationId == organization.Id).ToListAsync(cancellationToken);
        var compose = new Composition(input, organization, actions, notes, now, charts);
        var planned = new List<PlannedMessage>();
        foreach (var decision in decisions)
        {
            var scorecard = input.Scorecards.First(s => s.Id == decision.ScorecardId);
            var kind = KindOf(decision.Kind);
            var destinations = compose.Destinations(decision, scorecard).ToList();
            IReadOnlyList<DigestPost> posts;
            try
            {
                posts = compose.Posts(decision, scorecard);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Could not compose the {Kind} of decision {DecisionKey} (organization {OrganizationId}); it is listed as undelivered", kind, decision.Key, organization.Id);
                var failure = $"{DeliveryFailureCodes.NotComposed}: {ex.GetType().Name}: {ex.Message}";
                var note = Message.Text($"The {kind} of {scorecard.Name} could not be composed ({decision.Key}).", kind);
                planned.AddRange(destinations.Take(1).Select(d =>
                    new PlannedMessage(decision.Key, kind, decision.ScheduledAt, new OutgoingMessage(organization.Id, d.Platform, d.Destination, note, decision.Key), failure, decision.Deadline)));
                continue;
            }

            // Each destination gets every post; a thread reply points at its own channel's first post.
            var part = 0;
            foreach (var (platform, destination) in destinations)
            {
                string? head = null;
                foreach (var post in posts)
                {
                    var key = part == 0 ? decision.Key : $"{decision.Key}#{part}";
                    part++;
                    var message = new OutgoingMessage(organization.Id, platform, destination, post.Message, key)
                    {
                        InThreadOf = post.InThread && !destination.IsDirect ? head : null,
                    };
                    head ??= key;
                    planned.Add(new PlannedMessage(decision.Key, kind, decision.ScheduledAt, message, ExpiresAt: decision.Deadline));
                }
            }
        }

        return planned;
    }

    internal static string KindOf(RhythmDecisionKind kind) => kind switch
    {
        RhythmDecisionKind.OpenWindow => "window",
        RhythmDecisionKind.Prompt => "prompt",
        RhythmDecisionKind.Remind => "reminder",
        RhythmDecisionKind.Escalate => "escalation",
        RhythmDecisionKind.Digest => "digest",
        RhythmDecisionKind.Agenda => "agenda",
        RhythmDecisionKind.QuarterlyCheck => "check",
        RhythmDecisionKind.FollowUp => "followup",
        RhythmDecisionKind.TargetsMissing => YearTargetsBuilder.Kind,
        RhythmDecisionKind.PreRead => PreReadBuilder.Kind,
        _ => kind.ToString().ToLowerInvariant(),
    };

    /// <summary>One organization's rhythm input as of <paramref name="now"/>, with its holidays, absences and late notices.</summary>
    internal static async Task<RhythmInput> LoadAsync(ScorecardDbContext db, Organization organization, DateTimeOffset now, CancellationToken cancellationToken) =>
        await LoadAsync(db, organization, await ReviewNotesQuery.LoadAsync(db, organization.Id, now, cancellationToken), now, cancellationToken);

    private static async Task<RhythmInput> LoadAsync(ScorecardDbContext db, Organization organization, ReviewNotes notes, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var scorecards = await db.Scorecards.AsNoTracking().AsSplitQuery()
            .Where(s => s.OrganizationId == organization.Id)
            // A retired KPI is asked for, chased and reported no more; its rows stay.
            .Include(s => s.Kpis.Where(k => k.RetiredAt == null)).ThenInclude(k => k.Targets)
            .Include(s => s.Kpis.Where(k => k.RetiredAt == null)).ThenInclude(k => k.Actuals)
            .Include(s => s.ReviewCycles)
            .Include(s => s.Channels)
            .Include(s => s.Perspectives)
            .Include(s => s.Objectives)
            .Include(s => s.Links)
            .OrderBy(s => s.Id)
            .ToListAsync(cancellationToken);
        var calendar = FiscalCalendar.For(organization);
        foreach (var kpi in scorecards.SelectMany(s => s.Kpis))
        {
            TargetInheritance.Expand(kpi, calendar);
        }

        var people = await db.People.AsNoTracking().Include(p => p.Accounts)
            .Where(p => p.OrganizationId == organization.Id).ToListAsync(cancellationToken);
        var made = await db.GetMadeDecisionsAsync(organization.Id, now - Memory, cancellationToken);
        return new RhythmInput
        {
            Organization = organization,
            Scorecards = scorecards,
            People = people,
            Holidays = notes.Holidays,
            Absences = notes.Absences,
            LateNotices = notes.LateNotices,
            DoneKeys = made.Keys.ToHashSet(StringComparer.Ordinal),
            MadeAt = made,
        };
    }

    /// <summary>The builders of one organization (its calendar, culture and currency).</summary>
    private sealed class Composition
    {
        private readonly RhythmInput _input;
        private readonly Organization _organization;
        private readonly FiscalCalendar _calendar;
        private readonly CultureInfo _culture;
        private readonly ValueFormatter _formatter;
        private readonly Dictionary<Guid, Person> _people;
        private readonly IReadOnlyList<ReviewAction> _actions;
        private readonly ReviewNotes _notes;
        private readonly DateTimeOffset _now;
        private readonly IDigestCharts? _charts;

        public Composition(RhythmInput input, Organization organization, IReadOnlyList<ReviewAction> actions, ReviewNotes notes, DateTimeOffset now, IDigestCharts? charts)
        {
            _charts = charts;
            _actions = actions;
            _notes = notes;
            _now = now;
            _input = input;
            _organization = organization;
            _calendar = FiscalCalendar.For(organization);
            _culture = CultureOf(organization.Locale);
            _formatter = new ValueFormatter(_culture, organization.Currency);
            _people = input.People.ToDictionary(p => p.Id);
        }

        /// <summary>What a decision posts; only a digest in a quiet layout has replies in a thread.</summary>
        public IReadOnlyList<DigestPost> Posts(RhythmDecision decision, Scorecard scorecard) => decision.Kind == RhythmDecisionKind.Digest
            ? new ChannelDigest(_formatter, ChartUrl, _culture).Build(Request(scorecard, decision), _organization.DigestLayout)
            : [.. Messages(decision, scorecard).Select(m => new DigestPost(m, InThread: false))];

        private Func<Guid, string>? ChartUrl => _charts is { } charts ? scorecardId => charts.ScorecardTrends(_organization.Id, scorecardId) : null;

        private IReadOnlyList<Message> Messages(RhythmDecision decision, Scorecard scorecard)
        {
            var lines = PromptBuilder.LinesFor(scorecard, decision.Kpis);
            var prompts = new PromptBuilder(_calendar, _formatter, _culture);
            var recipient = decision.Recipient.PersonId is { } id && _people.TryGetValue(id, out var person) ? person : null;
            var due = PeriodLock.ReviewOf(_organization, scorecard, decision.Period, _notes.Holidays)?.Days.Due;
            var covered = decision.People.Count == 1 && decision.Kind is RhythmDecisionKind.Prompt or RhythmDecisionKind.Remind && _people.TryGetValue(decision.People[0], out var away) ? away : null;
            return decision.Kind switch
            {
                RhythmDecisionKind.Prompt when recipient is not null => [prompts.Prompt(recipient, decision.Period, lines, due, covered)],
                RhythmDecisionKind.Remind when recipient is not null => [prompts.Reminder(recipient, decision.Period, lines, due, number: Math.Max(1, decision.Number), coveringFor: covered)],
                RhythmDecisionKind.FollowUp when recipient is not null => [prompts.FollowUp(recipient, decision.Period, lines, _calendar.DateOf(decision.ScheduledAt))],
                RhythmDecisionKind.Escalate => [prompts.Escalation(scorecard, decision.Period, lines, _people)],
                RhythmDecisionKind.PreRead when recipient is not null => [PreRead(scorecard, decision, recipient)],
                RhythmDecisionKind.FeedLate => [prompts.FeedLate(scorecard, decision.Period, lines, _people)],
                RhythmDecisionKind.Agenda => new AgendaBuilder(_formatter, _culture).Build(Request(scorecard, decision)),
                RhythmDecisionKind.QuarterlyCheck => new CheckBuilder(_culture).Build(scorecard, LeadingLaggingCheck.Run(scorecard, _calendar.LastMonth(decision.Period)), _calendar, decision.Period),
                RhythmDecisionKind.TargetsMissing => [new YearTargetsBuilder(_calendar, _formatter, _culture).Build(scorecard, decision.Period, [.. lines.Select(l => l.Kpi)])],
                RhythmDecisionKind.OpenWindow => [Message.Text(
                    $"Collection for {_calendar.Label(decision.Period, _culture)} is open: owners of {scorecard.Name}'s KPIs are asked for their actuals.", "window")],
                _ => [],
            };
        }

        /// <summary>The presenter's pre-read: the KPIs the decision names, as the selection sees them now.</summary>
        private Message PreRead(Scorecard scorecard, RhythmDecision decision, Person recipient)
        {
            var wanted = decision.Kpis.Select(k => k.KpiId).ToHashSet();
            var items = PreReadSelection.For(scorecard, decision.Period, _calendar).Where(i => wanted.Contains(i.Kpi.Id)).ToList();
            var covering = decision.People.Count == 1 && _people.TryGetValue(decision.People[0], out var owner) ? owner : null;
            return new PreReadBuilder(_calendar, _formatter, _culture).Build(recipient, scorecard, decision.Period, items, _input.People, decision.Deadline ?? _now, covering);
        }

        private ReviewRequest Request(Scorecard scorecard, RhythmDecision decision) =>
            ReviewRequest.For(_organization, scorecard, decision.Period, _input.People, _actions, _now, _notes);

        /// <summary>A person on the platform they have an account on; a scorecard's decision in each of its channels.</summary>
        public IEnumerable<(Platform Platform, Destination Destination)> Destinations(RhythmDecision decision, Scorecard scorecard) =>
            decision.Recipient.PersonId is { } personId
                ? [RhythmDestinations.ForPerson(personId, _people.GetValueOrDefault(personId), _organization)]
                : RhythmDestinations.ForChannels(scorecard, _organization);

        private static CultureInfo CultureOf(string locale)
        {
            try
            {
                return CultureInfo.GetCultureInfo(locale);
            }
            catch (CultureNotFoundException)
            {
                return CultureInfo.InvariantCulture;
            }
        }
    }
}
