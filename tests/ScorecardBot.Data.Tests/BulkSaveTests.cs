using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using ScorecardBot.Core.Model;
using ScorecardBot.Data.Auditing;
using ScorecardBot.Data.Tests.Infrastructure;

namespace ScorecardBot.Data.Tests;

/// <summary>The save of the API's batch ingest: rows written in bulk read back as EF writes them, and every change is audited once.</summary>
public abstract class BulkSaveTests(TestDatabase database) : DatabaseTests(database)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 4, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task Hundreds_of_actuals_saved_in_bulk_read_back_field_for_field_each_with_one_audit_entry()
    {
        var seed = await SeedScorecard.CreateAsync(Database);
        var corrected = seed.NewActual(Period.Month(2026, 10), 90m, "First count");
        await StoreAsync(corrected);

        var added = Enumerable.Range(0, 300).Select(i => new Actual
        {
            OrganizationId = seed.Organization.Id,
            KpiId = seed.Kpi.Id,
            Period = Period.Month(2001, 1).AddPeriods(i),
            Value = i % 10 == 0 ? null : 90m + (i / 1000m),
            NoDataReason = i % 10 == 0 ? "Telematics outage" : null,
            Comment = i % 3 == 0 ? $"Note {i}" : null,
            SubmittedByName = "ERP feed",
            SubmittedAt = Now.AddMinutes(i),
            Source = EntrySource.Api,
            SourceSystem = "SAP",
        }).ToList();
        await using (var db = Context())
        {
            db.Actuals.AddRange(added);
            var stored = await db.Actuals.SingleAsync(a => a.Id == corrected.Id);
            stored.Value = 91.25m;
            await db.SaveChangesInBulkAsync(CancellationToken.None);
        }

        await using var read = Database.CreateContext();
        var back = await read.Actuals.Where(a => a.KpiId == seed.Kpi.Id).ToDictionaryAsync(a => a.Id);
        Assert.Equal(301, back.Count);
        foreach (var actual in added)
        {
            var row = back[actual.Id];
            Assert.Equal(
                (actual.Period, actual.Value, actual.NoDataReason, actual.Comment, actual.SubmittedByName, actual.SubmittedAt, actual.Source, actual.SourceSystem, 0u),
                (row.Period, row.Value, row.NoDataReason, row.Comment, row.SubmittedByName, row.SubmittedAt, row.Source, row.SourceSystem, row.Version));
        }

        Assert.Equal((91.25m, 1u), (back[corrected.Id].Value, back[corrected.Id].Version));
        var trail = await read.AuditEntries.Where(e => e.KpiId == seed.Kpi.Id && e.ActorName == "ERP feed").ToListAsync();
        Assert.Equal(301, trail.Count);
        Assert.Equal(300, trail.Count(e => e.Change == "created" && e.Via == EntrySource.Api && e.At == Now));
        Assert.Equal(trail.Count, trail.Select(e => e.SubjectId).Distinct().Count());
        var update = Assert.Single(trail, e => e.Change == "updated");
        Assert.Equal(("""{"value":90,"comment":"First count"}""", """{"value":91.25,"comment":"First count"}"""), (update.OldValue, update.NewValue));
        Assert.Equal("""{"noDataReason":"Telematics outage","comment":"Note 0"}""", trail.Single(e => e.SubjectId == added[0].Id).NewValue);
    }

    [Fact]
    public async Task A_bulk_save_that_meets_a_stored_actual_of_the_same_month_fails_as_EF_would_and_stores_nothing()
    {
        var seed = await SeedScorecard.CreateAsync(Database);
        await using (var db = Context())
        {
            db.Actuals.Add(seed.NewActual(Period.Month(2026, 9), 80m));
            await db.SaveChangesAsync();
        }

        await using (var db = Context())
        {
            db.Actuals.Add(seed.NewActual(Period.Month(2026, 8), 81m));
            db.Actuals.Add(seed.NewActual(Period.Month(2026, 9), 82m));
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesInBulkAsync(CancellationToken.None));
        }

        await using var read = Database.CreateContext();
        Assert.Equal([80m], await read.Actuals.Where(a => a.KpiId == seed.Kpi.Id).Select(a => a.Value).ToListAsync());
        Assert.Equal(1, await read.AuditEntries.CountAsync(e => e.KpiId == seed.Kpi.Id));
    }

    [Fact]
    public async Task Hundreds_of_corrections_saved_in_bulk_read_back_with_their_new_values_and_versions_each_audited_once()
    {
        var seed = await SeedScorecard.CreateAsync(Database);
        var first = Enumerable.Range(0, 200).Select(i => seed.NewActual(Period.Month(2001, 1).AddPeriods(i), 50m + i, $"Count {i}")).ToList();
        var untouched = seed.NewActual(Period.Month(2020, 1), 7m, "Left alone");
        await StoreAsync([.. first, untouched]);

        await using (var db = Context())
        {
            var stored = await db.Actuals.Where(a => a.KpiId == seed.Kpi.Id && a.Id != untouched.Id).OrderBy(a => a.Period).ToListAsync();
            for (var i = 0; i < stored.Count; i++)
            {
                stored[i].Value = i % 4 == 0 ? null : stored[i].Value + 0.25m;
                stored[i].NoDataReason = i % 4 == 0 ? "Meter replaced" : null;
                stored[i].Comment = i % 5 == 0 ? null : $"Recount {i}";
                stored[i].SubmittedById = null;
                stored[i].SubmittedByName = "ERP feed";
                stored[i].SubmittedAt = Now;
                stored[i].Source = EntrySource.Api;
                stored[i].SourceSystem = "SAP";
            }

            db.Actuals.Add(seed.NewActual(Period.Month(2021, 1), 3m));
            await db.SaveChangesInBulkAsync(CancellationToken.None);
        }

        await using var read = Database.CreateContext();
        var back = await read.Actuals.Where(a => a.KpiId == seed.Kpi.Id).ToDictionaryAsync(a => a.Id);
        Assert.Equal(202, back.Count);
        for (var i = 0; i < first.Count; i++)
        {
            var row = back[first[i].Id];
            Assert.Equal(
                (i % 4 == 0 ? null : 50.25m + i, i % 4 == 0 ? "Meter replaced" : null, i % 5 == 0 ? null : $"Recount {i}", (Guid?)null, "ERP feed", Now, EntrySource.Api, "SAP", 1u),
                (row.Value, row.NoDataReason, row.Comment, row.SubmittedById, row.SubmittedByName, row.SubmittedAt, row.Source, row.SourceSystem, row.Version));
            Assert.Equal((first[i].Period, first[i].OrganizationId, first[i].FirstSubmittedAt), (row.Period, row.OrganizationId, row.FirstSubmittedAt));
        }

        Assert.Equal((7m, "Left alone", 0u), (back[untouched.Id].Value, back[untouched.Id].Comment, back[untouched.Id].Version));
        var trail = await read.AuditEntries.Where(e => e.KpiId == seed.Kpi.Id && e.ActorName == "ERP feed").ToListAsync();
        Assert.Equal(200, trail.Count(e => e.Change == "updated"));
        Assert.Equal(200, trail.Where(e => e.Change == "updated").Select(e => e.SubjectId).Distinct().Count());
        var eighth = trail.Single(e => e.SubjectId == first[8].Id);
        Assert.Equal(("""{"value":58,"comment":"Count 8"}""", """{"noDataReason":"Meter replaced","comment":"Recount 8"}"""), (eighth.OldValue, eighth.NewValue));
    }

    [Fact]
    public async Task A_bulk_save_of_corrections_one_of_which_was_changed_meanwhile_fails_as_EF_would_and_stores_nothing()
    {
        var seed = await SeedScorecard.CreateAsync(Database);
        var actuals = Enumerable.Range(0, 3).Select(i => seed.NewActual(Period.Month(2026, 7 + i), 80m + i)).ToList();
        await StoreAsync([.. actuals]);

        await using (var db = Context())
        {
            var stale = await db.Actuals.Where(a => a.KpiId == seed.Kpi.Id).ToListAsync();
            await using (var other = Database.CreateContext())
            {
                (await other.Actuals.SingleAsync(a => a.Id == actuals[1].Id)).Value = 99m;
                await other.SaveChangesAsync();
            }

            stale.ForEach(a => a.Value += 10m);
            db.Actuals.Add(seed.NewActual(Period.Month(2026, 10), 70m));
            await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db.SaveChangesInBulkAsync(CancellationToken.None));
        }

        await using var read = Database.CreateContext();
        Assert.Equal(
            [80m, 99m, 82m],
            await read.Actuals.Where(a => a.KpiId == seed.Kpi.Id).OrderBy(a => a.Period).Select(a => a.Value).ToListAsync());
        Assert.Equal(0, await read.AuditEntries.CountAsync(e => e.KpiId == seed.Kpi.Id && e.ActorName == "ERP feed"));
    }

    [Fact]
    public async Task Two_bulk_saves_of_corrections_in_one_transaction_both_stay()
    {
        var seed = await SeedScorecard.CreateAsync(Database);
        var actuals = Enumerable.Range(0, 2).Select(i => seed.NewActual(Period.Month(2026, 8 + i), 60m + i)).ToList();
        await StoreAsync([.. actuals]);

        await using (var db = Context())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            (await db.Actuals.SingleAsync(a => a.Id == actuals[0].Id)).Value = 1m;
            await db.SaveChangesInBulkAsync(CancellationToken.None);
            (await db.Actuals.SingleAsync(a => a.Id == actuals[1].Id)).Value = 2m;
            await db.SaveChangesInBulkAsync(CancellationToken.None);
            await transaction.CommitAsync();
        }

        await using var read = Database.CreateContext();
        Assert.Equal(
            [(1m, 1u), (2m, 1u)],
            (await read.Actuals.Where(a => a.KpiId == seed.Kpi.Id).OrderBy(a => a.Period).ToListAsync()).Select(a => (a.Value, a.Version)));
    }

    /// <summary>Stores <paramref name="actuals"/> the ordinary way, as a card or an earlier batch would have.</summary>
    private async Task StoreAsync(params Actual[] actuals)
    {
        await using var db = Database.CreateContext();
        db.Actuals.AddRange(actuals);
        await db.SaveChangesAsync();
    }

    private ScorecardDbContext Context() => Database.CreateContext(new AuditContext(null, "ERP feed", EntrySource.Api), new FakeTimeProvider(Now));
}

public sealed class BulkSaveTestsOnSqlite(SqliteTestDatabase database) : BulkSaveTests(database), IClassFixture<SqliteTestDatabase>;

public sealed class BulkSaveTestsOnPostgres(PostgresTestDatabase database) : BulkSaveTests(database), IClassFixture<PostgresTestDatabase>;
