using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Slack.Rendering;
using ScorecardBot.Slack.Verification;

namespace ScorecardBot.Benchmarks.Slack;

/// <summary>
/// The per-request work of a signed Slack request, without HTTP: signature check (two secrets, as
/// during rotation), replay-cache insert, and rendering a short answer. The end-to-end load test
/// against Bolt is bench/slack/run.sh.
/// </summary>
[MemoryDiagnoser]
public class SlackHotPathBenchmarks
{
    private byte[][] _secrets = null!;
    private byte[] _baseString = null!;
    private byte[] _mac = null!;
    private ReplayCache _replays = null!;
    private long _n;
    private readonly Message _help = new([Paragraph.Of("*/scorecard* my kpis · actual <kpi> <value> · digest · agenda")], "help");

    [GlobalSetup]
    public void Setup()
    {
        _secrets = [Encoding.UTF8.GetBytes("new-signing-secret"), Encoding.UTF8.GetBytes("old-signing-secret")];
        var body = "token=x&team_id=T1&team_domain=acme&channel_id=D1&channel_name=directmessage&user_id=U1&user_name=ana"
            + "&command=%2Fscorecard&text=help&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1%2F1%2Fx&trigger_id=1.2.3";
        _baseString = Encoding.ASCII.GetBytes("v0:1700000000:" + body);
        _mac = HMACSHA256.HashData(_secrets[0], _baseString);
        _replays = new ReplayCache(300);
    }

    [Benchmark]
    public bool VerifySignature() => SlackSignature.Matches(_secrets, _baseString, _mac);

    [Benchmark]
    public bool RecordInReplayCache()
    {
        Span<byte> mac = stackalloc byte[32];
        BitConverter.TryWriteBytes(mac, ++_n);
        mac[31] = (byte)_n;
        return _replays.TryRecord(1_700_000_000, mac, 1_700_000_000);
    }

    [Benchmark]
    public string RenderHelpAnswer() => BlockKitRenderer.Render(_help).ToJsonString();
}
