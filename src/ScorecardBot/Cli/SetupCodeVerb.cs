using System.Globalization;
using ScorecardBot.Data;
using ScorecardBot.Onboarding;

namespace ScorecardBot.Cli;

/// <summary>
/// <c>setup-code create [--days N]</c>: a one-time code that lets one Teams tenant or Slack workspace
/// set up its organization from chat when Onboarding:Mode is invite. The code is printed once; the
/// database keeps only its hash.
/// </summary>
internal sealed class SetupCodeVerb : ICommandLineVerb
{
    public string Name => "setup-code";
    public string Usage => "setup-code create [--days N]";
    public string Description => "makes a one-time code to set up an organization from chat (Onboarding:Mode invite)";

    public async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        if (args.Count == 0 || !string.Equals(args[0], "create", StringComparison.OrdinalIgnoreCase))
        {
            error.WriteLine($"Usage: {Usage}");
            return 2;
        }

        var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<OnboardingOptions>>().Value;
        var lifetime = options.SetupCodeLifetime;
        if (args.Count == 3 && args[1] == "--days")
        {
            if (!int.TryParse(args[2], NumberStyles.None, CultureInfo.InvariantCulture, out var days) || days is < 1 or > 90)
            {
                error.WriteLine("--days takes a whole number of days from 1 to 90.");
                return 2;
            }

            lifetime = TimeSpan.FromDays(days);
        }
        else if (args.Count != 1)
        {
            error.WriteLine($"Usage: {Usage}");
            return 2;
        }

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScorecardDbContext>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var code = await SetupCodes.CreateAsync(db, now, now + lifetime, CancellationToken.None);
        output.WriteLine(code);
        error.WriteLine($"One-time setup code, valid until {(now + lifetime).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC. It is shown only now.");
        if (options.Mode != Core.Onboarding.OnboardingMode.Invite)
        {
            error.WriteLine($"Onboarding:Mode is {options.Mode.ToString().ToLowerInvariant()}; codes are asked for only when it is invite.");
        }

        return 0;
    }
}
