using ScorecardBot.Core.Conversation.Answers;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Scoring;

namespace ScorecardBot.Core.Conversation.Submission;

/// <summary>
/// The card a scorecard manager gets when a value waits for approval: what was reported, by whom,
/// against which target, and Approve / Reject (with the reason, which goes back to the reporter).
/// </summary>
public static class ApprovalCards
{
    public const string Kind = "approval";

    /// <summary>Who approves values of a scorecard: its manager, else an admin or scorecard manager.</summary>
    public static Person? Approver(OrganizationSnapshot snapshot, Scorecard scorecard) =>
        ScorecardPermissions.WhomToAsk(scorecard, snapshot.People);

    public static Message For(OrganizationSnapshot snapshot, Kpi kpi, Actual pending, Person? reporter, string? typedReason = null, string? reasonError = null)
    {
        var culture = snapshot.Locale.Culture;
        var period = ValueText.Period(pending.Period, culture);
        var shown = pending.Value is null ? "no data" : Readings.Format(snapshot, pending.Value, kpi);
        // A value a system sent through the API names the key (SubmittedByName), not a person.
        var who = reporter?.Name ?? pending.SubmittedByName ?? "Someone";
        var facts = new List<Fact> { new("Value", pending.CarriedForward ? $"{shown} (no change, carried forward)" : shown) };
        if (kpi.Targets.FirstOrDefault(t => t.Period == pending.Period) is { } target && pending.Value is not null)
        {
            facts.Add(new Fact("Target", StatusLineText.Target(target, kpi, snapshot.Locale.Formatter)));
            facts.Add(new Fact("Status", ValueText.Status(StatusRules.Assess(pending.Value, target, kpi.Direction).Status)));
        }

        if (pending.Value is null && pending.NoDataReason is { } reason)
        {
            facts.Add(new Fact("Reason", reason));
        }

        if (!string.IsNullOrWhiteSpace(pending.Comment))
        {
            facts.Add(new Fact("Comment", pending.Comment));
        }

        var data = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [CardActions.Keys.Kpi] = kpi.Id.ToString("N"),
            [CardActions.Keys.Period] = pending.Period.ToString(),
            [CardActions.Keys.Version] = pending.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return new Message(
            [
                new Heading($"Approve {kpi.Name}, {period}?"),
                Paragraph.Of($"{who} reported {shown} for {period}. It counts in the scorecard once you approve it."),
                new FactList(facts),
                new TextInput(CardActions.Keys.Reason, "Reason, if you reject it") { Multiline = true, MaxLength = 1000, Value = typedReason, Error = reasonError },
                new ActionBar(
                [
                    new MessageAction(CardActions.ApproveActual, "Approve") { Data = data, Style = ActionStyle.Primary },
                    new MessageAction(CardActions.RejectActual, "Reject") { Data = data, Style = ActionStyle.Danger, SubmitsInputs = true },
                ]),
            ],
            $"{who} reported {shown} for {kpi.Name}, {period}: approve or reject it.")
        { Kind = Kind };
    }
}
