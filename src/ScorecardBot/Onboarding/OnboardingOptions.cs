using ScorecardBot.Core.Onboarding;

namespace ScorecardBot.Onboarding;

/// <summary>Onboarding: whether tenants and workspaces no organization claims may set one up from chat.</summary>
public sealed class OnboardingOptions
{
    public const string SectionName = "Onboarding";

    /// <summary>closed (default: an operator connects tenants), open (whoever installs sets up) or invite (with a setup code).</summary>
    public OnboardingMode Mode { get; set; } = OnboardingMode.Closed;

    /// <summary>How long a setup code made by <c>setup-code create</c> lives unless told otherwise.</summary>
    public TimeSpan SetupCodeLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>The largest scorecard file taken from chat.</summary>
    public int MaxFileBytes { get; set; } = 1024 * 1024;
}
