using System.Collections.Concurrent;
using ScorecardBot.Core.Conversation.Matching;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Scoring;

namespace ScorecardBot.Core.Conversation;

/// <summary>
/// Everything the conversation needs to answer about one organization, read at once and then only
/// read: scorecards with their perspectives, objectives and KPIs (each KPI with the targets and
/// actuals of at least the last 25 months), people, open and recent review actions. Built by an
/// <see cref="IScorecardReadModel"/>, cached per organization and replaced after every change.
/// Treat every object in it as read-only. The one exception is the store's own: an actual it
/// writes goes into the KPI's <see cref="Kpi.Actuals"/> as a new list (the old one is never
/// changed, so a reader walking it is not disturbed) under a new snapshot object.
/// </summary>
public sealed class OrganizationSnapshot
{
    private readonly Dictionary<Guid, Kpi> _kpis;
    private readonly Dictionary<Guid, Person> _people;
    private readonly Dictionary<Guid, Scorecard> _scorecards;
    private readonly Dictionary<Guid, Objective> _objectives;
    private readonly Dictionary<Guid, Perspective> _perspectives;
    private readonly Lazy<KpiMatcher> _matcher;
    private readonly Lazy<OrganizationLocale> _locale;
    private readonly Lazy<Dictionary<string, Person>> _accounts;
    private OrganizationSnapshot? _previous;
    private string? _nameSignature;
    private readonly ConcurrentDictionary<(Guid Kpi, Period Period), ScoredPeriod> _scored;
    private readonly ConcurrentDictionary<Period, Lazy<Answers.PeriodBoard>> _boards = new();
    private readonly ConcurrentDictionary<Period, Lazy<Answers.MonthOutstanding>> _outstanding = new();
    private readonly Lazy<(List<Kpi> List, Dictionary<Guid, int> Index)> _kpiOrder;
    private readonly ConcurrentDictionary<Guid, IReadOnlyList<Kpi>> _perspectiveKpis = new();
    private readonly ConcurrentDictionary<(Guid Kpi, object Key), (List<Actual> Actuals, List<Target> Targets, object Value)> _perKpi = new();
    private readonly ConcurrentDictionary<Period, DateTimeOffset?> _reviewsEnd = new();
    private readonly ConcurrentDictionary<(Guid Scorecard, Period Period), DateTimeOffset?> _dueAt = new();

    /// <param name="previous">
    /// The snapshot this one replaces: its name index is reused when no name, alias or key changed
    /// (an actual or a target changes none), so a large organization does not rebuild it after every change.
    /// </param>
    public OrganizationSnapshot(
        Organization organization,
        IReadOnlyList<Scorecard> scorecards,
        IReadOnlyList<Person> people,
        IReadOnlyList<ReviewAction> actions,
        OrganizationSnapshot? previous = null)
    {
        Organization = organization;
        Scorecards = scorecards;
        People = people;
        Actions = actions;
        _scorecards = scorecards.ToDictionary(s => s.Id);
        _kpis = scorecards.SelectMany(s => s.Kpis).ToDictionary(k => k.Id);
        _people = people.ToDictionary(p => p.Id);
        _objectives = scorecards.SelectMany(s => s.Objectives).ToDictionary(o => o.Id);
        _perspectives = scorecards.SelectMany(s => s.Perspectives).ToDictionary(p => p.Id);
        _previous = previous is { _matcher.IsValueCreated: true } ? previous : null;

        // The same scorecards (the store put an actual it wrote into the KPI as a new list): the
        // scored periods carry over, each checked against its KPI's lists before it is used, so
        // after a submit only the KPI that changed is scored again.
        _scored = previous is not null && ReferenceEquals(previous.Scorecards, scorecards) ? previous._scored : new();
        _kpiOrder = new Lazy<(List<Kpi>, Dictionary<Guid, int>)>(() =>
        {
            var list = scorecards.SelectMany(s => s.Kpis).ToList();
            var index = new Dictionary<Guid, int>(list.Count);
            for (var i = 0; i < list.Count; i++)
            {
                index.TryAdd(list[i].Id, i);
            }

            return (list, index);
        }, LazyThreadSafetyMode.ExecutionAndPublication);

        _matcher = new Lazy<KpiMatcher>(BuildMatcher, LazyThreadSafetyMode.ExecutionAndPublication);
        _locale = new Lazy<OrganizationLocale>(() => new OrganizationLocale(organization), LazyThreadSafetyMode.ExecutionAndPublication);
        _accounts = new Lazy<Dictionary<string, Person>>(IndexAccounts, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public Organization Organization { get; }
    public IReadOnlyList<Scorecard> Scorecards { get; }
    public IReadOnlyList<Person> People { get; }
    public IReadOnlyList<ReviewAction> Actions { get; }

    public IEnumerable<Kpi> Kpis => Scorecards.SelectMany(s => s.Kpis);

    /// <summary>The organization's holidays (with its weekend days they make its business calendar).</summary>
    public IReadOnlyList<Holiday> Holidays { get; init; } = [];

    /// <summary>Absences that have not ended long ago (out of office), for "away" in digests and <c>ooo</c>.</summary>
    public IReadOnlyList<Absence> Absences { get; init; } = [];

    /// <summary>"Data late — ETA" notices of recent periods.</summary>
    public IReadOnlyList<LateNotice> LateNotices { get; init; } = [];

    /// <summary>Recent changes of targets, thresholds and actuals from the audit trail, for the digest's "what changed".</summary>
    public IReadOnlyList<RecordedChange> Changes { get; init; } = [];

    /// <summary>Presenters' pre-reads of recent reviews, for the agenda.</summary>
    public IReadOnlyList<PreRead> PreReads { get; init; } = [];
    /// <summary>Decisions of the review meetings held lately, for the next agenda (<see cref="Review.ReviewNotes.Decisions"/>).</summary>
    public IReadOnlyList<PastDecision> Decisions { get; init; } = [];

    /// <summary>The per-organization index for finding KPIs, objectives, perspectives and scorecards by name.</summary>
    public KpiMatcher Matcher => _matcher.Value;

    internal OrganizationLocale Locale => _locale.Value;

    public Kpi? FindKpi(Guid id) => _kpis.GetValueOrDefault(id);
    public Person? FindPerson(Guid? id) => id is { } value ? _people.GetValueOrDefault(value) : null;
    public Scorecard? FindScorecard(Guid id) => _scorecards.GetValueOrDefault(id);
    public Objective? FindObjective(Guid id) => _objectives.GetValueOrDefault(id);
    public Perspective? FindPerspective(Guid id) => _perspectives.GetValueOrDefault(id);

    public Scorecard ScorecardOf(Kpi kpi) => _scorecards[kpi.ScorecardId];
    public Objective? ObjectiveOf(Kpi kpi) => _objectives.GetValueOrDefault(kpi.ObjectiveId);
    public Perspective? PerspectiveOf(Objective objective) => _perspectives.GetValueOrDefault(objective.PerspectiveId);

    public Person? FindPersonByEmail(string email) =>
        People.FirstOrDefault(p => string.Equals(p.Email, email.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The person with this chat account (AAD object id or 29: id on Teams, user id on Slack), active
    /// or not. An index built on first use: every turn of a channel finds its person here.
    /// </summary>
    public Person? FindPersonByAccount(Platform platform, string externalId) =>
        _accounts.Value.GetValueOrDefault(AccountKey(platform, externalId));

    private Dictionary<string, Person> IndexAccounts()
    {
        var index = new Dictionary<string, Person>(StringComparer.OrdinalIgnoreCase);
        foreach (var person in People)
        {
            foreach (var account in person.Accounts)
            {
                // The first person in the list keeps an id that two people share, as a scan would.
                index.TryAdd(AccountKey(account.Platform, account.ExternalId), person);
                if (!string.IsNullOrEmpty(account.ChannelUserId))
                {
                    index.TryAdd(AccountKey(account.Platform, account.ChannelUserId), person);
                }
            }
        }

        return index;
    }

    private static string AccountKey(Platform platform, string id) => string.Concat(((int)platform).ToString(System.Globalization.CultureInfo.InvariantCulture), ":", id);

    /// <summary>A KPI's period as scored and stored, with the latest comment up to it.</summary>
    internal sealed record ScoredPeriod(List<Actual> Actuals, List<Target> Targets, KpiSnapshot Scored, Actual? Actual, Actual? LatestComment);

    /// <summary>
    /// A KPI's period scored once per snapshot (status, trend, the stored actual, its latest
    /// comment): a status or red list over 10,000 KPIs reads them instead of computing them again.
    /// An entry is used only while the KPI still has the same actuals and targets lists.
    /// </summary>
    internal ScoredPeriod Scored(Kpi kpi, Period period)
    {
        var key = (kpi.Id, period);
        if (_scored.TryGetValue(key, out var entry) && Fresh(entry, kpi))
        {
            return entry;
        }

        Actual? actual = null, comment = null;
        foreach (var a in kpi.Actuals)
        {
            if (a.Period.Kind != period.Kind || a.Period > period)
            {
                continue;
            }

            if (a.Period == period)
            {
                actual = a;
            }

            if (!string.IsNullOrWhiteSpace(a.Comment) && (comment is null || a.Period > comment.Period))
            {
                comment = a;
            }
        }

        entry = new ScoredPeriod(kpi.Actuals, kpi.Targets, KpiSnapshot.Compute(kpi, period), actual, comment);
        _scored[key] = entry;
        return entry;
    }

    /// <summary>All KPIs, in the order of <see cref="Kpis"/>, as a list (the order of <see cref="Answers.PeriodBoard"/>).</summary>
    internal IReadOnlyList<Kpi> KpiList => _kpiOrder.Value.List;

    /// <summary>The position of a KPI in <see cref="KpiList"/>; -1 when it is not in this snapshot.</summary>
    internal int IndexOf(Kpi kpi) => _kpiOrder.Value.Index.TryGetValue(kpi.Id, out var index) && ReferenceEquals(KpiList[index], kpi) ? index : -1;

    /// <summary>A perspective's KPIs in a scorecard in their order (<see cref="Answers.Readings.OfPerspective"/>), listed once per snapshot.</summary>
    internal IReadOnlyList<Kpi> KpisOf(Scorecard scorecard, Perspective perspective) =>
        _perspectiveKpis.GetOrAdd(perspective.Id, _ => [.. Answers.Readings.OfPerspective(scorecard, perspective)]);

    /// <summary>Every KPI read for <paramref name="period"/>, built once per snapshot and period.</summary>
    internal Answers.PeriodBoard Board(Period period) =>
        _boards.GetOrAdd(period, p => new Lazy<Answers.PeriodBoard>(() => Answers.PeriodBoard.Build(this, p), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    /// <summary>What is outstanding for the review of <paramref name="month"/> over all KPIs, built once per snapshot and month.</summary>
    internal Answers.MonthOutstanding OutstandingOf(Period month) =>
        _outstanding.GetOrAdd(month, m => new Lazy<Answers.MonthOutstanding>(() => Answers.MonthOutstanding.Build(this, m), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    private static bool Fresh(ScoredPeriod entry, Kpi kpi) => ReferenceEquals(entry.Actuals, kpi.Actuals) && ReferenceEquals(entry.Targets, kpi.Targets);

    /// <summary>
    /// Something made from one KPI (its row over a span), kept for this snapshot under
    /// <paramref name="key"/> while the KPI still has the same actuals and targets lists.
    /// </summary>
    internal T PerKpi<T>(Kpi kpi, object key, Func<T> make) where T : class
    {
        var entryKey = (kpi.Id, key);
        if (_perKpi.TryGetValue(entryKey, out var entry) && ReferenceEquals(entry.Actuals, kpi.Actuals) && ReferenceEquals(entry.Targets, kpi.Targets))
        {
            return (T)entry.Value;
        }

        var value = make();
        _perKpi[entryKey] = (kpi.Actuals, kpi.Targets, value);
        return value;
    }

    /// <summary>The end of the due day of a scorecard's review of <paramref name="period"/>; null without a review that looks at it.</summary>
    internal DateTimeOffset? DueAt(Scorecard scorecard, Period period) =>
        _dueAt.GetOrAdd((scorecard.Id, period), key => Rhythm.PeriodLock.ReviewOf(Organization, scorecard, key.Period, Holidays)?.DueAt);

    /// <summary>When the last of the scorecards' monthly reviews of <paramref name="month"/> ends; null when no scorecard has a monthly review.</summary>
    internal DateTimeOffset? ReviewsOfMonthEnd(Period month) => _reviewsEnd.GetOrAdd(month, m =>
    {
        DateTimeOffset? end = null;
        foreach (var scorecard in Scorecards)
        {
            if (scorecard.ReviewCycles.Exists(c => c.Kind == ReviewKind.Monthly) &&
                Rhythm.PeriodLock.ReviewOf(Organization, scorecard, m, Holidays) is { } review && (end is null || review.MeetingEndsAt > end))
            {
                end = review.MeetingEndsAt;
            }
        }

        return end;
    });

    /// <summary>KPIs the person reports: as owner, or as delegate.</summary>
    public IEnumerable<Kpi> KpisReportedBy(Guid personId) =>
        Kpis.Where(k => k.OwnerId == personId || k.DelegateId == personId);

    private KpiMatcher BuildMatcher()
    {
        var entries = MatcherEntries();
        _nameSignature = Signature(entries);
        var previous = _previous;
        _previous = null;
        if (previous is not null && previous._nameSignature == _nameSignature)
        {
            return previous.Matcher;
        }

        return new KpiMatcher(entries);
    }

    private static string Signature(List<(Subject Subject, IEnumerable<string> Names, IEnumerable<(string Text, double Similarity)> Context)> entries)
    {
        var text = new System.Text.StringBuilder();
        foreach (var (subject, names, context) in entries)
        {
            text.Append(subject.ToString()).Append('\u0001').AppendJoin('\u0002', names).Append('\u0004').AppendJoin('\u0002', context).Append('\u0003');
        }

        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>
    /// Each subject with its names (name, key, aliases: they count first) and what the scorecard
    /// says about it besides (a KPI's description, unit, formula, data source, its objective's and
    /// perspective's names; an objective's perspective), which the matcher weighs below the names.
    /// </summary>
    private List<(Subject Subject, IEnumerable<string> Names, IEnumerable<(string Text, double Similarity)> Context)> MatcherEntries()
    {
        var entries = new List<(Subject, IEnumerable<string>, IEnumerable<(string, double)>)>();
        foreach (var scorecard in Scorecards)
        {
            // "Fleet Operations scorecard" is also just "Fleet Operations".
            var plainName = System.Text.RegularExpressions.Regex.Replace(scorecard.Name, @"\s*\bscorecard\b\s*", " ", System.Text.RegularExpressions.RegexOptions.IgnoreCase).Trim();
            entries.Add((new Subject(SubjectKind.Scorecard, scorecard.Id, scorecard.Name, scorecard.Id, scorecard.Name), [scorecard.Name, scorecard.Key, plainName], []));
            foreach (var perspective in scorecard.Perspectives)
            {
                entries.Add((new Subject(SubjectKind.Perspective, perspective.Id, perspective.Name, scorecard.Id, scorecard.Name), [perspective.Name], []));
            }

            foreach (var objective in scorecard.Objectives)
            {
                var perspectiveName = scorecard.Perspectives.FirstOrDefault(p => p.Id == objective.PerspectiveId)?.Name;
                entries.Add((new Subject(SubjectKind.Objective, objective.Id, objective.Name, scorecard.Id, scorecard.Name, PerspectiveName: perspectiveName), [objective.Name, objective.Key], []));
            }

            foreach (var kpi in scorecard.Kpis)
            {
                var objective = scorecard.Objectives.FirstOrDefault(o => o.Id == kpi.ObjectiveId);
                var perspective = objective is null ? null : scorecard.Perspectives.FirstOrDefault(p => p.Id == objective.PerspectiveId);
                var context = new List<(string, double)>();
                foreach (var text in new[] { kpi.Description, kpi.Unit, kpi.Formula, kpi.DataSource }.OfType<string>())
                {
                    context.Add((text, KpiMatcher.ContextSimilarity));
                }

                foreach (var text in new[] { objective?.Name, perspective?.Name }.OfType<string>())
                {
                    context.Add((text, KpiMatcher.PlacementSimilarity));
                }

                entries.Add((new Subject(SubjectKind.Kpi, kpi.Id, kpi.Name, scorecard.Id, scorecard.Name, kpi.ObjectiveId), [kpi.Name, kpi.Key, .. kpi.Aliases], context));
            }
        }

        return entries;
    }
}
