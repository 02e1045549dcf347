using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ScorecardBot.Core.Conversation;

namespace ScorecardBot.Data.Stores;

public static class StoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers the database implementations of the conversation's ports (<see cref="IScorecardReadModel"/>,
    /// <see cref="IScorecardCommands"/>) as one singleton that caches a snapshot per organization.
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
        services.AddSingleton<IOrganizationSettings>(sp => sp.GetRequiredService<ScorecardStore>());
        return services;
    }
}
