using Microsoft.Extensions.Time.Testing;

namespace ScorecardBot.IntegrationTests.Infrastructure;

/// <summary>
/// The bot on a fake clock, without a scheduler of its own: a test moves the clock and runs the
/// real review rhythm job and outbox dispatcher itself, through simulated months. Both sample
/// organizations live in the local chat (no Teams or Slack), so every message lands in its feed.
/// </summary>
public interface IRhythmBot
{
    /// <summary>1 November 2026, midnight UTC, until a test moves it.</summary>
    FakeTimeProvider Time { get; }
}

internal static class RhythmHosting
{
    public static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    public static void Adjust(Dictionary<string, string?> settings) => settings["Scheduler:Enabled"] = "false";

    public static void Configure(IServiceCollection services, FakeTimeProvider time) => services.AddSingleton<TimeProvider>(time);
}

public sealed class SqliteRhythmBot : SqliteBot, IRhythmBot
{
    public FakeTimeProvider Time { get; } = new(RhythmHosting.Start);

    protected override bool ConnectsPlatforms => false;

    protected override void AdjustSettings(Dictionary<string, string?> settings) => RhythmHosting.Adjust(settings);

    protected override void ConfigureServices(IServiceCollection services) => RhythmHosting.Configure(services, Time);
}

public sealed class PostgresRhythmBot : PostgresBot, IRhythmBot
{
    public FakeTimeProvider Time { get; } = new(RhythmHosting.Start);

    protected override bool ConnectsPlatforms => false;

    protected override void AdjustSettings(Dictionary<string, string?> settings) => RhythmHosting.Adjust(settings);

    protected override void ConfigureServices(IServiceCollection services) => RhythmHosting.Configure(services, Time);
}

/// <summary>
/// The bot on the real clock, without a scheduler of its own, talking to the fake Teams connector
/// and the fake Slack API: a test writes outbox rows (or runs the rhythm job) and drives the
/// dispatcher itself. The samples stay in the local chat; tests make their own organizations on
/// Teams and Slack, without review cycles, so nothing else is sent there.
/// </summary>
internal static class DeliveryHosting
{
    public static void Adjust(Dictionary<string, string?> settings)
    {
        settings["Scheduler:Enabled"] = "false";
        settings["Slack:AllowedUploadUrlHosts:0"] = "127.0.0.1";
        settings["Outbox:FirstRetryDelay"] = "00:00:00.200";
        settings["Outbox:MaxRetryDelay"] = "00:00:01";
        settings["Outbox:Slack:PerConversation"] = "20";
    }
}

public sealed class SqliteDeliveryBot : SqliteBot
{
    protected override bool ConnectsPlatforms => false;

    protected override void AdjustSettings(Dictionary<string, string?> settings) => DeliveryHosting.Adjust(settings);
}

public sealed class PostgresDeliveryBot : PostgresBot
{
    protected override bool ConnectsPlatforms => false;

    protected override void AdjustSettings(Dictionary<string, string?> settings) => DeliveryHosting.Adjust(settings);
}

/// <summary>
/// The bot connected to the fake Teams and Slack with the development clock switched on, as a
/// developer runs it to play a month through Slack or Teams.
/// </summary>
public sealed class SqliteClockBot : SqliteBot
{
    protected override void AdjustSettings(Dictionary<string, string?> settings) => settings["LocalChat:ClockControl"] = "true";
}

/// <summary>
/// The bot on a fake clock like <see cref="SqliteRhythmBot"/>, for a test that connects a sample
/// to the fake Slack or Teams itself. The platforms' pacing waits on the clock, which only moves
/// when the test moves it: it is switched off, so each moment's messages go out at that moment.
/// </summary>
public sealed class SqlitePlatformRhythmBot : SqliteBot, IRhythmBot
{
    public FakeTimeProvider Time { get; } = new(RhythmHosting.Start);

    protected override bool ConnectsPlatforms => false;

    protected override void AdjustSettings(Dictionary<string, string?> settings) => PlatformRhythmHosting.Adjust(settings);

    protected override void ConfigureServices(IServiceCollection services) => PlatformRhythmHosting.Configure(services, Time);
}

/// <summary>The bot of <see cref="SqlitePlatformRhythmBot"/> on PostgreSQL.</summary>
public sealed class PostgresPlatformRhythmBot : PostgresBot, IRhythmBot
{
    public FakeTimeProvider Time { get; } = new(RhythmHosting.Start);

    protected override bool ConnectsPlatforms => false;

    protected override void AdjustSettings(Dictionary<string, string?> settings) => PlatformRhythmHosting.Adjust(settings);

    protected override void ConfigureServices(IServiceCollection services) => PlatformRhythmHosting.Configure(services, Time);
}

internal static class PlatformRhythmHosting
{
    /// <summary>
    /// The simulated clock for the rhythm; the platforms' protocol checks (Bot Framework tokens, Slack
    /// signatures) on the real one, as the host binds them under its development clock, so a test can
    /// press buttons and say commands in the middle of a simulated month.
    /// </summary>
    public static void Configure(IServiceCollection services, FakeTimeProvider time)
    {
        RhythmHosting.Configure(services, time);
        services.AddKeyedSingleton(Core.Delivery.PlatformClock.Key, TimeProvider.System);
    }

    public static void Adjust(Dictionary<string, string?> settings)
    {
        RhythmHosting.Adjust(settings);
        foreach (var platform in new[] { "Slack", "Teams" })
        {
            foreach (var rate in new[] { "PerPlatform", "PerWorkspace", "PerConversation" })
            {
                settings[$"Outbox:{platform}:{rate}"] = "0";
            }
        }
    }
}
