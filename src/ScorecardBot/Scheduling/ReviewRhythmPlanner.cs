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
/// messages of Core/Review, addressed on the recipient's platform.
/// </summary>
internal sealed class ReviewRhythmPlanner(StatusAbsences statusAbsences) : IRhythmPlanner
{
    /// <summary>How far back the outbox is read as memory: the rhythm never looks further than a quarter and its review.</summary>
    private static readonly TimeSpan Memory = TimeSpan.FromDays(400);

    /// <summary>The local chat's one team channel, for organizations on neither Teams nor Slack.</summary>
    internal const string LocalChannel = "local";

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
        var compose = new Composition(input, organization, actions, notes, now);
        var planned = new List<PlannedMessage>();
        foreach (var decision in decisions)
        {
            var scorecard = input.Scorecards.First(s => s.Id == decision.ScorecardId);
            var messages = compose.Messages(decision, scorecard);
            var part = 0;
            foreach (var (platform, destination) in compose.Destinations(decision, scorecard))
            {
                foreach (var message in messages)
                {
                    var key = part == 0 ? decision.Key : $"{decision.Key}#{part}";
                    part++;
                    planned.Add(new PlannedMessage(decision.Key, KindOf(decision.Kind), decision.ScheduledAt,
                        new OutgoingMessage(organization.Id, platform, destination, message, key)));
                }
            }
        }

        return planned;
    }

    /// <summary>Where a person is reached 1:1: Teams, else Slack, else their one account, else the organization's platform.</summary>
    internal static Platform PlatformOf(Organization organization, IReadOnlyList<ChannelAccount> accounts) =>
        accounts.Any(a => a.Platform == Platform.Teams) ? Platform.Teams
        : accounts.Any(a => a.Platform == Platform.Slack) ? Platform.Slack
        : accounts.Count > 0 ? accounts[0].Platform
        : organization.TeamsTenantId is not null ? Platform.Teams
        : organization.SlackTeamId is not null ? Platform.Slack
        : Platform.Local;

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
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static async Task<RhythmInput> LoadAsync(ScorecardDbContext db, Organization organization, ReviewNotes notes, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var scorecards = await db.Scorecards.AsNoTracking().AsSplitQuery()
            .Where(s => s.OrganizationId == organization.Id)
            .Include(s => s.Kpis).ThenInclude(k => k.Targets)
            .Include(s => s.Kpis).ThenInclude(k => k.Actuals)
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

        public Composition(RhythmInput input, Organization organization, IReadOnlyList<ReviewAction> actions, ReviewNotes notes, DateTimeOffset now)
        {
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

        public IReadOnlyList<Message> Messages(RhythmDecision decision, Scorecard scorecard)
        {
            var lines = PromptBuilder.LinesFor(scorecard, decision.Kpis);
            var prompts = new PromptBuilder(_calendar, _formatter, _culture);
            var recipient = decision.Recipient.PersonId is { } id && _people.TryGetValue(id, out var person) ? person : null;
            var due = PeriodLock.ReviewOf(_organization, scorecard, decision.Period, _notes.Holidays)?.Days.Due;
            var covered = decision.People.Count == 1 && decision.Kind is RhythmDecisionKind.Prompt && _people.TryGetValue(decision.People[0], out var away) ? away : null;
            return decision.Kind switch
            {
                RhythmDecisionKind.Prompt when recipient is not null => [prompts.Prompt(recipient, decision.Period, lines, due, covered)],
                RhythmDecisionKind.Remind when recipient is not null => [prompts.Reminder(recipient, decision.Period, lines, due, number: Math.Max(1, decision.Number))],
                RhythmDecisionKind.FollowUp when recipient is not null => [prompts.FollowUp(recipient, decision.Period, lines, _calendar.DateOf(decision.ScheduledAt))],
                RhythmDecisionKind.Escalate => [prompts.Escalation(scorecard, decision.Period, lines, _people)],
                RhythmDecisionKind.FeedLate => [prompts.FeedLate(scorecard, decision.Period, lines, _people)],
                RhythmDecisionKind.Digest => new DigestBuilder(_formatter, culture: _culture).Build(Request(scorecard, decision)),
                RhythmDecisionKind.Agenda => new AgendaBuilder(_formatter, _culture).Build(Request(scorecard, decision)),
                RhythmDecisionKind.QuarterlyCheck => new CheckBuilder(_culture).Build(scorecard, LeadingLaggingCheck.Run(scorecard, _calendar.LastMonth(decision.Period)), _calendar, decision.Period),
                RhythmDecisionKind.OpenWindow => [Message.Text(
                    $"Collection for {_calendar.Label(decision.Period, _culture)} is open: owners of {scorecard.Name}'s KPIs are asked for their actuals.", "window")],
                _ => [],
            };
        }

        private ReviewRequest Request(Scorecard scorecard, RhythmDecision decision) =>
            ReviewRequest.For(_organization, scorecard, decision.Period, _input.People, _actions, _now, _notes);

        /// <summary>A person on the platform they have an account on; a scorecard's decision in each of its channels.</summary>
        public IEnumerable<(Platform, Destination)> Destinations(RhythmDecision decision, Scorecard scorecard)
        {
            if (decision.Recipient.PersonId is { } personId)
            {
                var accounts = _people.TryGetValue(personId, out var person) ? person.Accounts : [];
                var platform = PlatformOf(_organization, accounts);

                // Without an account the channel answers no_conversation_reference and the
                // message is listed as undelivered, which is what an admin needs to see.
                yield return (platform, Destination.Direct(personId));
                yield break;
            }

            // An organization on neither Teams nor Slack (the embedded default) can reach no
            // platform channel: everything for the team goes to the local chat's channel.
            if (OrganizationPlatform() == Platform.Local)
            {
                yield return (Platform.Local, Destination.Channel(LocalChannel));
                yield break;
            }

            foreach (var channel in scorecard.Channels.OrderBy(c => c.Id))
            {
                yield return (channel.Platform, Destination.Channel(channel.ConversationId));
            }
        }

        private Platform OrganizationPlatform() => PlatformOf(_organization, []);

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
