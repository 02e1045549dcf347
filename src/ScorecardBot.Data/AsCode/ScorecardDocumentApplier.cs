using ScorecardBot.Core.Model;

namespace ScorecardBot.Data.AsCode;

/// <summary>
/// Maps a checked document onto the tracked rows of one organization, matching by keys:
/// people by email, holidays by date, scorecards, objectives, KPIs and initiatives by key,
/// perspectives by kind (by name for custom ones), targets by period, links by their two
/// objectives, milestones by name, channels by platform and conversation, review cycles by kind.
/// A property is assigned only when its value differs, so an unchanged file leaves every row
/// unmodified and the audit trail silent. A KPI marked retired gets <paramref name="now"/> as the
/// moment it retired (and keeps an earlier one).
/// </summary>
internal sealed class ScorecardDocumentApplier(ScorecardDbContext db, Organization organization, ExistingRows existing, DateTimeOffset now, OrganizationBlock block = OrganizationBlock.Apply)
{
    private readonly Dictionary<string, Person> _people = existing.People.ToDictionary(p => p.Email, StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Objective> _objectives = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Kpi> _kpis = existing.Kpis.ToDictionary(k => k.Key, StringComparer.Ordinal);

    public void Apply(ScorecardDocument doc)
    {
        if (block != OrganizationBlock.KeepAll)
        {
            Organization(doc.Organization);
        }

        foreach (var p in doc.People)
        {
            Person(p);
        }

        foreach (var h in doc.Holidays)
        {
            var holiday = existing.Holidays.FirstOrDefault(x => x.Date == h.Date) ?? Added(new Holiday { OrganizationId = organization.Id, Date = h.Date, Name = h.Name });
            Assign(holiday.Name, h.Name, v => holiday.Name = v);
        }

        // First every scorecard with its perspectives and objectives, so that the cascade
        // references (parent scorecard, supported objective, parent objective) can all resolve.
        var scorecards = doc.Scorecards.Select(s => (Doc: s, Row: Scorecard(s))).ToList();
        foreach (var (s, row) in scorecards)
        {
            var perspectives = Perspectives(s, row);
            for (var i = 0; i < s.Objectives.Count; i++)
            {
                Objective(s.Objectives[i], i, row, perspectives);
            }
        }

        var byKey = scorecards.ToDictionary(x => x.Doc.Key, x => x.Row, StringComparer.Ordinal);
        foreach (var (s, row) in scorecards)
        {
            Assign(row.ParentScorecardId, s.Parent is null ? null : byKey[s.Parent].Id, v => row.ParentScorecardId = v);
            Assign(row.SupportsObjectiveId, s.Supports is null ? null : _objectives[s.Supports].Id, v => row.SupportsObjectiveId = v);
            foreach (var o in s.Objectives)
            {
                var objective = _objectives[o.Key];
                Assign(objective.ParentObjectiveId, o.Parent is null ? null : _objectives[o.Parent].Id, v => objective.ParentObjectiveId = v);
            }

            Links(s, row);
            for (var i = 0; i < s.Kpis.Count; i++)
            {
                Kpi(s.Kpis[i], i, row);
            }

            foreach (var i in s.Initiatives)
            {
                Initiative(i, row);
            }

            Review(s.Review, ReviewKind.Monthly, row);
            Review(s.QuarterlyReview, ReviewKind.Quarterly, row);
            if (block != OrganizationBlock.KeepAll)
            {
                Channels(s, row);
            }
        }

        // Pairs last: a KPI may name one written after it.
        foreach (var k in doc.Scorecards.SelectMany(s => s.Kpis))
        {
            var kpi = _kpis[k.Key];
            Assign(kpi.PairKpiId, k.Pair is null ? null : _kpis[k.Pair].Id, v => kpi.PairKpiId = v);
        }
    }

    private void Organization(OrganizationDoc o)
    {
        Assign(organization.Name, o.Name, v => organization.Name = v);
        Assign(organization.TimeZoneId, o.TimeZone, v => organization.TimeZoneId = v);
        Assign(organization.FiscalYearStartMonth, o.FiscalYearStartMonth, v => organization.FiscalYearStartMonth = v);
        Assign(organization.Locale, o.Locale, v => organization.Locale = v);
        Assign(organization.Currency, o.Currency, v => organization.Currency = v);
        if (block == OrganizationBlock.Apply)
        {
            Assign(organization.TeamsTenantId, o.TeamsTenant, v => organization.TeamsTenantId = v);
            Assign(organization.SlackTeamId, o.SlackTeam, v => organization.SlackTeamId = v);
        }

        Assign(organization.MentionOwners, o.MentionOwners, v => organization.MentionOwners = v);
        if (!organization.WeekendDays.SequenceEqual(o.WeekendDays))
        {
            organization.WeekendDays = [.. o.WeekendDays];
        }

        Assign(organization.AwayFromSlackStatus, o.AwayFromSlackStatus, v => organization.AwayFromSlackStatus = v);
    }

    private void Person(PersonDoc p)
    {
        if (!_people.TryGetValue(p.Email, out var person))
        {
            person = Added(new Person { OrganizationId = organization.Id, Email = p.Email, Name = p.Name });
            _people[p.Email] = person;
        }

        Assign(person.Name, p.Name, v => person.Name = v);
        Assign(person.Role, p.Role, v => person.Role = v);
        Assign(person.TimeZoneId, p.TimeZone, v => person.TimeZoneId = v);
    }

    private Guid? PersonId(string? email) => email is null ? null : _people[email].Id;

    private Scorecard Scorecard(ScorecardDoc s)
    {
        var row = existing.Scorecards.FirstOrDefault(x => x.Key == s.Key);
        if (row is null)
        {
            row = Added(new Scorecard { OrganizationId = organization.Id, Key = s.Key, Name = s.Name });
            existing.Scorecards.Add(row);
        }

        Assign(row.Name, s.Name, v => row.Name = v);
        Assign(row.Description, s.Description, v => row.Description = v);
        Assign(row.Weight, s.Weight, v => row.Weight = v);
        Assign(row.ManagerId, PersonId(s.Manager), v => row.ManagerId = v);
        Assign(row.RequiresApproval, s.RequiresApproval, v => row.RequiresApproval = v);
        Assign(row.LockAfterReview, s.LockAfterReview, v => row.LockAfterReview = v);
        return row;
    }

    private List<(PerspectiveDoc Doc, Perspective Row)> Perspectives(ScorecardDoc s, Scorecard row)
    {
        var result = new List<(PerspectiveDoc, Perspective)>();
        var docs = s.EffectivePerspectives;
        for (var i = 0; i < docs.Count; i++)
        {
            var p = docs[i];
            var existingRow = p.Kind == PerspectiveKind.Custom
                ? row.Perspectives.FirstOrDefault(x => x.Kind == PerspectiveKind.Custom && string.Equals(x.Name, p.Name, StringComparison.OrdinalIgnoreCase))
                : row.Perspectives.FirstOrDefault(x => x.Kind == p.Kind);
            var perspective = existingRow ?? Child(row.Perspectives, new Perspective { ScorecardId = row.Id, Kind = p.Kind, Name = p.Name });
            result.Add((p, perspective));

            // A file without 'perspectives' only supplies the defaults; names and order set in the bot stay.
            if (s.Perspectives is null && existingRow is not null)
            {
                continue;
            }

            var order = i;
            Assign(perspective.Name, p.Name, v => perspective.Name = v);
            Assign(perspective.Order, order, v => perspective.Order = v);
            Assign(perspective.Weight, p.Weight, v => perspective.Weight = v);
        }

        return result;
    }

    private void Objective(ObjectiveDoc o, int order, Scorecard row, List<(PerspectiveDoc Doc, Perspective Row)> perspectives)
    {
        var perspectiveDoc = ScorecardDocumentValidator.FindPerspective([.. perspectives.Select(p => p.Doc)], o.Perspective)!;
        var perspectiveId = perspectives.First(p => p.Doc == perspectiveDoc).Row.Id;
        var objective = row.Objectives.FirstOrDefault(x => x.Key == o.Key)
            ?? Child(row.Objectives, new Objective { ScorecardId = row.Id, Key = o.Key, Name = o.Name, PerspectiveId = perspectiveId });
        _objectives[o.Key] = objective;
        Assign(objective.Name, o.Name, v => objective.Name = v);
        Assign(objective.Description, o.Description, v => objective.Description = v);
        Assign(objective.PerspectiveId, perspectiveId, v => objective.PerspectiveId = v);
        Assign(objective.OwnerId, PersonId(o.Owner), v => objective.OwnerId = v);
        Assign(objective.Weight, o.Weight, v => objective.Weight = v);
        Assign(objective.Order, order, v => objective.Order = v);
    }

    private void Links(ScorecardDoc s, Scorecard row)
    {
        foreach (var l in s.Links)
        {
            var cause = _objectives[l.Cause].Id;
            var effect = _objectives[l.Effect].Id;
            var link = row.Links.FirstOrDefault(x => x.CauseObjectiveId == cause && x.EffectObjectiveId == effect)
                ?? Child(row.Links, new ObjectiveLink { ScorecardId = row.Id, CauseObjectiveId = cause, EffectObjectiveId = effect });
            Assign(link.Rationale, l.Rationale, v => link.Rationale = v);
        }
    }

    private void Kpi(KpiDoc k, int order, Scorecard row)
    {
        var objectiveId = _objectives[k.Objective].Id;
        if (!_kpis.TryGetValue(k.Key, out var kpi))
        {
            kpi = Added(new Kpi { OrganizationId = organization.Id, ScorecardId = row.Id, ObjectiveId = objectiveId, Key = k.Key, Name = k.Name });
            _kpis[k.Key] = kpi;
        }

        Assign(kpi.ScorecardId, row.Id, v => kpi.ScorecardId = v);
        Assign(kpi.ObjectiveId, objectiveId, v => kpi.ObjectiveId = v);
        Assign(kpi.Name, k.Name, v => kpi.Name = v);
        if (!kpi.Aliases.SequenceEqual(k.Aliases))
        {
            kpi.Aliases = [.. k.Aliases];
        }

        Assign(kpi.Description, k.Description, v => kpi.Description = v);
        Assign(kpi.Unit, k.Unit, v => kpi.Unit = v);
        Assign(kpi.Format, k.Format, v => kpi.Format = v);
        Assign(kpi.Decimals, k.Decimals, v => kpi.Decimals = v);
        Assign(kpi.Formula, k.Formula, v => kpi.Formula = v);
        Assign(kpi.DataSource, k.DataSource, v => kpi.DataSource = v);
        Assign(kpi.Direction, k.Direction, v => kpi.Direction = v);
        Assign(kpi.Indicator, k.Indicator, v => kpi.Indicator = v);
        Assign(kpi.Frequency, k.Frequency, v => kpi.Frequency = v);
        Assign(kpi.Aggregation, k.Aggregation, v => kpi.Aggregation = v);
        Assign(kpi.Baseline, k.Baseline, v => kpi.Baseline = v);
        Assign(kpi.OwnerId, PersonId(k.Owner), v => kpi.OwnerId = v);
        Assign(kpi.DelegateId, PersonId(k.Delegate), v => kpi.DelegateId = v);
        Assign(kpi.Weight, k.Weight, v => kpi.Weight = v);
        Assign(kpi.FedByApi, k.FedByApi, v => kpi.FedByApi = v);
        if (k.Retired != kpi.RetiredAt.HasValue)
        {
            kpi.RetiredAt = k.Retired ? now : null;
        }

        Assign(kpi.Order, order, v => kpi.Order = v);
        foreach (var t in k.Targets)
        {
            var target = kpi.Targets.FirstOrDefault(x => x.Period == t.Period)
                ?? Child(kpi.Targets, new Target { OrganizationId = organization.Id, KpiId = kpi.Id, Period = t.Period });
            Assign(target.Value, t.EffectiveValue, v => target.Value = v);
            Assign(target.BandLow, t.BandLow, v => target.BandLow = v);
            Assign(target.BandHigh, t.BandHigh, v => target.BandHigh = v);
            Assign(target.ThresholdStyle, t.EffectiveStyle, v => target.ThresholdStyle = v);
            Assign(target.Amber, t.Amber, v => target.Amber = v);
            Assign(target.Red, t.Red, v => target.Red = v);
        }
    }

    private void Initiative(InitiativeDoc i, Scorecard row)
    {
        var initiative = row.Initiatives.FirstOrDefault(x => x.Key == i.Key)
            ?? Child(row.Initiatives, new Initiative { ScorecardId = row.Id, Key = i.Key, Name = i.Name });
        Assign(initiative.Name, i.Name, v => initiative.Name = v);
        Assign(initiative.Description, i.Description, v => initiative.Description = v);
        Assign(initiative.OwnerId, PersonId(i.Owner), v => initiative.OwnerId = v);
        Assign(initiative.Status, i.Status, v => initiative.Status = v);
        Assign(initiative.Start, i.Start, v => initiative.Start = v);
        Assign(initiative.End, i.End, v => initiative.End = v);
        Assign(initiative.Budget, i.Budget, v => initiative.Budget = v);
        Assign(initiative.Spent, i.Spent, v => initiative.Spent = v);
        Assign(initiative.DecisionNeeded, i.DecisionNeeded, v => initiative.DecisionNeeded = v);
        List<Guid> objectives = [.. i.Objectives.Select(o => _objectives[o.Key].Id)];
        if (!initiative.ObjectiveIds.SequenceEqual(objectives))
        {
            initiative.ObjectiveIds = objectives;
        }

        List<Guid> kpis = [.. i.Kpis.Select(k => _kpis[k.Key].Id)];
        if (!initiative.KpiIds.SequenceEqual(kpis))
        {
            initiative.KpiIds = kpis;
        }

        foreach (var m in i.Milestones)
        {
            var milestone = initiative.Milestones.FirstOrDefault(x => string.Equals(x.Name, m.Name, StringComparison.OrdinalIgnoreCase))
                ?? Child(initiative.Milestones, new Milestone { InitiativeId = initiative.Id, Name = m.Name });
            Assign(milestone.Name, m.Name, v => milestone.Name = v);
            Assign(milestone.Due, m.Due, v => milestone.Due = v);
            Assign(milestone.CompletedOn, m.Done, v => milestone.CompletedOn = v);
        }
    }

    private void Review(ReviewDoc? r, ReviewKind kind, Scorecard row)
    {
        if (r is null)
        {
            return;
        }

        var cycle = row.ReviewCycles.FirstOrDefault(x => x.Kind == kind)
            ?? Child(row.ReviewCycles, new ReviewCycle { ScorecardId = row.Id, Kind = kind });
        var changed = false;
        changed |= Assign(cycle.WeekOfMonth, r.WeekOfMonth, v => cycle.WeekOfMonth = v);
        changed |= Assign(cycle.DayOfWeek, r.Day, v => cycle.DayOfWeek = v);
        changed |= Assign(cycle.MeetingTime, r.MeetingTime, v => cycle.MeetingTime = v);
        changed |= Assign(cycle.MeetingMinutes, r.MeetingMinutes, v => cycle.MeetingMinutes = v);
        changed |= Assign(cycle.WindowOpensBusinessDaysBefore, r.WindowOpens, v => cycle.WindowOpensBusinessDaysBefore = v);
        changed |= Assign(cycle.DueBusinessDaysBefore, r.Due, v => cycle.DueBusinessDaysBefore = v);
        changed |= Assign(cycle.EscalateBusinessDaysAfterDue, r.EscalateAfter, v => cycle.EscalateBusinessDaysAfterDue = v);
        changed |= Assign(cycle.DigestBusinessDaysBefore, r.DigestBefore, v => cycle.DigestBusinessDaysBefore = v);
        changed |= Assign(cycle.PreReadBusinessDaysBefore, r.PreRead, v => cycle.PreReadBusinessDaysBefore = v);
        changed |= Assign(cycle.SendTime, r.SendTime, v => cycle.SendTime = v);
        if (!cycle.ReminderBusinessDays.SequenceEqual(r.Reminders))
        {
            cycle.ReminderBusinessDays = [.. r.Reminders];
            changed = true;
        }

        // Schedules derived from the cycle are rebuilt when its revision moves.
        if (changed && db.Entry(cycle).State != Microsoft.EntityFrameworkCore.EntityState.Added)
        {
            cycle.Revision++;
        }
    }

    private void Channels(ScorecardDoc s, Scorecard row)
    {
        foreach (var c in s.Channels)
        {
            var channel = row.Channels.FirstOrDefault(x => x.Platform == c.Platform && x.ConversationId == c.Conversation)
                ?? Child(row.Channels, new TeamChannel { ScorecardId = row.Id, Platform = c.Platform, ConversationId = c.Conversation });
            Assign(channel.ServiceUrl, c.ServiceUrl, v => channel.ServiceUrl = v);
            Assign(channel.Name, c.Name, v => channel.Name = v);
        }
    }

    private T Added<T>(T entity)
        where T : class
    {
        db.Add(entity);
        return entity;
    }

    private T Child<T>(List<T> collection, T entity)
        where T : class
    {
        collection.Add(entity);
        db.Add(entity);
        return entity;
    }

    private static bool Assign<T>(T current, T wanted, Action<T> set)
    {
        if (EqualityComparer<T>.Default.Equals(current, wanted))
        {
            return false;
        }

        set(wanted);
        return true;
    }
}
