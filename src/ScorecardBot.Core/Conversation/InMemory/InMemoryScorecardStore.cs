using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Conversation.InMemory;

/// <summary>
/// The scorecard read model and commands over objects in memory: for unit tests, benchmarks and
/// trying the conversation without a database. Same rules as the database store: every call is
/// scoped to one organization, permissions are checked again, the same actual twice is stored once,
/// and every change is audited and drops the organization's cached snapshot.
/// </summary>
internal sealed partial class InMemoryScorecardStore : IScorecardReadModel, IScorecardCommands
{
    private readonly object _gate = new();
    private readonly Dictionary<Guid, Organization> _organizations = [];
    private readonly List<Scorecard> _scorecards = [];
    private readonly List<Person> _people = [];
    private readonly List<ReviewAction> _actions = [];
    private readonly Dictionary<Guid, OrganizationSnapshot> _snapshots = [];
    private readonly Dictionary<Guid, OrganizationSnapshot> _replaced = [];

    public List<AuditEntry> Audit { get; } = [];

    /// <summary>How many snapshots were built: shows that questions are served from the cache.</summary>
    public int SnapshotsBuilt { get; private set; }

    public void Add(Organization organization, IEnumerable<Scorecard> scorecards, IEnumerable<Person> people)
    {
        lock (_gate)
        {
            _organizations[organization.Id] = organization;
            foreach (var scorecard in scorecards)
            {
                scorecard.OrganizationId = organization.Id;
                foreach (var kpi in scorecard.Kpis)
                {
                    kpi.OrganizationId = organization.Id;
                    kpi.ScorecardId = scorecard.Id;
                }

                _scorecards.Add(scorecard);
            }

            foreach (var person in people)
            {
                person.OrganizationId = organization.Id;
                _people.Add(person);
            }

            Invalidate(organization.Id);
        }
    }

    public ValueTask<OrganizationSnapshot?> GetAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_organizations.TryGetValue(organizationId, out var organization))
            {
                return ValueTask.FromResult<OrganizationSnapshot?>(null);
            }

            if (!_snapshots.TryGetValue(organizationId, out var snapshot))
            {
                snapshot = new OrganizationSnapshot(
                    organization,
                    [.. _scorecards.Where(s => s.OrganizationId == organizationId)],
                    [.. _people.Where(p => p.OrganizationId == organizationId)],
                    [.. _actions.Where(a => a.OrganizationId == organizationId)],
                    _replaced.GetValueOrDefault(organizationId))
                {
                    Holidays = [.. Holidays.Where(h => h.OrganizationId == organizationId)],
                    Absences = [.. _absences.Where(a => a.OrganizationId == organizationId)],
                    LateNotices = [.. _late.Where(l => l.OrganizationId == organizationId)],
                    Changes = [.. _changes.Where(c => c.OrganizationId == organizationId).Select(c => c.Change)],
                    PreReads = [.. _preReads.Where(r => r.OrganizationId == organizationId)],
                };
                _snapshots[organizationId] = snapshot;
                _replaced.Remove(organizationId);
                SnapshotsBuilt++;
            }

            return ValueTask.FromResult<OrganizationSnapshot?>(snapshot);
        }
    }

    public Task<CommandResult> AssignOwnerAsync(ChangeContext context, Guid kpiId, Guid ownerId, CancellationToken cancellationToken) =>
        Change(context, kpiId, (actor, scorecard, kpi) =>
        {
            var refusal = ScorecardPermissions.RequireManager(actor, scorecard, "assign owners", AskName(scorecard));
            if (refusal is not null)
            {
                return CommandResult.Refused(refusal);
            }

            var owner = _people.FirstOrDefault(p => p.Id == ownerId && p.OrganizationId == context.OrganizationId && p.IsActive);
            if (owner is null)
            {
                return CommandResult.NotFound("That person is not a member of this organization.");
            }

            if (kpi.OwnerId == ownerId)
            {
                return CommandResult.Unchanged;
            }

            Record(context, actor, "KpiOwner", kpi.Id, kpi.Id, null, "updated", NameOf(kpi.OwnerId), owner.Name);
            kpi.OwnerId = ownerId;

            return CommandResult.Done;
        });

    public Task<CommandResult> SetDelegateAsync(ChangeContext context, Guid kpiId, Guid? delegateId, CancellationToken cancellationToken) =>
        Change(context, kpiId, (actor, scorecard, kpi) =>
        {
            var refusal = ScorecardPermissions.RequireDelegator(actor, scorecard, kpi, AskName(scorecard));
            if (refusal is not null)
            {
                return CommandResult.Refused(refusal);
            }

            if (delegateId is { } id && !_people.Exists(p => p.Id == id && p.OrganizationId == context.OrganizationId && p.IsActive))
            {
                return CommandResult.NotFound("That person is not a member of this organization.");
            }

            if (kpi.DelegateId == delegateId)
            {
                return CommandResult.Unchanged;
            }

            Record(context, actor, "KpiDelegate", kpi.Id, kpi.Id, null, "updated", NameOf(kpi.DelegateId), NameOf(delegateId));
            kpi.DelegateId = delegateId;
            return CommandResult.Done;
        });

    public Task<CommandResult> SetTargetAsync(ChangeContext context, Guid kpiId, Period period, decimal value, CancellationToken cancellationToken) =>
        Change(context, kpiId, (actor, scorecard, kpi) =>
        {
            var refusal = ScorecardPermissions.RequireManager(actor, scorecard, "set targets", AskName(scorecard));
            if (refusal is not null)
            {
                return CommandResult.Refused(refusal);
            }

            var target = kpi.Targets.FirstOrDefault(t => t.Period == period);
            if (target?.Value == value)
            {
                return CommandResult.Unchanged;
            }

            if (target is null)
            {
                target = new Target { OrganizationId = context.OrganizationId, KpiId = kpi.Id, Period = period, Value = value };
                kpi.Targets.Add(target);
                Record(context, actor, "Target", target.Id, kpi.Id, period, "created", null, Invariant(value));
            }
            else
            {
                Record(context, actor, "Target", target.Id, kpi.Id, period, "updated", Invariant(target.Value), Invariant(value));
                _changes.Add((context.OrganizationId, new RecordedChange(ChangedField.Target, kpi.Id, period, target.Value, value, actor.Name, context.At)));
                target.Value = value;
                target.Version++;
            }

            return CommandResult.Done;
        });

    public Task<ActualWriteResult> RecordActualAsync(ChangeContext context, ActualEntry entry, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var found = Find(context, entry.KpiId);
            if (found.Error is not null)
            {
                return Task.FromResult(new ActualWriteResult(found.Error));
            }

            var (actor, scorecard, kpi) = found.Value;
            var refusal = ScorecardPermissions.RequireReporter(actor, scorecard, kpi, NameOf(kpi.OwnerId), AskName(scorecard));
            if (refusal is not null)
            {
                return Task.FromResult(new ActualWriteResult(CommandResult.Refused(refusal)));
            }

            var lockedSince = Rhythm.PeriodLock.LockedSince(_organizations[context.OrganizationId], scorecard, entry.Period, Holidays.Where(h => h.OrganizationId == context.OrganizationId));
            if (ActualStore.LockRefusal(actor, scorecard, kpi, entry.Period, lockedSince, context.At, AskName(scorecard)) is { } locked)
            {
                return Task.FromResult(new ActualWriteResult(CommandResult.Refused(locked)));
            }

            var pending = ActualStore.NeedsApproval(actor, scorecard);
            var existing = kpi.Actuals.FirstOrDefault(a => a.Period == entry.Period);
            if (existing is not null && ActualStore.SameAs(existing, entry))
            {
                return Task.FromResult(new ActualWriteResult(CommandResult.Unchanged) { PendingApproval = existing.PendingApproval, Version = existing.Version });
            }

            if (existing is null)
            {
                var actual = ActualStore.Create(context, entry, pending);
                kpi.Actuals.Add(actual);
                Record(context, actor, "Actual", actual.Id, kpi.Id, entry.Period, "created", null, ActualStore.Describe(entry.Value, entry.NoDataReason));
                Invalidate(context.OrganizationId);
                return Task.FromResult(new ActualWriteResult(CommandResult.Done) { PendingApproval = pending, Version = actual.Version });
            }

            var previous = existing.Value;
            Record(context, actor, "Actual", existing.Id, kpi.Id, entry.Period, "updated",
                ActualStore.Describe(existing.Value, existing.NoDataReason), ActualStore.Describe(entry.Value, entry.NoDataReason));
            _changes.Add((context.OrganizationId, new RecordedChange(ChangedField.Actual, kpi.Id, entry.Period, existing.Value, entry.Value, actor.Name, context.At)));
            ActualStore.Apply(existing, context, entry, pending);
            existing.Version++;
            Invalidate(context.OrganizationId);
            return Task.FromResult(new ActualWriteResult(CommandResult.Done, Corrected: true, PreviousValue: previous) { PendingApproval = pending, Version = existing.Version });
        }
    }

    public Task<(CommandResult Result, ReviewAction? Action)> AddActionAsync(
        ChangeContext context, Guid scorecardId, string text, Guid? ownerId, DateOnly? due, Guid? kpiId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var actor = Actor(context);
            var scorecard = _scorecards.FirstOrDefault(s => s.Id == scorecardId && s.OrganizationId == context.OrganizationId);
            if (actor is null || scorecard is null)
            {
                return Task.FromResult<(CommandResult, ReviewAction?)>((CommandResult.NotFound("There is no such scorecard here."), null));
            }

            var refusal = ScorecardPermissions.RequireManager(actor, scorecard, "add review actions", AskName(scorecard));
            if (refusal is not null)
            {
                return Task.FromResult<(CommandResult, ReviewAction?)>((CommandResult.Refused(refusal), null));
            }

            if (ownerId is { } id && !_people.Exists(p => p.Id == id && p.OrganizationId == context.OrganizationId))
            {
                return Task.FromResult<(CommandResult, ReviewAction?)>((CommandResult.NotFound("That person is not a member of this organization."), null));
            }

            var action = new ReviewAction
            {
                OrganizationId = context.OrganizationId,
                ScorecardId = scorecardId,
                Number = _actions.Where(a => a.OrganizationId == context.OrganizationId).Select(a => a.Number).DefaultIfEmpty().Max() + 1,
                Text = text,
                OwnerId = ownerId,
                Due = due,
                KpiId = kpiId,
                CreatedAt = context.At,
            };
            _actions.Add(action);
            Record(context, actor, "ReviewAction", action.Id, kpiId, null, "created", null, text);
            Invalidate(context.OrganizationId);
            return Task.FromResult<(CommandResult, ReviewAction?)>((CommandResult.Done, action));
        }
    }

    public Task<(CommandResult Result, ReviewAction? Action)> CompleteActionAsync(ChangeContext context, int number, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var actor = Actor(context);
            var action = _actions.FirstOrDefault(a => a.OrganizationId == context.OrganizationId && a.Number == number);
            var scorecard = action is null ? null : _scorecards.FirstOrDefault(s => s.Id == action.ScorecardId);
            if (actor is null || action is null || scorecard is null)
            {
                return Task.FromResult<(CommandResult, ReviewAction?)>((CommandResult.NotFound($"There is no action {number}."), null));
            }

            var refusal = ScorecardPermissions.RequireActionCloser(actor, scorecard, action, AskName(scorecard));
            if (refusal is not null)
            {
                return Task.FromResult<(CommandResult, ReviewAction?)>((CommandResult.Refused(refusal), null));
            }

            if (action.Status == ReviewActionStatus.Done)
            {
                return Task.FromResult<(CommandResult, ReviewAction?)>((CommandResult.Unchanged, action));
            }

            Record(context, actor, "ReviewAction", action.Id, action.KpiId, null, "updated", action.Status.ToString(), nameof(ReviewActionStatus.Done));
            action.Status = ReviewActionStatus.Done;
            action.ClosedAt = context.At;
            Invalidate(context.OrganizationId);
            return Task.FromResult<(CommandResult, ReviewAction?)>((CommandResult.Done, action));
        }
    }

    public Task<CommandResult> SetReviewCycleAsync(ChangeContext context, Guid scorecardId, ReviewCycle cycle, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var actor = Actor(context);
            var scorecard = _scorecards.FirstOrDefault(s => s.Id == scorecardId && s.OrganizationId == context.OrganizationId);
            if (actor is null || scorecard is null)
            {
                return Task.FromResult(CommandResult.NotFound("There is no such scorecard here."));
            }

            var refusal = ScorecardPermissions.RequireManager(actor, scorecard, "change the review cycle", AskName(scorecard));
            if (refusal is not null)
            {
                return Task.FromResult(CommandResult.Refused(refusal));
            }

            var row = scorecard.ReviewCycles.FirstOrDefault(c => c.Kind == cycle.Kind);
            var before = row is null ? null : Rhythm.CycleSettings.Describe(row);
            var after = Rhythm.CycleSettings.Describe(cycle);
            if (before == after)
            {
                return Task.FromResult(CommandResult.Unchanged);
            }

            cycle.ScorecardId = scorecard.Id;
            cycle.Revision = row is null ? 0 : row.Revision + 1;
            scorecard.ReviewCycles = [.. scorecard.ReviewCycles.Where(c => c.Kind != cycle.Kind), cycle];
            Record(context, actor, Rhythm.CycleSettings.AuditSubject, cycle.Id, null, null, before is null ? "created" : "updated", before, after);
            Invalidate(context.OrganizationId);
            return Task.FromResult(CommandResult.Done);
        }
    }

    public Task<CommandResult> SetWindowAsync(ChangeContext context, Guid scorecardId, bool open, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var actor = Actor(context);
            var scorecard = _scorecards.FirstOrDefault(s => s.Id == scorecardId && s.OrganizationId == context.OrganizationId);
            if (actor is null || scorecard is null)
            {
                return Task.FromResult(CommandResult.NotFound("There is no such scorecard here."));
            }

            var refusal = ScorecardPermissions.RequireManager(actor, scorecard, "open or close the collection window", AskName(scorecard));
            if (refusal is not null)
            {
                return Task.FromResult(CommandResult.Refused(refusal));
            }

            var cycle = scorecard.ReviewCycles.FirstOrDefault(c => c.Kind == ReviewKind.Monthly);
            if (cycle is null)
            {
                cycle = new ReviewCycle { ScorecardId = scorecard.Id };
                scorecard.ReviewCycles.Add(cycle);
            }

            if (cycle.WindowOverride == open)
            {
                return Task.FromResult(CommandResult.Unchanged);
            }

            Record(context, actor, "CollectionWindow", cycle.Id, null, null, "updated", cycle.WindowOverride?.ToString(), open ? "open" : "closed");
            cycle.WindowOverride = open;
            cycle.Revision++;
            Invalidate(context.OrganizationId);
            return Task.FromResult(CommandResult.Done);
        }
    }

    public Task<(CommandResult Result, IReadOnlyList<string> Kpis)> CarryTargetsForwardAsync(
        ChangeContext context, Guid scorecardId, Period fiscalYear, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var actor = Actor(context);
            var scorecard = _scorecards.FirstOrDefault(s => s.Id == scorecardId && s.OrganizationId == context.OrganizationId);
            if (actor is null || scorecard is null)
            {
                return Task.FromResult<(CommandResult, IReadOnlyList<string>)>((CommandResult.NotFound("There is no such scorecard here."), []));
            }

            var refusal = ScorecardPermissions.RequireManager(actor, scorecard, "set targets", AskName(scorecard));
            if (refusal is not null)
            {
                return Task.FromResult<(CommandResult, IReadOnlyList<string>)>((CommandResult.Refused(refusal), []));
            }

            var calendar = Periods.FiscalCalendar.For(_organizations[context.OrganizationId]);
            var carried = new List<string>();
            foreach (var kpi in Rhythm.ReviewRhythm.KpisWithoutTargets(scorecard, fiscalYear, calendar))
            {
                var targets = Scoring.TargetCarry.Plan(kpi, kpi.Targets, fiscalYear, calendar);
                foreach (var target in targets)
                {
                    kpi.Targets.Add(target);
                    Record(context, actor, "Target", target.Id, kpi.Id, target.Period, "created", null, Invariant(target.Value));
                }

                if (targets.Count > 0)
                {
                    carried.Add(kpi.Name);
                }
            }

            if (carried.Count == 0)
            {
                return Task.FromResult<(CommandResult, IReadOnlyList<string>)>((CommandResult.Unchanged, []));
            }

            Invalidate(context.OrganizationId);
            return Task.FromResult<(CommandResult, IReadOnlyList<string>)>((CommandResult.Done, carried));
        }
    }

    /// <summary>Drops the cached snapshot; the next one may reuse its name index.</summary>
    private void Invalidate(Guid organizationId)
    {
        if (_snapshots.Remove(organizationId, out var old))
        {
            _replaced[organizationId] = old;
        }
    }

    private Task<CommandResult> Change(ChangeContext context, Guid kpiId, Func<Person, Scorecard, Kpi, CommandResult> change)
    {
        lock (_gate)
        {
            var found = Find(context, kpiId);
            if (found.Error is not null)
            {
                return Task.FromResult(found.Error);
            }

            var (actor, scorecard, kpi) = found.Value;
            var result = change(actor, scorecard, kpi);
            if (result.Status == CommandStatus.Done)
            {
                Invalidate(context.OrganizationId);
            }

            return Task.FromResult(result);
        }
    }

    private (CommandResult? Error, (Person, Scorecard, Kpi) Value) Find(ChangeContext context, Guid kpiId)
    {
        var actor = Actor(context);
        var scorecard = _scorecards.FirstOrDefault(s => s.OrganizationId == context.OrganizationId && s.Kpis.Exists(k => k.Id == kpiId));
        if (actor is null || scorecard is null)
        {
            return (CommandResult.NotFound("There is no such KPI here."), default);
        }

        return (null, (actor, scorecard, scorecard.Kpis.First(k => k.Id == kpiId)));
    }

    private Person? Actor(ChangeContext context) =>
        _people.FirstOrDefault(p => p.Id == context.ActorId && p.OrganizationId == context.OrganizationId && p.IsActive);

    private string? AskName(Scorecard scorecard) =>
        ScorecardPermissions.WhomToAsk(scorecard, _people.Where(p => p.OrganizationId == scorecard.OrganizationId))?.Name;

    private string? NameOf(Guid? personId) => personId is { } id ? _people.FirstOrDefault(p => p.Id == id)?.Name : null;

    private static string Invariant(decimal value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private void Record(ChangeContext context, Person actor, string subject, Guid subjectId, Guid? kpiId, Period? period, string change, string? oldValue, string? newValue) =>
        Audit.Add(new AuditEntry
        {
            OrganizationId = context.OrganizationId,
            Subject = subject,
            SubjectId = subjectId,
            KpiId = kpiId,
            Period = period,
            Change = change,
            OldValue = oldValue,
            NewValue = newValue,
            ActorId = actor.Id,
            ActorName = actor.Name,
            Via = context.Via,
            At = context.At,
        });
}
