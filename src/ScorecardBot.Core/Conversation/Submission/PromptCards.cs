using System.Globalization;
using ScorecardBot.Core.Conversation.Answers;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Conversation.Submission;

/// <summary>One KPI and period on a prompt card, with what was typed and what was wrong with it (for the error and preview versions).</summary>
public sealed record PromptItem(Kpi Kpi, Period Period)
{
    public QuickAnswer TypedAnswer { get; init; }
    public string? TypedValue { get; init; }
    public string? TypedComment { get; init; }
    public string? TypedEta { get; init; }

    /// <summary>What is wrong with the value or the choice.</summary>
    public string? Error { get; init; }

    public string? CommentError { get; init; }
    public string? EtaError { get; init; }

    /// <summary>The live preview: the status the typed answer would get.</summary>
    public string? Preview { get; init; }

    public TextTone PreviewTone { get; init; }

    /// <summary>Something the reporter must know first (why a value was rejected).</summary>
    public string? Notice { get; init; }
}

/// <summary>
/// The monthly prompt card an owner gets: for each KPI the period, target and last three
/// actuals, the quick answer (a value, no change, no data, data late), a value field, an ETA and
/// a multi-line comment field; one Submit button, a preview button and "I'm away". The error
/// version is the same card with the message beside the field and the typed text kept.
/// </summary>
public static class PromptCards
{
    public const string Kind = "prompt";

    public static Message For(OrganizationSnapshot snapshot, IReadOnlyList<PromptItem> items)
    {
        ArgumentOutOfRangeException.ThrowIfZero(items.Count);
        var culture = snapshot.Locale.Culture;
        var blocks = new List<Block>();
        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        var single = items.Count == 1;
        if (single)
        {
            var item = items[0];
            blocks.Add(new Heading($"{item.Kpi.Name} — {ValueText.Period(item.Period, culture)}"));
            AddNotice(blocks, item);
            blocks.Add(Facts(snapshot, item, culture));
            blocks.AddRange(PromptFields.For(item.Kpi, item.Period, single: true, snapshot.Locale.Formatter, culture, item));
            data[CardActions.Keys.Kpi] = item.Kpi.Id.ToString("N");
            data[CardActions.Keys.Period] = item.Period.ToString();
        }
        else
        {
            var periods = items.Select(i => i.Period).Distinct().ToList();
            blocks.Add(new Heading(periods.Count == 1 ? $"Your KPIs for {ValueText.Period(periods[0], culture)}" : "Your KPIs to report"));
            foreach (var item in items)
            {
                blocks.Add(new Divider());
                blocks.Add(new Paragraph([new Run(item.Kpi.Name, Bold: true), new Run($" · {ValueText.Period(item.Period, culture)}")]));
                AddNotice(blocks, item);
                blocks.Add(Facts(snapshot, item, culture));
                blocks.AddRange(PromptFields.For(item.Kpi, item.Period, single: false, snapshot.Locale.Formatter, culture, item));
                data[CardActions.PeriodKey(item.Kpi.Id)] = item.Period.ToString();
            }

            data[CardActions.Keys.Kpis] = string.Join(',', items.Select(i => i.Kpi.Id.ToString("N")));
        }

        blocks.Add(PromptFields.Actions(data));
        var names = string.Join(", ", items.Select(i => i.Kpi.Name));
        var errors = items.Select(i => (i.Kpi, Error: i.Error ?? i.EtaError ?? i.CommentError)).Where(e => e.Error is not null).ToList();
        var summary = errors.Count > 0
            ? $"Please check: {string.Join(" ", errors.Select(e => $"{e.Kpi.Name}: {e.Error}"))}"
            : $"Please report {names} for {string.Join(", ", items.Select(i => i.Period).Distinct().Select(p => ValueText.Period(p, culture)))}.";
        return new Message(blocks, summary) { Kind = Kind };
    }

    private static void AddNotice(List<Block> blocks, PromptItem item)
    {
        if (item.Notice is { } notice)
        {
            blocks.Add(Paragraph.Of(notice, TextTone.Warning));
        }
    }

    private static FactList Facts(OrganizationSnapshot snapshot, PromptItem item, CultureInfo culture)
    {
        var facts = new List<Fact>();
        var target = item.Kpi.Targets.FirstOrDefault(t => t.Period == item.Period);
        facts.Add(new Fact("Target", target is null ? "not set" : Scoring.StatusLineText.Target(target, item.Kpi, snapshot.Locale.Formatter)));
        var last = item.Kpi.Actuals.Where(a => a.Period < item.Period && a.Period.Kind == item.Period.Kind)
            .OrderByDescending(a => a.Period).Take(3).ToList();
        facts.Add(new Fact("Last 3", last.Count == 0 ? "none yet" : string.Join(" · ", last.Select(a => $"{ValueText.Period(a.Period, culture)} {Readings.Format(snapshot, a.Value, item.Kpi)}"))));
        if (snapshot.ObjectiveOf(item.Kpi) is { } objective)
        {
            facts.Add(new Fact("Objective", objective.Name));
        }

        return new FactList(facts);
    }
}
