using Microsoft.EntityFrameworkCore;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Periods;
using ScorecardBot.Core.Rhythm;

namespace ScorecardBot.Data.Stores;

/// <summary>Late notices, approvals, absences and period locks; every change audited by the DbContext.</summary>
internal sealed partial class ScorecardStore
{
    public Task<CommandResult> RecordLateAsync(ChangeContext context, LateEntry entry, CancellationToken cancellationToken) =>
        ChangeAsync(context, async (db, actor) =>
        {
            var (kpi, scorecard) = await FindKpiAsync(db, context.OrganizationId, entry.KpiId, cancellationToken);
            if (kpi is null || scorecard is null)
            {
                return NoSuchKpi;
            }

            if (ScorecardPermissions.RequireReporter(actor, scorecard, kpi, null, await AskNameAsync(db, scorecard, actor, cancellationToken)) is { } refusal)
            {
                return CommandResult.Refused(refusal);
            }

            var reason = string.IsNullOrWhiteSpace(entry.Reason) ? null : entry.Reason.Trim();
            return await RetryAsync(db, async () =>
            {
                var notice = await db.LateNotices.SingleOrDefaultAsync(l => l.KpiId == kpi.Id && l.Period == entry.Period && l.OrganizationId == context.OrganizationId, cancellationToken);
                if (notice is not null && notice.Eta == entry.Eta && notice.Reason == reason)
                {
                    return CommandResult.Unchanged;
                }

                if (notice is null)
                {
                    notice = new LateNotice { OrganizationId = context.OrganizationId, KpiId = kpi.Id, Period = entry.Period };
                    db.LateNotices.Add(notice);
                }

                notice.Eta = entry.Eta;
                notice.Reason = reason;
                notice.ReportedById = actor.Id;
                notice.ReportedAt = context.At;
                await db.SaveChangesAsync(cancellationToken);
                return CommandResult.Done;
            });
        });

    public Task<CommandResult> SavePreReadsAsync(ChangeContext context, IReadOnlyList<PreReadEntry> entries, CancellationToken cancellationToken) =>
        ChangeAsync(context, async (db, actor) =>
        {
            var organization = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == context.OrganizationId, cancellationToken);
            var today = Core.Periods.FiscalCalendar.For(organization).DateOf(context.At);
            var absences = await db.Absences.AsNoTracking().Where(a => a.OrganizationId == context.OrganizationId && a.To >= today).ToListAsync(cancellationToken);
            foreach (var entry in entries)
            {
                var (kpi, scorecard) = await FindKpiAsync(db, context.OrganizationId, entry.KpiId, cancellationToken);
                if (kpi is null || scorecard is null)
                {
                    return NoSuchKpi;
                }

                if (ScorecardPermissions.RequirePresenter(actor, scorecard, kpi, absences, today, await AskNameAsync(db, scorecard, actor, cancellationToken)) is { } refusal)
                {
                    return CommandResult.Refused(refusal);
                }

                if (!await IsMemberAsync(db, context.OrganizationId, entry.CountermeasureOwnerId, cancellationToken))
                {
                    return CommandResult.NotFound("The countermeasure's owner is not an active member of this organization.");
                }
            }

            return await RetryAsync(db, async () =>
            {
                var changed = false;
                foreach (var entry in entries)
                {
                    var row = await db.PreReads.SingleOrDefaultAsync(r => r.KpiId == entry.KpiId && r.Period == entry.Period && r.OrganizationId == context.OrganizationId, cancellationToken);
                    if (row is not null && PreReadText.Same(row, entry))
                    {
                        continue;
                    }

                    if (row is null)
                    {
                        row = new PreRead { OrganizationId = context.OrganizationId, KpiId = entry.KpiId, Period = entry.Period, Cause = entry.Cause, Countermeasure = entry.Countermeasure };
                        db.PreReads.Add(row);
                    }

                    PreReadText.Apply(row, entry, actor.Id, context.At);
                    changed = true;
                }

                if (!changed)
                {
                    return CommandResult.Unchanged;
                }

                await db.SaveChangesAsync(cancellationToken);
                return CommandResult.Done;
            });
        });

    public Task<ApprovalResult> ApproveActualAsync(ChangeContext context, Guid kpiId, Period period, uint version, CancellationToken cancellationToken) =>
        DecideAsync(context, kpiId, period, version, async (db, kpi, actual) =>
        {
            if (!actual.PendingApproval)
            {
                return new ApprovalResult(CommandResult.Unchanged, actual);
            }

            actual.PendingApproval = false;
            await db.SaveChangesAsync(cancellationToken);
            return new ApprovalResult(CommandResult.Done, actual);
        }, cancellationToken);

    public Task<ApprovalResult> RejectActualAsync(ChangeContext context, Guid kpiId, Period period, uint version, CancellationToken cancellationToken) =>
        DecideAsync(context, kpiId, period, version, async (db, kpi, actual) =>
        {
            if (!actual.PendingApproval)
            {
                return new ApprovalResult(CommandResult.Refused($"{kpi.Name} for {await MonthLabelAsync(db, context.OrganizationId, period, cancellationToken)} is approved already; correct it with a new value instead."), actual);
            }

            // Removed, so the period is open again and the owner is asked anew; the trail keeps what was rejected.
            db.Actuals.Remove(actual);
            await db.SaveChangesAsync(cancellationToken);
            return new ApprovalResult(CommandResult.Done, actual);
        }, cancellationToken);

    public Task<(CommandResult Result, Absence? Absence)> SetAbsenceAsync(
        ChangeContext context, Guid personId, DateOnly from, DateOnly to, Guid? delegateId, CancellationToken cancellationToken) =>
        ChangeAsync<(CommandResult, Absence?)>(context, async (db, actor) =>
        {
            if (actor.Id != personId && actor.Role != Role.Admin)
            {
                return (CommandResult.Refused("Only an admin can set someone else away."), null);
            }

            if (!await IsMemberAsync(db, context.OrganizationId, personId, cancellationToken))
            {
                return (CommandResult.NotFound("That person is not a member of this organization."), null);
            }

            if (delegateId is { } d && (d == personId || !await IsMemberAsync(db, context.OrganizationId, d, cancellationToken)))
            {
                return (CommandResult.NotFound("That delegate is not an active member of this organization."), null);
            }

            var overlapping = await db.Absences
                .Where(a => a.OrganizationId == context.OrganizationId && a.PersonId == personId && a.From <= to && a.To >= from)
                .ToListAsync(cancellationToken);
            db.Absences.RemoveRange(overlapping);
            var absence = new Absence
            {
                OrganizationId = context.OrganizationId,
                PersonId = personId,
                From = from,
                To = to,
                DelegateId = delegateId,
                Source = AbsenceSource.Stated,
                CreatedAt = context.At,
            };
            db.Absences.Add(absence);
            await db.SaveChangesAsync(cancellationToken);
            return (CommandResult.Done, absence);
        }, r => r.Item1.Status, (NotMember, null));

    public Task<CommandResult> CancelAbsencesAsync(ChangeContext context, Guid personId, DateOnly today, CancellationToken cancellationToken) =>
        ChangeAsync(context, async (db, actor) =>
        {
            if (actor.Id != personId && actor.Role != Role.Admin)
            {
                return CommandResult.Refused("Only an admin can end someone else's absence.");
            }

            var open = await db.Absences.Where(a => a.OrganizationId == context.OrganizationId && a.PersonId == personId && a.To >= today).ToListAsync(cancellationToken);
            if (open.Count == 0)
            {
                return CommandResult.Unchanged;
            }

            foreach (var absence in open)
            {
                if (absence.From < today)
                {
                    absence.To = today.AddDays(-1);
                }
                else
                {
                    db.Absences.Remove(absence);
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            return CommandResult.Done;
        });

    /// <summary>When the period's review ended (or will end), for a scorecard that locks periods after it.</summary>
    private static async Task<DateTimeOffset?> LockedSinceAsync(ScorecardDbContext db, Scorecard scorecard, Period period, CancellationToken cancellationToken)
    {
        var organization = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == scorecard.OrganizationId, cancellationToken);
        var holidays = await db.Holidays.AsNoTracking().Where(h => h.OrganizationId == scorecard.OrganizationId).ToListAsync(cancellationToken);
        return PeriodLock.LockedSince(organization, scorecard, period, holidays);
    }

    /// <summary>A period as the organization writes months (<see cref="MonthText"/>), for the few refusals the store words itself.</summary>
    private static async Task<string> MonthLabelAsync(ScorecardDbContext db, Guid organizationId, Period period, CancellationToken cancellationToken)
    {
        var locale = await db.Organizations.AsNoTracking().Where(o => o.Id == organizationId).Select(o => o.Locale).SingleOrDefaultAsync(cancellationToken);
        return MonthText.Period(period, MonthText.CultureOf(locale));
    }

    /// <summary>An approval decision by the scorecard's manager on the pending actual at <paramref name="version"/>.</summary>
    private Task<ApprovalResult> DecideAsync(
        ChangeContext context, Guid kpiId, Period period, uint version, Func<ScorecardDbContext, Kpi, Actual, Task<ApprovalResult>> decide, CancellationToken cancellationToken) =>
        ChangeAsync(context, async (db, actor) =>
        {
            var (kpi, scorecard) = await FindKpiAsync(db, context.OrganizationId, kpiId, cancellationToken);
            if (kpi is null || scorecard is null)
            {
                return new ApprovalResult(NoSuchKpi);
            }

            if (ScorecardPermissions.RequireManager(actor, scorecard, "approve or reject values", await AskNameAsync(db, scorecard, actor, cancellationToken)) is { } refusal)
            {
                return new ApprovalResult(CommandResult.Refused(refusal));
            }

            var actual = await db.Actuals.SingleOrDefaultAsync(a => a.KpiId == kpi.Id && a.Period == period && a.OrganizationId == context.OrganizationId, cancellationToken);
            if (actual is null || actual.Version != version)
            {
                return new ApprovalResult(CommandResult.NotFound($"{kpi.Name} for {await MonthLabelAsync(db, context.OrganizationId, period, cancellationToken)} changed since this card was sent; decide on the newer card."));
            }

            try
            {
                return await decide(db, kpi, actual);
            }
            catch (DbUpdateConcurrencyException)
            {
                return new ApprovalResult(CommandResult.NotFound($"{kpi.Name} for {await MonthLabelAsync(db, context.OrganizationId, period, cancellationToken)} changed while you decided; decide on the newer card."));
            }
        }, r => r.Status, new ApprovalResult(NotMember));
}
