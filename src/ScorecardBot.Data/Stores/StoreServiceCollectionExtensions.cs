using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ScorecardBot.Core.Conversation;

namespace ScorecardBot.Data.Stores;

public static class StoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers the database implementations of the conversation's ports (<see cref="IScorecardReadModel"/>,
    /// <see cref="IScorecardCommands"/>, <see cref="IScorecardEdits"/>, <see cref="IApiKeys"/>) and the API's actual ingest as one singleton that caches a snapshot per organization.
    /// Needs <c>AddScorecardData</c>.
    /// </summary>
    public static IServiceCollection AddScorecardStores(this IServiceCollection services, Action<StoreOptions>? configure = null)
    {
        var options = new StoreOptions();
        configure?.Invoke(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton<ScorecardStore>();
        services.AddSingleton<IScorecardReadModel>(sp => sp.GetRequiredService<ScorecardStore>());
        services.AddSingleton<IScorecardCommands>(sp => sp.GetRequiredService<ScorecardStore>());
        services.AddSingleton<Core.Meetings.IMeetingStore>(sp => sp.GetRequiredService<ScorecardStore>());
        services.AddSingleton<IScorecardEdits>(sp => sp.GetRequiredService<ScorecardStore>());
        services.AddSingleton<ApiKeys.ApiKeyStore>();
        services.AddSingleton<IApiKeys>(sp => sp.GetRequiredService<ApiKeys.ApiKeyStore>());
        services.AddSingleton(sp => new Ingest.ActualIngest(
            sp.GetRequiredService<IServiceScopeFactory>(), sp.GetRequiredService<ScorecardStore>(), sp.GetRequiredService<TimeProvider>(),
            () => sp.GetService<Core.Conversation.Review.IProactiveMessenger>()));
        services.AddSingleton<IOrganizationSettings>(sp => sp.GetRequiredService<ScorecardStore>());
        return services;
    }
}
