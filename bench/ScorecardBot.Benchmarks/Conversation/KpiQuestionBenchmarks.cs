using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Microsoft.Extensions.Time.Testing;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Conversation.Grammar;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Benchmarks.Conversation;

/// <summary>
/// A question against an organization with 10,000 KPIs (goal: p99 ≤ 5 ms). Each measured
/// iteration answers exactly one question, so the reported percentiles are per question.
/// <c>Match</c> is the KPI matcher alone on the precomputed index; <c>Answer</c> is the whole
/// engine: read the snapshot from the cache, read the question, match, build the answer message
/// (one KPI, a range by its rule, a comparison, a trend, a yes/no). <c>RedList</c> answers "what's
/// red this month" over the whole organization, <c>Status</c> the organization's <c>status</c>,
/// <c>PerspectiveTable</c> and <c>ScorecardTable</c> a group's table.
/// </summary>
[Config(typeof(PerQuestionConfig))]
[MemoryDiagnoser]
public class KpiQuestionBenchmarks
{
    private string[] _questions = [];
    private int _next;
    private OrganizationSnapshot _snapshot = null!;
    private ConversationEngine _engine = null!;
    private Turn _turn = null!;

    [GlobalSetup]
    public void Setup()
    {
        var (store, organization, viewer) = LargeOrganization.Build();
        _snapshot = store.GetAsync(organization.Id, CancellationToken.None).AsTask().GetAwaiter().GetResult()!;
        var watch = Stopwatch.StartNew();
        _ = _snapshot.Matcher.SubjectCount; // builds the per-organization index
        Console.WriteLine($"// Index of {_snapshot.Kpis.Count()} KPIs built in {watch.ElapsedMilliseconds} ms");
        _engine = new ConversationEngine(store, store, new ConversationOptions { PublicBaseUrl = new Uri("https://bot.example.com/") }, new FakeTimeProvider(LargeOrganization.Now));
        _turn = new Turn
        {
            OrganizationId = organization.Id,
            Actor = new Actor(viewer.Id, viewer.Name, viewer.Email, viewer.Role),
            Platform = Platform.Local,
            Conversation = new ConversationAddress(Platform.Local, "local", ConversationKind.Direct),
            At = LargeOrganization.Now,
        };
        _questions = LargeOrganization.Questions(4096);
    }

    private string NextQuestion() => _questions[_next++ & (_questions.Length - 1)];

    [Benchmark]
    public SubjectMatchResult Match() => new(QuestionReader.Interpret(NextQuestion(), _snapshot, LargeOrganization.Now));

    [Benchmark]
    public async Task<TurnResult> Answer() => await _engine.HandleAsync(_turn with { Text = NextQuestion() }, CancellationToken.None);

    /// <summary>"What's red this month" over all 10,000 KPIs: the last reviewed month, with what is still outstanding for the open one.</summary>
    [Benchmark]
    public async Task<TurnResult> RedList() => await _engine.HandleAsync(_turn with { Text = "what's red this month" }, CancellationToken.None);

    /// <summary><c>status</c> of the whole organization: each of the 100 scorecards in one line, the KPIs furthest off target, what is outstanding.</summary>
    [Benchmark]
    public async Task<TurnResult> Status() => await _engine.HandleAsync(_turn with { Text = "status" }, CancellationToken.None);

    /// <summary>A perspective's table over every scorecard that has it (2,500 KPIs in 100 sections).</summary>
    [Benchmark]
    public async Task<TurnResult> PerspectiveTable() => await _engine.HandleAsync(_turn with { Text = "how is the customer perspective doing" }, CancellationToken.None);

    /// <summary>A perspective over a quarter: 2,500 KPIs, each made one value over the quarter by its own rule.</summary>
    [Benchmark]
    public async Task<TurnResult> PerspectiveQuarter() => await _engine.HandleAsync(_turn with { Text = "customer perspective Q3" }, CancellationToken.None);

    /// <summary>One scorecard's table (100 KPIs in four perspectives).</summary>
    [Benchmark]
    public async Task<TurnResult> ScorecardTable() => await _engine.HandleAsync(_turn with { Text = "how is Berlin doing" }, CancellationToken.None);

    /// <summary>Keeps the benchmark's return type public while the reading is internal.</summary>
    public readonly struct SubjectMatchResult
    {
        internal SubjectMatchResult(Interpretation interpretation) => Verdict = interpretation.Subject?.Verdict.ToString();

        public string? Verdict { get; }
    }

    private sealed class PerQuestionConfig : ManualConfig
    {
        public PerQuestionConfig()
        {
            AddJob(Job.Default
                .WithId("PerQuestion")
                .WithLaunchCount(1)
                .WithWarmupCount(50)
                .WithIterationCount(1000)
                .WithInvocationCount(1)
                .WithUnrollFactor(1)
                .WithGcForce(false) // a forced full GC between one-question iterations of a 10,000-KPI heap would dominate the run
                .WithToolchain(InProcessEmitToolchain.Instance)); // no generated project to build: the run starts in seconds
            AddColumn(StatisticColumn.Median, StatisticColumn.P95, new PercentileColumn(99), StatisticColumn.Max);
            WithOptions(ConfigOptions.DisableOptimizationsValidator);
        }
    }

    /// <summary>The 99th percentile of the per-question times.</summary>
    private sealed class PercentileColumn(int percentile) : IColumn
    {
        public string Id => $"P{percentile}";
        public string ColumnName => $"P{percentile}";
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Statistics;
        public int PriorityInCategory => 10;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Time;
        public string Legend => $"{percentile}th percentile of one question's time";
        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
        public bool IsAvailable(Summary summary) => true;
        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var statistics = summary[benchmarkCase]?.ResultStatistics;
            if (statistics is null)
            {
                return "NA";
            }

            var nanoseconds = statistics.Percentiles.Percentile(percentile);
            return nanoseconds >= 1_000_000
                ? $"{nanoseconds / 1_000_000:0.000} ms"
                : $"{nanoseconds / 1_000:0.0} μs";
        }
    }
}
