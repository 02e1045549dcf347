using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Teams.Tests.Cards;

/// <summary>Messages shaped like the ones the engine sends: prompts, confirmations, status, digests, help.</summary>
internal static class SampleMessages
{
    private static readonly Guid RetentionId = Guid.Parse("7e1c0a52-3b4d-4e6f-8a9b-0c1d2e3f4a5b");

    public static Mention Ana => new(Guid.Parse("a1a1a1a1-0000-4000-8000-000000000001"), "Ana Lima", TeamsUserId: "29:1ana");

    public static Message Prompt() => new(
        [
            new Heading("Customer retention — October 2026"),
            new Paragraph([new Run("Hi "), Ana, new Run(", please report the "), new Run("actual", Bold: true), new Run(" for this KPI.")]),
            new FactList([new Fact("Target", "92 %"), new Fact("Last month", "90.4 %"), new Fact("Due", "Fri 6 Nov")]),
            new NumberInput("actual", "Actual (%)") { IsRequired = true, Placeholder = "e.g. 91.5" },
            new TextInput("comment", "Comment") { Multiline = true, MaxLength = 500, Placeholder = "What drove the number?" },
            new ActionBar(
            [
                new MessageAction("submit-actual", "Submit") { SubmitsInputs = true, Style = ActionStyle.Primary, Data = new Dictionary<string, string> { ["kpi"] = RetentionId.ToString(), ["period"] = "2026-10" } },
                new MessageAction("delegate", "Delegate…") { Data = new Dictionary<string, string> { ["kpi"] = RetentionId.ToString() } },
            ]),
        ],
        "Please report October's actual for Customer retention")
    { Kind = "prompt" };

    public static Message Recorded() => new(
        [
            new Heading("Recorded: Customer retention — October 2026"),
            new FactList([new Fact("Actual", "91.5 %"), new Fact("Target", "92 %"), new Fact("Status", "Amber"), new Fact("Comment", "Two large accounts churned")]),
            new Note("Recorded by Ana Lima · 3 Nov 2026 09:14"),
            new ActionBar([new MessageAction("edit-actual", "Change") { Data = new Dictionary<string, string> { ["kpi"] = RetentionId.ToString() } }]),
        ],
        "Recorded 91.5 % for Customer retention")
    { Kind = "recorded", ReplacesSource = true };

    public static Message PromptWithError() => new(
        [
            new Heading("Customer retention — October 2026"),
            new NumberInput("actual", "Actual (%)") { IsRequired = true, Value = "ninety", Error = "\"ninety\" is not a number I can read. Try 91.5 or 91.5 %." },
            new TextInput("comment", "Comment") { Multiline = true, Value = "Two large accounts churned" },
            new ActionBar([new MessageAction("submit-actual", "Submit") { SubmitsInputs = true, Style = ActionStyle.Primary }]),
        ],
        "That value could not be read")
    { Kind = "prompt", ReplacesSource = true };

    public static Message KpiStatus() => new(
        [
            new Heading("Customer retention"),
            new Paragraph([new Run("October: "), new Run("91.5 %", Bold: true), new Run(" against a target of 92 % — "), new Run("amber", Italic: true), new Run(", improving.")], TextTone.Warning),
            new KpiTable([new KpiRow(RetentionId, "Customer retention", "91.5 %", "92 %", Status.Amber, TrendDirection.Improving, "Ana Lima", "3 of 4 months below target")]),
            new Image("Customer retention, last 12 months", Url: "https://scorecard.contoso.com/charts/7e1c0a52.png"),
            new ActionBar([new MessageAction("open", "Open scorecard") { Url = "https://scorecard.contoso.com/s/sales" }]),
        ],
        "Customer retention is amber: 91.5 % against 92 %");

    public static Message Digest(int rows = 6) => new(
        [
            new Heading("Sales scorecard — October 2026 digest"),
            new Paragraph([new Run("4 green, 1 amber, 1 red; "), new Link("open the scorecard", "https://scorecard.contoso.com/s/sales"), new Run(".")]),
            new Divider(),
            new KpiTable([.. Enumerable.Range(0, rows).Select(Row)], "Financial"),
            new Divider(),
            new Paragraph([new Run("Missing actuals: "), Ana, new Run(" (Net promoter score)")], TextTone.Attention),
            new Note("Next review: Tue 10 Nov, 10:00"),
        ],
        "October digest: 4 green, 1 amber, 1 red")
    { Kind = "digest" };

    private static KpiRow Row(int i) => new(
        Guid.Parse($"00000000-0000-4000-8000-{i:D12}"),
        $"KPI {i + 1} — " + (i % 3 == 0 ? "Revenue growth" : i % 3 == 1 ? "Gross margin" : "Net promoter score"),
        (90 + (i % 7)).ToString(System.Globalization.CultureInfo.InvariantCulture) + " %",
        i % 5 == 4 ? null : "95 %",
        (Status)(i % 4),
        (TrendDirection)(i % 4),
        Owner: i % 2 == 0 ? "Ana Lima" : null);

    public static Message Help() => new(
        [
            new Heading("What I can do"),
            new FactList(
            [
                new Fact("status", "how the scorecard is doing"),
                new Fact("my kpis", "the KPIs you own and what's due"),
                new Fact("actual <kpi> <value>", "report an actual, e.g. \"actual retention 91.5%\""),
                new Fact("assign <kpi> to @person", "make someone the owner"),
                new Fact("digest", "post this month's status digest"),
            ]),
            new Note("Managers can also use target, agenda, map and lint."),
        ],
        "Help: status, my kpis, actual, assign, digest")
    { Kind = "help" };
}
