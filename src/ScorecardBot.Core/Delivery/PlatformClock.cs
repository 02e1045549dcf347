namespace ScorecardBot.Core.Delivery;

/// <summary>
/// The key of the clock the chat platforms' protocol checks use (a keyed TimeProvider): Slack's
/// request signatures and replay window, Bot Framework token keys, Slack's rate limits and token
/// expiry. It is real time even when the host runs the review rhythm on the development clock,
/// so a simulated month can be played through Slack and Teams while their requests still verify.
/// Unless the host says otherwise it is the host's own TimeProvider (tests' fake clocks included).
/// </summary>
public static class PlatformClock
{
    public const string Key = "ScorecardBot.PlatformClock";
}
