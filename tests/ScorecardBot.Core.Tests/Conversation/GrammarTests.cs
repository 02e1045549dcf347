using ScorecardBot.Core.Conversation.Grammar;

namespace ScorecardBot.Core.Tests.Conversation;

/// <summary>Every command, every period form and every rejection of the command grammar; "now" is 10 Nov 2026, fiscal year = calendar year.</summary>
public sealed class GrammarTests
{
    private static readonly Lazy<GrammarContext> Context = new(() =>
    {
        var sample = new SampleOrganization();
        var snapshot = sample.Store.GetAsync(sample.Organization.Id, CancellationToken.None).AsTask().GetAwaiter().GetResult()!;
        return new GrammarContext(snapshot, SampleOrganization.Now);
    });

    [Theory]
    [InlineData("help", "help")]
    [InlineData("help actual", "help actual")]
    [InlineData("status", "status")]
    [InlineData("status customer", "status customer")]
    [InlineData("status of the customer perspective", "status of the customer perspective")]
    [InlineData("status OTD last month", "status OTD 2026-10")]
    [InlineData("my", "my")]
    [InlineData("my kpis", "my")]
    [InlineData("assign OTD @Ben", "assign OTD Name:Ben")]
    [InlineData("assign OTD @Ben Okafor", "assign OTD Name:Ben Okafor")]
    [InlineData("assign \"On-time delivery\" ben.okafor@acme.example", "assign On-time delivery Email:ben.okafor@acme.example")]
    [InlineData("assign on time delivery <@U0BEN|ben>", "assign on time delivery SlackUser:U0BEN")]
    [InlineData("assign otd <@U0BEN>", "assign otd SlackUser:U0BEN")]
    [InlineData("assign otd <at>Ben Okafor</at>", "assign otd TeamsMention:Ben Okafor")]
    [InlineData("assign otd <mailto:ben.okafor@acme.example|ben.okafor@acme.example>", "assign otd Email:ben.okafor@acme.example")]
    [InlineData("delegate nps @Chen", "delegate nps Name:Chen")]
    [InlineData("target OTD Q3 95%", "target OTD FY2026-Q3 95%")]
    [InlineData("target OTD 2026-12 95", "target OTD 2026-12 95")]
    [InlineData("target on time delivery this quarter 96.5 %", "target on time delivery FY2026-Q4 96.5%")]
    [InlineData("target \"Cost per mile\" Dec 2026 2.05", "target Cost per mile 2026-12 2.05")]
    [InlineData("target retention 92% for 2027", "target retention FY2027 92%")]
    [InlineData("target OTD 95% for Q3 2027", "target OTD FY2027-Q3 95%")]
    [InlineData("target OTD 95 % Q1", "target OTD FY2026-Q1 95%")]
    [InlineData("target on time delivery 96.5% for this quarter", "target on time delivery FY2026-Q4 96.5%")]
    [InlineData("target Top 10 share 40% for FY2027", "target Top 10 share FY2027 40%")]
    [InlineData("actual OTD 94.5", "actual OTD - 94.5")]
    [InlineData("actual OTD last month 94.5% two late trucks", "actual OTD 2026-10 94.5% | two late trucks")]
    [InlineData("actual on time delivery Oct 94.5", "actual on time delivery 2026-10 94.5")]
    [InlineData("actual \"On-time delivery\" 2026-09 93 \"re-counted\"", "actual On-time delivery 2026-09 93 | re-counted")]
    [InlineData("actual cost per mile 2.05 fuel prices up", "actual cost per mile - 2.05 | fuel prices up")]
    [InlineData("actual revenue per shipment 1.2k", "actual revenue per shipment - 1.2k")]
    [InlineData("actual OTD n/a", "actual OTD - n/a")]
    [InlineData("nodata NPS Oct survey postponed", "nodata NPS 2026-10 | survey postponed")]
    [InlineData("nodata net promoter score survey postponed", "nodata net promoter score - | survey postponed")]
    [InlineData("no data NPS last month survey postponed", "nodata NPS 2026-10 | survey postponed")]
    [InlineData("nodata \"Empty miles\" telematics outage", "nodata Empty miles - | telematics outage")]
    [InlineData("remind", "remind")]
    [InlineData("remind logistics", "remind logistics")]
    [InlineData("digest", "digest")]
    [InlineData("digest manufacturing", "digest manufacturing")]
    [InlineData("agenda logistics", "agenda logistics")]
    [InlineData("map", "map")]
    [InlineData("lint manufacturing", "lint manufacturing")]
    [InlineData("action add \"Fix the dock schedule\" @Ben due 2026-12-15", "action add Fix the dock schedule Name:Ben 2026-12-15")]
    [InlineData("action add Fix the dock schedule @Ben due friday", "action add Fix the dock schedule Name:Ben 2026-11-13")]
    [InlineData("action add \"Renegotiate carriers\" eva.lind@acme.example due 15 Dec", "action add Renegotiate carriers Email:eva.lind@acme.example 2026-12-15")]
    [InlineData("action add \"Call the supplier\" @Chen Wei due in 2 weeks", "action add Call the supplier Name:Chen Wei 2026-11-24")]
    [InlineData("action done 12", "action done 12")]
    [InlineData("action done #12", "action done 12")]
    [InlineData("window open", "window open")]
    [InlineData("window close logistics", "window close logistics")]
    [InlineData("apikey create \"SAP monthly close\" scope write", "apikey create SAP monthly close Write")]
    [InlineData("apikey create \"Power BI\"", "apikey create Power BI Read")]
    [InlineData("apikey create Power BI scope read", "apikey create Power BI Read")]
    [InlineData("apikey create \"Controller restatement\" scope manage", "apikey create Controller restatement Manage")]
    [InlineData("apikey new \"Survey tool\" scope WRITE", "apikey create Survey tool Write")]
    [InlineData("apikey list", "apikey list")]
    [InlineData("apikey ls", "apikey list")]
    [InlineData("apikey revoke k7f3a9", "apikey revoke k7f3a9")]
    [InlineData("apikey delete k7f3a9", "apikey revoke k7f3a9")]
    [InlineData("who owns OTD", "who owns OTD")]
    [InlineData("who owns \"on-time delivery\"?", "who owns on-time delivery")]
    public void Command_IsReadAsExpected(string text, string expected)
    {
        var request = CommandGrammar.Parse(text, Context.Value);

        Assert.Equal(expected, Describe(request));
    }

    [Theory]
    [InlineData("2026-10", "2026-10")]
    [InlineData("Oct", "2026-10")]
    [InlineData("October", "2026-10")]
    [InlineData("oct 2025", "2025-10")]
    [InlineData("Dec", "2025-12")]
    [InlineData("last month", "2026-10")]
    [InlineData("this month", "2026-11")]
    [InlineData("Q3", "FY2026-Q3")]
    [InlineData("q1 2027", "FY2027-Q1")]
    [InlineData("FY2026-Q2", "FY2026-Q2")]
    [InlineData("this quarter", "FY2026-Q4")]
    [InlineData("last quarter", "FY2026-Q3")]
    [InlineData("this year", "FY2026")]
    [InlineData("last year", "FY2025")]
    public void PeriodForm_IsReadRelativeToToday(string text, string expected)
    {
        var request = CommandGrammar.Parse($"actual OTD {text} 94", Context.Value);

        Assert.Equal(expected, Assert.IsType<ActualRequest>(request).Period.ToString());
        Assert.Equal("OTD", ((ActualRequest)request!).KpiText);
    }

    [Theory]
    [InlineData("assign", "assign", "Name the KPI and the person.")]
    [InlineData("assign OTD", "assign", "Name the person with @name or an e-mail address.")]
    [InlineData("assign @Ben", "assign", "Name the KPI before the person.")]
    [InlineData("assign OTD ben.okafor@acme.example now", "assign", "I did not understand \"now\" after the person.")]
    [InlineData("delegate OTD", "delegate", "Name the person with @name or an e-mail address.")]
    [InlineData("target", "target", "Name the KPI, the period and the value.")]
    [InlineData("target OTD Q3", "target", "End with the target value.")]
    [InlineData("target OTD 95", "target", "Say which period the target is for (2026-10, Oct, Q3, this quarter).")]
    [InlineData("target Q3 95", "target", "Name the KPI.")]
    [InlineData("target OTD 95% for 3000", "target", "Say which period the target is for (2026-10, Oct, Q3, this quarter).")]
    [InlineData("actual", "actual", "Name the KPI and the value.")]
    [InlineData("actual OTD", "actual", "I could not find the value.")]
    [InlineData("actual OTD last month", "actual", "I could not find the value.")]
    [InlineData("actual \"On-time delivery\" last month abc late trucks", "actual", "\"abc\" is not a number. Type a value like 1,234.5, 1.2k, 95% or n/a.")]
    [InlineData("actual \"On-time delivery\" abc", "actual", "\"abc\" is not a number. Type a value like 1,234.5, 1.2k, 95% or n/a.")]
    [InlineData("actual \"On-time delivery\" last month", "actual", "I could not find the value.")]
    [InlineData("nodata", "nodata", "Name the KPI and say why there is no data.")]
    [InlineData("nodata NPS", "nodata", "Say why there is no data.")]
    [InlineData("action", "action", "Say add or done.")]
    [InlineData("action remove 3", "action", "Say add or done.")]
    [InlineData("action done", "action", "Give the number of the action, e.g. action done 12.")]
    [InlineData("action done twelve", "action", "Give the number of the action, e.g. action done 12.")]
    [InlineData("action add", "action", "Say what is to be done, in quotes.")]
    [InlineData("action add \"Fix it\"", "action", "Name the owner with @name or an e-mail address.")]
    [InlineData("action add \"Fix it\" @Ben", "action", "Give a due date after the owner: due 2026-12-15.")]
    [InlineData("action add \"Fix it\" @Ben due", "action", "Give a due date after the owner: due 2026-12-15.")]
    [InlineData("action add \"Fix it\" @Ben due someday", "action", "\"someday\" is not a date I know: use 2026-12-15, 15 Dec, friday or in 2 weeks.")]
    [InlineData("action add \"Fix it\" @Ben due 2026-01-05", "action", "The due date 2026-01-05 is in the past.")]
    [InlineData("window", "window", "Say open or close.")]
    [InlineData("window shut", "window", "Say open or close.")]
    [InlineData("who owns", "who", "Name the KPI.")]
    [InlineData("apikey", "apikey", "Say create, list or revoke.")]
    [InlineData("apikey rotate k7f3a9", "apikey", "Say create, list or revoke.")]
    [InlineData("apikey create", "apikey", "Name the key in quotes, after what uses it.")]
    [InlineData("apikey create \"SAP\" scope admin", "apikey", "\"admin\" is not a scope: say scope read, scope write or scope manage.")]
    [InlineData("apikey create \"SAP\" for finance", "apikey", "I did not understand \"for finance\" after the name: say scope read, scope write or scope manage.")]
    [InlineData("apikey list all", "apikey", "apikey list takes nothing after it.")]
    [InlineData("apikey revoke", "apikey", "Give the id of the key to revoke, as apikey list shows it.")]
    public void MalformedCommand_IsRejectedWithItsProblem(string text, string command, string problem)
    {
        var usage = Assert.IsType<UsageRequest>(CommandGrammar.Parse(text, Context.Value));

        Assert.Equal((command, problem), (usage.Command, usage.Problem));
    }

    [Theory]
    [InlineData("asign OTD @Ben", "assign", "asign")]
    [InlineData("stauts customer", "status", "stauts")]
    [InlineData("remnd logistics", "remind", "remnd")]
    [InlineData("digset", "digest", "digset")]
    [InlineData("actaul otd 94", "actual", "actaul")]
    [InlineData("taget otd q3 95", "target", "taget")]
    [InlineData("delgate nps @Chen", "delegate", "delgate")]
    [InlineData("agneda", "agenda", "agneda")]
    [InlineData("windw open", "window", "windw")]
    [InlineData("nodta nps no survey", "nodata", "nodta")]
    public void MistypedCommandWord_GetsTheNearestCommandsUsage(string text, string command, string word)
    {
        var usage = Assert.IsType<UsageRequest>(TurnReader.Read(text, Context.Value));

        Assert.Equal((command, $"I don't know \"{word}\"."), (usage.Command, usage.Problem));
    }

    [Theory]
    [InlineData("otd?")]
    [InlineData("mpg")]
    [InlineData("how is scrap")]
    public void KpiWordsCloseToACommand_AreQuestionsNotTypos(string text) =>
        Assert.IsType<QuestionRequest>(TurnReader.Read(text, Context.Value));

    private static string Describe(Request? request) => request switch
    {
        HelpRequest h => h.Command is null ? "help" : $"help {h.Command}",
        StatusRequest s => string.Join(' ', new[] { "status", s.SubjectText, s.Period?.ToString() }.Where(x => x is not null)),
        MyRequest => "my",
        AssignRequest a => $"assign {a.KpiText} {a.Person.Kind}:{a.Person.Value}",
        DelegateRequest d => $"delegate {d.KpiText} {d.Person.Kind}:{d.Person.Value}",
        TargetRequest t => $"target {t.KpiText} {t.Period} {t.ValueText}",
        ActualRequest a => $"actual {a.KpiText} {a.Period?.ToString() ?? "-"} {a.ValueText}" + (a.Comment is null ? string.Empty : $" | {a.Comment}"),
        NoDataRequest n => $"nodata {n.KpiText} {n.Period?.ToString() ?? "-"} | {n.Reason}",
        ReviewRequest r => r.ScorecardText is null ? r.Work.ToString().ToLowerInvariant() : $"{r.Work.ToString().ToLowerInvariant()} {r.ScorecardText}",
        ActionAddRequest a => $"action add {a.Text} {a.Owner.Kind}:{a.Owner.Value} {a.Due:yyyy-MM-dd}",
        ActionDoneRequest d => $"action done {d.Number}",
        WindowRequest w => (w.Open ? "window open" : "window close") + (w.ScorecardText is null ? string.Empty : $" {w.ScorecardText}"),
        WhoOwnsRequest w => $"who owns {w.KpiText}",
        ApiKeyCreateRequest k => $"apikey create {k.Name} {k.Scope}",
        ApiKeyListRequest => "apikey list",
        ApiKeyRevokeRequest k => $"apikey revoke {k.Id}",
        UsageRequest u => $"usage {u.Command}: {u.Problem}",
        null => "not a command",
        _ => request.GetType().Name,
    };
}
