using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Rhythm;
using ScorecardBot.Slack.Api;

namespace ScorecardBot.Slack;

/// <summary>
/// Reads a person's Slack status (users.info) and tells whether it says vacation: the 🌴 and
/// similar emoji Slack offers for it, or a text that begins like "Vacationing", "On holiday",
/// "Out of office", "OOO", "On leave", "Out sick". A status is kept for <see cref="CacheFor"/>, so a person is asked about
/// at most a few times a day however often the rhythm runs; an unreadable status counts as not away.
/// </summary>
internal sealed partial class SlackAwayStatus(ISlackApiClientFactory clients, TimeProvider time, ILogger<SlackAwayStatus> logger) : IPlatformAwayStatus
{
    /// <summary>Long enough that one prompt round asks once; short enough that coming back shows the same morning.</summary>
    internal static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(30);

    private static readonly string[] AwayEmoji = [":palm_tree:", ":desert_island:", ":beach_with_umbrella:", ":airplane:", ":face_with_thermometer:", ":no_entry:"];

    /// <summary>How an away status begins; a word further in ("booking the holiday party") says nothing about the person.</summary>
    private static readonly string[] AwayWords =
    [
        "vacation", "vacationing", "on vacation", "holiday", "holidays", "on holiday", "out of office", "out of the office", "ooo",
        "on leave", "parental leave", "out sick", "sick", "sick leave", "pto", "away until", "off until",
    ];

    private readonly ConcurrentDictionary<(string Team, string User), (SlackStatus? Status, DateTimeOffset At)> _cache = new();

    public async Task<DateOnly?> AwayUntilAsync(Organization organization, Person person, DateOnly today, TimeZoneInfo calendarZone, CancellationToken cancellationToken)
    {
        var user = person.Accounts.FirstOrDefault(a => a.Platform == Platform.Slack)?.ExternalId;
        if (organization.SlackTeamId is not { } team || user is null)
        {
            return null;
        }

        var now = time.GetUtcNow();
        if (!_cache.TryGetValue((team, user), out var cached) || now - cached.At >= CacheFor)
        {
            cached = (await ReadAsync(team, user, cancellationToken), now);
            _cache[(team, user)] = cached;
        }

        if (cached.Status is not { } status || !SaysAway(status))
        {
            return null;
        }

        // "Clear after today" ends at 23:59 of the day; a status that never clears counts for today only.
        if (status.Expires is not { } expires)
        {
            return today;
        }

        var last = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(expires.AddSeconds(-1), calendarZone).DateTime);
        return last < today ? null : last;
    }

    internal static bool SaysAway(SlackStatus status)
    {
        if (status.Emoji is { } emoji && AwayEmoji.Contains(emoji, StringComparer.OrdinalIgnoreCase))
        {
            return true;
        }

        var text = new string([.. (status.Text ?? string.Empty).ToLowerInvariant().SkipWhile(c => !char.IsLetter(c))]);
        return AwayWords.Any(w => text.StartsWith(w, StringComparison.Ordinal) && (text.Length == w.Length || !char.IsLetter(text[w.Length])));
    }

    private async Task<SlackStatus?> ReadAsync(string team, string user, CancellationToken cancellationToken)
    {
        try
        {
            var api = await clients.ForTeamAsync(team, cancellationToken);
            return api is null ? null : await api.Users.StatusAsync(user, cancellationToken);
        }
        catch (Exception e) when (e is SlackApiException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogUnreadable(logger, (e as SlackApiException)?.Error ?? e.GetType().Name);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A Slack status could not be read ({Error}); the person counts as not away")]
    private static partial void LogUnreadable(ILogger logger, string error);
}
