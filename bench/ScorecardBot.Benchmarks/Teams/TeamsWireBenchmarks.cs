using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;
using ScorecardBot.Teams;
using ScorecardBot.Teams.Activities;
using ScorecardBot.Teams.Cards;

namespace ScorecardBot.Benchmarks.Teams;

/// <summary>The per-message CPU work of the Teams channel: reading an activity and rendering a reply card.</summary>
[MemoryDiagnoser]
public class TeamsWireBenchmarks
{
    private static readonly byte[] ChannelMessage = Encoding.UTF8.GetBytes("""
        {"type":"message","id":"1571689431275","channelId":"msteams","serviceUrl":"https://smba.trafficmanager.net/amer/",
         "text":"<at>ScorecardBot</at> how is customer retention doing","textFormat":"plain","locale":"en-US",
         "from":{"id":"29:1kbOecyrymSn1FtrbJlQNF","name":"Ana Lima","aadObjectId":"6d415fdd-f97e-4f70-ac45-e69601e4ecb2"},
         "recipient":{"id":"28:cd59cf47-aca1-41e0-8441-387faee8331e","name":"ScorecardBot"},
         "conversation":{"isGroup":true,"conversationType":"channel","tenantId":"72f988bf-86f1-41af-91ab-2d7cd011db47","id":"19:6993d8cb4fc244c388b08a7b33172fe9@thread.skype;messageid=1571689431275"},
         "entities":[{"mentioned":{"id":"28:cd59cf47-aca1-41e0-8441-387faee8331e","name":"ScorecardBot"},"text":"<at>ScorecardBot</at>","type":"mention"},{"locale":"en-US","type":"clientInfo"}],
         "channelData":{"tenant":{"id":"72f988bf-86f1-41af-91ab-2d7cd011db47"},"team":{"id":"19:097e6717fd7245bdbeba6baa13840db8@thread.skype"}}}
        """);

    private static readonly Message StatusAnswer = new(
        [
            new Heading("Customer retention"),
            Paragraph.Of("October: 91.5 % against a target of 92 %, amber and improving.", TextTone.Warning),
            new KpiTable([new KpiRow(Guid.NewGuid(), "Customer retention", "91.5 %", "92 %", Status.Amber, TrendDirection.Improving, "Ana Lima")]),
        ],
        "Customer retention is amber");

    private static readonly Message Digest = new(
        [new Heading("October digest"), new KpiTable([.. Enumerable.Range(0, 40).Select(i => new KpiRow(Guid.NewGuid(), $"KPI {i}", "91 %", "95 %", (Status)(i % 4), (TrendDirection)(i % 4), "Ana Lima"))])],
        "October digest");

    [Benchmark]
    public string ReadChannelMessage()
    {
        var activity = JsonSerializer.Deserialize(ChannelMessage, TeamsJson.Context.Activity)!;
        return ActivityTranslator.CleanText(activity, out _);
    }

    [Benchmark]
    public string RenderStatusCard() => AdaptiveCardRenderer.Render(StatusAnswer);

    [Benchmark]
    public string RenderFortyRowDigest() => AdaptiveCardRenderer.Render(Digest);
}
