using Microsoft.EntityFrameworkCore;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Review;
using ScorecardBot.Data.Auditing;

namespace ScorecardBot.Data.Stores;

/// <summary>
/// Reads an organization's <see cref="ReviewNotes"/>: holidays, recent absences and late notices,
/// and the recent changes of targets and actuals from the audit trail. Shared by the snapshot
/// (the digest command) and the scheduler (the digest it posts), so both tell the same story.
/// </summary>
public static class ReviewNotesQuery
{
    public static async Task<ReviewNotes> LoadAsync(ScorecardDbContext db, Guid organizationId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var since = now - ReviewNotes.Reach;
        var sinceDay = DateOnly.FromDateTime(since.UtcDateTime);
        var holidays = await db.Holidays.AsNoTracking().Where(h => h.OrganizationId == organizationId).ToListAsync(cancellationToken);
        var absences = await db.Absences.AsNoTracking().Where(a => a.OrganizationId == organizationId && a.To >= sinceDay).ToListAsync(cancellationToken);
        var late = await db.LateNotices.AsNoTracking().Where(l => l.OrganizationId == organizationId && l.Eta >= sinceDay).ToListAsync(cancellationToken);
        var preReads = await db.PreReads.AsNoTracking().Where(r => r.OrganizationId == organizationId && r.AnsweredAt >= since).ToListAsync(cancellationToken);
        var entries = await db.AuditEntries.AsNoTracking()
            .Where(e => e.OrganizationId == organizationId && e.At >= since && e.Change == "updated" &&
                (e.Subject == AuditSnapshots.TargetSubject || e.Subject == AuditSnapshots.ActualSubject))
            .OrderBy(e => e.Id)
            .ToListAsync(cancellationToken);
        var meetings = await db.ReviewMeetings.AsNoTracking().Include(m => m.Notes)
            .Where(m => m.OrganizationId == organizationId && m.State == MeetingState.Closed && m.StartedAt >= since)
            .ToListAsync(cancellationToken);
        var decisions = meetings.OrderBy(m => m.StartedAt).SelectMany(m =>
        {
            var items = m.Items;
            return m.Notes.Where(n => n.Kind == MeetingNoteKind.Decision).OrderBy(n => n.At)
                .Select(n => new PastDecision(m.ScorecardId, m.Period, n.Item >= 0 && n.Item < items.Count ? items[n.Item].Title : "General", n.Text ?? string.Empty));
        }).ToList();
        return new ReviewNotes
        {
            Decisions = decisions,
            Holidays = holidays,
            Absences = absences,
            LateNotices = late,
            Changes = [.. entries.SelectMany(AuditSnapshots.Changes)],
            PreReads = preReads,
        };
    }
}
