using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using ScorecardBot.Core.Model;
using ScorecardBot.Data.Auditing;
using ScorecardBot.Data.Configurations;
using ScorecardBot.Data.Conversions;

namespace ScorecardBot.Data;

/// <summary>
/// The scorecard database. The same model serves SQLite, SQL Server and PostgreSQL; each has its
/// own migrations assembly. Saving bumps the concurrency version of changed actuals and targets
/// and writes an <see cref="AuditEntry"/> for every audited change in the same transaction.
/// </summary>
public sealed class ScorecardDbContext : DbContext
{
    private readonly IAuditContext _audit;
    private readonly TimeProvider _time;

    public ScorecardDbContext(DbContextOptions<ScorecardDbContext> options, IAuditContext audit, TimeProvider time)
        : base(options)
    {
        _audit = audit;
        _time = time;
    }

    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<ChannelAccount> ChannelAccounts => Set<ChannelAccount>();
    public DbSet<Scorecard> Scorecards => Set<Scorecard>();
    public DbSet<TeamChannel> TeamChannels => Set<TeamChannel>();
    public DbSet<Perspective> Perspectives => Set<Perspective>();
    public DbSet<Objective> Objectives => Set<Objective>();
    public DbSet<ObjectiveLink> ObjectiveLinks => Set<ObjectiveLink>();
    public DbSet<Kpi> Kpis => Set<Kpi>();
    public DbSet<Target> Targets => Set<Target>();
    public DbSet<Actual> Actuals => Set<Actual>();
    public DbSet<Initiative> Initiatives => Set<Initiative>();
    public DbSet<Milestone> Milestones => Set<Milestone>();
    public DbSet<ReviewAction> ReviewActions => Set<ReviewAction>();
    public DbSet<ReviewCycle> ReviewCycles => Set<ReviewCycle>();
    public DbSet<Holiday> Holidays => Set<Holiday>();
    public DbSet<Absence> Absences => Set<Absence>();
    public DbSet<LateNotice> LateNotices => Set<LateNotice>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<ConversationReference> ConversationReferences => Set<ConversationReference>();
    public DbSet<SlackInstallation> SlackInstallations => Set<SlackInstallation>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<WebhookSubscription> WebhookSubscriptions => Set<WebhookSubscription>();

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder)
    {
        optionsBuilder.AddInterceptors(AuditedBulkChangeGuard.Instance);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Also applies to Period? columns (ReviewAction.RaisedInPeriod, AuditEntry.Period): NULL stays NULL.
        configurationBuilder.Properties<Period>().HaveConversion<PeriodConverter>()
            .HaveMaxLength(PeriodConverter.MaxLength).AreUnicode(false);
        configurationBuilder.Properties<decimal>().HavePrecision(20, 6);
        configurationBuilder.Properties<decimal?>().HavePrecision(20, 6);

        // Concurrency versions: no provider has an unsigned type (Npgsql would pick xid), so bigint.
        configurationBuilder.Properties<uint>().HaveConversion<long>();

        if (Database.ProviderName == SqliteProviderName)
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        }
        else if (Database.ProviderName == PostgresProviderName)
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<ToUtcConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ScorecardDbContext).Assembly);

        // Every entity makes its own Guid id when it is created (Id = Guid.NewGuid()), so a key is
        // never "generated on add": otherwise EF takes an entity added through a navigation
        // (person.Accounts.Add(...)) for an existing row and updates nothing.
        foreach (var key in modelBuilder.Model.GetEntityTypes().Select(t => t.FindPrimaryKey()).OfType<IMutableKey>())
        {
            if (key.Properties is [{ ClrType: var type } property] && type == typeof(Guid))
            {
                property.ValueGenerated = ValueGenerated.Never;
            }
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        // Synchronous all the way down: the task is complete when it returns.
        PrepareForSaveAsync(async: false, CancellationToken.None).GetAwaiter().GetResult();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        await PrepareForSaveAsync(async: true, cancellationToken);
        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    private async Task PrepareForSaveAsync(bool async, CancellationToken cancellationToken)
    {
        ChangeTracker.DetectChanges();
        await ChannelAccountOrganizations.FillAsync(this, async, cancellationToken);
        ConcurrencyVersions.Bump(ChangeTracker);
        var now = _time.GetUtcNow();
        await AuditTrail.RecordAsync(this, _audit, now, async, cancellationToken);
        await Webhooks.WebhookEvents.RecordAsync(this, now, async, cancellationToken);
    }

    internal const string SqliteProviderName = "Microsoft.EntityFrameworkCore.Sqlite";
    internal const string PostgresProviderName = "Npgsql.EntityFrameworkCore.PostgreSQL";
}
