using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Rhythm;

/// <summary>
/// Reads back what a <see cref="RhythmDecision.Key"/> says: its kind's word, the scorecard and the
/// period ("prompt:{scorecard}:{period}:{person}", "remind:…:{n}", "escalate:{scorecard}:{period}",
/// "digest:…", "agenda:…", "check:…", "window:…"). A message's own key may add "#part".
/// </summary>
public static class RhythmKeys
{
    public static bool TryRead(string key, out string word, out Guid scorecardId, out Period period)
    {
        ArgumentNullException.ThrowIfNull(key);
        word = string.Empty;
        scorecardId = Guid.Empty;
        period = default;
        var hash = key.IndexOf('#', StringComparison.Ordinal);
        var parts = (hash < 0 ? key : key[..hash]).Split(':');
        if (parts.Length < 3 || !Guid.TryParse(parts[1], out scorecardId) || !Period.TryParse(parts[2], out period))
        {
            scorecardId = Guid.Empty;
            return false;
        }

        word = parts[0];
        return true;
    }
}
