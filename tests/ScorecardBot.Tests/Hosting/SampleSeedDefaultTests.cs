using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ScorecardBot.Hosting;

namespace ScorecardBot.Tests.Hosting;

/// <summary>Database:SeedSample when it is not set: the demo company only on a developer's machine.</summary>
public sealed class SampleSeedDefaultTests
{
    private static string SeedSample(string environment, string? setting = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment, ContentRootPath = AppContext.BaseDirectory });
        if (setting is not null)
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Database:SeedSample"] = setting });
        }

        builder.AddScorecardBot(runsAsVerb: false);
        using var app = builder.Build();
        return app.Services.GetRequiredService<IOptions<SampleSeedOptions>>().Value.SeedSample;
    }

    [Theory]
    [InlineData("Production", "none")]
    [InlineData("Staging", "none")]
    [InlineData("Development", "logistics")]
    public void Unset_it_is_the_sample_only_in_development(string environment, string expected) =>
        Assert.Equal(expected, SeedSample(environment));

    [Fact]
    public void Set_it_wins_in_every_environment()
    {
        Assert.Equal("manufacturing", SeedSample("Production", "manufacturing"));
        Assert.Equal("none", SeedSample("Development", "none"));
    }
}
