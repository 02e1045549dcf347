using System.Globalization;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;
using ScorecardBot.LocalChat;

namespace ScorecardBot.Tests.LocalChat.Fakes;

/// <summary>
/// Stands in for the conversation engine: records every turn and answers a few of the real
/// intents with realistic cards (help, status, my, a KPI question, submitting an actual).
/// </summary>
internal sealed class SampleConversation : ILocalTurnHandler
{
    public static readonly Guid RetentionId = Guid.Parse("11111111-1111-1111-1111-111111111111");
    private readonly List<Turn> _turns = [];

    public IReadOnlyList<Turn> Turns
    {
        get
        {
            lock (_turns)
            {
                return [.. _turns];
            }
        }
    }

    public Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        lock (_turns)
        {
            _turns.Add(turn);
        }

        var inChannel = turn.Conversation.Kind == ConversationKind.Channel;
        if (turn.Action is { } action)
        {
            return Task.FromResult(TurnResult.Of(Submit(action)));
        }

        var text = turn.Text!.Trim().ToLowerInvariant();
        TurnResult result = text switch
        {
            "help" when inChannel => new([new Reply(Help(), Audience.OnlyActor)]),
            "help" => TurnResult.Of(Help()),
            "status" => TurnResult.Of(Digest()),
            "my" => TurnResult.Of(Prompt(value: null, error: null)),
            _ when text.Contains("retention", StringComparison.Ordinal) => TurnResult.Of(Retention()),
            _ => TurnResult.Of(Message.Text($"I did not understand \"{turn.Text}\". Type help to see what I can do.", "unknown")),
        };
        return Task.FromResult(result);
    }

    public static Message Help() => new(
        [
            new Heading("What I can do"),
            new Paragraph([new Run("Ask me about any KPI in plain words, or use a command. "), new Run("Owners", Bold: true), new Run(" report actuals here each month.")]),
            new FactList([
                new Fact("my", "Your KPIs and what is due"),
                new Fact("status", "The scorecard at a glance"),
                new Fact("how is customer retention doing", "One KPI, its trend and owner"),
                new Fact("/scorecard assign", "Give a KPI an owner (managers)"),
            ]),
            new Note("Numbers are read in your organization's locale (en-US)."),
        ],
        "What I can do: my, status, questions about KPIs, /scorecard commands.")
    { Kind = "help" };

    public static Message Digest() => new(
        [
            new Heading("Company scorecard · October 2026"),
            new Paragraph([new Run("Status digest before the MBR on "), new Run("Tue 10 Nov", Bold: true), new Run(". "), new Mention(SampleDirectory.Ana.Id, "Ana Lima"), new Run(", one actual is still missing.")]),
            new KpiTable(
                [
                    new KpiRow(Guid.Parse("22222222-2222-2222-2222-222222222222"), "Revenue growth", "6.8 %", "6.0 %", Status.Green, TrendDirection.Improving, "Marco Rossi"),
                    new KpiRow(RetentionId, "Customer retention", "90.1 %", "92.0 %", Status.Amber, TrendDirection.Flat, "Ana Lima"),
                    new KpiRow(Guid.Parse("33333333-3333-3333-3333-333333333333"), "On-time delivery", "81 %", "95 %", Status.Red, TrendDirection.Worsening, "Vera Chen", "Carrier strike in week 3"),
                    new KpiRow(Guid.Parse("44444444-4444-4444-4444-444444444444"), "Employee engagement", "—", "75", Status.NoData, TrendDirection.Unknown, "Ana Lima"),
                ],
                "Financial and customer"),
            new Divider(),
            new Note("2 of 4 KPIs on target · 1 missing · posted automatically"),
        ],
        "Scorecard digest for October 2026: 1 green, 1 amber, 1 red, 1 without data.")
    { Kind = "digest" };

    public static Message Agenda() => new(
        [
            new Heading("MBR agenda · Tue 10 Nov, 10:00"),
            new Paragraph([new Run("Review the "), new Run("red and amber", Bold: true), new Run(" KPIs first; owners, bring one action each.")]),
            new FactList([
                new Fact("10:00", "On-time delivery (red, worsening) · Vera Chen"),
                new Fact("10:15", "Customer retention (amber, flat) · Ana Lima"),
                new Fact("10:30", "Open actions from September (2)"),
            ]),
            new ActionBar([new MessageAction("open-scorecard", "Open scorecard") { Url = "/scorecards/company" }]),
        ],
        "MBR agenda for Tue 10 Nov.")
    { Kind = "agenda" };

    public static Message Retention() => new(
        [
            new Heading("Customer retention"),
            new Paragraph([new Run("90.1 %", Bold: true), new Run(" in October against a target of 92 % — amber, flat since September.")]),
            new KpiTable([new KpiRow(RetentionId, "Customer retention", "90.1 %", "92.0 %", Status.Amber, TrendDirection.Flat, "Ana Lima")]),
            new Paragraph([new Run("Owner "), new Mention(SampleDirectory.Ana.Id, "Ana Lima"), new Run(" · "), new Link("open the scorecard", "/scorecards/company")], TextTone.Subtle),
        ],
        "Customer retention is 90.1 % against 92 % (amber, flat).")
    { Kind = "answer" };

    public static Message Prompt(string? value, string? error) => new(
        [
            new Heading("Customer retention · October 2026"),
            new Paragraph([new Run("Please report the actual for October. It is due on "), new Run("Thu 5 Nov", Bold: true), new Run(".")]),
            new FactList([new Fact("Target", "92.0 %"), new Fact("September", "90.1 %")]),
            new NumberInput("actual", "Actual for October") { IsRequired = true, Placeholder = "e.g. 91.4 %", Value = value, Error = error },
            new TextInput("comment", "Comment") { Multiline = true, MaxLength = 500, Placeholder = "What drove the number?" },
            new ActionBar([
                new MessageAction("submit-actual", "Submit")
                {
                    Style = ActionStyle.Primary,
                    SubmitsInputs = true,
                    Data = new Dictionary<string, string> { ["kpiId"] = RetentionId.ToString(), ["period"] = "2026-10" },
                },
                new MessageAction("snooze", "Remind me tomorrow") { Data = new Dictionary<string, string> { ["kpiId"] = RetentionId.ToString() } },
            ]),
        ],
        "Report the October actual for Customer retention.")
    { Kind = "prompt", ReplacesSource = error is not null };

    private static Message Submit(CardAction action)
    {
        if (action.ActionId == "snooze")
        {
            return Message.Text("OK, I will remind you tomorrow at 9:00.", "snoozed") with { ReplacesSource = true };
        }

        var typed = action.Get("actual") ?? "";
        var number = typed.Replace("%", "", StringComparison.Ordinal).Trim();
        if (!decimal.TryParse(number, NumberStyles.Number, CultureInfo.InvariantCulture, out var actual))
        {
            return Prompt(typed, typed.Length == 0
                ? "Type the actual, e.g. 91.4 %."
                : $"\"{typed}\" is not a number. Type it like 91.4 or 91.4 %.");
        }

        return new Message(
            [
                new Heading("Customer retention · October 2026"),
                new Paragraph([new Run("Recorded "), new Run(actual.ToString("0.0", CultureInfo.InvariantCulture) + " %", Bold: true), new Run(". Thank you!")], TextTone.Good),
                new FactList([new Fact("Comment", action.Get("comment") is { Length: > 0 } c ? c : "—")]),
            ],
            "Recorded the October actual for Customer retention.")
        { Kind = "recorded", ReplacesSource = true };
    }
}
