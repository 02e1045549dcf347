using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using ScorecardBot.Core.Model;
using ScorecardBot.IntegrationTests.Infrastructure;

namespace ScorecardBot.IntegrationTests;

/// <summary>The REST API through HTTP: keys made in the chat, actuals written and read back, the audit trail, the export.</summary>
public abstract partial class EndToEndTests
{
    protected const string Dana = "dana.whitfield@prairieline.example";

    [Fact]
    public async Task Calls_without_a_valid_key_get_401_saying_why()
    {
        var (_, revoked) = await CreateKeyAsync("Revoked feed", "read");
        var id = Regex.Match(revoked, "^sbk_([a-z2-7]{12})_").Groups[1].Value;
        var answer = Html(await SayAsync(Dana, $"apikey revoke {id}"));
        Assert.Contains("revoked", answer, StringComparison.Ordinal);

        var cases = new (string? Header, string Says)[]
        {
            (null, "needs an API key"),
            ("Basic dXNlcjpwYXNz", "Bearer <API key>"),
            ("Bearer not-a-key", "not a ScorecardBot API key"),
            ("Bearer sbk_aaaaaaaaaaaa_" + new string('A', 43), "not known"),
            ("Bearer " + revoked, "revoked"),
        };
        foreach (var (header, says) in cases)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/scorecards");
            if (header is not null)
            {
                request.Headers.TryAddWithoutValidation("Authorization", header);
            }

            var response = await Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains(says, (await Problem(response))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// The API key scheme is the host's only one, so ASP.NET Core offers it every request. Teams'
    /// own Bearer token, the local chat and the health check must not be read as failed API-key
    /// logins: no key lookup, and no "not authenticated" line per Teams message in the log.
    /// </summary>
    [Fact]
    public async Task Only_calls_to_the_REST_API_are_read_as_API_key_logins()
    {
        await Bot.LinkAsync(Rachel, Platform.Teams, RachelAad);
        int ApiKeyLines() => Bot.Logs.Lines.Count(l => l.Category.EndsWith("ApiKeyAuthenticationHandler", StringComparison.Ordinal));
        var before = ApiKeyLines();

        var teams = await PostActivityAsync(TeamsMessage("help", BotUnderTest.TenantA, RachelAad, "a:apikey-" + Guid.NewGuid().ToString("N")), Token());
        var health = await Client.GetAsync("healthz");
        await SayAsync(Rachel, "help");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (teams.StatusCode, health.StatusCode));
        Assert.Equal(before, ApiKeyLines());

        var refused = await Client.GetAsync("api/v1/scorecards");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("needs an API key", (await Problem(refused))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_read_key_reads_but_may_not_write_and_nothing_changes()
    {
        var (_, key) = await CreateKeyAsync("BI dashboard", "read");
        var list = await Api(key).GetFromJsonAsync<JsonObject>("api/v1/scorecards");
        Assert.Equal(BotUnderTest.Logistics, list!["organization"]!.GetValue<string>());
        Assert.Contains("company", list["scorecards"]!.AsArray().Select(s => s!["key"]!.GetValue<string>()));

        var claims = await Bot.KpiAsync(BotUnderTest.Logistics, "Cargo claims rate");
        var before = Values(await Bot.ActualsAsync(claims.Id, "2026-03"));
        var put = await Api(key).PutAsJsonAsync($"api/v1/kpis/{claims.Key}/actuals/2026-03", new { value = 0.1m });

        Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
        Assert.Contains("scope write", (await Problem(put))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(before, Values(await Bot.ActualsAsync(claims.Id, "2026-03")));
    }

    [Fact]
    public async Task A_key_of_one_organization_finds_nothing_of_the_other_and_changes_nothing()
    {
        var (_, key) = await CreateKeyAsync("Cross check", "write");
        var theirs = await Bot.KpiAsync(BotUnderTest.Manufacturing, "Scrap rate");
        var before = Values(await Bot.ActualsAsync(theirs.Id, "2026-04"));

        var put = await Api(key).PutAsJsonAsync($"api/v1/kpis/{theirs.Id}/actuals/2026-04", new { value = 1.5m });
        Assert.Equal(HttpStatusCode.NotFound, put.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Api(key).PutAsJsonAsync("api/v1/kpis/scrap-rate/actuals/2026-04", new { value = 1.5m })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Api(key).GetAsync($"api/v1/kpis/{theirs.Id}/series")).StatusCode);
        var batch = await Api(key).PostAsJsonAsync("api/v1/actuals?partial=true", new { actuals = new[] { new { kpiId = theirs.Id, period = "2026-04", value = 1.5m } } });
        Assert.Equal(HttpStatusCode.BadRequest, batch.StatusCode);
        Assert.Equal("not_found", (await Problem(batch))["refused"]![0]!["code"]!.GetValue<string>());

        var list = await Api(key).GetFromJsonAsync<JsonObject>("api/v1/scorecards");
        Assert.DoesNotContain(BotUnderTest.Manufacturing, list!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(before, Values(await Bot.ActualsAsync(theirs.Id, "2026-04")));
    }

    [Fact]
    public async Task A_batch_with_one_bad_row_is_refused_whole_and_partial_stores_the_good_rows()
    {
        var (_, key) = await CreateKeyAsync("Warehouse feed", "write");
        var idle = await Bot.KpiAsync(BotUnderTest.Logistics, "Engine idle time");
        var rows = new object[]
        {
            new { kpiKey = "idle-time", period = "2025-02", value = 11.5m },
            new { kpiKey = "idle-time", period = "2025-03", text = "lots" },
        };
        var before = Values(await Bot.ActualsAsync(idle.Id, "2025-02"));

        var whole = await Api(key).PostAsJsonAsync("api/v1/actuals", new { sourceSystem = "Samsara", actuals = rows });
        Assert.Equal(HttpStatusCode.BadRequest, whole.StatusCode);
        var problem = await Problem(whole);
        Assert.Contains("nothing was stored", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var refused = Assert.Single(problem["refused"]!.AsArray())!;
        Assert.Equal(1, refused["index"]!.GetValue<int>());
        Assert.Contains("'lots' is not a number", refused["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(before, Values(await Bot.ActualsAsync(idle.Id, "2025-02")));

        var partial = await Api(key).PostAsJsonAsync("api/v1/actuals?partial=true", new { sourceSystem = "Samsara", actuals = rows });
        Assert.Equal(HttpStatusCode.OK, partial.StatusCode);
        var body = (await partial.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(1, body["created"]!.GetValue<int>() + body["updated"]!.GetValue<int>());
        Assert.Equal(1, Assert.Single(body["refused"]!.AsArray())!["index"]!.GetValue<int>());
        var stored = Assert.Single(await Bot.ActualsAsync(idle.Id, "2025-02"));
        Assert.Equal((11.5m, EntrySource.Api, "Samsara"), (stored.Value, stored.Source, stored.SourceSystem));
    }

    [Fact]
    public async Task The_same_body_twice_is_one_change_with_one_audit_entry_in_the_keys_name()
    {
        var (name, key) = await CreateKeyAsync("SAP monthly close", "write");
        var revenue = await Bot.KpiAsync(BotUnderTest.Logistics, "Operating revenue");
        var body = new { value = 5234000m, comment = "Two new dedicated contracts", sourceSystem = "SAP S/4HANA" };

        var first = await Api(key).PutAsJsonAsync("api/v1/kpis/revenue/actuals/2025-06", body);
        var second = await Api(key).PutAsJsonAsync("api/v1/kpis/revenue/actuals/2025-06", body);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("updated", (await first.Content.ReadFromJsonAsync<JsonObject>())!["actuals"]![0]!["change"]!.GetValue<string>());
        Assert.Equal("unchanged", (await second.Content.ReadFromJsonAsync<JsonObject>())!["actuals"]![0]!["change"]!.GetValue<string>());
        var stored = Assert.Single(await Bot.ActualsAsync(revenue.Id, "2025-06"));
        Assert.Equal((5234000m, "Two new dedicated contracts", name), (stored.Value, stored.Comment, stored.SubmittedByName));

        var trail = await AuditAsync(revenue.Id, "2025-06");
        var entry = Assert.Single(trail);
        Assert.Equal((name, EntrySource.Api, (Guid?)null), (entry.ActorName, entry.Via, entry.ActorId));
        Assert.Contains("5234000", entry.NewValue, StringComparison.Ordinal);

        // The batch with the same numbers changes nothing either; a new number is one more entry.
        var batch = await Api(key).PostAsJsonAsync("api/v1/actuals", new { actuals = new[] { new { kpiKey = "revenue", period = "2025-06", value = 5234000m } } });
        Assert.Equal(0, (await batch.Content.ReadFromJsonAsync<JsonObject>())!["updated"]!.GetValue<int>());
        await Api(key).PutAsJsonAsync("api/v1/kpis/revenue/actuals/2025-06", body with { value = 5240000m });
        Assert.Equal(2, (await AuditAsync(revenue.Id, "2025-06")).Count);
        Assert.True((await Bot.KpiAsync(BotUnderTest.Logistics, "Operating revenue")).FedByApi);

        var series = await Api(key).GetFromJsonAsync<JsonObject>("api/v1/kpis/revenue/series?from=2025-05&to=2025-07");
        var june = series!["points"]!.AsArray().Single(p => p!["period"]!.GetValue<string>() == "2025-06")!;
        Assert.Equal(5240000m, june["actual"]!.GetValue<decimal>());
        Assert.Equal(("Api", "SAP S/4HANA", name), (june["source"]!.GetValue<string>(), june["sourceSystem"]!.GetValue<string>(), june["submittedBy"]!.GetValue<string>()));
        Assert.Equal(3, series["points"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_batch_of_four_hundred_months_is_stored_with_one_audit_entry_per_change_and_sent_again_changes_nothing()
    {
        var (name, key) = await CreateKeyAsync("Telematics history", "write");
        var idle = await Bot.KpiAsync(BotUnderTest.Logistics, "Engine idle time");
        var months = Enumerable.Range(0, 400).Select(i => new DateOnly(1980, 1, 1).AddMonths(i).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        object Batch(decimal shift) => new
        {
            sourceSystem = "Samsara",
            actuals = months.Select((m, i) => new { kpiKey = "idle-time", period = m, value = 10m + (i % 7) + shift, comment = i == 0 ? "First month on file" : null }),
        };

        async Task<JsonObject> PostAsync(object body)
        {
            var response = await Api(key).PostAsJsonAsync("api/v1/actuals", body);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        }

        var first = await PostAsync(Batch(0));
        var again = await PostAsync(Batch(0));
        var corrected = await PostAsync(Batch(0.5m));

        Assert.Equal((400, 0, 0), (first["created"]!.GetValue<int>(), first["updated"]!.GetValue<int>(), first["unchanged"]!.GetValue<int>()));
        Assert.Equal((0, 0, 400), (again["created"]!.GetValue<int>(), again["updated"]!.GetValue<int>(), again["unchanged"]!.GetValue<int>()));
        Assert.Equal((0, 400, 0), (corrected["created"]!.GetValue<int>(), corrected["updated"]!.GetValue<int>(), corrected["unchanged"]!.GetValue<int>()));

        await using var scope = Bot.Scope();
        var db = scope.ServiceProvider.GetRequiredService<Data.ScorecardDbContext>();
        var trail = await db.AuditEntries.AsNoTracking().Where(a => a.KpiId == idle.Id && a.Subject == "Actual" && a.ActorName == name).ToListAsync();
        Assert.Equal((400, 400), (trail.Count(a => a.Change == "created"), trail.Count(a => a.Change == "updated")));
        Assert.All(trail, a => Assert.Equal((EntrySource.Api, (Guid?)null), (a.Via, a.ActorId)));
        var stored = await db.Actuals.AsNoTracking().Where(a => a.KpiId == idle.Id && a.SourceSystem == "Samsara" && a.SubmittedByName == name).ToListAsync();
        Assert.Equal(400, stored.Count);
        var january = stored.Single(a => a.Period == Period.Month(1980, 1));
        Assert.Equal((10.5m, "First month on file", 1u), (january.Value, january.Comment, january.Version));
    }

    [Fact]
    public async Task Values_pass_the_cards_rules_and_an_implausible_one_needs_confirming()
    {
        var (_, key) = await CreateKeyAsync("Survey tool", "write");
        async Task<JsonObject> Refused(object body)
        {
            var response = await Api(key).PutAsJsonAsync("api/v1/kpis/empty-miles/actuals/2025-09", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return await Problem(response);
        }

        Assert.Contains("why there is no data", (await Refused(new { text = "n/a" }))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("not a plausible percentage", (await Refused(new { value = 5000m }))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("amount of money", (await Refused(new { text = "$12" }))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var doubtful = await Refused(new { value = 900m });
        Assert.Equal("needs_confirmation", doubtful["code"]!.GetValue<string>());
        Assert.Contains("\"confirmed\": true", doubtful["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        var confirmed = await Api(key).PutAsJsonAsync("api/v1/kpis/empty-miles/actuals/2025-09", new { value = 900m, confirmed = true });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var typed = await Api(key).PutAsJsonAsync("api/v1/kpis/empty-miles/actuals/2025-10", new { text = "14.5 %" });
        Assert.Equal(14.5m, (await typed.Content.ReadFromJsonAsync<JsonObject>())!["actuals"]![0]!["value"]!.GetValue<decimal>());
        var noData = await Api(key).PutAsJsonAsync("api/v1/kpis/empty-miles/actuals/2025-11", new { text = "n/a", comment = "Telematics outage" });
        Assert.Equal("Telematics outage", (await noData.Content.ReadFromJsonAsync<JsonObject>())!["actuals"]![0]!["noDataReason"]!.GetValue<string>());

        var unreadable = await Api(key).PutAsync("api/v1/kpis/empty-miles/actuals/2025-09", new StringContent("{\"value\": ", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, unreadable.StatusCode);
        Assert.Contains("not the JSON expected", (await Problem(unreadable))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var wrongPeriod = await Api(key).PutAsJsonAsync("api/v1/kpis/empty-miles/actuals/Oct", new { value = 12m });
        Assert.Contains("is not a period", (await Problem(wrongPeriod))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_xlsx_export_opens_and_holds_one_row_per_kpi_and_month()
    {
        var (_, key) = await CreateKeyAsync("Power BI", "write");
        await Api(key).PutAsJsonAsync("api/v1/kpis/seated-trucks/actuals/2025-04", new { value = 97.25m, comment = "Spring hiring" });

        var response = await Api(key).GetAsync("api/v1/export?format=xlsx&scorecard=fleet&from=2025-01&to=2025-06");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        var sheet = XlsxSheet.Read(await response.Content.ReadAsByteArrayAsync(), "Actuals");
        var header = Enumerable.Range(1, 19).Select(c => sheet.Cell(1, c).Text).ToList();
        Assert.Equal(ScorecardBot.Api.ExportApi.Columns, header);
        Assert.All(Enumerable.Range(1, 19), c => Assert.True(sheet.Cell(1, c).IsBold, $"header column {c} is not bold"));
        Assert.Equal((1, "A1:S31"), (sheet.FrozenRows, sheet.AutoFilter));
        var rows = Enumerable.Range(2, sheet.RowCount - 1).ToList();
        Assert.Equal(5 * 6, rows.Count); // the fleet scorecard's five monthly KPIs, January to June
        var april = rows.Single(r => sheet.Cell(r, 4).Text == "seated-trucks" && sheet.Cell(r, 9).Text == "2025-04");
        Assert.Equal((97.25m, DocumentFormat.OpenXml.Spreadsheet.CellValues.Number), (sheet.Cell(april, 10).Number, sheet.Cell(april, 10).Kind));
        Assert.Equal(("Spring hiring", "Api"), (sheet.Cell(april, 15).Text, sheet.Cell(april, 16).Text));
        // A percentage's quarter is the mean of its months: the export says which rule the KPI adds up by.
        Assert.Equal("Average", sheet.Cell(april, 8).Text);
        // The period stays text ("2025-04", not a date); the submission time is a date-formatted number.
        Assert.NotEqual(DocumentFormat.OpenXml.Spreadsheet.CellValues.Number, sheet.Cell(april, 9).Kind);
        var submitted = sheet.Cell(april, 19);
        Assert.Equal("yyyy-mm-dd hh:mm", submitted.NumberFormat);
        Assert.InRange(DateTime.FromOADate(double.Parse(submitted.Text, System.Globalization.CultureInfo.InvariantCulture)), DateTime.UtcNow.AddHours(-1), DateTime.UtcNow.AddMinutes(1));
        Assert.All(rows, r => Assert.Equal("fleet", sheet.Cell(r, 1).Text));

        var csv = await Api(key).GetStringAsync("api/v1/export?format=csv&scorecard=fleet&from=2025-04&to=2025-04");
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(",", ScorecardBot.Api.ExportApi.Columns), lines[0]);
        Assert.Contains(lines, l => l.StartsWith("fleet,", StringComparison.Ordinal) && l.Contains(",seated-trucks,", StringComparison.Ordinal) && l.Contains(",2025-04,97.25,", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, (await Api(key).GetAsync("api/v1/export?format=pdf")).StatusCode);
    }

    [Fact]
    public async Task A_key_over_its_rate_gets_429_with_retry_after()
    {
        var (_, key) = await CreateKeyAsync("Impatient poller", "read");
        HttpResponseMessage? last = null;
        for (var i = 0; i <= BotUnderTest.ApiRequestsPerMinute; i++)
        {
            last = await Api(key).GetAsync("api/v1/scorecards");
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, last!.StatusCode);
        Assert.True(int.Parse(last.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) is > 0 and <= 60);
        Assert.Contains("calls a minute", (await Problem(last))["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        // Another key is not held back by this one.
        var (_, other) = await CreateKeyAsync("Patient poller", "read");
        Assert.Equal(HttpStatusCode.OK, (await Api(other).GetAsync("api/v1/scorecards")).StatusCode);
    }

    [Fact]
    public async Task A_body_over_the_size_limit_gets_413_before_it_is_read()
    {
        var (_, key) = await CreateKeyAsync("Bulk loader", "write");
        var huge = new StringContent("{\"actuals\": [" + new string(' ', 4 * 1024 * 1024) + "]}", Encoding.UTF8, "application/json");

        var response = await Api(key).PostAsync("api/v1/actuals", huge);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("at most", (await Problem(response))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    // Found by the fuzz tests: a range ending at the first month that can be named reached back
    // before it (the default is twelve months) and was answered 500.
    [Fact]
    public async Task A_range_at_the_edges_of_the_years_that_can_be_named_is_answered_and_beyond_them_refused()
    {
        var (_, key) = await CreateKeyAsync("Edge reader", "read");

        var first = await Api(key).GetAsync("api/v1/kpis/revenue/series?to=1900-01");
        var export = await Api(key).GetAsync("api/v1/export?format=csv&scorecard=company&to=1900-01");
        var beyond = await Api(key).GetAsync("api/v1/kpis/revenue/series?from=9999-01&to=9999-12");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, export.StatusCode));
        var series = (await first.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(("1900-01", "1900-01"), (series["from"]!.GetValue<string>(), series["to"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.BadRequest, beyond.StatusCode);
        Assert.Contains("is not a period", (await Problem(beyond))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    /// <summary>Makes a key as Dana, the sample's admin, in her direct chat; returns its unique name and secret.</summary>
    protected async Task<(string Name, string Secret)> CreateKeyAsync(string name, string scope)
    {
        var unique = $"{name} {Guid.NewGuid().ToString("N")[..6]}";
        var cards = await SayAsync(Dana, $"apikey create \"{unique}\" scope {scope}");
        Assert.Equal("apikey-created", Kind(cards));
        var secret = Regex.Match(Html(cards), "sbk_[a-z2-7]{12}_[A-Za-z0-9_-]{43}");
        Assert.True(secret.Success, Html(cards));
        return (unique, secret.Value);
    }

    protected HttpClient Api(string key)
    {
        var client = new HttpClient { BaseAddress = Client.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    protected static async Task<JsonObject> Problem(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    private async Task<List<AuditEntry>> AuditAsync(Guid kpiId, string period)
    {
        await using var scope = Bot.Scope();
        var db = scope.ServiceProvider.GetRequiredService<Data.ScorecardDbContext>();
        var p = Period.Parse(period);
        var entries = await db.AuditEntries.AsNoTracking().Where(a => a.KpiId == kpiId && a.Subject == "Actual").ToListAsync();
        return [.. entries.Where(a => a.Period == p && a.Via == EntrySource.Api)];
    }
}
