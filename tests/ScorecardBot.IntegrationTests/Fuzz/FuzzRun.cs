using System.Diagnostics;
using System.Globalization;
using System.Text;
using Xunit.Abstractions;

namespace ScorecardBot.IntegrationTests.Fuzz;

/// <summary>One generated request: what is sent, and a short account of how it was made.</summary>
internal sealed record FuzzCase(int Index, HttpMethod Method, string Path, byte[] Body, string? ContentType, IReadOnlyList<(string Name, string Value)> Headers, string Kind)
{
    public HttpRequestMessage ToRequest()
    {
        var request = new HttpRequestMessage(Method, Path);
        if (Body.Length > 0 || Method != HttpMethod.Get)
        {
            request.Content = new ByteArrayContent(Body);
            if (ContentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }
        }

        foreach (var (name, value) in Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    public string Describe()
    {
        var text = Encoding.UTF8.GetString(Body);
        return $"case #{Index} ({Kind}): {Method} {(Path.Length > 300 ? Path[..300] + "…" : Path)} [{ContentType ?? "no content type"}], {Body.Length} bytes: "
            + (text.Length > 1500 ? text[..1500] + "…" : text);
    }
}

/// <summary>
/// Sends the cases of one seed to the host in memory, a few at a time, and checks what a person
/// running the bot would notice: no answer of 5xx, no exception out of the pipeline, no log entry
/// at error level. A failure names the seed and the case, so it reproduces
/// (SCORECARD_FUZZ_SEED=&lt;seed&gt; runs the same cases again).
/// </summary>
internal sealed class FuzzRun(FuzzBot bot, ITestOutputHelper output, string endpoint, int defaultSeed)
{
    public const int CasesPerEndpoint = 10_000;

    public int Seed { get; } = int.TryParse(Environment.GetEnvironmentVariable("SCORECARD_FUZZ_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed)
        ? seed : defaultSeed;

    /// <summary>The random source of one case: the same seed and index give the same case, whatever ran before it.</summary>
    public Random RandomOf(int index) => new(HashCode.Combine(Seed, index, endpoint.Length) ^ (Seed * 7919) ^ index);

    public async Task<IReadOnlyDictionary<int, int>> RunAsync(Func<int, Random, FuzzCase> build, int count = CasesPerEndpoint, int parallel = 8)
    {
        var logsBefore = bot.Logs.Lines.Count;
        var exceptionsBefore = bot.Logs.Exceptions.Count;
        bot.Outbound.Clear();
        var statuses = new int[count];
        var took = new long[count];
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var watch = Stopwatch.StartNew();
        var cases = new FuzzCase[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (i, ct) =>
        {
            var fuzz = cases[i] = build(i, RandomOf(i));
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var request = fuzz.ToRequest();
                using var response = await bot.Client.SendAsync(request, ct);
                statuses[i] = (int)response.StatusCode;
                if (statuses[i] >= 500)
                {
                    failures.Enqueue($"{statuses[i]} for {fuzz.Describe()}\n  answer: {Cut(await response.Content.ReadAsStringAsync(ct), 600)}");
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                statuses[i] = -1;
                failures.Enqueue($"exception {Cut(e.ToString(), 1200)} for {fuzz.Describe()}");
            }

            took[i] = Stopwatch.GetTimestamp() - started;
        });
        var sent = watch.Elapsed;

        // Replies and answers that go out after the HTTP answer (Teams' reply queue, Slack's
        // background work) are part of handling the request: wait until the fakes stop hearing.
        await QuietAsync();
        var histogram = statuses.GroupBy(s => s).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine($"{endpoint}: seed {Seed}, {count} cases in {sent.TotalSeconds:0.0} s (+{(watch.Elapsed - sent).TotalSeconds:0.0} s until the fakes were quiet); "
            + string.Join(", ", histogram.Select(h => $"{h.Key}×{h.Value}")));
        output.WriteLine("slowest kinds (mean ms): " + string.Join(", ", cases.Select((c, i) => (c.Kind, Ms: took[i] * 1000.0 / Stopwatch.Frequency))
            .GroupBy(x => x.Kind).OrderByDescending(g => g.Sum(x => x.Ms)).Take(6).Select(g => $"{g.Key} {g.Average(x => x.Ms):0.0}×{g.Count()}")));

        var errors = bot.Logs.Lines.Skip(logsBefore).Where(l => l.Level >= LogLevel.Error).ToList();
        var report = new StringBuilder();
        if (!failures.IsEmpty)
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"{failures.Count} of {count} cases were answered 5xx or threw; seed {Seed} (SCORECARD_FUZZ_SEED={Seed} reproduces them):");
            foreach (var failure in failures.Take(5))
            {
                report.AppendLine(failure);
            }
        }

        if (errors.Count > 0)
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"{errors.Count} error-level log entries; seed {Seed} (SCORECARD_FUZZ_SEED={Seed} reproduces them):");
            foreach (var (category, level, text) in errors.Take(3))
            {
                report.AppendLine(CultureInfo.InvariantCulture, $"{level} {category}: {Cut(text, 1500)}");
            }

            foreach (var group in bot.Logs.Exceptions.Skip(exceptionsBefore).GroupBy(e => e.Exception.GetType().Name + e.Exception.StackTrace?.Split('\n').FirstOrDefault()).Take(6))
            {
                var (category, text, exception) = group.First();
                report.AppendLine(CultureInfo.InvariantCulture, $"{group.Count()} × {category}: {text}: {Cut(exception.ToString(), 6000)}");
            }
        }

        if (bot.Outbound.Unexpected.Count > 0)
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"The bot called hosts outside the fakes (seed {Seed}): {string.Join(", ", bot.Outbound.Unexpected.Take(5))}");
        }

        Assert.True(report.Length == 0, report.ToString());
        return histogram;
    }

    private async Task QuietAsync()
    {
        var last = -1;
        var until = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < until)
        {
            var heard = bot.BotFramework.Calls.Count + bot.Slack.Calls.Count + bot.Logs.Lines.Count;
            if (heard == last)
            {
                return;
            }

            last = heard;
            await Task.Delay(300);
        }
    }

    private static string Cut(string text, int length) => text.Length > length ? text[..length] + "…" : text;
}
