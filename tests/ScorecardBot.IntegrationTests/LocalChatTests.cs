using System.Net;
using System.Text.RegularExpressions;
using ScorecardBot.IntegrationTests.Infrastructure;

namespace ScorecardBot.IntegrationTests;

public abstract partial class EndToEndTests
{
    [Fact]
    public async Task Owner_asking_about_customer_retention_gets_value_target_status_and_a_chart()
    {
        var cards = await SayAsync(Rachel, "how is customer retention doing");

        var html = Html(cards);
        Assert.Equal("kpi", Kind(cards));
        Assert.Contains("Customer retention", html, StringComparison.Ordinal);
        foreach (var label in new[] { "Value", "Target", "Status", "Owner" })
        {
            Assert.Contains(label, html, StringComparison.Ordinal);
        }

        Assert.Contains("Rachel Novak", html, StringComparison.Ordinal);
        var retention = await Bot.KpiAsync(BotUnderTest.Logistics, "Customer retention");
        var reported = await Bot.ActualsAsync(retention.Id, "2026-10"); // the last complete month: 90.2, or 91.5 once another test recorded it
        var value = Assert.Single(reported).Value!.Value.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Matches(Regex.Escape(value) + @"\s?%", html);
        Assert.Matches(@"91\.0\s?%", html); // the FY2026 target
        Assert.Matches(@"Status\W+(Green|Amber|Red)", Regex.Replace(html, "<[^>]+>", " "));
        var link = Regex.Match(html, @"https://scorecard\.example\.test(/charts/kpi/[0-9a-f-]+\.png\?[^""'\s<]+)");
        Assert.True(link.Success, html);

        var chart = await Client.GetAsync(link.Groups[1].Value.TrimStart('/'));
        Assert.Equal(HttpStatusCode.OK, chart.StatusCode);
        Assert.Equal("image/png", chart.Content.Headers.ContentType?.MediaType);
        var png = await chart.Content.ReadAsByteArrayAsync();
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);

        var tampered = Regex.Replace(link.Groups[1].Value, "sig=([^&]+)", m => "sig=" + (m.Groups[1].Value[0] == 'A' ? 'B' : 'A') + m.Groups[1].Value[1..]);
        Assert.Equal(HttpStatusCode.Forbidden, (await Client.GetAsync(tampered.TrimStart('/'))).StatusCode);
    }
}

public abstract partial class EndToEndTests
{
    [Fact]
    public async Task Manager_assigns_on_time_delivery_and_who_owns_then_names_the_new_owner_with_an_audit_entry()
    {
        var carlos = await Bot.PersonAsync(Carlos);
        var james = await Bot.PersonAsync(James);
        var otd = await Bot.KpiAsync(BotUnderTest.Logistics, "On-time delivery");

        var assigned = await SayAsync(Carlos, $"assign \"On-time delivery\" {James}");
        Assert.Contains("James Okafor", Html(assigned), StringComparison.Ordinal);

        var who = await SayAsync(Carlos, "who owns OTD");
        Assert.Contains("James Okafor", Html(who), StringComparison.Ordinal);
        Assert.Equal(james.Id, (await Bot.KpiAsync(BotUnderTest.Logistics, "On-time delivery")).OwnerId);

        await using var scope = Bot.Scope();
        var db = scope.ServiceProvider.GetRequiredService<Data.ScorecardDbContext>();
        var audit = db.AuditEntries.Where(a => a.SubjectId == otd.Id && a.ActorId == carlos.Id).ToList();
        Assert.Contains(audit, a => a.NewValue?.Contains(james.Id.ToString(), StringComparison.OrdinalIgnoreCase) == true || a.NewValue?.Contains("James Okafor", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Viewer_trying_to_assign_is_refused_and_the_owner_stays()
    {
        var before = await Bot.KpiAsync(BotUnderTest.Logistics, "Fuel economy");

        var cards = await SayAsync(Kevin, $"assign \"Fuel economy\" {James}");

        Assert.Equal("refused", Kind(cards));
        Assert.Equal(before.OwnerId, (await Bot.KpiAsync(BotUnderTest.Logistics, "Fuel economy")).OwnerId);
    }

    [Fact]
    public async Task Owner_submits_an_actual_once_even_when_sent_twice_and_bad_input_changes_nothing()
    {
        var retention = await Bot.KpiAsync(BotUnderTest.Logistics, "Customer retention");

        var first = await SayAsync(Rachel, "actual \"Customer retention\" 2026-10 91.5 strong renewals");
        Assert.Equal("recorded", Kind(first));
        var stored = Assert.Single(await Bot.ActualsAsync(retention.Id, "2026-10"));
        Assert.Equal(91.5m, stored.Value);
        Assert.Equal("strong renewals", stored.Comment);

        var again = await SayAsync(Rachel, "actual \"Customer retention\" 2026-10 91.5 strong renewals");
        Assert.Equal("recorded", Kind(again));
        Assert.Contains("already recorded", Html(again), StringComparison.Ordinal);
        Assert.Equal(stored.Id, Assert.Single(await Bot.ActualsAsync(retention.Id, "2026-10")).Id);

        var bad = await SayAsync(Rachel, "actual \"Customer retention\" 2026-10 abc");
        // "abc" is not a value, so the command does not read: the answer says how to write it.
        Assert.Equal("usage", Kind(bad));
        Assert.Contains("actual <kpi> [period] <value> [comment]", Html(bad), StringComparison.Ordinal);
        var implausible = await SayAsync(Rachel, "actual \"Customer retention\" 2026-10 5000%");
        Assert.Equal("invalid", Kind(implausible));
        Assert.Contains("not a plausible percentage", Html(implausible), StringComparison.Ordinal);
        Assert.Contains("Nothing was recorded", Html(implausible), StringComparison.Ordinal);

        var after = Assert.Single(await Bot.ActualsAsync(retention.Id, "2026-10"));
        Assert.Equal((91.5m, "strong renewals", stored.SubmittedAt), (after.Value, after.Comment, after.SubmittedAt));
    }
}
