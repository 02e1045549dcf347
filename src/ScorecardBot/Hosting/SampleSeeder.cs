using Microsoft.Extensions.Options;
using ScorecardBot.Data.AsCode;

namespace ScorecardBot.Hosting;

/// <summary>Database:SeedSample — which sample to load into an empty database ("none" to start empty).</summary>
internal sealed class SampleSeedOptions
{
    public const string SectionName = "Database";

    /// <summary>The sample a Development start loads when the setting is not given.</summary>
    public const string DevelopmentDefault = "logistics";

    /// <summary>
    /// A sample name from the samples folder ("logistics", "manufacturing", "hospital") or "none".
    /// Not set: <see cref="DevelopmentDefault"/> in Development, "none" in every other environment,
    /// so a production install never gets the demo company.
    /// </summary>
    public string SeedSample { get; set; } = "none";
}

/// <summary>
/// Fills an empty database with a sample scorecard and its 24 months of history, so a newcomer
/// has something to ask about. Runs after the migrations; does nothing once any organization exists.
/// </summary>
internal sealed class SampleSeeder(IServiceScopeFactory scopes, IOptions<SampleSeedOptions> options, ILogger<SampleSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var sample = options.Value.SeedSample;
        if (string.IsNullOrWhiteSpace(sample) || sample.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var folder = Path.Combine(AppContext.BaseDirectory, "samples");
        var yaml = Path.Combine(folder, sample + ".yaml");
        if (!File.Exists(yaml))
        {
            throw new InvalidOperationException($"Database:SeedSample is '{sample}' but {yaml} does not exist; use logistics, manufacturing, hospital or none.");
        }

        var csv = Path.Combine(folder, sample + ".actuals.csv");
        await using var scope = scopes.CreateAsyncScope();
        var asCode = scope.ServiceProvider.GetRequiredService<ScorecardAsCode>();
        var seeded = await asCode.SeedIfEmptyAsync(yaml, File.Exists(csv) ? csv : null, cancellationToken);
        if (seeded is not null)
        {
            logger.LogInformation("The database was empty: loaded the {Sample} sample scorecard with its history", sample);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
