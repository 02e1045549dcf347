using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
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
    public DbSet<ReviewMeeting> ReviewMeetings => Set<ReviewMeeting>();
    public DbSet<MeetingNote> MeetingNotes => Set<MeetingNote>();
    public DbSet<ReviewCycle> ReviewCycles => Set<ReviewCycle>();
    public DbSet<Holiday> Holidays => Set<Holiday>();
    public DbSet<Absence> Absences => Set<Absence>();
    public DbSet<LateNotice> LateNotices => Set<LateNotice>();
    public DbSet<PreRead> PreReads => Set<PreRead>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<ConversationReference> ConversationReferences => Set<ConversationReference>();
    public DbSet<SlackInstallation> SlackInstallations => Set<SlackInstallation>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<Onboarding.SetupCode> SetupCodes => Set<Onboarding.SetupCode>();
    public DbSet<WebhookSubscription> WebhookSubscriptions => Set<WebhookSubscription>();
    public DbSet<ScorecardEditRecord> ScorecardEdits => Set<ScorecardEditRecord>();

    /// <summary>An organization's webhooks read ahead of a save (<see cref="Webhooks.WebhookEvents.ReadAheadAsync"/>).</summary>
    internal (Guid OrganizationId, List<WebhookSubscription> Subscriptions)? ReadWebhooks { get; set; }

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder)
    {
        optionsBuilder.AddInterceptors(AuditedBulkChangeGuard.Instance, SqliteConnectionSettings.Instance);
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
        using var once = DetectChangesOnce();

        // Synchronous all the way down: the task is complete when it returns.
        PrepareForSaveAsync(async: false, CancellationToken.None).GetAwaiter().GetResult();
        using var writer = ChangeTracker.HasChanges() ? SqliteWriteGate.Enter(this) : default;
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        using var once = DetectChangesOnce();
        await PrepareForSaveAsync(async: true, cancellationToken);
        using var writer = ChangeTracker.HasChanges() ? await SqliteWriteGate.EnterAsync(this, cancellationToken) : default;
        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>
    /// Saves like <see cref="SaveChangesAsync(bool, CancellationToken)"/> — the same versions, audit
    /// entries and webhook rows, in one transaction — but writes the added actuals, audit entries
    /// and outbox rows with <see cref="BulkInsert"/> and the corrected actuals with
    /// <see cref="BulkUpdate"/> (the same version check) instead of one EF command each: the API's
    /// batch of 10,000 actuals is 20,000 such rows. Those rows are detached afterwards (their
    /// generated ids are not read back), so the context is for this one save. SQL Server saves as usual.
    /// </summary>
    internal async Task SaveChangesInBulkAsync(CancellationToken cancellationToken)
    {
        if (!BulkInsert.Supports(this))
        {
            await SaveChangesAsync(cancellationToken);
            return;
        }

        using var once = DetectChangesOnce();
        using var writer = await SqliteWriteGate.EnterAsync(this, cancellationToken);
        await using var transaction = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        var audited = await PrepareForSaveAsync(async: true, cancellationToken, trackAudit: false);
        var added = ChangeTracker.Entries()
            .Where(e => e.State == EntityState.Added && e.Entity is Actual or Outbox.OutboxMessage)
            .GroupBy(e => e.Metadata)
            .ToList();
        var corrected = ChangeTracker.Entries<Actual>().Where(e => e.State == EntityState.Modified).ToList<EntityEntry>();
        try
        {
            if (Database.IsSqlite())
            {
                // SQLite's page cache (2 MB by default) is smaller than the indexes a batch touches,
                // and random GUID keys land on a different page each row: with 64 MB the pages stay
                // in memory and a batch of 10,000 actuals takes half the time. It stays with the
                // pooled connection.
                await using var pragma = RawCommand.Create(this, "PRAGMA cache_size = -65536");
                await pragma.ExecuteNonQueryAsync(cancellationToken);
            }

            foreach (var rows in added)
            {
                await BulkInsert.For(this, rows.Key).InsertAsync(this, [.. rows.Select(e => e.Entity)], cancellationToken);
            }

            if (corrected.Count > 0)
            {
                await BulkUpdate.For(this, corrected[0].Metadata).UpdateAsync(this, corrected, cancellationToken);
            }

            if (audited.Count > 0)
            {
                await BulkInsert.For(this, Model.FindEntityType(typeof(AuditEntry))!).InsertAsync(this, audited, cancellationToken);
            }
        }
        catch (System.Data.Common.DbException ex)
        {
            // The same exception EF would throw, so callers that retry a lost race (a unique index
            // on KPI and period) need not know how the rows were written.
            throw new DbUpdateException("A bulk write failed: " + ex.Message, ex);
        }

        foreach (var entry in added.SelectMany(g => g).Concat(corrected))
        {
            entry.State = EntityState.Detached;
        }

        await base.SaveChangesAsync(acceptAllChangesOnSuccess: true, cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// One scan of the tracked entities per save. The hooks below enumerate the tracker several
    /// times, and each enumeration (and EF's own save) would scan every tracked entity again: with
    /// 20,000 of them that was a fifth of a batch's time. The hooks change entities only through
    /// their entries, which EF sees without a scan. A caller that turned automatic detection off
    /// has reported its own changes (<c>Entry(x).DetectChanges()</c>), as EF's own save assumes.
    /// </summary>
    private AutoDetectRestore DetectChangesOnce()
    {
        if (ChangeTracker.AutoDetectChangesEnabled)
        {
            ChangeTracker.DetectChanges();
        }

        var restore = new AutoDetectRestore(ChangeTracker, ChangeTracker.AutoDetectChangesEnabled);
        ChangeTracker.AutoDetectChangesEnabled = false;
        return restore;
    }

    /// <summary>
    /// Versions, audit entries and webhook deliveries of the pending changes. The audit entries are
    /// returned; with <paramref name="trackAudit"/> false they are not added to the context (the
    /// bulk save writes them itself, sparing EF's tracking of 10,000 rows it only inserts).
    /// </summary>
    private async Task<IReadOnlyList<AuditEntry>> PrepareForSaveAsync(bool async, CancellationToken cancellationToken, bool trackAudit = true)
    {
        await ChannelAccountOrganizations.FillAsync(this, async, cancellationToken);
        ConcurrencyVersions.Bump(ChangeTracker);
        var now = _time.GetUtcNow();
        var audited = await AuditTrail.RecordAsync(this, _audit, now, async, cancellationToken, trackAudit);
        await Webhooks.WebhookEvents.RecordAsync(this, audited, now, async, cancellationToken);
        return audited;
    }

    private readonly record struct AutoDetectRestore(Microsoft.EntityFrameworkCore.ChangeTracking.ChangeTracker Tracker, bool Enabled) : IDisposable
    {
        public void Dispose() => Tracker.AutoDetectChangesEnabled = Enabled;
    }

    internal const string SqliteProviderName = "Microsoft.EntityFrameworkCore.Sqlite";
    internal const string PostgresProviderName = "Npgsql.EntityFrameworkCore.PostgreSQL";
}
