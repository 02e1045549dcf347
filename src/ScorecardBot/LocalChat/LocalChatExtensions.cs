using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ScorecardBot.LocalChat;

/// <summary>
/// The local chat: a web page at / that talks to the bot like Teams or Slack would, so the whole
/// product can be seen without either. The host binds <see cref="ILocalTurnHandler"/>,
/// <see cref="ILocalDirectory"/> and, for development, <see cref="ILocalClockControl"/>.
/// </summary>
public static class LocalChatExtensions
{
    public static IServiceCollection AddLocalChat(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LocalChatOptions>()
            .Bind(configuration.GetSection(LocalChatOptions.SectionName))
            .Validate(o => o.FeedCapacity is >= 1 and <= 100_000, "LocalChat:FeedCapacity must be between 1 and 100000.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<LocalChannelFeed>();
        services.TryAddSingleton<ILocalChannelSink>(sp => sp.GetRequiredService<LocalChannelFeed>());
        return services;
    }

    /// <summary>
    /// Maps the page and its endpoints when <see cref="LocalChatOptions.IsEnabled"/> says so, and
    /// the clock endpoints when <see cref="LocalChatOptions.IsClockControlEnabled"/> does.
    /// </summary>
    /// <param name="chatPlatformsConfigured">Whether Teams or Slack credentials are configured.</param>
    /// <returns>Whether the local chat was mapped.</returns>
    public static bool MapLocalChat(this IEndpointRouteBuilder endpoints, bool chatPlatformsConfigured = false)
    {
        var services = endpoints.ServiceProvider;
        var options = services.GetRequiredService<IOptions<LocalChatOptions>>().Value;
        var environment = services.GetRequiredService<IHostEnvironment>();
        if (!options.IsEnabled(environment, chatPlatformsConfigured))
        {
            return false;
        }

        var registered = services.GetRequiredService<IServiceProviderIsService>();
        foreach (var port in new[] { typeof(ILocalTurnHandler), typeof(ILocalDirectory) })
        {
            if (!registered.IsService(port))
            {
                throw new InvalidOperationException(
                    $"The local chat is enabled but {port.Name} is not registered. Register it, or set LocalChat:Enabled=false.");
            }
        }

        var group = endpoints.MapGroup("").WithTags("LocalChat").ExcludeFromDescription();
        ((IEndpointConventionBuilder)group).Finally(LoopbackGuard.Protect);
        LocalChatPage.MapPage(group);
        LocalChatApi.MapChat(group);

        if (options.IsClockControlEnabled(environment))
        {
            if (registered.IsService(typeof(ILocalClockControl)))
            {
                LocalClockApi.MapClock(group);
            }
            else if (options.ClockControl == true)
            {
                throw new InvalidOperationException(
                    "LocalChat:ClockControl is true but ILocalClockControl is not registered. Register it, or remove the setting.");
            }
        }

        return true;
    }
}
