using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Meetings;
using ScorecardBot.Core.Model;
using ScorecardBot.Data.Auditing;

namespace ScorecardBot.Data.Stores;

/// <summary>
/// Review meetings in the database: each press reads the meeting, applies <see cref="MeetingFlow"/>
/// (the manager check included, against the stored role) and saves it with its version, so two
/// presses at once cannot both move it and a restarted host carries on where it was. Opening,
/// decisions, actions and the end are audited in the same SaveChanges.
/// </summary>
internal sealed partial class ScorecardStore : IMeetingStore
{
    private const string MeetingSubject = MeetingFlow.AuditSubject;
    private const string DecisionSubject = MeetingFlow.DecisionAuditSubject;
    private const string ActionSubject = MeetingFlow.ActionAuditSubject;

    public async Task<MeetingResult?> FindAsync(Guid organizationId, Guid meetingId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        var meeting = await db.ReviewMeetings.AsNoTracking().Include(m => m.Notes)
            .SingleOrDefaultAsync(m => m.Id == meetingId && m.OrganizationId == organizationId, cancellationToken);
        return meeting is null ? null : await WithActionsAsync(db, meeting, CommandResult.Done, cancellationToken);
    }

    public async Task<MeetingResult?> FindOpenAsync(Guid organizationId, Guid scorecardId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        var meeting = await db.ReviewMeetings.AsNoTracking().Include(m => m.Notes)
            .Where(m => m.OrganizationId == organizationId && m.ScorecardId == scorecardId && m.State == MeetingState.Open)
            .OrderBy(m => m.StartedAt)
            .FirstOrDefaultAsync(cancellationToken);
        return meeting is null ? null : await WithActionsAsync(db, meeting, CommandResult.Done, cancellationToken);
    }

    public async Task<IReadOnlyList<MeetingResult>> MinutesAsync(Guid organizationId, Guid scorecardId, int take, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        var meetings = await db.ReviewMeetings.AsNoTracking().Include(m => m.Notes)
            .Where(m => m.OrganizationId == organizationId && m.ScorecardId == scorecardId && m.State == MeetingState.Closed)
            .OrderByDescending(m => m.StartedAt)
            .Take(Math.Clamp(take, 1, 200))
            .ToListAsync(cancellationToken);
        var ids = meetings.Select(m => (Guid?)m.Id).ToList();
        var actions = (await db.ReviewActions.AsNoTracking()
            .Where(a => a.OrganizationId == organizationId && ids.Contains(a.MeetingId))
            .ToListAsync(cancellationToken)).ToLookup(a => a.MeetingId);
        return [.. meetings.Select(m => new MeetingResult(CommandResult.Done, m, [.. actions[m.Id].OrderBy(a => a.Number)]))];
    }

    public Task<MeetingResult> StartAsync(ChangeContext context, ReviewMeeting meeting, CancellationToken cancellationToken) =>
        ChangeAsync(context, async (db, actor) =>
        {
            var scorecard = await db.Scorecards.AsNoTracking().SingleOrDefaultAsync(s => s.Id == meeting.ScorecardId && s.OrganizationId == context.OrganizationId, cancellationToken);
            if (scorecard is null || meeting.OrganizationId != context.OrganizationId)
            {
                return new MeetingResult(CommandResult.NotFound("There is no such scorecard here."));
            }

            if (ScorecardPermissions.RequireManager(actor, scorecard, "start a review meeting", await AskNameAsync(db, scorecard, actor, cancellationToken)) is { } refusal)
            {
                return new MeetingResult(CommandResult.Refused(refusal));
            }

            if (await db.ReviewMeetings.AnyAsync(m => m.OrganizationId == context.OrganizationId && m.ScorecardId == scorecard.Id && m.State == MeetingState.Open, cancellationToken))
            {
                return new MeetingResult(CommandResult.Refused($"A {scorecard.Name} review meeting is already running. End it with review end {scorecard.Key} first."));
            }

            meeting.State = MeetingState.Open;
            meeting.Position = 0;
            meeting.StartedById = actor.Id;
            meeting.Notes = [];
            db.ReviewMeetings.Add(meeting);
            db.AuditEntries.Add(Audit(context, actor, MeetingSubject, meeting.Id, null, "created", null,
                $"{scorecard.Key} {meeting.Period} review opened in {meeting.Platform} {meeting.ConversationId}, {meeting.Items.Count} items"));
            await db.SaveChangesAsync(cancellationToken);
            return new MeetingResult(CommandResult.Done, meeting, []);
        }, r => r.Result.Status, new MeetingResult(NotMember), (organizationId, _) => { });

    public Task<MeetingResult> StepAsync(ChangeContext context, Guid meetingId, MeetingStep step, CancellationToken cancellationToken) =>
        ChangeAsync(context, (db, actor) => RetryAsync(db, async () =>
        {
            var meeting = await db.ReviewMeetings.Include(m => m.Notes)
                .SingleOrDefaultAsync(m => m.Id == meetingId && m.OrganizationId == context.OrganizationId, cancellationToken);
            var scorecard = meeting is null ? null : await db.Scorecards.AsNoTracking()
                .SingleOrDefaultAsync(s => s.Id == meeting.ScorecardId && s.OrganizationId == context.OrganizationId, cancellationToken);
            if (meeting is null || scorecard is null)
            {
                return new MeetingResult(CommandResult.NotFound("There is no such meeting here."));
            }

            if (step is AddMeetingAction { OwnerId: var ownerId } && !await IsMemberAsync(db, context.OrganizationId, ownerId, cancellationToken))
            {
                return await WithActionsAsync(db, meeting, CommandResult.NotFound("The action's owner is not a member of this organization."), cancellationToken);
            }

            var outcome = MeetingFlow.Apply(meeting, step, actor.Id, ScorecardPermissions.CanManage(actor, scorecard), context.At);
            if (outcome.Refusal is { } refusal)
            {
                var ask = refusal is MeetingFlow.ManagersMoveOn or MeetingFlow.ManagersEnd ? await AskNameAsync(db, scorecard, actor, cancellationToken) : null;
                return await WithActionsAsync(db, meeting, CommandResult.Refused(ask is null ? refusal : $"{refusal} Ask {ask}."), cancellationToken);
            }

            if (!outcome.Changed)
            {
                return await WithActionsAsync(db, meeting, CommandResult.Unchanged, cancellationToken) with { Stale = outcome.Stale };
            }

            foreach (var note in outcome.Notes)
            {
                db.MeetingNotes.Add(note);
                if (note.Kind == MeetingNoteKind.Decision)
                {
                    db.AuditEntries.Add(Audit(context, actor, DecisionSubject, note.Id, meeting.Items.ElementAtOrDefault(note.Item)?.KpiId, "created", null, note.Text));
                }
            }

            if (outcome.Action is { } action)
            {
                var last = await db.ReviewActions.Where(a => a.OrganizationId == context.OrganizationId).MaxAsync(a => (int?)a.Number, cancellationToken) ?? 0;
                action.Number = last + 1;
                db.ReviewActions.Add(action);
                db.AuditEntries.Add(Audit(context, actor, ActionSubject, action.Id, action.KpiId, "created", null,
                    $"#{action.Number} {action.Text} · owner {action.OwnerId} · due {action.Due?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}"));
            }

            if (meeting.State == MeetingState.Closed)
            {
                db.AuditEntries.Add(Audit(context, actor, MeetingSubject, meeting.Id, null, "updated", nameof(MeetingState.Open), nameof(MeetingState.Closed)));
            }

            await db.SaveChangesAsync(cancellationToken);
            var saved = await WithActionsAsync(db, meeting, CommandResult.Done, cancellationToken);
            return saved with { Added = outcome.Action };
        }), r => r.Result.Status, new MeetingResult(NotMember), (organizationId, r) =>
        {
            // The snapshot holds review actions and (for the next agenda) the decisions of closed meetings.
            if (r.Added is not null || r.Meeting?.State == MeetingState.Closed)
            {
                Invalidate(organizationId);
            }
        });

    private static async Task<MeetingResult> WithActionsAsync(ScorecardDbContext db, ReviewMeeting meeting, CommandResult result, CancellationToken cancellationToken)
    {
        var actions = await db.ReviewActions.AsNoTracking()
            .Where(a => a.OrganizationId == meeting.OrganizationId && a.MeetingId == meeting.Id)
            .OrderBy(a => a.Number)
            .ToListAsync(cancellationToken);
        meeting.Notes = [.. meeting.Notes.OrderBy(n => n.At).ThenBy(n => n.Item)];
        return new MeetingResult(result, meeting, actions);
    }

    private static AuditEntry Audit(ChangeContext context, Person actor, string subject, Guid subjectId, Guid? kpiId, string change, string? before, string? after) =>
        ChangeAudit.Of(context, actor, subject, subjectId, change, before, after, kpiId);
}
