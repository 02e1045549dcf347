namespace ScorecardBot.Core.Model;

/// <summary>How much of the digest lands in the team channel itself (a setting of the organization).</summary>
public enum DigestLayout
{
    /// <summary>A short summary in the channel, the details per perspective and per KPI as replies in its thread.</summary>
    SummaryAndThread = 0,

    /// <summary>Only the short summary; the details are one "digest" command away.</summary>
    SummaryOnly = 1,

    /// <summary>The whole digest in the channel, split into as many messages as it needs.</summary>
    Full = 2,
}
