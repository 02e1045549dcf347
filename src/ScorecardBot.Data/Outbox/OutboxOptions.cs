using ScorecardBot.Core.Model;

namespace ScorecardBot.Data.Outbox;

/// <summary>How fast one platform may be sent to, in messages per second (0 = no limit).</summary>
public sealed class DeliveryRates
{
    /// <summary>All messages of this bot instance on the platform.</summary>
    public double PerPlatform { get; set; }

    /// <summary>One Teams tenant or Slack workspace (one organization).</summary>
    public double PerWorkspace { get; set; }

    /// <summary>One conversation: a person's direct chat or one channel.</summary>
    public double PerConversation { get; set; }

    internal IEnumerable<string> Problems(string platform)
    {
        if (PerPlatform < 0 || PerWorkspace < 0 || PerConversation < 0 || !double.IsFinite(PerPlatform + PerWorkspace + PerConversation))
        {
            yield return $"Outbox:{platform} rates must be zero (no limit) or a positive number of messages per second.";
        }
    }
}

/// <summary>
/// Settings of the outbox dispatcher (section <c>Outbox</c>). Rates are per bot instance: with
/// several instances, divide the platform's budget by their number.
/// </summary>
public sealed class OutboxOptions
{
    public const string SectionName = "Outbox";

    /// <summary>Rows claimed per round trip.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>Sends in flight at once (each to a different conversation).</summary>
    public int MaxParallelSends { get; set; } = 16;

    /// <summary>
    /// How long a claim holds without renewal. The dispatcher renews it every quarter of this while
    /// its sends are in flight, so it bounds how long the rows of a dispatcher that died (a crash, a
    /// kill, a lost node) wait before another pass sends them — not how long a send may take.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>Attempts before a transiently failing message is marked Dead.</summary>
    public int MaxAttempts { get; set; } = 8;

    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Teams: about 7 messages per second per conversation and a tenant-wide budget
    /// (PROTOCOLS.md); Slack chat.postMessage: 1 per second per channel.
    /// </summary>
    public DeliveryRates Teams { get; set; } = new() { PerPlatform = 50, PerWorkspace = 30, PerConversation = 7 };

    public DeliveryRates Slack { get; set; } = new() { PerPlatform = 50, PerWorkspace = 20, PerConversation = 1 };

    public DeliveryRates Local { get; set; } = new();

    public DeliveryRates RatesOf(Platform platform) => platform switch
    {
        Platform.Teams => Teams,
        Platform.Slack => Slack,
        _ => Local,
    };

    /// <summary>Every problem with the settings, in words an operator can act on.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (BatchSize is < 1 or > 5000)
        {
            problems.Add("Outbox:BatchSize must be between 1 and 5000.");
        }

        if (MaxParallelSends is < 1 or > 256)
        {
            problems.Add("Outbox:MaxParallelSends must be between 1 and 256.");
        }

        if (Lease < TimeSpan.FromSeconds(1) || Lease > TimeSpan.FromMinutes(30))
        {
            problems.Add("Outbox:Lease must be between 1 second (00:00:01) and 30 minutes.");
        }

        if (MaxAttempts < 1)
        {
            problems.Add("Outbox:MaxAttempts must be at least 1.");
        }

        if (FirstRetryDelay <= TimeSpan.Zero || MaxRetryDelay < FirstRetryDelay)
        {
            problems.Add("Outbox:FirstRetryDelay must be positive and Outbox:MaxRetryDelay at least as long.");
        }

        problems.AddRange(Teams.Problems(nameof(Teams)));
        problems.AddRange(Slack.Problems(nameof(Slack)));
        problems.AddRange(Local.Problems(nameof(Local)));
        return problems;
    }
}
