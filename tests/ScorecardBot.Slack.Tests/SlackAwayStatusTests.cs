using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Rhythm;
using ScorecardBot.Slack.Api;
using ScorecardBot.Slack.Tests.Infrastructure;

namespace ScorecardBot.Slack.Tests;

/// <summary>A Slack status of vacation as an absence: read with users.info from a fake Slack on loopback, and not read again for every rhythm run.</summary>
public sealed class SlackAwayStatusTests : IAsyncLifetime
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero));
    private readonly Organization _organization = new() { Name = "Contoso", SlackTeamId = "T1", AwayFromSlackStatus = true };
    private readonly Person _ana = new() { Name = "Ana", Email = "ana@example.com", Accounts = [new ChannelAccount { Platform = Platform.Slack, ExternalId = "U1" }] };
    private FakeSlackApi _slack = null!;
    private SlackTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackApi.StartAsync();
        _host = await SlackTestHost.StartAsync(_slack, _time);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _slack.DisposeAsync();
    }

    private void Status(string text, string emoji, DateTimeOffset? expires)
    {
        var profile = new System.Text.Json.Nodes.JsonObject
        {
            ["email"] = "ana@example.com",
            ["status_text"] = text,
            ["status_emoji"] = emoji,
            ["status_expiration"] = expires?.ToUnixTimeSeconds() ?? 0,
        };
        var user = new System.Text.Json.Nodes.JsonObject { ["id"] = "U1", ["team_id"] = "T1", ["is_bot"] = false, ["deleted"] = false, ["profile"] = profile };
        _slack.Enqueue("users.info", 200, new System.Text.Json.Nodes.JsonObject { ["ok"] = true, ["user"] = user }.ToJsonString());
    }

    private Task<DateOnly?> AwayUntilAsync() =>
        _host.Services.GetRequiredService<IPlatformAwayStatus>().AwayUntilAsync(_organization, _ana, new DateOnly(2026, 11, 2), Berlin, CancellationToken.None);

    [Fact]
    public async Task A_vacation_status_is_away_until_it_clears_and_is_asked_once_in_half_an_hour()
    {
        // "Clear after Friday": Slack sets the expiry to the end of that day.
        Status("Vacationing", ":palm_tree:", new DateTimeOffset(2026, 11, 6, 23, 59, 59, TimeSpan.FromHours(1)).AddSeconds(1));

        Assert.Equal(new DateOnly(2026, 11, 6), await AwayUntilAsync());
        _time.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(new DateOnly(2026, 11, 6), await AwayUntilAsync());
        Assert.Single(_slack.CallsTo("users.info"));

        _time.Advance(TimeSpan.FromMinutes(2));
        Status("Back at my desk", ":computer:", null);
        Assert.Null(await AwayUntilAsync());
        Assert.Equal(2, _slack.CallsTo("users.info").Count);
    }

    [Theory]
    [InlineData("Out of office until Monday", ":calendar:", true)]
    [InlineData("OOO", "", true)]
    [InlineData("On holiday, back 20 Nov", "", true)]
    [InlineData("Out sick", ":face_with_thermometer:", true)]
    [InlineData("In a meeting", ":spiral_calendar_pad:", false)]
    [InlineData("Working remotely", ":house_with_garden:", false)]
    [InlineData("Booking the holiday party venue", ":tada:", false)]
    public void What_counts_as_away(string text, string emoji, bool away) =>
        Assert.Equal(away, SlackAwayStatus.SaysAway(new SlackStatus(text, emoji, null)));

    [Fact]
    public async Task A_status_that_never_clears_counts_for_today_and_an_organization_without_Slack_asks_nothing()
    {
        Status("Vacationing", ":palm_tree:", null);
        Assert.Equal(new DateOnly(2026, 11, 2), await AwayUntilAsync());

        // An organization without a Slack workspace has no status to read.
        var status = _host.Services.GetRequiredService<IPlatformAwayStatus>();
        Assert.Null(await status.AwayUntilAsync(new Organization { Name = "No Slack" }, _ana, new DateOnly(2026, 11, 2), Berlin, CancellationToken.None));
        Assert.Single(_slack.CallsTo("users.info"));
    }

    [Fact]
    public async Task An_unreadable_status_counts_as_not_away()
    {
        _slack.FailNext("users.info", "user_not_found");

        Assert.Null(await AwayUntilAsync());
        Assert.Contains(_host.Logs.Lines, l => l.Contains("user_not_found", StringComparison.Ordinal));
    }
}
