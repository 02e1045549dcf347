using System.Globalization;
using Humanizer;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Periods;
using ScorecardBot.Core.Scoring;
using ScorecardBot.Core.Values;

namespace ScorecardBot.Core.Review;

/// <summary>What a digest or an agenda is built from: one scorecard, the period reviewed, and the people who own its KPIs.</summary>
public sealed record ReviewRequest
{
    public required Scorecard Scorecard { get; init; }

    /// <summary>The period reviewed: a month (MBR) or a fiscal quarter.</summary>
    public required Period Period { get; init; }

    public required FiscalCalendar Calendar { get; init; }

    public IReadOnlyDictionary<Guid, Person> People { get; init; } = new Dictionary<Guid, Person>();

    /// <summary>KPI snapshots for the review; computed from the scorecard's KPIs when null.</summary>
    public IReadOnlyList<KpiSnapshot>? Snapshots { get; init; }

    /// <summary>Today in the organization's zone: milestones due before it and not completed are overdue.</summary>
    public DateOnly Today { get; init; }

    /// <summary>Whether owners are @mentioned (<see cref="Organization.MentionOwners"/>).</summary>
    public bool MentionOwners { get; init; } = true;

    /// <summary>Review actions of the scorecard (the agenda opens with the open ones).</summary>
    public IReadOnlyList<ReviewAction> Actions { get; init; } = [];

    /// <summary>Minutes of the meeting; the agenda is time-boxed to it.</summary>
    public int MeetingMinutes { get; init; } = 60;

    /// <summary>Absences, late notices and recorded changes the digest reports beside the numbers.</summary>
    public ReviewNotes Notes { get; init; } = ReviewNotes.Empty;

    /// <summary>The schedule of this review (due date, collection window); null without a review cycle.</summary>
    public Rhythm.ReviewSchedule? Schedule { get; init; }

    /// <summary>When the previous review ended: changes after it are news in this digest.</summary>
    public DateTimeOffset Since { get; init; } = DateTimeOffset.MinValue;

    /// <summary>
    /// A request from what the host has at hand: the organization (calendar, mentions), the
    /// scorecard with its KPIs, people and review actions, and the current moment (for "today"
    /// and nothing else). Meeting minutes come from the scorecard's cycle of the period's kind.
    /// </summary>
    public static ReviewRequest For(
        Organization organization, Scorecard scorecard, Period period, IEnumerable<Person> people, IEnumerable<ReviewAction> actions, DateTimeOffset now, ReviewNotes? notes = null)
    {
        var calendar = FiscalCalendar.For(organization);
        var kind = period.Kind == PeriodKind.Quarter ? ReviewKind.Quarterly : ReviewKind.Monthly;
        var cycle = scorecard.ReviewCycles.FirstOrDefault(c => c.Kind == kind) ?? scorecard.ReviewCycles.FirstOrDefault();
        notes ??= ReviewNotes.Empty;
        var schedule = Rhythm.PeriodLock.ReviewOf(organization, scorecard, period, notes.Holidays);
        var previous = Rhythm.PeriodLock.ReviewOf(organization, scorecard, period.Previous, notes.Holidays);
        return new ReviewRequest
        {
            Scorecard = scorecard,
            Period = period,
            Calendar = calendar,
            People = people.GroupBy(p => p.Id).ToDictionary(g => g.Key, g => g.First()),
            Actions = [.. actions.Where(a => a.ScorecardId == scorecard.Id)],
            Today = calendar.DateOf(now),
            MentionOwners = organization.MentionOwners,
            MeetingMinutes = cycle?.MeetingMinutes ?? 60,
            Notes = notes,
            Schedule = schedule,
            Since = previous?.MeetingEndsAt ?? now.AddMonths(-1),
        };
    }

    internal IReadOnlyList<KpiSnapshot> SnapshotsOrComputed() =>
        Snapshots ?? ReviewText.Snapshots(Scorecard, Period, Calendar);
}

/// <summary>A digest's heading, its one-line summary, and its sections (the first is the overview: score, counts, perspectives).</summary>
internal sealed record DigestParts(string Heading, string Summary, IReadOnlyList<IReadOnlyList<Block>> Sections);

/// <summary>
/// The status digest posted to the team channel before the review: counts by status, score per
/// perspective, top movers, every red KPI with its owner, comment, markers and (for a lagging KPI)
/// the leading KPIs that drive it, missing actuals with their owners (late ones with their ETA),
/// who was away, what changed since the last review, initiatives at risk and a chart. Long
/// digests are split into several messages.
/// </summary>
public sealed class DigestBuilder
{
    /// <summary>How many KPIs are shown as top movers each way.</summary>
    public const int MoversEachWay = 3;

    private readonly ValueFormatter _formatter;
    private readonly Func<Guid, string>? _chartUrl;
    private readonly CultureInfo _culture;
    private readonly TrendText _trends;

    /// <param name="chartUrl">The signed URL of the scorecard's small-multiples chart (the host serves /charts/multiples/{scorecardId}.png); no chart when null.</param>
    public DigestBuilder(ValueFormatter formatter, Func<Guid, string>? chartUrl = null, CultureInfo? culture = null)
    {
        _formatter = formatter;
        _chartUrl = chartUrl;
        _culture = culture ?? CultureInfo.InvariantCulture;
        _trends = new TrendText(_formatter, _culture);
    }

    public IReadOnlyList<Message> Build(ReviewRequest request)
    {
        var parts = Parts(request);
        return MessageSplitter.Split(parts.Heading, parts.Sections, parts.Summary, "digest");
    }

    /// <summary>The digest before it is split into messages; <see cref="ChannelDigest"/> lays it out for quiet channels.</summary>
    internal DigestParts Parts(ReviewRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var scorecard = request.Scorecard;
        var snapshots = request.SnapshotsOrComputed();
        var kpis = scorecard.Kpis.ToDictionary(k => k.Id);
        var rollUp = RollUp.Compute(scorecard, snapshots);
        var label = request.Calendar.Label(request.Period, _culture);
        var heading = $"{scorecard.Name}: digest for {label}";

        var notes = new DigestNotes(request, _formatter, _culture);
        var tally = ReviewText.Tally(snapshots);
        var summary = $"{scorecard.Name}, {label}: score {ReviewText.Score(rollUp.Score, _culture)} ({ReviewText.StatusWord(rollUp.Status)}); {tally}.";

        var unscored = ReviewText.Unscored(snapshots, request.Period, request.Calendar);
        var sections = new List<IReadOnlyList<Block>>
        {
            (Block[])
            [
                Paragraph.Of(rollUp.Score is null && snapshots.Any(s => s.NoTarget)
                    ? $"Score – (no targets to score by), {rollUp.ScoredKpiCount} of {"KPI".ToQuantity(rollUp.KpiCount)} scored."
                    : $"Score {ReviewText.Score(rollUp.Score, _culture)} ({ReviewText.StatusWord(rollUp.Status)}), {rollUp.ScoredKpiCount} of {"KPI".ToQuantity(rollUp.KpiCount)} scored."),
                new FactList([new Fact("Status", tally)]),
                new FactList([.. rollUp.Children.Select(p => new Fact(p.Name, $"{ReviewText.Score(p.Score, _culture)} ({ReviewText.StatusWord(p.Status)}), {p.ScoredKpiCount}/{p.KpiCount} scored"))]),
                .. (unscored is null ? [] : new Block[] { unscored }),
            ],
        };

        if (_chartUrl is not null)
        {
            sections.Add([new Image($"Small multiples of {scorecard.Name}'s KPIs, last 12 months", _chartUrl(scorecard.Id))]);
        }

        var movers = Movers(snapshots, kpis, request.People);
        if (movers.Count > 0)
        {
            sections.Add([Paragraph.Of("Top movers"), new KpiTable(movers)]);
        }

        var red = snapshots.Where(s => s.Status == Status.Red).ToList();
        if (red.Count > 0)
        {
            sections.Add([Paragraph.Of($"Red KPIs ({red.Count})", TextTone.Attention)]);
            foreach (var s in red)
            {
                var kpi = kpis[s.KpiId];
                sections.Add(
                [
                    new Paragraph([
                        new Run(s.Name, Bold: true),
                        new Run($": {_formatter.Format(s.Actual, kpi)} vs target {_formatter.Format(s.TargetValue, kpi)} · "),
                        ReviewText.Owner(kpi.OwnerId, request.People, request.MentionOwners),
                    ]),
                    new Note(string.IsNullOrWhiteSpace(s.Comment) ? "No comment." : $"“{s.Comment.Trim()}”" + ReviewText.CommentBy(s)),
                    .. notes.Markers(s).Select(m => new Note(Capital(m) + ".")),
                    .. StrategyDrivers.For(scorecard, s, snapshots, _trends, _culture).Select(line => Paragraph.Of(line)),
                ]);
            }
        }

        var miss = LikelyToMiss(snapshots, kpis, request.Calendar);
        if (miss.Count > 0)
        {
            sections.Add([Paragraph.Of($"Likely to miss ({miss.Count})", TextTone.Warning), .. miss.Select(line => Paragraph.Of("• " + line))]);
        }

        var apart = KpiPairs.DivergingIn(scorecard.Kpis, snapshots);
        if (apart.Count > 0)
        {
            sections.Add([Paragraph.Of($"Pairs moving apart ({apart.Count})", TextTone.Warning), .. apart.Select(d => Paragraph.Of("• " + _trends.Pair(d)))]);
        }

        // Someone away during the collection is "away", not "missing"; late data shows its ETA.
        var notReported = snapshots.Where(s => !s.Reported || s.PendingApproval).ToList();
        var away = notReported.Where(s => !s.PendingApproval && notes.AwayDuringCollection(kpis[s.KpiId].DelegateId ?? s.OwnerId) is not null).ToList();
        var missing = notReported.Except(away).ToList();
        if (missing.Count > 0)
        {
            sections.Add([Paragraph.Of($"Missing actuals ({missing.Count})", TextTone.Warning)]);
            foreach (var group in missing.GroupBy(s => kpis[s.KpiId].DelegateId ?? s.OwnerId).OrderBy(g => ReviewText.NameOf(g.Key, request.People), StringComparer.Ordinal))
            {
                sections.Add([new Paragraph([
                    ReviewText.Owner(group.Key, request.People, request.MentionOwners),
                    new Run(": " + string.Join(", ", group.Select(s => s.PendingApproval ? $"{s.Name} (awaiting approval)" : notes.LateText(s) is { } late ? $"{s.Name} ({late})" : s.Name))),
                ])]);
            }
        }

        if (away.Count > 0)
        {
            sections.Add([Paragraph.Of($"Away ({away.Count})")]);
            foreach (var group in away.GroupBy(s => kpis[s.KpiId].DelegateId ?? s.OwnerId).OrderBy(g => ReviewText.NameOf(g.Key, request.People), StringComparer.Ordinal))
            {
                var absence = notes.AwayDuringCollection(group.Key)!;
                var stand = absence.DelegateId is { } d && request.People.ContainsKey(d) ? $", {ReviewText.NameOf(d, request.People)} covered" : string.Empty;
                sections.Add([new Paragraph([
                    new Run(ReviewText.NameOf(group.Key, request.People), Bold: true),
                    new Run($" ({notes.AwayText(absence)}{stand}): " + string.Join(", ", group.Select(s => notes.LateText(s) is { } late ? $"{s.Name} ({late})" : s.Name))),
                ])]);
            }
        }

        var dataNotes = notes.Lines(snapshots);
        if (dataNotes.Count > 0)
        {
            sections.Add([Paragraph.Of($"Changes and data notes ({dataNotes.Count})"), .. dataNotes.Select(line => Paragraph.Of("• " + line))]);
        }

        var atRisk = InitiativesAtRisk(scorecard, request.Today).ToList();
        if (atRisk.Count > 0)
        {
            sections.Add([Paragraph.Of($"Initiatives at risk ({atRisk.Count})", TextTone.Warning)]);
            foreach (var (initiative, overdue) in atRisk)
            {
                var why = new List<string>();
                if (initiative.Status is InitiativeStatus.AtRisk or InitiativeStatus.OffTrack)
                {
                    why.Add(initiative.Status == InitiativeStatus.AtRisk ? "at risk" : "off track");
                }

                if (overdue.Count > 0)
                {
                    why.Add("overdue: " + string.Join(", ", overdue.Select(m => $"{m.Name} (due {DayText.Of(m.Due, _culture)})")));
                }

                sections.Add([new Paragraph([
                    new Run(initiative.Name, Bold: true),
                    new Run($", {string.Join("; ", why)} · "),
                    ReviewText.Owner(initiative.OwnerId, request.People, mention: false),
                ])]);
            }
        }

        return new DigestParts(heading, summary, sections);
    }

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>Initiatives marked at risk or off track, or with a milestone past due and not completed.</summary>
    internal static IEnumerable<(Initiative Initiative, IReadOnlyList<Milestone> Overdue)> InitiativesAtRisk(Scorecard scorecard, DateOnly today)
    {
        foreach (var initiative in scorecard.Initiatives.Where(i => i.Status is not (InitiativeStatus.Done or InitiativeStatus.Cancelled)))
        {
            var overdue = initiative.Milestones.Where(m => m.CompletedOn is null && m.Due < today).OrderBy(m => m.Due).ToList();
            if (overdue.Count > 0 || initiative.Status is InitiativeStatus.AtRisk or InitiativeStatus.OffTrack)
            {
                yield return (initiative, overdue);
            }
        }
    }

    /// <summary>
    /// KPIs whose projection to the end of the fiscal year (or else the running quarter) is likely
    /// short of its target: "Customer retention: at this pace FY2027 ends near … — likely short."
    /// </summary>
    private List<string> LikelyToMiss(IReadOnlyList<KpiSnapshot> snapshots, Dictionary<Guid, Kpi> kpis, FiscalCalendar calendar)
    {
        var lines = new List<string>();
        foreach (var s in snapshots)
        {
            var kpi = kpis[s.KpiId];
            var through = s.Trend.Window?.To ?? s.Period;
            var shortOf = Forecast.PeriodsAhead(kpi, through, calendar)
                .Select(p => Forecast.For(kpi, p, through, calendar))
                .Where(f => f.Verdict == ForecastVerdict.LikelyShort)
                .OrderByDescending(f => f.Period.Kind)
                .FirstOrDefault();
            if (shortOf is not null)
            {
                var text = _trends.Forecast(shortOf, s, calendar.Label(shortOf.Period, _culture));
                lines.Add($"{s.Name}: {char.ToLowerInvariant(text[0])}{text[1..]}");
            }
        }

        return lines;
    }

    private List<KpiRow> Movers(IReadOnlyList<KpiSnapshot> snapshots, Dictionary<Guid, Kpi> kpis, IReadOnlyDictionary<Guid, Person> people)
    {
        var moved = snapshots
            .Select(s => (Snapshot: s, Change: ReviewText.Improvement(s)))
            .Where(x => x.Change is { } c && c != 0)
            .ToList();
        var up = moved.Where(x => x.Change > 0).OrderByDescending(x => x.Change).ThenBy(x => x.Snapshot.Name, StringComparer.Ordinal).Take(MoversEachWay);
        var down = moved.Where(x => x.Change < 0).OrderBy(x => x.Change).ThenBy(x => x.Snapshot.Name, StringComparer.Ordinal).Take(MoversEachWay);
        return [.. up.Concat(down).Select(x =>
        {
            var s = x.Snapshot;
            var kpi = kpis[s.KpiId];
            return new KpiRow(
                s.KpiId,
                s.Name,
                _formatter.Format(s.Actual, kpi),
                s.TargetValue is null ? null : _formatter.Format(s.TargetValue, kpi),
                s.Status,
                s.Trend.Direction,
                ReviewText.NameOf(kpi.OwnerId, people),
                _trends.Comparison(s.Trend.VsPrevious, s));
        })];
    }
}
