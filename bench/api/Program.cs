using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

// ApiBench <base url> <API key> [rows] [bot pid]: POSTs one batch of <rows> actuals (10,000 by
// default) to /api/v1/actuals three times and prints the time of each call: every row new, the
// same body again (nothing changes), every value changed (10,000 corrections, each audited). With
// the bot's process id it also prints the CPU time the bot spent on each call, which a machine
// busy with other work disturbs far less than the wall-clock time.
var baseUrl = new Uri(args[0].TrimEnd('/') + "/");
var key = args[1];
var count = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10_000;
var bot = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 0;

// utime + stime of a process, in seconds (Linux /proc; 100 clock ticks a second).
double CpuSeconds() => bot == 0 ? 0 : File.ReadAllText($"/proc/{bot}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries)
    .Skip(11).Take(2).Sum(t => double.Parse(t, CultureInfo.InvariantCulture)) / 100;

using var http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromMinutes(5) };
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

// The organization's monthly KPIs, then as many months back from 2024-12 as it takes to reach the count.
var keys = new List<string>();
var list = await http.GetFromJsonAsync<JsonObject>("api/v1/scorecards");
foreach (var scorecard in list!["scorecards"]!.AsArray())
{
    var detail = await http.GetFromJsonAsync<JsonObject>($"api/v1/scorecards/{scorecard!["id"]}");
    keys.AddRange(detail!["perspectives"]!.AsArray().SelectMany(p => p!["objectives"]!.AsArray()).SelectMany(o => o!["kpis"]!.AsArray())
        .Where(k => k!["frequency"]!.GetValue<string>() == "Monthly").Select(k => k!["key"]!.GetValue<string>()));
}

var months = (count + keys.Count - 1) / keys.Count;
Console.WriteLine($"{keys.Count} monthly KPIs x {months} months (up to 2024-12) = {count} actuals in one call");

JsonObject Batch(decimal shift, int rowCount = 0, int firstYear = 0)
{
    var rows = new JsonArray();
    for (var i = 0; i < (rowCount == 0 ? count : rowCount); i++)
    {
        var month = firstYear > 0 ? new DateOnly(firstYear, 1, 1).AddMonths(i / keys.Count) : new DateOnly(2024, 12, 1).AddMonths(-(i / keys.Count));
        rows.Add(new JsonObject
        {
            ["kpiKey"] = keys[i % keys.Count],
            ["period"] = month.ToString("yyyy-MM", CultureInfo.InvariantCulture),
            ["value"] = 40m + (i % 17) + shift,
            ["confirmed"] = true,
        });
    }

    return new JsonObject { ["sourceSystem"] = "ApiBench", ["actuals"] = rows };
}

// A server that has run a while has its hot paths compiled by the JIT's optimizing tier; a first
// call would also time the compiler. Two warm-up batches (other months, 1900–1912) come first.
foreach (var warmUp in new[] { Batch(0, 2_000, 1900), Batch(0, 2_000, 1911), Batch(0, 2_000, 1922), Batch(1, 2_000, 1900) })
{
    using var response = await http.PostAsync("api/v1/actuals", JsonContent.Create(warmUp));
    response.EnsureSuccessStatusCode();
}

await Task.Delay(TimeSpan.FromSeconds(2));
foreach (var (label, body) in new[] { ("new", Batch(0)), ("same again", Batch(0)), ("all changed", Batch(0.5m)) })
{
    var content = JsonContent.Create(body);
    await content.LoadIntoBufferAsync();
    var cpu = CpuSeconds();
    var watch = Stopwatch.StartNew();
    using var response = await http.PostAsync("api/v1/actuals", content);
    var answer = await response.Content.ReadAsStringAsync();
    watch.Stop();
    cpu = CpuSeconds() - cpu;
    var result = JsonNode.Parse(answer)!;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{label,-12} {(int)response.StatusCode} {watch.Elapsed.TotalSeconds:0.000} s (bot CPU {cpu:0.00} s)  created {result["created"]} updated {result["updated"]} unchanged {result["unchanged"]}  ({content.Headers.ContentLength:N0} bytes)"));
    if (!response.IsSuccessStatusCode)
    {
        Console.WriteLine(answer[..Math.Min(2000, answer.Length)]);
        return 1;
    }
}

return 0;
