namespace ScorecardBot.Core.Conversation;

/// <summary>Settings of the conversation that come from the host.</summary>
public sealed class ConversationOptions
{
    /// <summary>Absolute public base URL of the bot; charts are served at {base}/charts/kpi/{id}.png.</summary>
    public required Uri PublicBaseUrl { get; init; }

    public string ChartUrl(Guid kpiId) => $"{PublicBaseUrl.AbsoluteUri.TrimEnd('/')}/charts/kpi/{kpiId}.png";
}
