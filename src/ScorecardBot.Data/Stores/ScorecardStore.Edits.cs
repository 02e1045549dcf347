using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Conversation.Handlers;
using ScorecardBot.Core.Model;
using ScorecardBot.Data.AsCode;
using ScorecardBot.Data.Auditing;

namespace ScorecardBot.Data.Stores;

/// <summary>
/// Scorecard changes made in chat go the file import's way: the organization's definition is
/// built as the export builds it, the change is made to it in memory, the import's checks run
/// over it (a change is refused with the problems it would add), and the import's applier saves
/// it. Chat and file cannot drift apart: what chat can build, the file can say, and the other way round.
/// Each change is audited (<see cref="EditAuditSubject"/>) and kept with its inverse for <c>undo</c>.
/// </summary>
internal sealed partial class ScorecardStore : IScorecardEdits
{
    /// <summary>The audit trail's subject of a change made in chat, and of its undo.</summary>
    public const string EditAuditSubject = "ScorecardEdit";

    /// <summary>The audit trail's change of an undo.</summary>
    public const string UndoChange = "undo";

    private const string EditSource = "chat";

    private static EditOutcome EditNotMember { get; } = new(CommandResult.NotFound("You are not a member of this organization."));

    public async Task<EditOutcome> ApplyAsync(ChangeContext context, ScorecardEdit edit, CancellationToken cancellationToken)
    {
        var outcome = await ChangeAsync(context, async (db, actor) =>
        {
            var organization = await db.Organizations.SingleAsync(o => o.Id == context.OrganizationId, cancellationToken);
            var (op, scorecard, description, missing) = await TranslateAsync(db, organization, edit, cancellationToken);
            if (op is null || scorecard is null)
            {
                return new EditOutcome(CommandResult.NotFound(missing ?? "That is not part of this organization's scorecards."));
            }

            if (ScorecardPermissions.RequireManager(actor, scorecard, "change this scorecard", await AskNameAsync(db, scorecard, actor, cancellationToken)) is { } refusal)
            {
                return new EditOutcome(CommandResult.Refused(refusal));
            }

            return await SaveEditAsync(db, context, actor, organization, op, edit.Command, description!, undoing: null, cancellationToken);
        }, o => o.Status, EditNotMember);
        return await WithSnapshotAsync(context, outcome, cancellationToken);
    }

    public async Task<EditOutcome> UndoAsync(ChangeContext context, TimeSpan window, CancellationToken cancellationToken)
    {
        var outcome = await ChangeAsync(context, async (db, actor) =>
        {
            var scorecards = await db.Scorecards.AsNoTracking().Where(s => s.OrganizationId == context.OrganizationId).ToListAsync(cancellationToken);
            if (!scorecards.Any(s => ScorecardPermissions.CanManage(actor, s)))
            {
                return new EditOutcome(CommandResult.Refused(ScorecardPermissions.ManagerOnly("undo a scorecard change", null)));
            }

            var last = (await db.ScorecardEdits
                .Where(e => e.OrganizationId == context.OrganizationId && e.PersonId == actor.Id && e.UndoneAt == null)
                .ToListAsync(cancellationToken)).MaxBy(e => e.At);
            if (last is null)
            {
                return new EditOutcome(CommandResult.NotFound("You have no scorecard change to undo."));
            }

            if (context.At - last.At > window)
            {
                var minutes = (int)Math.Floor((context.At - last.At).TotalMinutes);
                return new EditOutcome(CommandResult.Refused(
                    $"Your last change ({last.Command}: {last.Description}) was {minutes} minutes ago; undo reverts a change only within {window.TotalMinutes:0} minutes. Change it back with a command instead; nothing was changed."));
            }

            var organization = await db.Organizations.SingleAsync(o => o.Id == context.OrganizationId, cancellationToken);
            return await SaveEditAsync(db, context, actor, organization, DocumentEdit.FromJson(last.Undo), UndoChange, $"Undone: {last.Description}", last, cancellationToken);
        }, o => o.Status, EditNotMember);
        return await WithSnapshotAsync(context, outcome, cancellationToken);
    }

    public async Task<string?> ExportAsync(ChangeContext context, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        var actor = await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == context.ActorId && p.OrganizationId == context.OrganizationId && p.IsActive, cancellationToken);
        var scorecards = await db.Scorecards.AsNoTracking().Where(s => s.OrganizationId == context.OrganizationId).ToListAsync(cancellationToken);
        if (actor is null || (actor.Role < Role.ScorecardManager && !scorecards.Any(s => ScorecardPermissions.CanManage(actor, s))))
        {
            return null;
        }

        return await new ScorecardExporter(db).ExportAsync(context.OrganizationId, cancellationToken);
    }

    /// <summary>The snapshot with the change, for the lint findings it changed.</summary>
    private async Task<EditOutcome> WithSnapshotAsync(ChangeContext context, EditOutcome outcome, CancellationToken cancellationToken) =>
        outcome.Status == CommandStatus.Done ? outcome with { After = await GetAsync(context.OrganizationId, cancellationToken) } : outcome;

    /// <summary>
    /// Builds the organization's document, makes the change, checks it with the import's rules
    /// (only problems the change adds refuse it: an old one is the file's, and lint's, business),
    /// applies it through the import's applier, removes what it removes, audits it and keeps it
    /// (or, for an undo, marks the change undone) — one SaveChanges.
    /// </summary>
    private static async Task<EditOutcome> SaveEditAsync(
        ScorecardDbContext db, ChangeContext context, Person actor, Organization organization, DocumentEdit op, string command, string description,
        ScorecardEditRecord? undoing, CancellationToken cancellationToken)
    {
        var doc = await new ScorecardExporter(db).BuildAsync(organization.Id, cancellationToken);
        var before = ScorecardImporter.Check(doc, EditSource).Select(p => p.Message).ToHashSet(StringComparer.Ordinal);
        DocumentEdit inverse;
        try
        {
            inverse = op.Apply(doc);
        }
        catch (DocumentEditException e)
        {
            return new EditOutcome(CommandResult.Refused(e.Message), Problems: [e.Message]);
        }

        var problems = ScorecardImporter.Check(doc, EditSource).Select(p => p.Message).Where(m => !before.Contains(m)).Distinct().ToList();
        if (problems.Count > 0)
        {
            return new EditOutcome(CommandResult.Refused(string.Join(" ", problems)), Problems: problems);
        }

        await ScorecardImporter.ApplyAsync(db, organization, doc, context.At, cancellationToken);
        try
        {
            await op.RemoveAsync(db, organization.Id, cancellationToken);
        }
        catch (DocumentEditException e)
        {
            return new EditOutcome(CommandResult.Refused(e.Message), Problems: [e.Message]);
        }

        db.ChangeTracker.DetectChanges();
        if (!db.ChangeTracker.Entries().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted))
        {
            return new EditOutcome(CommandResult.Unchanged, $"Nothing to change: the scorecard already says so. ({description})");
        }

        var subject = undoing?.Id ?? Guid.NewGuid();
        if (undoing is null)
        {
            db.ScorecardEdits.Add(new ScorecardEditRecord
            {
                Id = subject,
                OrganizationId = organization.Id,
                PersonId = actor.Id,
                At = context.At,
                Command = command,
                Description = Clip(description, 4000),
                Undo = inverse.ToJson(),
            });
        }
        else
        {
            undoing.UndoneAt = context.At;
        }

        // A definition change is not one of the entities the audit trail snapshots by itself: its entry is written here, in the same save.
        db.AuditEntries.Add(ChangeAudit.Of(context, actor, EditAuditSubject, subject, command, undoing?.Description, description));
        await db.SaveChangesAsync(cancellationToken);
        return new EditOutcome(CommandResult.Done, description);
    }

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

    /// <summary>The change by the file's keys, its scorecard and what to tell the person; every row is looked up within the organization.</summary>
    private static async Task<(DocumentEdit? Op, Scorecard? Scorecard, string? Description, string? Missing)> TranslateAsync(
        ScorecardDbContext db, Organization organization, ScorecardEdit edit, CancellationToken cancellationToken)
    {
        var org = organization.Id;
        var scorecards = await db.Scorecards.AsNoTracking().Where(s => s.OrganizationId == org)
            .Include(s => s.Objectives).Include(s => s.Perspectives).AsSplitQuery().ToListAsync(cancellationToken);
        var objectives = scorecards.SelectMany(s => s.Objectives).ToDictionary(o => o.Id);
        Scorecard? ScorecardOf(Guid id) => scorecards.FirstOrDefault(s => s.Id == id);
        async Task<Kpi?> KpiAsync(Guid id) => await db.Kpis.AsNoTracking().SingleOrDefaultAsync(k => k.Id == id && k.OrganizationId == org, cancellationToken);
        const string NoKpi = "There is no such KPI in this organization.";
        const string NoObjective = "There is no such objective in this organization.";

        switch (edit)
        {
            case AddKpiEdit add:
            {
                if (!objectives.TryGetValue(add.ObjectiveId, out var objective))
                {
                    return (null, null, null, NoObjective);
                }

                Person? owner = null;
                if (add.OwnerId is { } ownerId)
                {
                    owner = await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == ownerId && p.OrganizationId == org && p.IsActive, cancellationToken);
                    if (owner is null)
                    {
                        return (null, null, null, "The owner is not a member of this organization.");
                    }
                }

                var keys = await db.Kpis.Where(k => k.OrganizationId == org).Select(k => k.Key).ToListAsync(cancellationToken);
                var key = DocumentEdit.NewKey(add.Name, keys);
                var format = NewKpiFormat.Of(add.Unit, organization.Currency);
                var target = add.Target is { } value && add.TargetPeriod is { } period ? new NewTarget(period.ToString(), value) : null;
                var scorecard = ScorecardOf(objective.ScorecardId)!;
                var details = new List<string> { $"key {key}", add.Direction == Direction.LowerIsBetter ? "lower is better" : "higher is better" };
                if (add.Indicator == IndicatorType.Leading)
                {
                    details.Add("a leading indicator");
                }

                details.Add(owner is null ? "no owner yet" : $"owner {owner.Name}");
                details.Add(target is null ? "no target yet" : $"target {AsCodeTokens.FormatNumber(target.Value)}{(add.Unit is { } u ? (u == "%" ? "%" : " " + u) : "")} for {target.Period}");
                return (new AddKpiOp(key, add.Name, objective.Key, add.Unit, format, add.Direction, add.Indicator, owner?.Email.ToLowerInvariant(), target), scorecard,
                    $"KPI '{add.Name}' added to objective '{objective.Name}' of {scorecard.Name} ({string.Join(", ", details)}).", null);
            }

            case RenameKpiEdit rename:
            {
                var kpi = await KpiAsync(rename.KpiId);
                return kpi is null ? (null, null, null, NoKpi)
                    : (new RenameKpiOp(kpi.Key, rename.Name), ScorecardOf(kpi.ScorecardId), $"KPI '{kpi.Name}' is now called '{rename.Name}'.", null);
            }

            case RetireKpiEdit retire:
            {
                var kpi = await KpiAsync(retire.KpiId);
                return kpi is null ? (null, null, null, NoKpi)
                    : (new RetireKpiOp(kpi.Key, true), ScorecardOf(kpi.ScorecardId),
                        $"KPI '{kpi.Name}' retired: its history is kept, and it is no longer prompted for or shown in digests and status.", null);
            }

            case MoveKpiEdit move:
            {
                var kpi = await KpiAsync(move.KpiId);
                if (kpi is null || !objectives.TryGetValue(move.ObjectiveId, out var objective))
                {
                    return (null, null, null, kpi is null ? NoKpi : NoObjective);
                }

                var from = objectives.GetValueOrDefault(kpi.ObjectiveId)?.Name ?? "none";
                return (new MoveKpiOp(kpi.Key, objective.Key), ScorecardOf(kpi.ScorecardId), $"KPI '{kpi.Name}' now measures objective '{objective.Name}' (was '{from}').", null);
            }

            case AddObjectiveEdit add:
            {
                var scorecard = ScorecardOf(add.ScorecardId);
                var perspective = scorecard?.Perspectives.FirstOrDefault(p => p.Id == add.PerspectiveId);
                if (scorecard is null || perspective is null)
                {
                    return (null, null, null, "There is no such scorecard or perspective in this organization.");
                }

                var key = DocumentEdit.NewKey(add.Name, objectives.Values.Select(o => o.Key));
                return (new AddObjectiveOp(scorecard.Key, key, add.Name, perspective.Name), scorecard,
                    $"Objective '{add.Name}' added to the {perspective.Name} perspective of {scorecard.Name} (key {key}).", null);
            }

            case LinkEdit link:
            {
                if (!objectives.TryGetValue(link.CauseId, out var cause) || !objectives.TryGetValue(link.EffectId, out var effect))
                {
                    return (null, null, null, NoObjective);
                }

                var scorecard = ScorecardOf(cause.ScorecardId)!;
                return (new LinkOp(scorecard.Key, cause.Key, effect.Key, Remove: false), scorecard,
                    $"'{cause.Name}' now drives '{effect.Name}' on the strategy map of {scorecard.Name}.", null);
            }

            case ThresholdEdit threshold:
            {
                var kpi = await KpiAsync(threshold.KpiId);
                return kpi is null ? (null, null, null, NoKpi)
                    : (new ThresholdsOp(kpi.Key, threshold.From.ToString(), threshold.Amber, threshold.Red, null), ScorecardOf(kpi.ScorecardId),
                        $"Thresholds of '{kpi.Name}' set on its targets from {threshold.From} on: amber from {AsCodeTokens.FormatNumber(threshold.Amber)}, red from {AsCodeTokens.FormatNumber(threshold.Red)}.", null);
            }

            case ChannelEdit channel:
            {
                var scorecard = ScorecardOf(channel.ScorecardId);
                return scorecard is null ? (null, null, null, "There is no such scorecard in this organization.")
                    : (new ChannelOp(scorecard.Key, channel.Platform, channel.ConversationId, channel.ServiceUrl, channel.Name, Remove: false), scorecard,
                        $"This channel now gets the digests and agendas of {scorecard.Name}.", null);
            }

            default:
                return (null, null, null, "That change is not known here.");
        }
    }
}
