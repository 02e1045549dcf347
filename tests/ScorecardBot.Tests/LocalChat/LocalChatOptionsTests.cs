using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using ScorecardBot.LocalChat;

namespace ScorecardBot.Tests.LocalChat;

public class LocalChatOptionsTests
{
    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "ScorecardBot";
        public string ContentRootPath { get; set; } = ".";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }

    [Theory]
    [InlineData("Development", null, true, true)]
    [InlineData("Development", false, false, false)]
    [InlineData("Production", null, false, false)]
    [InlineData("Production", true, true, true)]
    [InlineData("Staging", null, false, true)]
    [InlineData("Staging", null, true, false)]
    public void IsEnabled_follows_the_explicit_setting_then_the_environment(string environment, bool? enabled, bool chatPlatformsConfigured, bool expected)
    {
        var options = new LocalChatOptions { Enabled = enabled };

        Assert.Equal(expected, options.IsEnabled(new Environment(environment), chatPlatformsConfigured));
    }

    [Theory]
    [InlineData("Development", null, true)]
    [InlineData("Production", null, false)]
    [InlineData("Production", true, true)]
    [InlineData("Development", false, false)]
    public void IsClockControlEnabled_defaults_to_development_only(string environment, bool? clockControl, bool expected) =>
        Assert.Equal(expected, new LocalChatOptions { ClockControl = clockControl }.IsClockControlEnabled(new Environment(environment)));
}
