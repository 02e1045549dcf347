using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using ScorecardBot.Core.Delivery;
using ScorecardBot.Data.Auditing;

namespace ScorecardBot.Data.Outbox;

public static class OutboxServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="OutboxWriter"/> and a singleton <see cref="OutboxDispatcher"/> (which
    /// needs an <see cref="IChannelSender"/> from the host). Call after <c>AddScorecardData</c>.
    /// </summary>
    public static IServiceCollection AddScorecardOutbox(this IServiceCollection services, OutboxOptions options, string? instanceId = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Problems();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("The outbox settings are invalid: " + string.Join(" ", problems));
        }

        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<OutboxWriter>();
        services.TryAddSingleton<OutboxContexts>();
        services.TryAddSingleton(sp => new OutboxDispatcher(
            sp.GetRequiredService<OutboxContexts>(),
            sp.GetRequiredService<IChannelSender>(),
            options,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<OutboxDispatcher>>(),
            instanceId));
        return services;
    }
}

/// <summary>Short-lived contexts for the dispatcher, which outlives any request scope.</summary>
internal sealed class OutboxContexts(DatabaseOptions database, TimeProvider time) : IDbContextFactory<ScorecardDbContext>
{
    private readonly DbContextOptions<ScorecardDbContext> _options =
        new DbContextOptionsBuilder<ScorecardDbContext>().UseScorecardDatabase(database).Options;

    public ScorecardDbContext CreateDbContext() =>
        new(_options, new AuditContext(actorId: null, actorName: "outbox", Core.Model.EntrySource.Api), time);
}
