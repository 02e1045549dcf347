using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Rhythm;

/// <summary>
/// What a chat platform's own status says about someone being away (a Slack status of vacation).
/// The scheduler asks only when a prompt, reminder or follow-up is about to reach the person, and
/// only for organizations that let the status count (<see cref="Organization.AwayFromSlackStatus"/>).
/// </summary>
public interface IPlatformAwayStatus
{
    /// <returns>The last day the status says the person is away (in <paramref name="calendarZone"/>); null when it does not say so or cannot be read.</returns>
    Task<DateOnly?> AwayUntilAsync(Organization organization, Person person, DateOnly today, TimeZoneInfo calendarZone, CancellationToken cancellationToken);
}
