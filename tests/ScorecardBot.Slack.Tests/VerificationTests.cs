using System.Net;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using ScorecardBot.Slack.Tests.Infrastructure;
using ScorecardBot.Slack.Verification;

namespace ScorecardBot.Slack.Tests;

public sealed class VerificationTests : IAsyncLifetime
{
    // The official test vector from python-slack-sdk's signature tests.
    private const long VectorTimestamp = 1531420618;
    private const string VectorBody = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    private const string VectorSignature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(VectorTimestamp));
    private SlackTestHost _host = null!;

    public async Task InitializeAsync() => _host = await SlackTestHost.StartAsync(time: _time);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static HttpRequestMessage Raw(string body, string? timestamp, string? signature, string path = "/slack/commands")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded") };
        if (timestamp is not null)
        {
            request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        }

        if (signature is not null)
        {
            request.Headers.Add("X-Slack-Signature", signature);
        }

        return request;
    }

    [Fact]
    public void Compute_OfficialTestVector_GivesSlacksSignature() =>
        Assert.Equal(VectorSignature, SlackSignature.Compute(SlackTestHost.Secret, "1531420618", Encoding.UTF8.GetBytes(VectorBody)));

    [Fact]
    public async Task OfficialTestVector_IsAcceptedEndToEnd_AndReachesTheHandler()
    {
        var response = await _host.Client.SendAsync(Raw(VectorBody, "1531420618", VectorSignature));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The vector's user is not a known person, so the turn stops at identity; the answer says so.
        var answer = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Contains("can't find you", answer["text"]!.GetValue<string>());
    }

    public static TheoryData<string, string, string?> Rejected => new()
    {
        { "tampered body", VectorBody.Replace("roadrunner", "coyote"), VectorSignature },
        { "wrong secret", VectorBody, SlackTestHost.Sign(VectorBody, VectorTimestamp, "another-secret") },
        { "missing timestamp", VectorBody, null },
        { "upper-case hex", VectorBody, VectorSignature.ToUpperInvariant() },
        { "truncated signature", VectorBody, VectorSignature[..^2] },
        { "v1 scheme", VectorBody, "v1=" + VectorSignature[3..] },
    };

    [Theory]
    [MemberData(nameof(Rejected))]
    public async Task BadSignature_Is401_AndHandlerNeverCalled(string why, string body, string? signature)
    {
        var timestamp = why == "missing timestamp" ? null : "1531420618";
        var response = await _host.Client.SendAsync(Raw(body, timestamp, signature));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        Assert.Empty(_host.Handler.Turns);
    }

    [Fact]
    public async Task MissingSignatureHeader_Is401()
    {
        var response = await _host.Client.SendAsync(Raw(VectorBody, "1531420618", null));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    [InlineData(-86_400)]
    [InlineData(86_400)]
    public async Task TimestampMoreThan300SecondsOff_EitherWay_Is401(int offset)
    {
        var body = SlackTestHost.Form(("team_id", "T1"), ("user_id", "U1"), ("command", "/scorecard"), ("text", "help"));
        var response = await _host.PostFormAsync("/slack/commands", body, _host.Now + offset);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_host.Handler.Turns);
    }

    [Theory]
    [InlineData(-300)]
    [InlineData(300)]
    public async Task TimestampExactly300SecondsOff_IsAccepted(int offset)
    {
        var body = SlackTestHost.Form(("team_id", "T1"), ("user_id", "U1"), ("command", "/scorecard"), ("text", "help"));
        var response = await _host.PostFormAsync("/slack/commands", body, _host.Now + offset);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(_host.Handler.Turns);
    }

    [Fact]
    public async Task ReplayedRequest_Is401_AndTheTurnRunsOnce()
    {
        var body = SlackTestHost.Form(("team_id", "T1"), ("user_id", "U1"), ("command", "/scorecard"), ("text", "help"));
        var ts = _host.Now;

        var first = await _host.PostFormAsync("/slack/commands", body, ts);
        var replay = await _host.PostFormAsync("/slack/commands", body, ts);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        Assert.Single(_host.Handler.Turns);
    }

    [Fact]
    public async Task ReplayedCommand_WithRetryHeader_IsStillRejected()
    {
        var body = SlackTestHost.Form(("team_id", "T1"), ("user_id", "U1"), ("command", "/scorecard"), ("text", "help"));
        var ts = _host.Now;
        await _host.PostFormAsync("/slack/commands", body, ts);

        var replay = await _host.PostSignedAsync("/slack/commands", body, "application/x-www-form-urlencoded", ts, tweak: r => r.Headers.Add("X-Slack-Retry-Num", "1"));

        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        Assert.Single(_host.Handler.Turns);
    }

    [Fact]
    public async Task RetriedEvent_IsAnswered200_AndProcessedOnce()
    {
        var body = """{"type":"event_callback","team_id":"T1","event_id":"Ev1","event":{"type":"message","channel_type":"im","user":"U1","text":"status","channel":"D1","ts":"1.1"}}""";
        var ts = _host.Now;

        var first = await _host.PostJsonAsync("/slack/events", body, ts);
        var sameSignatureRetry = await _host.PostSignedAsync("/slack/events", body, "application/json", ts, tweak: r =>
        {
            r.Headers.Add("X-Slack-Retry-Num", "1");
            r.Headers.Add("X-Slack-Retry-Reason", "http_timeout");
        });
        var resignedRetry = await _host.PostSignedAsync("/slack/events", body, "application/json", ts + 60, tweak: r => r.Headers.Add("X-Slack-Retry-Num", "2"));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, sameSignatureRetry.StatusCode);
        Assert.Equal(HttpStatusCode.OK, resignedRetry.StatusCode);
        await _host.Handler.WaitForTurnAsync();
        await Task.Delay(200);
        Assert.Single(_host.Handler.Turns);
    }

    [Fact]
    public async Task ReplayedEvent_WithoutRetryHeader_Is401()
    {
        var body = """{"type":"event_callback","team_id":"T1","event_id":"Ev2","event":{"type":"message","channel_type":"im","user":"U1","text":"x","channel":"D1","ts":"1.1"}}""";
        var ts = _host.Now;
        await _host.PostJsonAsync("/slack/events", body, ts);

        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.PostJsonAsync("/slack/events", body, ts)).StatusCode);
    }

    [Fact]
    public async Task OversizedBody_Is413_WithoutReadingIt()
    {
        var body = "text=" + new string('a', 70 * 1024);
        var response = await _host.PostFormAsync("/slack/commands", body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(_host.Handler.Turns);
    }

    private sealed class ChunkedContent(byte[] bytes) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            for (var i = 0; i < bytes.Length; i += 1000)
            {
                await stream.WriteAsync(bytes.AsMemory(i, Math.Min(1000, bytes.Length - i)));
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false; // no Content-Length: sent chunked
        }
    }

    [Theory]
    [InlineData(100, HttpStatusCode.OK)]
    [InlineData(5_000, HttpStatusCode.OK)]
    [InlineData(70_000, HttpStatusCode.RequestEntityTooLarge)]
    public async Task ChunkedBody_IsVerified_AndStillLimitedInSize(int padding, HttpStatusCode expected)
    {
        var body = SlackTestHost.Form(("team_id", "T1"), ("user_id", "U1"), ("command", "/scorecard"), ("text", "help"), ("pad", new string('p', padding)));
        var request = new HttpRequestMessage(HttpMethod.Post, "/slack/commands") { Content = new ChunkedContent(Encoding.UTF8.GetBytes(body)) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-www-form-urlencoded");
        request.Headers.Add("X-Slack-Request-Timestamp", _host.Now.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("X-Slack-Signature", SlackTestHost.Sign(body, _host.Now));

        var response = await _host.Client.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(expected == HttpStatusCode.OK ? 1 : 0, _host.Handler.Turns.Count);
    }

    [Fact]
    public async Task Rejections_NeverLogTheSecretOrTheSignature()
    {
        await _host.Client.SendAsync(Raw(VectorBody.Replace("roadrunner", "x"), "1531420618", VectorSignature));

        var log = string.Join('\n', _host.Logs.Lines);
        Assert.Contains("signature mismatch", log);
        Assert.DoesNotContain(SlackTestHost.Secret, log);
        Assert.DoesNotContain(VectorSignature[3..20], log);
    }
}

public sealed class SecretRotationTests
{
    [Theory]
    [InlineData("Slack:PreviousSigningSecret")]
    [InlineData("Slack:SigningSecrets:0")]
    public async Task OldSecret_IsStillAccepted_DuringRotation(string key)
    {
        await using var host = await SlackTestHost.StartAsync(settings: new() { ["Slack:SigningSecret"] = "new-secret", [key] = "old-secret" });
        var body = SlackTestHost.Form(("team_id", "T1"), ("user_id", "U1"), ("command", "/scorecard"), ("text", "help"));

        var withOld = await host.PostSignedAsync("/slack/commands", body, "application/x-www-form-urlencoded", secret: "old-secret");
        var withNew = await host.PostSignedAsync("/slack/commands", body + "&x=1", "application/x-www-form-urlencoded", secret: "new-secret");
        var withOther = await host.PostSignedAsync("/slack/commands", body + "&x=2", "application/x-www-form-urlencoded", secret: "other");

        Assert.Equal(HttpStatusCode.OK, withOld.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withNew.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withOther.StatusCode);
    }

    [Fact]
    public async Task NoSigningSecret_EndpointsAreNotMapped_AndStartupSaysWhy()
    {
        await using var host = await SlackTestHost.StartAsync(settings: new() { ["Slack:SigningSecret"] = "" });

        Assert.False(host.Mapped);
        Assert.Contains(host.Logs.Lines, l => l.Contains("Slack endpoints not mapped", StringComparison.Ordinal));
        var response = await host.PostFormAsync("/slack/commands", SlackTestHost.Form(("team_id", "T1"), ("user_id", "U1"), ("command", "/scorecard")));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(host.Handler.Turns);
    }
}

public sealed class ReplayCacheTests
{
    [Fact]
    public void Signatures_AreForgottenOnceOutsideTheWindow_SoMemoryStaysBounded()
    {
        var cache = new ReplayCache(300);
        var mac = new byte[32];
        for (var i = 0; i < 1000; i++)
        {
            BitConverter.TryWriteBytes(mac, i);
            Assert.True(cache.TryRecord(1_000_000, mac, 1_000_000));
        }

        Assert.False(cache.TryRecord(1_000_000, mac, 1_000_000));
        Assert.Equal(1000, cache.Count);

        BitConverter.TryWriteBytes(mac, -1);
        cache.TryRecord(1_000_700, mac, 1_000_700);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void FullCache_RefusesRatherThanForgets()
    {
        var cache = new ReplayCache(300, capacity: 2);
        var mac = new byte[32];
        Assert.True(cache.TryRecord(10, mac, 10));
        mac[0] = 1;
        Assert.True(cache.TryRecord(10, mac, 10));
        mac[0] = 2;
        Assert.False(cache.TryRecord(10, mac, 10));
    }
}
