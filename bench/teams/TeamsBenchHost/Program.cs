using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Model;
using ScorecardBot.Teams;

// Local mode (no Teams:AppId): loopback callers only, replies sent without a token to the
// capture sink named by the activities' serviceUrl (allowed through Teams:AllowedServiceUrls).
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddTeams(builder.Configuration);

var organizationId = Guid.Parse("0b3c2a8e-5f41-4e7d-9a62-1c0d8e7f6a5b");
var actor = new Actor(Guid.Parse("a1a1a1a1-0000-4000-8000-000000000001"), "Ana Lima", "ana@contoso.test", Role.Owner);
// Bench:TenantId / Bench:AadObjectId let a Teams-shaped client such as the Agents Playground be a known user.
var tenantId = builder.Configuration["Bench:TenantId"] ?? "72f988bf-86f1-41af-91ab-2d7cd011db47";
var aadObjectId = builder.Configuration["Bench:AadObjectId"] ?? "6d415fdd-f97e-4f70-ac45-e69601e4ecb2";
builder.Services.AddSingleton<ITeamsIdentityResolver>(new InMemoryTeamsIdentityResolver()
    .AddTenant(tenantId, organizationId)
    .AddPerson(organizationId, aadObjectId, actor));
builder.Services.AddSingleton<IConversationReferenceStore, InMemoryConversationReferenceStore>();
// BENCH_NOREPLY=1: the turn answers nothing, so the run measures the inbound path alone.
builder.Services.AddSingleton<ITeamsTurnHandler>(new StatusAnswer(Environment.GetEnvironmentVariable("BENCH_NOREPLY") == "1"));

var app = builder.Build();
// The server's own view of each message: from the request reaching the pipeline to the response
// written (excludes the kernel's and the client's queues), for /bench/latency.
var latency = new LatencyHistogram();
app.Use(async (context, next) =>
{
    var start = System.Diagnostics.Stopwatch.GetTimestamp();
    await next(context);
    latency.Record(System.Diagnostics.Stopwatch.GetElapsedTime(start));
});
app.MapTeamsEndpoints();
app.MapGet("/bench/latency", () => latency.Report());
app.MapPost("/bench/latency/reset", () => latency.Reset());
// The runtime's own counters, read by run.sh before and after the measured run.
app.MapGet("/bench/stats", () => string.Join(' ',
    $"gen0={GC.CollectionCount(0)}", $"gen1={GC.CollectionCount(1)}", $"gen2={GC.CollectionCount(2)}",
    $"pause_ms={GC.GetTotalPauseDuration().TotalMilliseconds:F0}", $"allocated_mb={GC.GetTotalAllocatedBytes() / 1048576}",
    $"threads={ThreadPool.ThreadCount}", $"server_gc={System.Runtime.GCSettings.IsServerGC}",
    $"reply_backlog={ReplyBacklog(app.Services)}"));
var sampler = Environment.GetEnvironmentVariable("BENCH_ALLOC") == "1" ? new AllocationSampler() : null;
app.MapGet("/bench/alloc", () => sampler is null ? "" : string.Join('\n',
    sampler.ByType.OrderByDescending(p => p.Value).Take(40).Select(p => $"{p.Value,8} {p.Key}")));
app.Run();

/// <summary>Replies acknowledged and not yet sent (the Teams reply queue is internal to its assembly).</summary>
static object? ReplyBacklog(IServiceProvider services) =>
    services.GetServices<IHostedService>().FirstOrDefault(s => s.GetType().Name == "ReplyQueue") is { } queue
        ? queue.GetType().GetProperty("Backlog")?.GetValue(queue)
        : null;

/// <summary>
/// Answers like the engine would: a status card for any text, a prompt card for "card", and a
/// replacement "recorded" card for a press of the prompt's button.
/// </summary>
internal sealed class StatusAnswer(bool silent) : ITeamsTurnHandler
{
    private static readonly TurnResult Nothing = new([]);

    private static readonly TurnResult Prompt = TurnResult.Of(new Message(
        [
            new Heading("Customer retention — October"),
            new NumberInput("actual", "Actual (%)") { IsRequired = true },
            new ActionBar([new MessageAction("submit-actual", "Submit") { SubmitsInputs = true, Style = ActionStyle.Primary }]),
        ],
        "Please report October's actual for Customer retention"));

    private static readonly TurnResult Answer = TurnResult.Of(new Message(
        [
            new Heading("Customer retention"),
            new FactList([new Fact("Actual", "91.5 %"), new Fact("Target", "92 %"), new Fact("Status", "Amber, improving")]),
        ],
        "Customer retention is amber: 91.5 % against 92 %"));

    public Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        if (turn.Action is { } action)
        {
            return Task.FromResult(TurnResult.Of(new Message(
                [new Heading("Recorded"), new FactList([.. action.Inputs.Select(i => new Fact(i.Key, i.Value))]), new Note($"action {action.ActionId}")],
                "Recorded")
            { ReplacesSource = true }));
        }

        return Task.FromResult(silent ? Nothing : turn.Text == "card" ? Prompt : Answer);
    }
}

/// <summary>Samples the runtime's allocation ticks (one per ~100 KB) by type, for /bench/alloc.</summary>
internal sealed class AllocationSampler : System.Diagnostics.Tracing.EventListener
{
    public readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> ByType = new();

    protected override void OnEventSourceCreated(System.Diagnostics.Tracing.EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, System.Diagnostics.Tracing.EventLevel.Verbose, (System.Diagnostics.Tracing.EventKeywords)0x1);
        }
    }

    protected override void OnEventWritten(System.Diagnostics.Tracing.EventWrittenEventArgs e)
    {
        if (e.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) == true && e.Payload is { } payload)
        {
            var name = e.PayloadNames!.IndexOf("TypeName") is var i and >= 0 ? payload[i] as string ?? "?" : "?";
            ByType.AddOrUpdate(name, 1, (_, n) => n + 1);
        }
    }
}

/// <summary>Request durations in 50 µs buckets up to 200 ms (longer ones in the last bucket).</summary>
internal sealed class LatencyHistogram
{
    private const double BucketMs = 0.05;
    private long[] _counts = new long[4001];

    public void Record(TimeSpan elapsed) =>
        Interlocked.Increment(ref _counts[Math.Min((int)(elapsed.TotalMilliseconds / BucketMs), _counts.Length - 1)]);

    public void Reset() => _counts = new long[_counts.Length];

    public string Report()
    {
        var counts = _counts;
        var total = counts.Sum();
        string At(double q)
        {
            var wanted = (long)Math.Ceiling(total * q);
            long seen = 0;
            for (var i = 0; i < counts.Length; i++)
            {
                if ((seen += counts[i]) >= wanted)
                {
                    return $"{(i + 1) * BucketMs:F2}ms";
                }
            }

            return "-";
        }

        return $"server-side n={total} p50<={At(0.50)} p90<={At(0.90)} p99<={At(0.99)} p99.9<={At(0.999)}";
    }
}
