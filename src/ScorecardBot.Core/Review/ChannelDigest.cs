using System.Globalization;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Scoring;
using ScorecardBot.Core.Values;

namespace ScorecardBot.Core.Review;

/// <summary>One message of a digest as posted in a team channel: in the channel, or as a reply in the thread of the first one.</summary>
public sealed record DigestPost(Message Message, bool InThread);

/// <summary>
/// Lays the digest out for a team channel as the organization chose (<see cref="DigestLayout"/>):
/// a short summary that fits one screen, with the details per perspective and per KPI as replies
/// in its thread, or the summary alone, or the whole digest. The details are the sections of
/// <see cref="DigestBuilder"/>, so whatever the digest learns to say shows up in the thread too.
/// </summary>
/// <remarks>
/// Only the owners of red KPIs and the people who still owe an actual are @mentioned, once, in the
/// summary, and only when the organization has mentions on; the thread names people without
/// notifying them again.
/// </remarks>
public sealed class ChannelDigest
{
    /// <summary>A summary has at most this many blocks (heading included): one screen in Teams and Slack.</summary>
    public const int SummaryMaxBlocks = 7;

    /// <summary>A summary carries at most about this many characters of text.</summary>
    public const int SummaryMaxCharacters = 1200;

    /// <summary>KPI names listed per line of the summary before "and N more".</summary>
    public const int NamesListed = 5;

    /// <summary>People @mentioned in the summary before "and N more".</summary>
    public const int MentionsListed = 8;

    /// <summary>KPI rows per table in a perspective's reply (a Slack message holds 50 blocks).</summary>
    public const int RowsPerTable = 20;

    private readonly ValueFormatter _formatter;
    private readonly Func<Guid, string>? _chartUrl;
    private readonly CultureInfo _culture;

    /// <param name="chartUrl">The scorecard's small-multiples chart (see <see cref="DigestBuilder"/>); no chart when null.</param>
    public ChannelDigest(ValueFormatter formatter, Func<Guid, string>? chartUrl = null, CultureInfo? culture = null)
    {
        _formatter = formatter;
        _chartUrl = chartUrl;
        _culture = culture ?? CultureInfo.InvariantCulture;
    }

    public IReadOnlyList<DigestPost> Build(ReviewRequest request, DigestLayout layout)
    {
        ArgumentNullException.ThrowIfNull(request);
        var builder = new DigestBuilder(_formatter, _chartUrl, _culture);
        if (layout == DigestLayout.Full)
        {
            return [.. builder.Build(request).Select(m => new DigestPost(m, InThread: false))];
        }

        var snapshots = request.SnapshotsOrComputed();
        request = request with { Snapshots = snapshots };
        var threaded = layout == DigestLayout.SummaryAndThread;
        var posts = new List<DigestPost> { new(Summary(request, threaded), InThread: false) };
        if (threaded)
        {
            posts.AddRange(PerPerspective(request).Select(m => new DigestPost(m, InThread: true)));

            // The builder's own sections after its overview (chart, movers, red KPIs with their
            // comments, missing actuals, initiatives, ...), naming people without a second ping.
            var parts = builder.Parts(request with { MentionOwners = false });
            if (parts.Sections.Count > 1)
            {
                var heading = $"{request.Scorecard.Name}: details for {Label(request)}";
                posts.AddRange(MessageSplitter.Split(heading, [.. parts.Sections.Skip(1)], heading, "digest")
                    .Select(m => new DigestPost(m, InThread: true)));
            }
        }

        return posts;
    }

    /// <summary>Score, counts, what is red and what is missing, and who is asked to act: one screen.</summary>
    internal Message Summary(ReviewRequest request, bool threaded)
    {
        var scorecard = request.Scorecard;
        var snapshots = request.SnapshotsOrComputed();
        var kpis = scorecard.Kpis.ToDictionary(k => k.Id);
        var rollUp = RollUp.Compute(scorecard, snapshots);
        var label = Label(request);
        var tally = ReviewText.Tally(snapshots);
        var score = rollUp.Score is null && snapshots.Any(s => s.NoTarget)
            ? "Score – (no targets to score by)"
            : $"Score {ReviewText.Score(rollUp.Score, _culture)} ({ReviewText.StatusWord(rollUp.Status)})";

        var blocks = new List<Block>
        {
            new Heading($"{scorecard.Name}: digest for {label}"),
            new Paragraph([new Run(score, Bold: true), new Run($" · {tally}")]),
        };

        var red = snapshots.Where(s => s.Status == Status.Red).ToList();
        if (red.Count > 0)
        {
            blocks.Add(new Paragraph([new Run($"Red ({red.Count}): ", Bold: true), new Run(Names(red.Select(s => s.Name)))], TextTone.Attention));
        }

        if (ReviewText.Unscored(snapshots, request.Period, request.Calendar) is { } unscored)
        {
            blocks.Add(unscored);
        }

        // Someone away during the collection is "away", not "missing", and is not asked to act;
        // data announced late shows its ETA.
        var notes = new DigestNotes(request, _formatter, _culture);
        var notReported = snapshots.Where(s => !s.Reported || s.PendingApproval).ToList();
        var away = notReported.Where(s => !s.PendingApproval && notes.AwayDuringCollection(ReporterOf(s, kpis)) is not null).ToList();
        var missing = notReported.Except(away).ToList();
        if (missing.Count > 0)
        {
            blocks.Add(new Paragraph([new Run($"Missing ({missing.Count}): ", Bold: true), new Run(Names(missing.Select(s => notes.LateText(s) is { } late ? $"{s.Name} ({late})" : s.Name)))], TextTone.Warning));
        }

        if (away.Count > 0)
        {
            blocks.Add(new Paragraph([new Run($"Away ({away.Count}): ", Bold: true), new Run(Names(away.Select(s => $"{s.Name} ({ReviewText.NameOf(ReporterOf(s, kpis), request.People)})")))]));
        }

        // The people asked to act: owners of red KPIs, and whoever reports a missing one (a
        // delegate when there is one). Nobody else is notified.
        var asked = red.Select(s => s.OwnerId)
            .Concat(missing.Select(s => ReporterOf(s, kpis)))
            .OfType<Guid>()
            .Where(request.People.ContainsKey)
            .Distinct()
            .OrderBy(id => request.People[id].Name, StringComparer.Ordinal)
            .ToList();
        if (asked.Count > 0)
        {
            var inlines = new List<Inline> { new Run("Over to ") };
            foreach (var (person, i) in asked.Take(MentionsListed).Select((p, i) => (p, i)))
            {
                if (i > 0)
                {
                    inlines.Add(new Run(", "));
                }

                inlines.Add(ReviewText.Owner(person, request.People, request.MentionOwners));
            }

            inlines.Add(new Run(asked.Count > MentionsListed ? $" and {asked.Count - MentionsListed} more." : "."));
            blocks.Add(new Paragraph(inlines));
        }

        blocks.Add(new Note(threaded
            ? "Each perspective and KPI, with comments, movers and initiatives, is in the thread."
            : "Ask me for the digest (type \"digest\") to see each perspective and KPI."));

        var summary = $"{scorecard.Name}, {label}: {score.ToLowerInvariant()}; {tally}."
            + (red.Count > 0 ? $" Red: {Names(red.Select(s => s.Name))}." : "")
            + (missing.Count > 0 ? $" Missing: {Names(missing.Select(s => s.Name))}." : "")
            + (away.Count > 0 ? $" Away: {Names(away.Select(s => s.Name))}." : "");
        return new Message(blocks, summary) { Kind = "digest" };
    }

    /// <summary>One reply per perspective: its score and a table of its KPIs (value, target, trend, owner, comment).</summary>
    private IEnumerable<Message> PerPerspective(ReviewRequest request)
    {
        var scorecard = request.Scorecard;
        var snapshots = request.SnapshotsOrComputed().ToDictionary(s => s.KpiId);
        var rollUp = RollUp.Compute(scorecard, [.. snapshots.Values]);
        var notes = new DigestNotes(request, _formatter, _culture);
        var perspectiveOf = scorecard.Objectives.ToDictionary(o => o.Id, o => o.PerspectiveId);
        var kpisByPerspective = scorecard.Kpis
            .Where(k => snapshots.ContainsKey(k.Id))
            .GroupBy(k => perspectiveOf.TryGetValue(k.ObjectiveId, out var p) ? p : Guid.Empty)
            .ToDictionary(g => g.Key, g => g.OrderBy(k => k.Order).ThenBy(k => k.Name, StringComparer.Ordinal).ToList());

        foreach (var node in rollUp.Children)
        {
            if (!kpisByPerspective.TryGetValue(node.Id, out var kpis) || kpis.Count == 0)
            {
                continue;
            }

            var heading = $"{node.Name}: {ReviewText.Score(node.Score, _culture)} ({ReviewText.StatusWord(node.Status)}), {node.ScoredKpiCount}/{node.KpiCount} scored";
            var rows = kpis.Select(k => Row(k, snapshots[k.Id], request.People, notes)).ToList();
            var sections = rows.Chunk(RowsPerTable).Select(chunk => (IReadOnlyList<Block>)[new KpiTable(chunk)]).ToList();
            foreach (var message in MessageSplitter.Split(heading, sections, $"{scorecard.Name} · {heading}", "digest"))
            {
                yield return message;
            }
        }
    }

    private KpiRow Row(Kpi kpi, KpiSnapshot s, IReadOnlyDictionary<Guid, Person> people, DigestNotes notes)
    {
        var note = s.PendingApproval ? "awaiting approval"
            : !s.Reported ? (notes.AwayDuringCollection(kpi.DelegateId ?? kpi.OwnerId) is { } absence ? notes.AwayText(absence) : notes.LateText(s) ?? "missing")
            : s.NoDataReason is { } reason ? $"no data: {reason}"
            : string.IsNullOrWhiteSpace(s.Comment) ? null
            : $"“{s.Comment.Trim()}”" + ReviewText.CommentBy(s);
        if (s.Reported && !s.PendingApproval && notes.Markers(s) is { Count: > 0 } markers)
        {
            // Carried forward, submitted late: beside the value they qualify.
            note = string.Join(" · ", new[] { note }.Concat(markers).OfType<string>());
        }

        return new KpiRow(
            s.KpiId,
            s.Name,
            _formatter.Format(s.Actual, kpi),
            s.TargetValue is null ? null : _formatter.Format(s.TargetValue, kpi),
            s.Status,
            s.Trend.Direction,
            ReviewText.NameOf(kpi.DelegateId ?? kpi.OwnerId, people),
            note);
    }

    private static Guid? ReporterOf(KpiSnapshot snapshot, IReadOnlyDictionary<Guid, Kpi> kpis) =>
        kpis.TryGetValue(snapshot.KpiId, out var kpi) ? kpi.DelegateId ?? snapshot.OwnerId : snapshot.OwnerId;

    private string Label(ReviewRequest request) => request.Calendar.Label(request.Period, _culture);

    private static string Names(IEnumerable<string> names)
    {
        var all = names.ToList();
        return all.Count <= NamesListed
            ? string.Join(", ", all)
            : $"{string.Join(", ", all.Take(NamesListed))} and {all.Count - NamesListed} more";
    }
}
