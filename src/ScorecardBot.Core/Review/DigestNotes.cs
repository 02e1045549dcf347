using System.Globalization;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Scoring;
using ScorecardBot.Core.Values;
using ScorecardBot.Core.Periods;

namespace ScorecardBot.Core.Review;

/// <summary>
/// What the digest says besides the numbers, so a reader can trust them: who was away (instead of
/// "missing"), which data was announced late and when it comes, which values were carried forward,
/// submitted late or edited after a review, and which targets and thresholds moved since the last
/// review, by whom. Reads <see cref="ReviewRequest.Notes"/>; every line is plain text.
/// </summary>
internal sealed class DigestNotes(ReviewRequest request, ValueFormatter formatter, CultureInfo culture)
{
    private readonly Dictionary<Guid, Kpi> _kpis = request.Scorecard.Kpis.ToDictionary(k => k.Id);

    /// <summary>The absence of a reporter during the collection of this review (window to digest), if any.</summary>
    public Absence? AwayDuringCollection(Guid? personId)
    {
        if (personId is not { } id)
        {
            return null;
        }

        var (from, to) = request.Schedule is { } s ? (s.Days.WindowOpens, s.Days.Digest) : (request.Today, request.Today);
        return request.Notes.Absences.Where(a => a.PersonId == id && a.Overlaps(from, to)).OrderBy(a => a.From).FirstOrDefault();
    }

    /// <summary>"away 2–6 Nov", "away until 20 Nov".</summary>
    public string AwayText(Absence absence) =>
        absence.From == absence.To ? $"away on {Day(absence.From)}" : $"away {Day(absence.From)} – {Day(absence.To)}";

    /// <summary>"late, ETA 12 Nov" for a KPI announced late and still not reported.</summary>
    public string? LateText(KpiSnapshot snapshot) =>
        request.Notes.LateNotices.FirstOrDefault(l => l.KpiId == snapshot.KpiId && l.Period == snapshot.Period) is { } notice
            ? $"late, ETA {Day(notice.Eta)}"
            : null;

    /// <summary>The integrity markers of a reported value: carried forward, submitted late.</summary>
    public IReadOnlyList<string> Markers(KpiSnapshot snapshot)
    {
        var markers = new List<string>();
        var kpi = _kpis[snapshot.KpiId];
        var actual = kpi.Actuals.Where(a => a.Period == snapshot.Period).OrderByDescending(a => a.SubmittedAt).FirstOrDefault();
        if (actual is null || actual.PendingApproval)
        {
            return markers;
        }

        if (actual.CarriedForward)
        {
            markers.Add("carried forward, no change reported");
        }

        // History loaded from a file (a first import, the sample) was never due from anyone.
        if (request.Schedule is { } schedule && actual.Source != EntrySource.Import && (actual.FirstSubmittedAt ?? actual.SubmittedAt) >= schedule.DueAt)
        {
            markers.Add($"submitted late, on {Day(request.Calendar.DateOf(actual.FirstSubmittedAt ?? actual.SubmittedAt))}");
        }

        return markers;
    }

    /// <summary>
    /// Lines for the "Changes and data notes" section: carried forward and late values of this
    /// review, actuals of earlier periods edited after their review, and target and threshold
    /// changes made since the last review.
    /// </summary>
    public IReadOnlyList<string> Lines(IReadOnlyList<KpiSnapshot> snapshots)
    {
        var lines = new List<string>();
        foreach (var s in snapshots)
        {
            foreach (var marker in Markers(s))
            {
                lines.Add($"{s.Name}: {marker}.");
            }
        }

        var since = request.Since;
        var changes = request.Notes.Changes.Where(c => _kpis.ContainsKey(c.KpiId) && c.At > since).OrderBy(c => c.At).ToList();
        foreach (var c in changes.Where(c => c.Field == ChangedField.Actual && c.Period < request.Period))
        {
            var kpi = _kpis[c.KpiId];
            lines.Add($"{kpi.Name}, {request.Calendar.Label(c.Period, culture)}: edited after the MBR by {c.ActorName} on {Day(request.Calendar.DateOf(c.At))} ({formatter.Format(c.OldValue, kpi)} → {formatter.Format(c.NewValue, kpi)}).");
        }

        // One line per change, however many periods it touched (a target set for each month of the year).
        var thresholds = changes.Where(c => c.Field != ChangedField.Actual)
            .GroupBy(c => (c.KpiId, c.Field, c.OldValue, c.NewValue, c.ActorName, Day: request.Calendar.DateOf(c.At)));
        foreach (var group in thresholds)
        {
            var kpi = _kpis[group.Key.KpiId];
            var (what, old, @new) = group.Key.Field switch
            {
                ChangedField.Target => ("target", formatter.Format(group.Key.OldValue, kpi), formatter.Format(group.Key.NewValue, kpi)),
                ChangedField.AmberThreshold => ("amber threshold", Plain(group.Key.OldValue), Plain(group.Key.NewValue)),
                ChangedField.RedThreshold => ("red threshold", Plain(group.Key.OldValue), Plain(group.Key.NewValue)),
                ChangedField.BandLow => ("band's low end", formatter.Format(group.Key.OldValue, kpi), formatter.Format(group.Key.NewValue, kpi)),
                _ => ("band's high end", formatter.Format(group.Key.OldValue, kpi), formatter.Format(group.Key.NewValue, kpi)),
            };
            var periods = group.Select(c => c.Period).Distinct().Order().ToList();
            var forWhat = periods is [var only] && only == request.Period ? string.Empty
                : periods.Count == 1 ? $" for {request.Calendar.Label(periods[0], culture)}"
                : $" for {periods.Count} periods from {request.Calendar.Label(periods[0], culture)}";
            lines.Add($"{kpi.Name}: {what}{forWhat} changed {old} → {@new} by {group.Key.ActorName} on {Day(group.Key.Day)}.");
        }

        return lines;
    }

    private string Day(DateOnly day) => DayText.Of(day, culture);

    private static string Plain(decimal? value) => value is { } v ? v.ToString("0.##", CultureInfo.InvariantCulture) : "none";
}
