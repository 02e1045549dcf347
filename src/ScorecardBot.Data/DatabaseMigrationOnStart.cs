using Microsoft.Extensions.Hosting;

namespace ScorecardBot.Data;

/// <summary>Migrates before the host starts serving, so no request meets an old schema.</summary>
internal sealed class DatabaseMigrationOnStart(DatabaseMigrator migrator) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken) => await migrator.MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
