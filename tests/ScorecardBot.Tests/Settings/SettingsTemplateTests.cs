using Microsoft.Extensions.Configuration;
using ScorecardBot.Charts;
using ScorecardBot.Data;
using ScorecardBot.Hosting;
using ScorecardBot.LocalChat;
using ScorecardBot.Slack;
using ScorecardBot.Teams;

namespace ScorecardBot.Tests.Settings;

/// <summary>
/// appsettings.template.json is the operator's reference: every setting in it must be one the bot
/// reads (a typo there would silently do nothing), and it must load as a configuration file.
/// </summary>
public class SettingsTemplateTests
{
    private static IConfigurationRoot Template()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "ScorecardBot.sln")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("ScorecardBot.sln not found above the test folder.");
        }

        return new ConfigurationBuilder().AddJsonFile(Path.Combine(root, "appsettings.template.json"), optional: false).Build();
    }

    [Theory]
    [InlineData("Teams", typeof(TeamsOptions))]
    [InlineData("Slack", typeof(SlackOptions))]
    [InlineData("Charts", typeof(ChartOptions))]
    [InlineData("LocalChat", typeof(LocalChatOptions))]
    [InlineData("Scheduler", typeof(ScorecardBot.Scheduling.SchedulerOptions))]
    [InlineData("Outbox", typeof(ScorecardBot.Data.Outbox.OutboxOptions))]
    [InlineData("Api", typeof(ScorecardBot.Api.ApiOptions))]
    [InlineData("Onboarding", typeof(ScorecardBot.Onboarding.OnboardingOptions))]
    public void Every_setting_of_a_section_is_one_the_bot_reads(string section, Type options)
    {
        var bound = Template().GetSection(section).Get(options, o => o.ErrorOnUnknownConfiguration = true);
        Assert.NotNull(bound);
    }

    [Fact]
    public void Database_settings_are_read_by_the_data_layer_and_the_seeder()
    {
        var template = Template();
        var database = DatabaseOptions.FromConfiguration(template);
        Assert.Equal(DatabaseProvider.Sqlite, database.Provider);
        Assert.True(database.MigrateOnStart);
        Assert.Equal("Data Source=scorecard.db", database.EffectiveConnectionString);

        var known = new[] { "Provider", "MigrateOnStart", "SeedSample" };
        Assert.All(template.GetSection("Database").GetChildren(), c => Assert.Contains(c.Key, known));
        Assert.Equal("none", template.GetSection("Database").Get<SampleSeedOptions>()!.SeedSample);
    }

    [Fact]
    public void Top_level_settings_are_all_known()
    {
        var known = new[] { "PublicBaseUrl", "ConnectionStrings", "Database", "Teams", "Slack", "Charts", "LocalChat", "Scheduler", "Outbox", "Api", "Onboarding", "DataProtection", "Health", "Telemetry", "Logging" };
        var keys = Template().GetChildren().Select(c => c.Key).ToList();
        Assert.All(keys, k => Assert.Contains(k, known));
        Assert.Equal("https://scorecard.example.com", Template().Get<BotOptions>()!.PublicBaseUrl);
    }
}
