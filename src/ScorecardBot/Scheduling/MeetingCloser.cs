using Microsoft.EntityFrameworkCore;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Delivery;
using ScorecardBot.Core.Meetings;
using ScorecardBot.Core.Model;
using ScorecardBot.Data;
using ScorecardBot.Data.Outbox;

namespace ScorecardBot.Scheduling;

/// <summary>
/// A review meeting left open closes itself at the end of its review day: the review rhythm's run
/// closes it (<see cref="CloseAtDayEnd"/>, audited) and writes its minutes so far to the outbox,
/// for the channel the meeting ran in, in one transaction. The meeting's version makes one instance
/// close it, and the outbox key (<c>minutes:{meeting}</c>) makes the minutes go out once.
/// </summary>
internal sealed class MeetingCloser(OutboxWriter writer, TimeProvider time, ILogger<MeetingCloser> logger)
{
    public const string ActorName = "ScorecardBot (end of the review day)";

    /// <returns>Meetings closed.</returns>
    public async Task<int> RunAsync(ScorecardDbContext db, Organization organization, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var due = await db.ReviewMeetings.AsNoTracking()
            .Where(m => m.OrganizationId == organization.Id && m.State == MeetingState.Open && m.EndsAt <= now)
            .OrderBy(m => m.EndsAt)
            .Select(m => m.Id)
            .ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return 0;
        }

        var people = await db.People.AsNoTracking().Include(p => p.Accounts).Where(p => p.OrganizationId == organization.Id).ToDictionaryAsync(p => p.Id, cancellationToken);
        var closed = 0;
        foreach (var id in due)
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var meeting = await db.ReviewMeetings.Include(m => m.Notes).SingleOrDefaultAsync(m => m.Id == id && m.OrganizationId == organization.Id, cancellationToken);
            var scorecard = meeting is null ? null : await db.Scorecards.AsNoTracking().SingleOrDefaultAsync(s => s.Id == meeting.ScorecardId && s.OrganizationId == organization.Id, cancellationToken);
            if (meeting is null || scorecard is null || !MeetingFlow.Apply(meeting, new CloseAtDayEnd(), null, canManage: false, now).Changed)
            {
                continue;
            }

            db.AuditEntries.Add(new AuditEntry
            {
                OrganizationId = organization.Id,
                Subject = MeetingFlow.AuditSubject,
                SubjectId = meeting.Id,
                Change = "updated",
                OldValue = nameof(MeetingState.Open),
                NewValue = nameof(MeetingState.Closed),
                ActorName = ActorName,
                Via = EntrySource.Command,
                At = now,
            });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Another instance closed (or someone ended) it first; its minutes are theirs to post.
                continue;
            }

            var actions = await db.ReviewActions.AsNoTracking()
                .Where(a => a.OrganizationId == organization.Id && a.MeetingId == meeting.Id)
                .OrderBy(a => a.Number)
                .ToListAsync(cancellationToken);
            var view = MeetingView.For(organization, meeting, scorecard, actions, people);
            var minutes = new OutgoingMessage(organization.Id, meeting.Platform, Destination.Channel(meeting.ConversationId, meeting.ThreadId), MeetingCards.Minutes(view), $"minutes:{meeting.Id:N}");
            await writer.TryAddAsync(db, minutes, MeetingCards.MinutesKind, now, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            closed++;
            logger.LogInformation("Closed the review meeting {MeetingId} of organization {OrganizationId} at the end of its review day", meeting.Id, organization.Id);
        }

        return closed;
    }
}
