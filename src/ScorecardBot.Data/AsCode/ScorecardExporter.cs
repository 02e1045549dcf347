using System.Text;
using Microsoft.EntityFrameworkCore;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Data.AsCode;

/// <summary>
/// Writes an organization's scorecards in the file format that <see cref="ScorecardImporter"/>
/// reads. The order is fixed by the data (parents before their team scorecards, objectives and
/// KPIs in their scorecard order, everything else by key or date), so exporting, importing
/// into an empty database and exporting again gives the same text. Actuals are not part of it;
/// they travel as CSV.
/// </summary>
public sealed class ScorecardExporter(ScorecardDbContext db)
{
    public async Task<string> ExportAsync(Guid organizationId, CancellationToken cancellationToken = default)
    {
        var doc = await BuildAsync(organizationId, cancellationToken);
        return ScorecardYamlWriter.Write(doc);
    }

    public async Task ExportAsync(Guid organizationId, string path, CancellationToken cancellationToken = default)
    {
        var text = await ExportAsync(organizationId, cancellationToken);
        await File.WriteAllTextAsync(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), cancellationToken);
    }

    internal async Task<ScorecardDocument> BuildAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        var org = await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == organizationId, cancellationToken)
            ?? throw new InvalidOperationException($"Organization {organizationId} does not exist.");
        var people = await db.People.AsNoTracking().Where(p => p.OrganizationId == organizationId).ToListAsync(cancellationToken);
        var holidays = await db.Holidays.AsNoTracking().Where(h => h.OrganizationId == organizationId).ToListAsync(cancellationToken);
        var scorecards = await db.Scorecards.AsNoTracking().Where(s => s.OrganizationId == organizationId)
            .Include(s => s.Perspectives).Include(s => s.Objectives).Include(s => s.Links)
            .Include(s => s.Initiatives).ThenInclude(i => i.Milestones)
            .Include(s => s.ReviewCycles).Include(s => s.Channels)
            .AsSplitQuery().ToListAsync(cancellationToken);
        var kpis = await db.Kpis.AsNoTracking().Where(k => k.OrganizationId == organizationId).Include(k => k.Targets).ToListAsync(cancellationToken);

        var email = people.ToDictionary(p => p.Id, p => p.Email);
        var objectiveKey = scorecards.SelectMany(s => s.Objectives).ToDictionary(o => o.Id, o => o.Key);
        var kpiKey = kpis.ToDictionary(k => k.Id, k => k.Key);
        var scorecardKey = scorecards.ToDictionary(s => s.Id, s => s.Key);
        string? EmailOf(Guid? id) => id is { } v ? email.GetValueOrDefault(v) : null;

        var doc = new ScorecardDocument
        {
            Organization = new OrganizationDoc
            {
                Name = org.Name,
                TimeZone = org.TimeZoneId,
                FiscalYearStartMonth = org.FiscalYearStartMonth,
                Locale = org.Locale,
                Currency = org.Currency,
                TeamsTenant = org.TeamsTenantId,
                SlackTeam = org.SlackTeamId,
                MentionOwners = org.MentionOwners,
                WeekendDays = [.. org.WeekendDays],
                AwayFromSlackStatus = org.AwayFromSlackStatus,
            },
        };
        doc.People.AddRange(people.OrderByDescending(p => p.Role).ThenBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Email, StringComparer.Ordinal)
            .Select(p => new PersonDoc { Name = p.Name, Email = p.Email, Role = p.Role, TimeZone = p.TimeZoneId }));
        doc.Holidays.AddRange(holidays.OrderBy(h => h.Date).Select(h => new HolidayDoc { Date = h.Date, Name = h.Name }));

        foreach (var s in CascadeOrder(scorecards))
        {
            var perspectives = s.Perspectives.OrderBy(p => p.Order).ThenBy(p => p.Name, StringComparer.Ordinal).ToList();
            var objectives = s.Objectives.OrderBy(o => o.Order).ThenBy(o => o.Key, StringComparer.Ordinal).ToList();
            var order = objectives.Select((o, i) => (o.Id, i)).ToDictionary(x => x.Id, x => x.i);
            var sd = new ScorecardDoc
            {
                Key = s.Key,
                Name = s.Name,
                Description = s.Description,
                Parent = s.ParentScorecardId is { } parent ? scorecardKey.GetValueOrDefault(parent) : null,
                Supports = s.SupportsObjectiveId is { } supports ? objectiveKey.GetValueOrDefault(supports) : null,
                Weight = s.Weight,
                Manager = EmailOf(s.ManagerId),
                RequiresApproval = s.RequiresApproval,
                LockAfterReview = s.LockAfterReview,
                Perspectives = [.. perspectives.Select(p => new PerspectiveDoc { Kind = p.Kind, Name = p.Name, Weight = p.Weight })],
            };
            sd.Channels.AddRange(s.Channels.OrderBy(c => c.Platform).ThenBy(c => c.ConversationId, StringComparer.Ordinal)
                .Select(c => new ChannelDoc { Platform = c.Platform, Conversation = c.ConversationId, ServiceUrl = c.ServiceUrl, Name = c.Name }));
            sd.Objectives.AddRange(objectives.Select(o => new ObjectiveDoc
            {
                Key = o.Key,
                Name = o.Name,
                Description = o.Description,
                Perspective = perspectives.FirstOrDefault(p => p.Id == o.PerspectiveId)?.Name ?? "",
                Owner = EmailOf(o.OwnerId),
                Parent = o.ParentObjectiveId is { } p ? objectiveKey.GetValueOrDefault(p) : null,
                Weight = o.Weight,
            }));
            sd.Links.AddRange(s.Links
                .OrderBy(l => order.GetValueOrDefault(l.CauseObjectiveId)).ThenBy(l => order.GetValueOrDefault(l.EffectObjectiveId))
                .Select(l => new LinkDoc { Cause = objectiveKey[l.CauseObjectiveId], Effect = objectiveKey[l.EffectObjectiveId], Rationale = l.Rationale }));
            sd.Kpis.AddRange(kpis.Where(k => k.ScorecardId == s.Id).OrderBy(k => k.Order).ThenBy(k => k.Key, StringComparer.Ordinal)
                .Select(k => Kpi(k, objectiveKey, kpiKey, EmailOf)));
            sd.Initiatives.AddRange(s.Initiatives.OrderBy(i => i.Key, StringComparer.Ordinal).Select(i => Initiative(i, objectiveKey, kpiKey, EmailOf)));
            sd.Review = Review(s.ReviewCycles.FirstOrDefault(c => c.Kind == ReviewKind.Monthly));
            sd.QuarterlyReview = Review(s.ReviewCycles.FirstOrDefault(c => c.Kind == ReviewKind.Quarterly));
            doc.Scorecards.Add(sd);
        }

        return doc;
    }

    /// <summary>Parents before children, siblings by key: the order the importer needs and a reader expects.</summary>
    private static IEnumerable<Scorecard> CascadeOrder(List<Scorecard> scorecards)
    {
        var ids = scorecards.Select(s => s.Id).ToHashSet();
        var children = scorecards.ToLookup(s => s.ParentScorecardId is { } p && ids.Contains(p) ? p : (Guid?)null);
        IEnumerable<Scorecard> Walk(Guid? parent) =>
            children[parent].OrderBy(s => s.Key, StringComparer.Ordinal).SelectMany(s => Walk(s.Id).Prepend(s));
        return Walk(null);
    }

    private static KpiDoc Kpi(Kpi k, Dictionary<Guid, string> objectiveKey, Dictionary<Guid, string> kpiKey, Func<Guid?, string?> emailOf)
    {
        var doc = new KpiDoc
        {
            Key = k.Key,
            Name = k.Name,
            Objective = objectiveKey.GetValueOrDefault(k.ObjectiveId) ?? "",
            Description = k.Description,
            Unit = k.Unit,
            Format = k.Format,
            Decimals = k.Decimals,
            Formula = k.Formula,
            DataSource = k.DataSource,
            Direction = k.Direction,
            Indicator = k.Indicator,
            Frequency = k.Frequency,
            Aggregation = k.Aggregation,
            Baseline = k.Baseline,
            Owner = emailOf(k.OwnerId),
            Delegate = emailOf(k.DelegateId),
            Weight = k.Weight,
            FedByApi = k.FedByApi,
            Pair = k.PairKpiId is { } pair ? kpiKey.GetValueOrDefault(pair) : null,
            Retired = k.RetiredAt is not null,
        };
        doc.Aliases.AddRange(k.Aliases);

        // Fiscal years first, then quarters, then months: from the general to the particular.
        doc.Targets.AddRange(k.Targets.OrderByDescending(t => t.Period.Kind).ThenBy(t => t.Period.Ordinal).Select(t => new TargetDoc
        {
            Period = t.Period,
            Value = t.Value,
            BandLow = t.BandLow,
            BandHigh = t.BandHigh,
            Amber = t.Amber,
            Red = t.Red,
            Style = t.ThresholdStyle,
        }));
        return doc;
    }

    private static InitiativeDoc Initiative(Initiative i, Dictionary<Guid, string> objectiveKey, Dictionary<Guid, string> kpiKey, Func<Guid?, string?> emailOf)
    {
        var doc = new InitiativeDoc
        {
            Key = i.Key,
            Name = i.Name,
            Description = i.Description,
            Owner = emailOf(i.OwnerId),
            Status = i.Status,
            Start = i.Start,
            End = i.End,
            Budget = i.Budget,
            Spent = i.Spent,
            DecisionNeeded = i.DecisionNeeded,
        };
        doc.Objectives.AddRange(i.ObjectiveIds.Where(objectiveKey.ContainsKey).Select(id => (objectiveKey[id], SourcePosition.None)));
        doc.Kpis.AddRange(i.KpiIds.Where(kpiKey.ContainsKey).Select(id => (kpiKey[id], SourcePosition.None)));
        doc.Milestones.AddRange(i.Milestones.OrderBy(m => m.Due).ThenBy(m => m.Name, StringComparer.Ordinal)
            .Select(m => new MilestoneDoc { Name = m.Name, Due = m.Due, Done = m.CompletedOn }));
        return doc;
    }

    private static ReviewDoc? Review(ReviewCycle? c)
    {
        if (c is null)
        {
            return null;
        }

        var doc = new ReviewDoc
        {
            WeekOfMonth = c.WeekOfMonth,
            Day = c.DayOfWeek,
            MeetingTime = c.MeetingTime,
            MeetingMinutes = c.MeetingMinutes,
            WindowOpens = c.WindowOpensBusinessDaysBefore,
            Due = c.DueBusinessDaysBefore,
            EscalateAfter = c.EscalateBusinessDaysAfterDue,
            DigestBefore = c.DigestBusinessDaysBefore,
            PreRead = c.PreReadBusinessDaysBefore,
            SendTime = c.SendTime,
        };
        doc.Reminders.Clear();
        doc.Reminders.AddRange(c.ReminderBusinessDays);
        return doc;
    }
}
