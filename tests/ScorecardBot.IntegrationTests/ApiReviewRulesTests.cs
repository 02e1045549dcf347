using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ScorecardBot.Core.Model;
using ScorecardBot.Data.Outbox;
using ScorecardBot.Data.Stores;
using ScorecardBot.IntegrationTests.Infrastructure;

namespace ScorecardBot.IntegrationTests;

/// <summary>
/// The REST API follows the scorecard's review rules as a card submit does: a month locked after
/// its business review takes no change from a write key, and a value of a scorecard that requires
/// approval waits for its manager. Each test turns its rule on for the fleet scorecard and off again.
/// </summary>
public abstract partial class EndToEndTests
{
    [Fact]
    public async Task An_api_change_of_a_month_locked_after_its_review_is_refused_with_a_problem_that_says_why()
    {
        var (_, key) = await CreateKeyAsync("Late TMS feed", "write");
        var misses = await Bot.KpiAsync(BotUnderTest.Logistics, "Late arrivals caused by the carrier");
        await WithFleetAsync(s => s.LockAfterReview = true, async () =>
        {
            var put = await Api(key).PutAsJsonAsync("api/v1/kpis/appointment-misses/actuals/2024-05", new { value = 4.4m, comment = "Re-stated" });

            Assert.Equal(HttpStatusCode.Conflict, put.StatusCode);
            Assert.Equal("application/problem+json", put.Content.Headers.ContentType?.MediaType);
            var problem = await Problem(put);
            Assert.Equal(("locked", "2024-05"), (problem["code"]!.GetValue<string>(), problem["period"]!.GetValue<string>()));
            var detail = problem["detail"]!.GetValue<string>();
            Assert.Contains("Late arrivals caused by the carrier for May 2024 was locked after its business review", detail, StringComparison.Ordinal);
            Assert.Contains("Ask Carlos Mendoza", detail, StringComparison.Ordinal);
            Assert.Contains("scope manage", detail, StringComparison.Ordinal);
            Assert.Empty(await Bot.ActualsAsync(misses.Id, "2024-05"));

            // In a batch the locked row is refused by name; without ?partial nothing is stored.
            var batch = await Api(key).PostAsJsonAsync("api/v1/actuals", new
            {
                actuals = new object[]
                {
                    new { kpiKey = "appointment-misses", period = "2024-06", value = 4.1m },
                    new { kpiKey = "appointment-misses", period = "2024-05", value = 4.4m },
                },
            });
            Assert.Equal(HttpStatusCode.BadRequest, batch.StatusCode);
            var refused = (await Problem(batch))["refused"]!.AsArray();
            Assert.Equal(["locked", "locked"], refused.Select(r => r!["code"]!.GetValue<string>()));
            Assert.Empty(await Bot.ActualsAsync(misses.Id, "2024-06"));
        });
    }

    [Fact]
    public async Task A_key_of_scope_manage_may_change_a_locked_month_audited_as_such_and_a_resent_value_is_no_change()
    {
        var (manageName, manage) = await CreateKeyAsync("Controller restatement", "manage");
        var (_, write) = await CreateKeyAsync("Nightly TMS feed", "write");
        var misses = await Bot.KpiAsync(BotUnderTest.Logistics, "Late arrivals caused by the carrier");
        await WithFleetAsync(s => s.LockAfterReview = true, async () =>
        {
            var put = await Api(manage).PutAsJsonAsync("api/v1/kpis/appointment-misses/actuals/2024-07", new { value = 4.6m, comment = "Restated after the claims audit" });

            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            var stored = Assert.Single(await Bot.ActualsAsync(misses.Id, "2024-07"));
            Assert.Equal((4.6m, manageName), (stored.Value, stored.SubmittedByName));
            await using (var scope = Bot.Scope())
            {
                var db = scope.ServiceProvider.GetRequiredService<Data.ScorecardDbContext>();
                var trail = (await db.AuditEntries.AsNoTracking().Where(a => a.KpiId == misses.Id && a.Subject == "Actual").ToListAsync())
                    .Where(a => a.Period == Period.Month(2024, 7)).ToList();
                var entry = Assert.Single(trail);
                Assert.Equal(($"{manageName} (manage scope)", EntrySource.Api), (entry.ActorName, entry.Via));
            }

            // A feed that sends the whole year again changes nothing in the locked month: not refused.
            var again = await Api(write).PutAsJsonAsync("api/v1/kpis/appointment-misses/actuals/2024-07", new { value = 4.6m });
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            Assert.Equal("unchanged", (await again.Content.ReadFromJsonAsync<JsonObject>())!["actuals"]![0]!["change"]!.GetValue<string>());
            var changed = await Api(write).PutAsJsonAsync("api/v1/kpis/appointment-misses/actuals/2024-07", new { value = 4.7m });
            Assert.Equal(HttpStatusCode.Conflict, changed.StatusCode);
            Assert.Equal(4.6m, Assert.Single(await Bot.ActualsAsync(misses.Id, "2024-07")).Value);
        });

        var keys = Html(await SayAsync(Dana, "apikey list"));
        Assert.Contains("manage, made", keys, StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_a_scorecard_that_requires_approval_an_api_value_waits_and_its_manager_gets_the_approval_card()
    {
        var (name, key) = await CreateKeyAsync("Stop events feed", "write");
        var misses = await Bot.KpiAsync(BotUnderTest.Logistics, "Late arrivals caused by the carrier");
        var carlos = await Bot.PersonAsync(Carlos);
        await WithFleetAsync(s => s.RequiresApproval = true, async () =>
        {
            var put = await Api(key).PutAsJsonAsync("api/v1/kpis/appointment-misses/actuals/2024-08", new { value = 3.9m, sourceSystem = "McLeod" });

            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            Assert.True((await put.Content.ReadFromJsonAsync<JsonObject>())!["actuals"]![0]!["pendingApproval"]?.GetValue<bool>(), "the answer says the value waits for approval");
            var stored = Assert.Single(await Bot.ActualsAsync(misses.Id, "2024-08"));
            Assert.True(stored.PendingApproval);

            // It does not count yet: the month is not scored (3.9 would be Green against the 4.5 of FY2024).
            var series = await Api(key).GetFromJsonAsync<JsonObject>("api/v1/kpis/appointment-misses/series?from=2024-08&to=2024-08");
            Assert.Equal("NoData", series!["points"]![0]!["status"]!.GetValue<string>());

            await using var scope = Bot.Scope();
            var db = scope.ServiceProvider.GetRequiredService<Data.ScorecardDbContext>();
            var cards = await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.PersonId == carlos.Id && m.Kind == "approval").ToListAsync();
            var card = Assert.Single(cards, c => c.PayloadJson.Contains("Approve Late arrivals caused by the carrier", StringComparison.Ordinal));
            Assert.Contains($"{name} (API, McLeod) reported 3.9", card.PayloadJson, StringComparison.Ordinal);
            Assert.Contains($"\"{stored.Version}\"", card.PayloadJson, StringComparison.Ordinal);

            // The same value again is no change: no second card.
            await Api(key).PutAsJsonAsync("api/v1/kpis/appointment-misses/actuals/2024-08", new { value = 3.9m, sourceSystem = "McLeod" });
            Assert.Single(await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.PersonId == carlos.Id && m.Kind == "approval").ToListAsync(),
                c => c.PayloadJson.Contains("Approve Late arrivals caused by the carrier", StringComparison.Ordinal));
        });
    }

    /// <summary>Changes the fleet scorecard for the length of <paramref name="test"/>, then puts it back (the class's tests share one bot).</summary>
    private async Task WithFleetAsync(Action<Scorecard> change, Func<Task> test)
    {
        async Task SetAsync(Action<Scorecard> set)
        {
            await using var scope = Bot.Scope();
            var db = scope.ServiceProvider.GetRequiredService<Data.ScorecardDbContext>();
            var fleet = await db.Scorecards.SingleAsync(s => s.Key == "fleet" && db.Organizations.Any(o => o.Id == s.OrganizationId && o.Name == BotUnderTest.Logistics));
            set(fleet);
            await db.SaveChangesAsync();
            Bot.Services.GetRequiredService<ScorecardStore>().Invalidate(fleet.OrganizationId);
        }

        await SetAsync(change);
        try
        {
            await test();
        }
        finally
        {
            await SetAsync(s => (s.LockAfterReview, s.RequiresApproval) = (false, false));
        }
    }
}
