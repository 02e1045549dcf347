using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Conversation.Grammar;

/// <summary><c>digest layout summary|thread|full</c>, <c>digest mentions on|off</c>: how the organization's digests are posted.</summary>
internal sealed record DigestSettingsRequest(DigestLayout? Layout, bool? MentionOwners) : Request;

/// <summary>Reads the admin's digest settings; the rest of "digest ..." names a scorecard.</summary>
internal static class SettingsGrammar
{
    public static bool IsDigestSettings(IReadOnlyList<CommandToken> args) =>
        args.Count > 0 && !args[0].Quoted && args[0].Text.ToLowerInvariant() is "layout" or "mentions";

    public static Request Digest(IReadOnlyList<CommandToken> args)
    {
        var setting = args[0].Text.ToLowerInvariant();
        var value = args.Count == 2 ? args[1].Text.ToLowerInvariant().TrimEnd('.', '!') : null;
        if (setting == "layout")
        {
            DigestLayout? layout = value switch
            {
                "summary" or "summary-only" => DigestLayout.SummaryOnly,
                "thread" or "summary+thread" or "threaded" => DigestLayout.SummaryAndThread,
                "full" => DigestLayout.Full,
                _ => null,
            };
            return layout is null
                ? new UsageRequest("digest", "Choose one layout: summary (the summary only), thread (summary, details in its thread) or full (everything in the channel).")
                : new DigestSettingsRequest(layout, null);
        }

        return value switch
        {
            "on" => new DigestSettingsRequest(null, true),
            "off" => new DigestSettingsRequest(null, false),
            _ => new UsageRequest("digest", "Say digest mentions on or digest mentions off."),
        };
    }
}
