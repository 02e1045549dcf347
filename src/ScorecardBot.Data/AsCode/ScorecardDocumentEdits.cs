using System.Text.Json;
using System.Text.Json.Serialization;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Periods;

namespace ScorecardBot.Data.AsCode;

/// <summary>
/// One change of an organization's scorecard document, by the file's keys. Applying it changes
/// the document in memory and returns the change that reverts it (kept for <c>undo</c>, stored as
/// JSON). A change that no longer fits the document (its KPI is gone) throws <see cref="DocumentEditException"/>.
/// Removals are also carried out on the rows by <see cref="Remove"/>: the import itself never deletes.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$op")]
[JsonDerivedType(typeof(AddKpiOp), "kpi.add")]
[JsonDerivedType(typeof(RemoveKpiOp), "kpi.remove")]
[JsonDerivedType(typeof(RenameKpiOp), "kpi.rename")]
[JsonDerivedType(typeof(RetireKpiOp), "kpi.retire")]
[JsonDerivedType(typeof(MoveKpiOp), "kpi.move")]
[JsonDerivedType(typeof(AddObjectiveOp), "objective.add")]
[JsonDerivedType(typeof(RemoveObjectiveOp), "objective.remove")]
[JsonDerivedType(typeof(LinkOp), "link")]
[JsonDerivedType(typeof(ThresholdsOp), "thresholds")]
[JsonDerivedType(typeof(ChannelOp), "channel")]
internal abstract record DocumentEdit
{
    public abstract DocumentEdit Apply(ScorecardDocument doc);

    /// <summary>Rows the edit removes from the database (after the document was applied); none for most.</summary>
    public virtual Task RemoveAsync(ScorecardDbContext db, Guid organizationId, CancellationToken cancellationToken) => Task.CompletedTask;

    public string ToJson() => JsonSerializer.Serialize(this, DocumentEditJson.Default.DocumentEdit);

    public static DocumentEdit FromJson(string json) =>
        JsonSerializer.Deserialize(json, DocumentEditJson.Default.DocumentEdit) ?? throw new DocumentEditException("The stored change cannot be read.");

    protected static KpiDoc Kpi(ScorecardDocument doc, string key) =>
        doc.Scorecards.SelectMany(s => s.Kpis).FirstOrDefault(k => k.Key == key) ?? throw new DocumentEditException($"There is no KPI '{key}' any more.");

    protected static ScorecardDoc ScorecardOfKpi(ScorecardDocument doc, string key) =>
        doc.Scorecards.FirstOrDefault(s => s.Kpis.Any(k => k.Key == key)) ?? throw new DocumentEditException($"There is no KPI '{key}' any more.");

    protected static ScorecardDoc ScorecardNamed(ScorecardDocument doc, string key) =>
        doc.Scorecards.FirstOrDefault(s => s.Key == key) ?? throw new DocumentEditException($"There is no scorecard '{key}' any more.");

    /// <summary>A key for a new item from its name, unique among <paramref name="taken"/> ("fuel-per-mile", "fuel-per-mile-2").</summary>
    public static string NewKey(string name, IEnumerable<string> taken)
    {
        var used = taken.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var slug = new string([.. name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]);
        while (slug.Contains("--", StringComparison.Ordinal))
        {
            slug = slug.Replace("--", "-", StringComparison.Ordinal);
        }

        slug = slug.Trim('-');
        if (slug.Length > 60)
        {
            slug = slug[..60].TrimEnd('-');
        }

        if (slug.Length == 0)
        {
            slug = "item";
        }

        var key = slug;
        for (var n = 2; used.Contains(key); n++)
        {
            key = $"{slug}-{n}";
        }

        return key;
    }
}

/// <summary>The target a new KPI starts with.</summary>
internal sealed record NewTarget(string Period, decimal Value);

internal sealed record AddKpiOp(
    string Key, string Name, string Objective, string? Unit, KpiFormat Format, Direction Direction, IndicatorType Indicator, string? Owner, NewTarget? Target) : DocumentEdit
{
    public override DocumentEdit Apply(ScorecardDocument doc)
    {
        var scorecard = doc.Scorecards.FirstOrDefault(s => s.Objectives.Any(o => o.Key == Objective))
            ?? throw new DocumentEditException($"There is no objective '{Objective}' any more.");
        var kpi = new KpiDoc
        {
            Key = Key,
            Name = Name,
            Objective = Objective,
            Unit = Unit,
            Format = Format,
            Decimals = Format == KpiFormat.Currency ? 0 : 1,
            Direction = Direction,
            Indicator = Indicator,
            Owner = Owner,
        };
        if (Target is { } target)
        {
            kpi.Targets.Add(new TargetDoc { Period = Period.Parse(target.Period), Value = target.Value });
        }

        scorecard.Kpis.Add(kpi);
        return new RemoveKpiOp(Key);
    }
}

/// <summary>The undo of <see cref="AddKpiOp"/>: a KPI that has no actuals yet is removed; one that has keeps its history and is refused.</summary>
internal sealed record RemoveKpiOp(string Key) : DocumentEdit
{
    public override DocumentEdit Apply(ScorecardDocument doc)
    {
        var scorecard = ScorecardOfKpi(doc, Key);
        var kpi = scorecard.Kpis.First(k => k.Key == Key);
        if (doc.Scorecards.SelectMany(s => s.Initiatives).FirstOrDefault(i => i.Kpis.Any(k => k.Key == Key)) is { } initiative)
        {
            throw new DocumentEditException($"initiative '{initiative.Key}' names KPI '{Key}' now.");
        }

        scorecard.Kpis.Remove(kpi);
        var objective = kpi.Objective;
        return new AddKpiOp(kpi.Key, kpi.Name, objective, kpi.Unit, kpi.Format, kpi.Direction, kpi.Indicator, kpi.Owner,
            kpi.Targets.FirstOrDefault() is { Value: { } value } t ? new NewTarget(t.Period.ToString(), value) : null);
    }

    public override async Task RemoveAsync(ScorecardDbContext db, Guid organizationId, CancellationToken cancellationToken)
    {
        var kpi = db.Kpis.Local.FirstOrDefault(k => k.Key == Key && k.OrganizationId == organizationId);
        if (kpi is null)
        {
            return;
        }

        var id = kpi.Id;
        if (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.Actuals, a => a.KpiId == id && a.OrganizationId == organizationId, cancellationToken))
        {
            throw new DocumentEditException($"KPI '{kpi.Name}' has actuals now; retire it instead (kpi retire {Key}), so its history is kept.");
        }

        // Its targets go with it (cascade), each one audited as deleted.
        foreach (var target in kpi.Targets.ToList())
        {
            db.Remove(target);
        }

        db.Remove(kpi);
    }
}

internal sealed record RenameKpiOp(string Key, string Name) : DocumentEdit
{
    public override DocumentEdit Apply(ScorecardDocument doc)
    {
        var kpi = Kpi(doc, Key);
        var old = kpi.Name;
        kpi.Name = Name;
        return this with { Name = old };
    }
}

internal sealed record RetireKpiOp(string Key, bool Retired) : DocumentEdit
{
    public override DocumentEdit Apply(ScorecardDocument doc)
    {
        var kpi = Kpi(doc, Key);
        var old = kpi.Retired;
        kpi.Retired = Retired;
        return this with { Retired = old };
    }
}

internal sealed record MoveKpiOp(string Key, string Objective) : DocumentEdit
{
    public override DocumentEdit Apply(ScorecardDocument doc)
    {
        var kpi = Kpi(doc, Key);
        var old = kpi.Objective;
        kpi.Objective = Objective;
        return this with { Objective = old };
    }
}

internal sealed record AddObjectiveOp(string Scorecard, string Key, string Name, string Perspective) : DocumentEdit
{
    public override DocumentEdit Apply(ScorecardDocument doc)
    {
        ScorecardNamed(doc, Scorecard).Objectives.Add(new ObjectiveDoc { Key = Key, Name = Name, Perspective = Perspective });
        return new RemoveObjectiveOp(Scorecard, Key);
    }
}

/// <summary>The undo of <see cref="AddObjectiveOp"/>; the import's rules refuse it while a KPI, link or initiative still names the objective.</summary>
internal sealed record RemoveObjectiveOp(string Scorecard, string Key) : DocumentEdit
{
    public override DocumentEdit Apply(ScorecardDocument doc)
    {
        var scorecard = ScorecardNamed(doc, Scorecard);
        var objective = scorecard.Objectives.FirstOrDefault(o => o.Key == Key) ?? throw new DocumentEditException($"There is no objective '{Key}' any more.");
        if (doc.Scorecards.SelectMany(s => s.Kpis).FirstOrDefault(k => k.Objective == Key) is { } kpi)
        {
            throw new DocumentEditException($"KPI '{kpi.Name}' measures objective '{objective.Name}' now; move or retire it first.");
        }

        if (scorecard.Links.Any(l => l.Cause == Key || l.Effect == Key))
        {
            throw new DocumentEditException($"objective '{objective.Name}' is linked on the strategy map now.");
        }

        scorecard.Objectives.Remove(objective);
        return new AddObjectiveOp(Scorecard, Key, objective.Name, objective.Perspective);
    }

    public override async Task RemoveAsync(ScorecardDbContext db, Guid organizationId, CancellationToken cancellationToken)
    {
        var scorecard = db.Scorecards.Local.FirstOrDefault(s => s.Key == Scorecard && s.OrganizationId == organizationId);
        if (scorecard?.Objectives.FirstOrDefault(o => o.Key == Key) is { } objective)
        {
            db.Remove(objective);
        }

        await Task.CompletedTask;
    }
}

/// <summary>Adds (or with <paramref name="Remove"/> removes) the link cause → effect of a scorecard's strategy map.</summary>
internal sealed record LinkOp(string Scorecard, string Cause, string Effect, bool Remove) : DocumentEdit
{
    public override DocumentEdit Apply(ScorecardDocument doc)
    {
        var scorecard = ScorecardNamed(doc, Scorecard);
        if (Remove)
        {
            scorecard.Links.RemoveAll(l => l.Cause == Cause && l.Effect == Effect);
        }
        else if (!scorecard.Links.Any(l => l.Cause == Cause && l.Effect == Effect))
        {
            scorecard.Links.Add(new LinkDoc { Cause = Cause, Effect = Effect });
        }

        return this with { Remove = !Remove };
    }

    public override Task RemoveAsync(ScorecardDbContext db, Guid organizationId, CancellationToken cancellationToken)
    {
        var scorecard = db.Scorecards.Local.FirstOrDefault(s => s.Key == Scorecard && s.OrganizationId == organizationId);
        if (Remove && scorecard is not null)
        {
            var objectives = scorecard.Objectives.ToDictionary(o => o.Key, o => o.Id, StringComparer.Ordinal);
            if (objectives.TryGetValue(Cause, out var cause) && objectives.TryGetValue(Effect, out var effect)
                && scorecard.Links.FirstOrDefault(l => l.CauseObjectiveId == cause && l.EffectObjectiveId == effect) is { } link)
            {
                db.Remove(link);
            }
        }

        return Task.CompletedTask;
    }
}

/// <summary>Where amber and red start on one target of a KPI.</summary>
internal sealed record TargetThresholds(string Period, decimal? Amber, decimal? Red, ThresholdStyle? Style);

/// <summary>
/// Sets the thresholds of a KPI's targets: with <paramref name="From"/>, every target whose period
/// has not ended before that month gets <paramref name="Amber"/> and <paramref name="Red"/>
/// (absolute); the undo lists each target's own values.
/// </summary>
internal sealed record ThresholdsOp(string Key, string? From, decimal? Amber, decimal? Red, IReadOnlyList<TargetThresholds>? Targets) : DocumentEdit
{
    public override DocumentEdit Apply(ScorecardDocument doc)
    {
        var kpi = Kpi(doc, Key);
        var before = new List<TargetThresholds>();
        if (Targets is not null)
        {
            foreach (var t in Targets)
            {
                var target = kpi.Targets.FirstOrDefault(x => x.Period.ToString() == t.Period);
                if (target is null)
                {
                    continue;
                }

                before.Add(new TargetThresholds(t.Period, target.Amber, target.Red, target.Style));
                (target.Amber, target.Red, target.Style) = (t.Amber, t.Red, t.Style);
            }

            return new ThresholdsOp(Key, null, null, null, before);
        }

        var calendar = FiscalCalendar.Create(doc.Organization.FiscalYearStartMonth, doc.Organization.TimeZone);
        var from = Period.Parse(From!);
        var current = kpi.Targets.Where(t => calendar.LastMonth(t.Period) >= from).ToList();
        if (current.Count == 0)
        {
            throw new DocumentEditException($"KPI '{kpi.Name}' has no target for {from} or later, and thresholds belong to a target. Set one first with the target command.");
        }

        foreach (var target in current)
        {
            before.Add(new TargetThresholds(target.Period.ToString(), target.Amber, target.Red, target.Style));
            (target.Amber, target.Red, target.Style) = (Amber, Red, ThresholdStyle.Absolute);
        }

        return new ThresholdsOp(Key, null, null, null, before);
    }
}

/// <summary>The scorecard's team channel for digests and agendas: this one (the others are kept, and removed again by the undo).</summary>
internal sealed record ChannelOp(string Scorecard, Platform Platform, string Conversation, string? ServiceUrl, string? Name, bool Remove) : DocumentEdit
{
    public override DocumentEdit Apply(ScorecardDocument doc)
    {
        var scorecard = ScorecardNamed(doc, Scorecard);
        if (Remove)
        {
            scorecard.Channels.RemoveAll(c => c.Platform == Platform && c.Conversation == Conversation);
        }
        else if (!scorecard.Channels.Any(c => c.Platform == Platform && c.Conversation == Conversation))
        {
            scorecard.Channels.Add(new ChannelDoc { Platform = Platform, Conversation = Conversation, ServiceUrl = ServiceUrl, Name = Name });
        }

        return this with { Remove = !Remove };
    }

    public override Task RemoveAsync(ScorecardDbContext db, Guid organizationId, CancellationToken cancellationToken)
    {
        var scorecard = db.Scorecards.Local.FirstOrDefault(s => s.Key == Scorecard && s.OrganizationId == organizationId);
        if (Remove && scorecard?.Channels.FirstOrDefault(c => c.Platform == Platform && c.ConversationId == Conversation) is { } channel)
        {
            db.Remove(channel);
        }

        return Task.CompletedTask;
    }
}

/// <summary>A change that no longer fits the scorecard; nothing was changed.</summary>
internal sealed class DocumentEditException(string message) : Exception(message);

[JsonSerializable(typeof(DocumentEdit))]
[JsonSourceGenerationOptions(UseStringEnumConverter = true)]
internal sealed partial class DocumentEditJson : JsonSerializerContext;
