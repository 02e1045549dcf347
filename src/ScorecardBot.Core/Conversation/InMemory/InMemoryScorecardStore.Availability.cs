using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Conversation.InMemory;

/// <summary>Late notices, approvals and absences, with the same rules as the database store.</summary>
internal sealed partial class InMemoryScorecardStore
{
    private readonly List<Absence> _absences = [];
    private readonly List<LateNotice> _late = [];
    private readonly List<PreRead> _preReads = [];
    private readonly List<(Guid OrganizationId, RecordedChange Change)> _changes = [];

    /// <summary>Holidays of every organization in the store (filtered by organization when read).</summary>
    public List<Holiday> Holidays { get; } = [];

    public Task<CommandResult> RecordLateAsync(ChangeContext context, LateEntry entry, CancellationToken cancellationToken) =>
        Change(context, entry.KpiId, (actor, scorecard, kpi) =>
        {
            if (ScorecardPermissions.RequireReporter(actor, scorecard, kpi, NameOf(kpi.OwnerId), AskName(scorecard)) is { } refusal)
            {
                return CommandResult.Refused(refusal);
            }

            var reason = string.IsNullOrWhiteSpace(entry.Reason) ? null : entry.Reason.Trim();
            var notice = _late.FirstOrDefault(l => l.KpiId == kpi.Id && l.Period == entry.Period);
            if (notice is not null && notice.Eta == entry.Eta && notice.Reason == reason)
            {
                return CommandResult.Unchanged;
            }

            Record(context, actor, "LateNotice", notice?.Id ?? Guid.NewGuid(), kpi.Id, entry.Period, notice is null ? "created" : "updated",
                notice?.Eta.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), entry.Eta.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            if (notice is null)
            {
                _late.Add(new LateNotice { OrganizationId = context.OrganizationId, KpiId = kpi.Id, Period = entry.Period, Eta = entry.Eta, Reason = reason, ReportedById = actor.Id, ReportedAt = context.At });
            }
            else
            {
                notice.Eta = entry.Eta;
                notice.Reason = reason;
                notice.ReportedById = actor.Id;
                notice.ReportedAt = context.At;
            }

            return CommandResult.Done;
        });

    public Task<CommandResult> SavePreReadsAsync(ChangeContext context, IReadOnlyList<PreReadEntry> entries, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var actor = Actor(context);
            if (actor is null)
            {
                return Task.FromResult(CommandResult.NotFound("There is no such KPI here."));
            }

            var today = Periods.FiscalCalendar.For(_organizations[context.OrganizationId]).DateOf(context.At);
            var absences = _absences.Where(a => a.OrganizationId == context.OrganizationId).ToList();
            foreach (var entry in entries)
            {
                var found = Find(context, entry.KpiId);
                if (found.Error is not null)
                {
                    return Task.FromResult(found.Error);
                }

                var (_, scorecard, kpi) = found.Value;
                if (ScorecardPermissions.RequirePresenter(actor, scorecard, kpi, absences, today, AskName(scorecard)) is { } refusal)
                {
                    return Task.FromResult(CommandResult.Refused(refusal));
                }

                if (!_people.Exists(p => p.Id == entry.CountermeasureOwnerId && p.OrganizationId == context.OrganizationId && p.IsActive))
                {
                    return Task.FromResult(CommandResult.NotFound("The countermeasure's owner is not an active member of this organization."));
                }
            }

            var changed = false;
            foreach (var entry in entries)
            {
                var row = _preReads.FirstOrDefault(r => r.OrganizationId == context.OrganizationId && r.KpiId == entry.KpiId && r.Period == entry.Period);
                if (row is not null && PreReadText.Same(row, entry))
                {
                    continue;
                }

                Record(context, actor, "PreRead", row?.Id ?? Guid.NewGuid(), entry.KpiId, entry.Period, row is null ? "created" : "updated",
                    row is null ? null : PreReadText.Describe(row), PreReadText.Describe(entry));
                if (row is null)
                {
                    row = new PreRead { OrganizationId = context.OrganizationId, KpiId = entry.KpiId, Period = entry.Period, Cause = entry.Cause, Countermeasure = entry.Countermeasure };
                    _preReads.Add(row);
                }

                PreReadText.Apply(row, entry, actor.Id, context.At);
                changed = true;
            }

            if (changed)
            {
                Invalidate(context.OrganizationId);
            }

            return Task.FromResult(changed ? CommandResult.Done : CommandResult.Unchanged);
        }
    }

    public Task<ApprovalResult> ApproveActualAsync(ChangeContext context, Guid kpiId, Period period, uint version, CancellationToken cancellationToken) =>
        Decide(context, kpiId, period, version, (actor, kpi, actual) =>
        {
            if (!actual.PendingApproval)
            {
                return new ApprovalResult(CommandResult.Unchanged, actual);
            }

            Record(context, actor, "Actual", actual.Id, kpi.Id, period, "approved", "pending", ActualStore.Describe(actual.Value, actual.NoDataReason));
            actual.PendingApproval = false;
            actual.Version++;
            return new ApprovalResult(CommandResult.Done, actual);
        });

    public Task<ApprovalResult> RejectActualAsync(ChangeContext context, Guid kpiId, Period period, uint version, CancellationToken cancellationToken) =>
        Decide(context, kpiId, period, version, (actor, kpi, actual) =>
        {
            if (!actual.PendingApproval)
            {
                return new ApprovalResult(CommandResult.Refused($"{kpi.Name} for {MonthLabel(context, period)} is approved already; correct it with a new value instead."), actual);
            }

            Record(context, actor, "Actual", actual.Id, kpi.Id, period, "deleted", ActualStore.Describe(actual.Value, actual.NoDataReason), null);
            kpi.Actuals.Remove(actual);
            return new ApprovalResult(CommandResult.Done, actual);
        });

    public Task<(CommandResult Result, Absence? Absence)> SetAbsenceAsync(
        ChangeContext context, Guid personId, DateOnly from, DateOnly to, Guid? delegateId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var actor = Actor(context);
            if (actor is null || !_people.Exists(p => p.Id == personId && p.OrganizationId == context.OrganizationId))
            {
                return Task.FromResult<(CommandResult, Absence?)>((CommandResult.NotFound("That person is not a member of this organization."), null));
            }

            if (actor.Id != personId && actor.Role != Role.Admin)
            {
                return Task.FromResult<(CommandResult, Absence?)>((CommandResult.Refused("Only an admin can set someone else away."), null));
            }

            if (delegateId is { } d && !_people.Exists(p => p.Id == d && p.OrganizationId == context.OrganizationId && p.IsActive))
            {
                return Task.FromResult<(CommandResult, Absence?)>((CommandResult.NotFound("That delegate is not a member of this organization."), null));
            }

            foreach (var overlapping in _absences.Where(a => a.PersonId == personId && a.Overlaps(from, to)).ToList())
            {
                Record(context, actor, "Absence", overlapping.Id, null, null, "deleted", $"{overlapping.From:yyyy-MM-dd}..{overlapping.To:yyyy-MM-dd}", null);
                _absences.Remove(overlapping);
            }

            var absence = new Absence { OrganizationId = context.OrganizationId, PersonId = personId, From = from, To = to, DelegateId = delegateId, CreatedAt = context.At };
            _absences.Add(absence);
            Record(context, actor, "Absence", absence.Id, null, null, "created", null, $"{from:yyyy-MM-dd}..{to:yyyy-MM-dd}");
            Invalidate(context.OrganizationId);
            return Task.FromResult<(CommandResult, Absence?)>((CommandResult.Done, absence));
        }
    }

    public Task<CommandResult> CancelAbsencesAsync(ChangeContext context, Guid personId, DateOnly today, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var actor = Actor(context);
            if (actor is null || (actor.Id != personId && actor.Role != Role.Admin))
            {
                return Task.FromResult(CommandResult.Refused("Only an admin can end someone else's absence."));
            }

            var open = _absences.Where(a => a.PersonId == personId && a.OrganizationId == context.OrganizationId && a.To >= today).ToList();
            if (open.Count == 0)
            {
                return Task.FromResult(CommandResult.Unchanged);
            }

            foreach (var absence in open)
            {
                if (absence.From < today)
                {
                    Record(context, actor, "Absence", absence.Id, null, null, "updated", $"{absence.From:yyyy-MM-dd}..{absence.To:yyyy-MM-dd}", $"{absence.From:yyyy-MM-dd}..{today.AddDays(-1):yyyy-MM-dd}");
                    absence.To = today.AddDays(-1);
                }
                else
                {
                    Record(context, actor, "Absence", absence.Id, null, null, "deleted", $"{absence.From:yyyy-MM-dd}..{absence.To:yyyy-MM-dd}", null);
                    _absences.Remove(absence);
                }
            }

            Invalidate(context.OrganizationId);
            return Task.FromResult(CommandResult.Done);
        }
    }

    /// <summary>A period as the organization writes months (<see cref="Periods.MonthText"/>).</summary>
    private string MonthLabel(ChangeContext context, Period period) =>
        Periods.MonthText.Period(period, Periods.MonthText.CultureOf(_organizations.TryGetValue(context.OrganizationId, out var o) ? o.Locale : null));

    private Task<ApprovalResult> Decide(ChangeContext context, Guid kpiId, Period period, uint version, Func<Person, Kpi, Actual, ApprovalResult> decide)
    {
        lock (_gate)
        {
            var found = Find(context, kpiId);
            if (found.Error is not null)
            {
                return Task.FromResult(new ApprovalResult(found.Error));
            }

            var (actor, scorecard, kpi) = found.Value;
            if (ScorecardPermissions.RequireManager(actor, scorecard, "approve or reject values", AskName(scorecard)) is { } refusal)
            {
                return Task.FromResult(new ApprovalResult(CommandResult.Refused(refusal)));
            }

            var actual = kpi.Actuals.FirstOrDefault(a => a.Period == period);
            if (actual is null || actual.Version != version)
            {
                return Task.FromResult(new ApprovalResult(CommandResult.NotFound($"{kpi.Name} for {MonthLabel(context, period)} changed since this card was sent; decide on the newer card.")));
            }

            var result = decide(actor, kpi, actual);
            if (result.Status == CommandStatus.Done)
            {
                Invalidate(context.OrganizationId);
            }

            return Task.FromResult(result);
        }
    }
}
