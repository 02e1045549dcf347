using ScorecardBot.Core.Conversation.Grammar;
using ScorecardBot.Core.Conversation.Matching;
using ScorecardBot.Core.Hygiene;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Conversation.Handlers;

/// <summary>
/// A scorecard manager changes the scorecard in chat: <c>kpi add|rename|retire|move</c>,
/// <c>objective add</c>, <c>link</c>, <c>threshold</c>, <c>channel here</c>, and <c>undo</c>;
/// anyone who runs a scorecard may <c>export</c> the file in a direct chat. A change with pieces
/// missing or wrong is answered with its card, holding what was typed; a change is answered with
/// the lint findings it made or fixed.
/// </summary>
internal static class EditHandler
{
    public const string CardKind = "edit-card";
    public const string DoneKind = "edit";
    public const string ExportKind = FileAttachment.ScorecardExportKind;

    /// <summary>How long a person may undo their last change.</summary>
    public static readonly TimeSpan UndoWindow = TimeSpan.FromMinutes(10);

    public static Task<TurnResult> CardAsync(TurnContext context, CardAction action, CancellationToken cancellationToken)
    {
        if (!Enum.TryParse<EditKind>(action.Get(CardActions.Keys.Command), out var kind) || !Enum.IsDefined(kind))
        {
            return Task.FromResult(TurnResult.Of(Message.Text("This card is out of date. Type help to see the commands that change a scorecard.", Replies.RefusedKind)));
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in EditForms.For(kind).Fields)
        {
            if (action.Inputs.TryGetValue(field.Id, out var value) && value is not null)
            {
                fields[field.Id] = value;
            }
        }

        return HandleAsync(context, new EditRequest(kind, fields), cancellationToken);
    }

    public static async Task<TurnResult> HandleAsync(TurnContext context, EditRequest request, CancellationToken cancellationToken)
    {
        var edits = context.Services.Edits;
        if (edits is null)
        {
            return Replies.Refused("Scorecards cannot be changed in chat here.");
        }

        if (RequireSomeManager(context, "change a scorecard") is { } refused)
        {
            return refused;
        }

        var fromCard = context.Turn.Action is not null;
        var (edit, scorecard, errors) = Build(context, request, fromCard);
        if (edit is null || scorecard is null)
        {
            return errors.Count == 0 && scorecard is null && request.Kind == EditKind.ChannelHere
                ? Replies.Refused("Say channel here in the team channel that should get the digests, not in a direct chat.")
                : TurnResult.Of(EditForms.Card(context, request, errors) with { ReplacesSource = fromCard });
        }

        var refusal = ScorecardPermissions.RequireManager(context.Person, scorecard, "change this scorecard", context.AskName(scorecard));
        if (refusal is not null)
        {
            return Replies.Refused(refusal);
        }

        var outcome = await edits.ApplyAsync(context.Change, edit, cancellationToken);
        return Answer(context, outcome, fromCard);
    }

    public static async Task<TurnResult> UndoAsync(TurnContext context, CancellationToken cancellationToken)
    {
        if (context.Services.Edits is not { } edits)
        {
            return Replies.Refused("Scorecards cannot be changed in chat here.");
        }

        if (RequireSomeManager(context, "undo a scorecard change") is { } refused)
        {
            return refused;
        }

        return Answer(context, await edits.UndoAsync(context.Change, UndoWindow, cancellationToken), fromCard: false);
    }

    public static async Task<TurnResult> ExportAsync(TurnContext context, CancellationToken cancellationToken)
    {
        if (context.Services.Edits is not { } edits)
        {
            return Replies.Refused("The scorecard file cannot be exported here.");
        }

        if (RequireSomeManager(context, "export the scorecard file") is { } refused)
        {
            return refused;
        }

        if (context.Turn.Conversation.Kind != ConversationKind.Direct)
        {
            return Replies.Refused("The scorecard file names everyone with their e-mail address, so I send it only in a direct chat: write export to me 1:1.");
        }

        var yaml = await edits.ExportAsync(context.Change, cancellationToken);
        if (yaml is null)
        {
            return Replies.Refused(ScorecardPermissions.ManagerOnly("export the scorecard file", context.AskName(null)));
        }

        var snapshot = context.Snapshot;
        var name = FileName(snapshot.Organization.Name);
        var kpis = snapshot.Kpis.Count();
        var summary = $"The scorecard file of {snapshot.Organization.Name}: {snapshot.Scorecards.Count} scorecard(s), {kpis} KPI(s), in {name}. Edit it and import it, or keep changing the scorecard here: both are one truth.";
        return TurnResult.Of(new Message([Paragraph.Of(summary), new FileAttachment(name, FileAttachment.YamlContentType, yaml)], summary) { Kind = ExportKind });
    }

    private static string FileName(string organization)
    {
        var slug = new string([.. organization.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]).Trim('-');
        while (slug.Contains("--", StringComparison.Ordinal))
        {
            slug = slug.Replace("--", "-", StringComparison.Ordinal);
        }

        return (slug.Length == 0 ? "scorecard" : slug) + ".yaml";
    }

    /// <summary>Someone who runs no scorecard at all is told so before any card is shown.</summary>
    private static TurnResult? RequireSomeManager(TurnContext context, string what) =>
        context.Person.Role >= Role.ScorecardManager || context.Snapshot.Scorecards.Any(s => ScorecardPermissions.CanManage(context.Person, s))
            ? null
            : Replies.Refused(ScorecardPermissions.ManagerOnly(what, context.AskName(context.Snapshot.Scorecards.Count == 1 ? context.Snapshot.Scorecards[0] : null)));

    private static TurnResult Answer(TurnContext context, EditOutcome outcome, bool fromCard)
    {
        if (outcome.ProblemList.Count > 0)
        {
            var problems = outcome.ProblemList;
            var text = $"Nothing was changed: {string.Join(" ", problems.Select(p => p.EndsWith('.') ? p : p + "."))}";
            return TurnResult.Of(new Message([Paragraph.Of("Nothing was changed:"), .. problems.Select(p => Paragraph.Of("• " + p))], text) { Kind = Replies.RefusedKind });
        }

        if (!outcome.Result.Succeeded)
        {
            return TurnResult.Of(Message.Text(outcome.Result.Message ?? "That did not work; nothing was changed.", Replies.RefusedKind));
        }

        var description = outcome.Description ?? "Done.";
        if (outcome.Status == CommandStatus.Unchanged || outcome.After is null)
        {
            return TurnResult.Of(Message.Text(description, DoneKind) with { ReplacesSource = fromCard });
        }

        var month = context.ReportingMonth.Next;
        var before = Lint(context.Snapshot, month);
        var after = Lint(outcome.After, month);
        var added = after.Where(f => !before.Contains(f)).ToList();
        var fixedOnes = before.Where(f => !after.Contains(f)).ToList();
        var blocks = new List<Block> { Paragraph.Of(description) };
        var summary = description;
        if (added.Count > 0)
        {
            blocks.Add(new Note("New lint findings:"));
            blocks.AddRange(added.Select(f => Paragraph.Of("• " + f, TextTone.Warning)));
            summary += " New lint findings: " + string.Join(" ", added);
        }

        if (fixedOnes.Count > 0)
        {
            blocks.Add(new Note("Lint findings this fixed:"));
            blocks.AddRange(fixedOnes.Select(f => Paragraph.Of("• " + f, TextTone.Good)));
            summary += " Fixed: " + string.Join(" ", fixedOnes);
        }

        if (added.Count == 0 && fixedOnes.Count == 0)
        {
            var note = $"Lint: no finding changed ({after.Count} open; type lint to see them).";
            blocks.Add(new Note(note));
            summary += " " + note;
        }

        blocks.Add(new Note($"Type undo within {UndoWindow.TotalMinutes:0} minutes to revert your last change."));
        return TurnResult.Of(new Message(blocks, summary) { Kind = DoneKind, ReplacesSource = fromCard });
    }

    /// <summary>Every scorecard's findings, as the lint command states them.</summary>
    private static HashSet<string> Lint(OrganizationSnapshot snapshot, Period month)
    {
        var business = Periods.BusinessCalendar.For(snapshot.Organization, snapshot.Holidays);
        var findings = new HashSet<string>(StringComparer.Ordinal);
        foreach (var scorecard in snapshot.Scorecards)
        {
            foreach (var f in ScorecardLint.Check(scorecard, snapshot.Locale.Calendar, month, snapshot.Scorecards.Where(s => s.Id != scorecard.Id), business, snapshot.Locale.Culture))
            {
                findings.Add(f.Message);
            }
        }

        return findings;
    }

    /// <summary>The change the pieces describe, with its scorecard; or what is missing or wrong, by field.</summary>
    private static (ScorecardEdit? Edit, Scorecard? Scorecard, Dictionary<string, string> Errors) Build(TurnContext context, EditRequest request, bool fromCard)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var form = EditForms.For(request.Kind);
        foreach (var field in form.Fields.Where(f => f.Required || (!fromCard && f.AskedWhenTyped)))
        {
            if (request.Get(field.Id) is null)
            {
                errors[field.Id] = field.Required ? "Required." : "Fill it in, or leave it empty to set it later.";
            }
        }

        if (!fromCard && errors.Count > 0)
        {
            // A typed command with pieces missing gets its card, its typed pieces already in place.
            return (null, null, errors);
        }

        errors = errors.Where(e => form.Fields.First(f => f.Id == e.Key).Required).ToDictionary(StringComparer.Ordinal);
        var snapshot = context.Snapshot;
        switch (request.Kind)
        {
            case EditKind.KpiAdd:
            {
                var objective = Find(context, request, EditFields.Objective, null, errors);
                var name = request.Get(EditFields.Name);
                if (name is not null && snapshot.Kpis.Any(k => string.Equals(k.Name, name, StringComparison.OrdinalIgnoreCase)))
                {
                    errors[EditFields.Name] = $"There is a KPI called {name} already.";
                }

                var direction = Direction(request.Get(EditFields.Direction), errors);
                var indicator = IndicatorType.Lagging;
                if (request.Get(EditFields.Indicator) is { } indicatorText)
                {
                    if (indicatorText.StartsWith("lead", StringComparison.OrdinalIgnoreCase))
                    {
                        indicator = IndicatorType.Leading;
                    }
                    else if (!indicatorText.StartsWith("lag", StringComparison.OrdinalIgnoreCase))
                    {
                        errors[EditFields.Indicator] = $"\"{indicatorText}\" is not leading or lagging.";
                    }
                }

                var unit = request.Get(EditFields.Unit);
                decimal? target = null;
                if (request.Get(EditFields.Target) is { } targetText)
                {
                    var reading = snapshot.Locale.Values.Parse(targetText, NewKpiFormat.Of(unit, snapshot.Organization.Currency), unit);
                    if (reading.IsValue)
                    {
                        target = reading.Value;
                    }
                    else
                    {
                        errors[EditFields.Target] = reading.Error ?? $"\"{targetText}\" is not a number.";
                    }
                }

                var owner = Owner(context, request.Get(EditFields.Owner), errors);
                var scorecard = objective is null ? null : snapshot.FindScorecard(objective.ScorecardId);
                var year = snapshot.Locale.Calendar.FiscalYearOf(context.ReportingMonth.Next);
                return errors.Count > 0 || objective is null || direction is null
                    ? (null, null, errors)
                    : (new AddKpiEdit(objective.Id, name!, unit, direction.Value, indicator, target, target is null ? null : year, owner?.Id), scorecard, errors);
            }

            case EditKind.KpiRename:
            {
                var kpi = FindKpi(context, request, errors);
                var name = request.Get(EditFields.Name);
                if (kpi is not null && name is not null && snapshot.Kpis.Any(k => k.Id != kpi.Id && string.Equals(k.Name, name, StringComparison.OrdinalIgnoreCase)))
                {
                    errors[EditFields.Name] = $"There is another KPI called {name}.";
                }

                return errors.Count > 0 || kpi is null ? (null, null, errors) : (new RenameKpiEdit(kpi.Id, name!), snapshot.ScorecardOf(kpi), errors);
            }

            case EditKind.KpiRetire:
            {
                var kpi = FindKpi(context, request, errors);
                return errors.Count > 0 || kpi is null ? (null, null, errors) : (new RetireKpiEdit(kpi.Id), snapshot.ScorecardOf(kpi), errors);
            }

            case EditKind.KpiMove:
            {
                var kpi = FindKpi(context, request, errors);
                var objective = Find(context, request, EditFields.Objective, kpi?.ScorecardId, errors);
                return errors.Count > 0 || kpi is null || objective is null
                    ? (null, null, errors)
                    : (new MoveKpiEdit(kpi.Id, objective.Id), snapshot.ScorecardOf(kpi), errors);
            }

            case EditKind.ObjectiveAdd:
            {
                var scorecard = FindScorecard(context, request, errors);
                var perspective = scorecard is null ? null : FindPerspective(scorecard, request.Get(EditFields.Perspective), errors);
                var name = request.Get(EditFields.Name);
                if (scorecard is not null && name is not null && scorecard.Objectives.Any(o => string.Equals(o.Name, name, StringComparison.OrdinalIgnoreCase)))
                {
                    errors[EditFields.Name] = $"{scorecard.Name} has an objective called {name} already.";
                }

                return errors.Count > 0 || scorecard is null || perspective is null
                    ? (null, null, errors)
                    : (new AddObjectiveEdit(scorecard.Id, perspective.Id, name!), scorecard, errors);
            }

            case EditKind.Link:
            {
                var cause = Find(context, request, EditFields.Cause, null, errors);
                var effect = Find(context, request, EditFields.Effect, cause?.ScorecardId, errors);
                if (cause is not null && effect is not null && cause.Id == effect.Id)
                {
                    errors[EditFields.Effect] = "An objective cannot cause itself; name another one.";
                }

                return errors.Count > 0 || cause is null || effect is null
                    ? (null, null, errors)
                    : (new LinkEdit(cause.Id, effect.Id), snapshot.FindScorecard(cause.ScorecardId), errors);
            }

            case EditKind.Threshold:
            {
                var kpi = FindKpi(context, request, errors);
                decimal? Value(string field)
                {
                    if (kpi is null || request.Get(field) is not { } text)
                    {
                        return null;
                    }

                    var reading = snapshot.Locale.Values.Parse(text, kpi);
                    if (!reading.IsValue)
                    {
                        errors[field] = reading.Error ?? $"\"{text}\" is not a number.";
                    }

                    return reading.Value;
                }

                var amber = Value(EditFields.Amber);
                var red = Value(EditFields.Red);
                return errors.Count > 0 || kpi is null || amber is null || red is null
                    ? (null, null, errors)
                    : (new ThresholdEdit(kpi.Id, amber.Value, red.Value, context.ReportingMonth.Next), snapshot.ScorecardOf(kpi), errors);
            }

            default:
            {
                var here = context.Turn.Conversation;
                if (here.Kind == ConversationKind.Direct)
                {
                    return (null, null, errors);
                }

                var scorecard = FindScorecard(context, request, errors);
                return scorecard is null
                    ? (null, null, errors.Count == 0 ? new Dictionary<string, string> { [EditFields.Scorecard] = "Name the scorecard." } : errors)
                    : (new ChannelEdit(scorecard.Id, context.Turn.Platform, here.ConversationId, here.ServiceUrl, null), scorecard, errors);
            }
        }
    }

    private static Direction? Direction(string? text, Dictionary<string, string> errors)
    {
        switch (text?.ToLowerInvariant())
        {
            case null:
                return null;
            case "up" or "higher" or "higher_is_better" or "higher is better" or "more" or "increase":
                return Model.Direction.HigherIsBetter;
            case "down" or "lower" or "lower_is_better" or "lower is better" or "less" or "decrease":
                return Model.Direction.LowerIsBetter;
            default:
                errors[EditFields.Direction] = $"\"{text}\" is not a direction: say up (higher is better) or down (lower is better).";
                return null;
        }
    }

    private static Person? Owner(TurnContext context, string? text, Dictionary<string, string> errors)
    {
        if (text is null)
        {
            return null;
        }

        var token = CommandTokens.Split(text) is [{ Person: { } person }] ? person : new PersonToken(PersonTokenKind.Name, text, text);
        var (found, reply) = Resolve.Person(context, token);
        if (found is null)
        {
            errors[EditFields.Owner] = reply?.Replies[0].Message.Summary ?? $"I don't know {text}.";
        }

        return found;
    }

    private static Kpi? FindKpi(TurnContext context, EditRequest request, Dictionary<string, string> errors)
    {
        if (request.Get(EditFields.Kpi) is not { } text)
        {
            return null;
        }

        var (kpi, reply) = Resolve.Kpi(context, text, "kpi");
        if (kpi is null)
        {
            errors[EditFields.Kpi] = reply?.Replies[0].Message.Summary ?? $"There is no KPI called \"{text}\".";
        }

        return kpi;
    }

    private static Scorecard? FindScorecard(TurnContext context, EditRequest request, Dictionary<string, string> errors)
    {
        var (scorecard, reply) = Resolve.Scorecard(context, request.Get(EditFields.Scorecard), EditForms.For(request.Kind).Command + " … scorecard");
        if (scorecard is null)
        {
            errors[EditFields.Scorecard] = reply?.Replies[0].Message.Summary ?? "Name the scorecard.";
        }

        return scorecard;
    }

    /// <summary>An objective by its key or name (in one scorecard when given), else the nearest by meaning if only one is near.</summary>
    private static Objective? Find(TurnContext context, EditRequest request, string field, Guid? scorecardId, Dictionary<string, string> errors)
    {
        if (request.Get(field) is not { } text)
        {
            return null;
        }

        var snapshot = context.Snapshot;
        var objectives = snapshot.Scorecards.Where(s => scorecardId is null || s.Id == scorecardId).SelectMany(s => s.Objectives).ToList();
        var trimmed = text.Trim('"');
        var exact = objectives.Where(o => string.Equals(o.Key, trimmed, StringComparison.OrdinalIgnoreCase)).ToList();
        if (exact.Count == 0)
        {
            exact = [.. objectives.Where(o => string.Equals(o.Name, trimmed, StringComparison.OrdinalIgnoreCase))];
        }

        if (exact.Count == 1)
        {
            return exact[0];
        }

        if (exact.Count > 1)
        {
            errors[field] = $"Several objectives are called {trimmed}: use the key of one of them ({string.Join(", ", exact.Select(o => o.Key))}).";
            return null;
        }

        var match = snapshot.Matcher.Match(trimmed, SubjectKind.Objective);
        if (match.Verdict == MatchVerdict.Found && snapshot.FindObjective(match.Best!.Id) is { } found && (scorecardId is null || found.ScorecardId == scorecardId))
        {
            return found;
        }

        var where = scorecardId is { } id && snapshot.FindScorecard(id) is { } s ? $" in {s.Name}" : string.Empty;
        errors[field] = $"There is no objective called \"{trimmed}\"{where}. Use its name or key: {string.Join(", ", objectives.Take(8).Select(o => o.Key))}{(objectives.Count > 8 ? ", …" : "")}.";
        return null;
    }

    private static Perspective? FindPerspective(Scorecard scorecard, string? text, Dictionary<string, string> errors)
    {
        if (text is null)
        {
            return null;
        }

        var words = text.Trim('"').ToLowerInvariant();
        var found = scorecard.Perspectives.FirstOrDefault(p => string.Equals(p.Name, words, StringComparison.OrdinalIgnoreCase))
            ?? scorecard.Perspectives.FirstOrDefault(p => p.Kind != PerspectiveKind.Custom && string.Equals(new string([.. words.Where(char.IsAsciiLetter)]), p.Kind.ToString(), StringComparison.OrdinalIgnoreCase))
            ?? scorecard.Perspectives.FirstOrDefault(p => p.Name.StartsWith(words, StringComparison.OrdinalIgnoreCase) && words.Length >= 3);
        if (found is null)
        {
            errors[EditFields.Perspective] = $"{scorecard.Name} has no perspective called \"{text}\": use {string.Join(", ", scorecard.Perspectives.OrderBy(p => p.Order).Select(p => p.Name))}.";
        }

        return found;
    }
}
