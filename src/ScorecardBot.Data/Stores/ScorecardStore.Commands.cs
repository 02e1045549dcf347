using Microsoft.EntityFrameworkCore;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Periods;
using ScorecardBot.Core.Rhythm;
using ScorecardBot.Core.Scoring;
using ScorecardBot.Data.Auditing;

namespace ScorecardBot.Data.Stores;

internal sealed partial class ScorecardStore
{
    /// <summary>How often a write that lost a race (unique index, stale version) is read again and retried.</summary>
    private const int Attempts = 4;

    public Task<CommandResult> AssignOwnerAsync(ChangeContext context, Guid kpiId, Guid ownerId, CancellationToken cancellationToken) =>
        ChangeAsync(context, async (db, actor) =>
        {
            var (kpi, scorecard) = await FindKpiAsync(db, context.OrganizationId, kpiId, cancellationToken);
            if (kpi is null || scorecard is null)
            {
                return NoSuchKpi;
            }

            if (ScorecardPermissions.RequireManager(actor, scorecard, "assign owners", await AskNameAsync(db, scorecard, actor, cancellationToken)) is { } refusal)
            {
                return CommandResult.Refused(refusal);
            }

            if (!await IsMemberAsync(db, context.OrganizationId, ownerId, cancellationToken))
            {
                return CommandResult.NotFound("That person is not a member of this organization.");
            }

            if (kpi.OwnerId == ownerId)
            {
                return CommandResult.Unchanged;
            }

            kpi.OwnerId = ownerId;
            await db.SaveChangesAsync(cancellationToken);
            return CommandResult.Done;
        });

    public Task<CommandResult> SetDelegateAsync(ChangeContext context, Guid kpiId, Guid? delegateId, CancellationToken cancellationToken) =>
        ChangeAsync(context, async (db, actor) =>
        {
            var (kpi, scorecard) = await FindKpiAsync(db, context.OrganizationId, kpiId, cancellationToken);
            if (kpi is null || scorecard is null)
            {
                return NoSuchKpi;
            }

            if (ScorecardPermissions.RequireDelegator(actor, scorecard, kpi, await AskNameAsync(db, scorecard, actor, cancellationToken)) is { } refusal)
            {
                return CommandResult.Refused(refusal);
            }

            if (delegateId is { } id && !await IsMemberAsync(db, context.OrganizationId, id, cancellationToken))
            {
                return CommandResult.NotFound("That person is not a member of this organization.");
            }

            if (kpi.DelegateId == delegateId)
            {
                return CommandResult.Unchanged;
            }

            kpi.DelegateId = delegateId;
            await db.SaveChangesAsync(cancellationToken);
            return CommandResult.Done;
        });

    public Task<CommandResult> SetTargetAsync(ChangeContext context, Guid kpiId, Period period, decimal value, CancellationToken cancellationToken) =>
        ChangeAsync(context, async (db, actor) =>
        {
            var (kpi, scorecard) = await FindKpiAsync(db, context.OrganizationId, kpiId, cancellationToken);
            if (kpi is null || scorecard is null)
            {
                return NoSuchKpi;
            }

            if (ScorecardPermissions.RequireManager(actor, scorecard, "set targets", await AskNameAsync(db, scorecard, actor, cancellationToken)) is { } refusal)
            {
                return CommandResult.Refused(refusal);
            }

            return await RetryAsync(db, async () =>
            {
                var target = await db.Targets.SingleOrDefaultAsync(t => t.KpiId == kpi.Id && t.Period == period && t.OrganizationId == context.OrganizationId, cancellationToken);
                if (target?.Value == value)
                {
                    return CommandResult.Unchanged;
                }

                if (target is null)
                {
                    db.Targets.Add(new Target { OrganizationId = context.OrganizationId, KpiId = kpi.Id, Period = period, Value = value });
                }
                else
                {
                    target.Value = value;
                }

                await db.SaveChangesAsync(cancellationToken);
                return CommandResult.Done;
            });
        });

    public Task<(CommandResult Result, IReadOnlyList<string> Kpis)> CarryTargetsForwardAsync(
        ChangeContext context, Guid scorecardId, Period fiscalYear, CancellationToken cancellationToken) =>
        ChangeAsync<(CommandResult Result, IReadOnlyList<string> Kpis)>(context, async (db, actor) =>
        {
            var scorecard = await db.Scorecards.AsNoTracking().SingleOrDefaultAsync(s => s.Id == scorecardId && s.OrganizationId == context.OrganizationId, cancellationToken);
            if (scorecard is null)
            {
                return (CommandResult.NotFound("There is no such scorecard here."), []);
            }

            if (ScorecardPermissions.RequireManager(actor, scorecard, "set targets", await AskNameAsync(db, scorecard, actor, cancellationToken)) is { } refusal)
            {
                return (CommandResult.Refused(refusal), []);
            }

            var organization = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == context.OrganizationId, cancellationToken);
            var calendar = FiscalCalendar.For(organization);
            return await RetryAsync(db, async () =>
            {
                // Tracked: the inheritance check needs the KPI's targets, and the new rows are saved (and audited) in one SaveChanges.
                var kpis = await db.Kpis.Include(k => k.Targets)
                    .Where(k => k.ScorecardId == scorecardId && k.OrganizationId == context.OrganizationId && k.RetiredAt == null)
                    .OrderBy(k => k.Order).ThenBy(k => k.Name)
                    .ToListAsync(cancellationToken);
                var missing = ReviewRhythm.KpisWithoutTargets(new Scorecard { Key = scorecard.Key, Name = scorecard.Name, Kpis = kpis }, fiscalYear, calendar);
                var carried = new List<string>();
                foreach (var kpi in missing)
                {
                    var targets = TargetCarry.Plan(kpi, [.. kpi.Targets], fiscalYear, calendar);
                    if (targets.Count > 0)
                    {
                        db.Targets.AddRange(targets);
                        carried.Add(kpi.Name);
                    }
                }

                if (carried.Count == 0)
                {
                    return (CommandResult.Unchanged, (IReadOnlyList<string>)[]);
                }

                await db.SaveChangesAsync(cancellationToken);
                return (CommandResult.Done, (IReadOnlyList<string>)carried);
            });
        }, r => r.Result.Status, (NotMember, []));

    public async Task<ActualWriteResult> RecordActualAsync(ChangeContext context, ActualEntry entry, CancellationToken cancellationToken) =>
        (await ChangeAsync(context, async (db, actor) =>
        {
            var (kpi, scorecard) = await FindKpiAsync(db, context.OrganizationId, entry.KpiId, cancellationToken);
            if (kpi is null || scorecard is null)
            {
                return new ActualWrite(new ActualWriteResult(NoSuchKpi));
            }

            // The names a refusal mentions are read only for a refusal.
            if (ScorecardPermissions.RequireReporter(actor, scorecard, kpi, null, null) is not null)
            {
                var ownerName = kpi.OwnerId is { } ownerId
                    ? await db.People.AsNoTracking().Where(p => p.Id == ownerId && p.OrganizationId == context.OrganizationId).Select(p => p.Name).SingleOrDefaultAsync(cancellationToken)
                    : null;
                var refusal = ScorecardPermissions.RequireReporter(actor, scorecard, kpi, ownerName, await AskNameAsync(db, scorecard, actor, cancellationToken))!;
                return new ActualWrite(new ActualWriteResult(CommandResult.Refused(refusal)));
            }

            var lockedSince = scorecard.LockAfterReview ? await LockedSinceAsync(db, scorecard, entry.Period, cancellationToken) : null;
            if (ActualStore.LockRefusal(actor, scorecard, kpi, entry.Period, lockedSince, context.At, null) is not null)
            {
                var locked = ActualStore.LockRefusal(actor, scorecard, kpi, entry.Period, lockedSince, context.At, await AskNameAsync(db, scorecard, actor, cancellationToken))!;
                return new ActualWrite(new ActualWriteResult(CommandResult.Refused(locked)));
            }

            var pending = ActualStore.NeedsApproval(actor, scorecard);

            // Written by the store's one actual writer, together with the other submits waiting
            // (ScorecardStore.ActualWrites): the unique index on (KPI, period) and the row's version
            // still decide between this instance and others; within it, submits of one actual take
            // turns, and the cached snapshot takes the stored row before this call returns.
            return await WriteActualAsync(new QueuedActual(context, entry, pending, actor, kpi.Id), cancellationToken);
        }, w => w.Result.Status, new ActualWrite(new ActualWriteResult(NotMember)), (organizationId, w) => Apply(organizationId, w.Stored!, w.Change))).Result;

    /// <summary>
    /// A copy of the snapshot's row tracked as unchanged: its version is what the UPDATE checks, and
    /// its values are the audit entry's "before". The snapshot's own object is never tracked.
    /// </summary>
    private static Actual Attached(ScorecardDbContext db, Actual row)
    {
        var copy = new Actual { Id = row.Id };
        var entry = db.Entry(copy);
        entry.CurrentValues.SetValues(row);
        entry.State = EntityState.Unchanged;
        return copy;
    }

    /// <summary>A written actual with what the cached snapshot needs to take it in: the stored row, and the change the audit trail tells.</summary>
    private sealed record ActualWrite(ActualWriteResult Result, Actual? Stored = null, RecordedChange? Change = null);

    public Task<(CommandResult Result, ReviewAction? Action)> AddActionAsync(
        ChangeContext context, Guid scorecardId, string text, Guid? ownerId, DateOnly? due, Guid? kpiId, CancellationToken cancellationToken) =>
        ChangeAsync<(CommandResult, ReviewAction?)>(context, async (db, actor) =>
        {
            var scorecard = await db.Scorecards.AsNoTracking().SingleOrDefaultAsync(s => s.Id == scorecardId && s.OrganizationId == context.OrganizationId, cancellationToken);
            if (scorecard is null)
            {
                return (CommandResult.NotFound("There is no such scorecard here."), null);
            }

            if (ScorecardPermissions.RequireManager(actor, scorecard, "add review actions", await AskNameAsync(db, scorecard, actor, cancellationToken)) is { } refusal)
            {
                return (CommandResult.Refused(refusal), null);
            }

            if (ownerId is { } id && !await IsMemberAsync(db, context.OrganizationId, id, cancellationToken))
            {
                return (CommandResult.NotFound("That person is not a member of this organization."), null);
            }

            return await RetryAsync(db, async () =>
            {
                var last = await db.ReviewActions.Where(a => a.OrganizationId == context.OrganizationId).MaxAsync(a => (int?)a.Number, cancellationToken) ?? 0;
                var action = new ReviewAction
                {
                    OrganizationId = context.OrganizationId,
                    ScorecardId = scorecardId,
                    Number = last + 1,
                    Text = text,
                    OwnerId = ownerId,
                    Due = due,
                    KpiId = kpiId,
                    CreatedAt = context.At,
                };
                db.ReviewActions.Add(action);
                await db.SaveChangesAsync(cancellationToken);
                return ((CommandResult, ReviewAction?))(CommandResult.Done, action);
            });
        }, r => r.Item1.Status, (NotMember, null));

    public Task<(CommandResult Result, ReviewAction? Action)> CompleteActionAsync(ChangeContext context, int number, CancellationToken cancellationToken) =>
        ChangeAsync<(CommandResult, ReviewAction?)>(context, async (db, actor) =>
        {
            var action = await db.ReviewActions.SingleOrDefaultAsync(a => a.OrganizationId == context.OrganizationId && a.Number == number, cancellationToken);
            var scorecard = action is null ? null : await db.Scorecards.AsNoTracking().SingleOrDefaultAsync(s => s.Id == action.ScorecardId && s.OrganizationId == context.OrganizationId, cancellationToken);
            if (action is null || scorecard is null)
            {
                return (CommandResult.NotFound($"There is no action {number}."), null);
            }

            if (ScorecardPermissions.RequireActionCloser(actor, scorecard, action, await AskNameAsync(db, scorecard, actor, cancellationToken)) is { } refusal)
            {
                return (CommandResult.Refused(refusal), null);
            }

            if (action.Status == ReviewActionStatus.Done)
            {
                return (CommandResult.Unchanged, action);
            }

            action.Status = ReviewActionStatus.Done;
            action.ClosedAt = context.At;
            await db.SaveChangesAsync(cancellationToken);
            return (CommandResult.Done, action);
        }, r => r.Item1.Status, (NotMember, null));

    public Task<CommandResult> SetReviewCycleAsync(ChangeContext context, Guid scorecardId, ReviewCycle cycle, CancellationToken cancellationToken) =>
        ChangeAsync(context, async (db, actor) =>
        {
            var scorecard = await db.Scorecards.AsNoTracking().SingleOrDefaultAsync(s => s.Id == scorecardId && s.OrganizationId == context.OrganizationId, cancellationToken);
            if (scorecard is null)
            {
                return CommandResult.NotFound("There is no such scorecard here.");
            }

            if (ScorecardPermissions.RequireManager(actor, scorecard, "change the review cycle", await AskNameAsync(db, scorecard, actor, cancellationToken)) is { } refusal)
            {
                return CommandResult.Refused(refusal);
            }

            return await RetryAsync(db, async () =>
            {
                var row = await db.ReviewCycles.SingleOrDefaultAsync(c => c.ScorecardId == scorecardId && c.Kind == cycle.Kind, cancellationToken);
                var before = row is null ? null : CycleSettings.Describe(row);
                var after = CycleSettings.Describe(cycle);
                if (before == after)
                {
                    return CommandResult.Unchanged;
                }

                if (row is null)
                {
                    row = new ReviewCycle { ScorecardId = scorecardId, Kind = cycle.Kind };
                    db.ReviewCycles.Add(row);
                }
                else
                {
                    row.Revision++;
                }

                row.WeekOfMonth = cycle.WeekOfMonth;
                row.DayOfWeek = cycle.DayOfWeek;
                row.MeetingTime = cycle.MeetingTime;
                row.MeetingMinutes = cycle.MeetingMinutes;
                row.WindowOpensBusinessDaysBefore = cycle.WindowOpensBusinessDaysBefore;
                row.DueBusinessDaysBefore = cycle.DueBusinessDaysBefore;
                row.ReminderBusinessDays = [.. cycle.ReminderBusinessDays];
                row.EscalateBusinessDaysAfterDue = cycle.EscalateBusinessDaysAfterDue;
                row.DigestBusinessDaysBefore = cycle.DigestBusinessDaysBefore;
                row.SendTime = cycle.SendTime;
                row.PreReadBusinessDaysBefore = cycle.PreReadBusinessDaysBefore;

                // A review cycle is not one of the entities the audit trail snapshots by itself: its change is written here, in the same save.
                db.AuditEntries.Add(ChangeAudit.Of(context, actor, CycleSettings.AuditSubject, row.Id, before is null ? "created" : "updated", before, after));
                await db.SaveChangesAsync(cancellationToken);
                return CommandResult.Done;
            });
        });

    public Task<CommandResult> SetWindowAsync(ChangeContext context, Guid scorecardId, bool open, CancellationToken cancellationToken) =>
        ChangeAsync(context, async (db, actor) =>
        {
            var scorecard = await db.Scorecards.AsNoTracking().SingleOrDefaultAsync(s => s.Id == scorecardId && s.OrganizationId == context.OrganizationId, cancellationToken);
            if (scorecard is null)
            {
                return CommandResult.NotFound("There is no such scorecard here.");
            }

            if (ScorecardPermissions.RequireManager(actor, scorecard, "open or close the collection window", await AskNameAsync(db, scorecard, actor, cancellationToken)) is { } refusal)
            {
                return CommandResult.Refused(refusal);
            }

            return await RetryAsync(db, async () =>
            {
                var cycle = await db.ReviewCycles.SingleOrDefaultAsync(c => c.ScorecardId == scorecardId && c.Kind == ReviewKind.Monthly, cancellationToken);
                if (cycle?.WindowOverride == open)
                {
                    return CommandResult.Unchanged;
                }

                if (cycle is null)
                {
                    cycle = new ReviewCycle { ScorecardId = scorecardId, Kind = ReviewKind.Monthly };
                    db.ReviewCycles.Add(cycle);
                }

                cycle.WindowOverride = open;
                cycle.Revision++;
                await db.SaveChangesAsync(cancellationToken);
                return CommandResult.Done;
            });
        });

    private static Task<bool> IsMemberAsync(ScorecardDbContext db, Guid organizationId, Guid personId, CancellationToken cancellationToken) =>
        db.People.AnyAsync(p => p.Id == personId && p.OrganizationId == organizationId && p.IsActive, cancellationToken);

    /// <summary>
    /// Runs a read-then-write again when it lost a race: a unique index refused the insert, or the
    /// row's version moved on. Each attempt starts from a clean change tracker and reads afresh.
    /// </summary>
    private static async Task<T> RetryAsync<T>(ScorecardDbContext db, Func<Task<T>> attempt)
    {
        for (var i = 1; ; i++)
        {
            try
            {
                return await attempt();
            }
            catch (DbUpdateException) when (i < Attempts)
            {
                db.ChangeTracker.Clear();
            }
        }
    }
}
