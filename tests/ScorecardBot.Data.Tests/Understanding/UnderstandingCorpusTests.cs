using System.Text;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Conversation.Grammar;
using ScorecardBot.Core.Conversation.Matching;
using ScorecardBot.Core.Model;
using ScorecardBot.Data.Tests.AsCode;
using ScorecardBot.Data.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ScorecardBot.Data.Tests.Understanding;

/// <summary>
/// The evaluation corpus: questions as people type them over the three sample organizations
/// (imported from samples/*.yaml into SQLite and read back through the store's snapshot, as the
/// host does), each read by <see cref="TurnReader"/>, the first step of every chat turn.
/// A reading is right when intent, subject and period are as expected; asked back when it asks
/// "which one?", says no KPI matches, or answers a mistyped command with its usage where a
/// definite answer was expected; wrong otherwise. corpus/heldout.tsv was written before any
/// tuning; corpus/tuning.tsv is what the vocabulary was tuned on; corpus/fresh.tsv asks about a
/// fourth scorecard in another field (corpus/water.yaml), written before the matcher read the
/// scorecard's descriptions and never tuned on. Each part's figures are printed with a
/// confusion table per expected intent. The goal is 97 % right and at most 1 % wrong on the
/// whole corpus; the test holds today's level so that understanding never gets worse.
/// </summary>
public sealed class UnderstandingCorpusTests(SqliteTestDatabase database, ITestOutputHelper output) : IClassFixture<SqliteTestDatabase>
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
    private static readonly string[] Samples = ["manufacturing", "logistics", "hospital"];

    /// <summary>
    /// A fourth scorecard in another field (a city water utility, corpus/water.yaml), written with
    /// its questions (corpus/fresh.tsv) before the matcher read what a scorecard says about its KPIs;
    /// all of it is held out.
    /// </summary>
    private const string Fresh = "water";

    /// <summary>The parts of the corpus: tuned on, held out from the start, and the fresh scorecard's questions.</summary>
    private static readonly string[] Splits = ["tuning", "heldout", "fresh"];

    private enum Outcome
    {
        Right = 0,
        Asked = 1,
        Wrong = 2,
    }

    /// <summary>The goal: at least this share right on the whole corpus.</summary>
    private const double RightGoal = 0.97;

    /// <summary>The goal: at most this share wrong on the whole corpus.</summary>
    private const double WrongGoal = 0.01;

    /// <summary>
    /// What the reading reaches today on the samples' questions (95.2 % right, 1.5 % wrong: 97.2 % /
    /// 0.9 % on the tuning part, 91.2 % / 2.7 % on the held-out part, since the matcher reads what the
    /// scorecard says about each KPI and the general business words); it must not fall below. The goal
    /// above is not met yet: the gate holds what is truly reached, not the goal.
    /// </summary>
    private const double RightFloor = 0.951;

    private const double WrongCeiling = 0.0152;

    /// <summary>
    /// What the reading reaches on the fresh scorecard's questions: 77.1 % right, 19.3 % asked back,
    /// 3.6 % wrong (62.1 %, 34.3 % and 3.6 % when they were written, before the matcher read descriptions).
    /// </summary>
    private const double FreshRightFloor = 0.771;

    private const double FreshWrongCeiling = 0.036;

    [Fact]
    public async Task Corpus_is_understood_no_worse_than_today_and_reports_the_distance_to_the_goal()
    {
        var snapshots = await database.ScorecardSnapshotsAsync([.. Samples.Select(s => (s, AsCode.Samples.Path($"{s}.yaml"))), (Fresh, CorpusFile(Fresh + ".yaml"))]);
        var all = new List<(string Split, string Intent, Outcome Outcome)>();
        var confusion = new Dictionary<(string Expected, string Got), int>();
        foreach (var split in Splits)
        {
            var rows = Read(split);
            foreach (var row in rows)
            {
                var snapshot = snapshots[row[0]];
                var (question, intent, subject, period) = (row[1], row[2], row[3], row[4]);
                var got = Label(TurnReader.Read(question, new GrammarContext(snapshot, Now)), snapshot);
                var outcome = Score((intent, subject, period), got);
                all.Add((split, intent, outcome));
                var gotColumn = outcome == Outcome.Asked ? "asked" : got.Intent;
                confusion[(intent, gotColumn)] = confusion.GetValueOrDefault((intent, gotColumn)) + 1;

                // Only the tuning set's misses are shown; the held-out set is reported as figures.
                if (outcome != Outcome.Right && split == "tuning")
                {
                    output.WriteLine($"{(outcome == Outcome.Wrong ? "WRONG" : "asked"),-5} [{row[0]}] {question,-48} expected {intent} {subject} {period}, got {got.Intent} {got.Subject} {got.Period}" +
                        " | nearest: " + string.Join("; ", snapshot.Matcher.Nearest(TextTokens.Words(question), null, 3).Select(c => $"{c.Subject.Name} {c.Score:0.00}")));
                }
            }
        }

        var report = new StringBuilder();
        foreach (var split in Splits)
        {
            Table(report, split, [.. all.Where(a => a.Split == split).Select(a => (a.Intent, a.Outcome))]);
        }

        Table(report, "whole corpus", [.. all.Select(a => (a.Intent, a.Outcome))]);
        Confusion(report, confusion);
        output.WriteLine(report.ToString());
        Console.WriteLine(report.ToString());

        Assert.True(all.Count >= 600, $"the corpus has only {all.Count} questions");
        Assert.True(all.Count(a => a.Split != "tuning") * 3 >= all.Count - 3, "a third of the corpus is held out");
        var right = (double)all.Count(a => a.Outcome == Outcome.Right) / all.Count;
        var wrong = (double)all.Count(a => a.Outcome == Outcome.Wrong) / all.Count;
        var goal = $"Goal: {RightGoal:P0} right, at most {WrongGoal:P0} wrong; now {right:P1} right, {wrong:P1} wrong ({(right >= RightGoal && wrong <= WrongGoal ? "met" : "not met")}).";
        output.WriteLine(goal);
        Console.WriteLine(goal);
        var samples = all.Where(a => a.Split != "fresh").ToList();
        var samplesRight = (double)samples.Count(a => a.Outcome == Outcome.Right) / samples.Count;
        var samplesWrong = (double)samples.Count(a => a.Outcome == Outcome.Wrong) / samples.Count;
        Assert.True(samplesRight >= RightFloor, $"{samplesRight:P1} right on the samples' questions is below {RightFloor:P1}");
        Assert.True(samplesWrong <= WrongCeiling, $"{samplesWrong:P1} wrong on the samples' questions is above {WrongCeiling:P1}");
        var fresh = all.Where(a => a.Split == "fresh").ToList();
        var freshRight = (double)fresh.Count(a => a.Outcome == Outcome.Right) / fresh.Count;
        var freshWrong = (double)fresh.Count(a => a.Outcome == Outcome.Wrong) / fresh.Count;
        Assert.True(freshRight >= FreshRightFloor, $"{freshRight:P1} right on the fresh scorecard is below {FreshRightFloor:P1}");
        Assert.True(freshWrong <= FreshWrongCeiling, $"{freshWrong:P1} wrong on the fresh scorecard is above {FreshWrongCeiling:P1}");
    }

    [Fact]
    public void Corpus_rows_are_well_formed_and_name_only_what_the_samples_hold()
    {
        foreach (var split in Splits)
        {
            foreach (var row in Read(split))
            {
                Assert.True(row.Length == 5, $"{split}: '{string.Join('|', row)}' has {row.Length} columns, not 5");
                Assert.Contains(row[0], split == "fresh" ? [Fresh] : Samples);
                Assert.Contains(row[2], new[] { "status", "trend", "owner", "red", "amber", "green", "offtrack", "map", "my", "help", "greeting", "agenda", "digest", "overview", "command" });
            }
        }
    }

    private static string CorpusFile(string name) => Path.Combine(AppContext.BaseDirectory, "Understanding", "corpus", name);

    private static List<string[]> Read(string split) =>
        [.. File.ReadAllLines(CorpusFile(split + ".tsv"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t'))];

    private static Outcome Score((string Intent, string Subject, string Period) expected, (string Intent, string Subject, string Period) got)
    {
        if (expected == got)
        {
            return Outcome.Right;
        }

        // A command answered with its usage (pieces missing) was read as the command it is.
        if (expected.Intent == "command" && got.Intent == "usage")
        {
            return Outcome.Right;
        }

        // Asking which one, or saying that nothing matches (with the nearest names), is asking back.
        if (got.Subject is "ask" or "none" || got.Intent == "usage")
        {
            return expected.Subject == got.Subject && expected.Intent != got.Intent && got.Intent != "usage" ? Outcome.Wrong : Outcome.Asked;
        }

        return Outcome.Wrong;
    }

    private static void Table(StringBuilder report, string title, List<(string Intent, Outcome Outcome)> rows)
    {
        int Count(IEnumerable<(string Intent, Outcome Outcome)> r, Outcome o) => r.Count(x => x.Outcome == o);
        report.AppendLine($"== {title}: {rows.Count} questions: right {Count(rows, Outcome.Right)} ({Share(Count(rows, Outcome.Right), rows.Count)}), asked back {Count(rows, Outcome.Asked)} ({Share(Count(rows, Outcome.Asked), rows.Count)}), wrong {Count(rows, Outcome.Wrong)} ({Share(Count(rows, Outcome.Wrong), rows.Count)})");
        report.AppendLine($"   {"expected",-10} {"n",4} {"right",6} {"asked",6} {"wrong",6}");
        foreach (var group in rows.GroupBy(r => r.Intent).OrderByDescending(g => g.Count()))
        {
            report.AppendLine($"   {group.Key,-10} {group.Count(),4} {Count(group, Outcome.Right),6} {Count(group, Outcome.Asked),6} {Count(group, Outcome.Wrong),6}");
        }
    }

    /// <summary>Expected intent (rows) against the intent read (columns; "asked" when the reading asked back); a right intent with the wrong subject or period sits on the diagonal.</summary>
    private static void Confusion(StringBuilder report, Dictionary<(string Expected, string Got), int> cells)
    {
        var rows = cells.Keys.Select(k => k.Expected).Distinct().Order(StringComparer.Ordinal).ToList();
        var columns = cells.Keys.Select(k => k.Got).Distinct().Order(StringComparer.Ordinal).ToList();
        report.AppendLine("== confusion (whole corpus): expected intent by row, intent read by column");
        report.AppendLine($"   {"",-10}" + string.Concat(columns.Select(c => $" {(c.Length > 8 ? c[..8] : c),8}")));
        foreach (var row in rows)
        {
            report.AppendLine($"   {row,-10}" + string.Concat(columns.Select(c => $" {(cells.TryGetValue((row, c), out var n) ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : "."),8}")));
        }
    }

    private static string Share(int part, int whole) => whole == 0 ? "-" : ((double)part / whole).ToString("P1", System.Globalization.CultureInfo.InvariantCulture);

    internal static (string Intent, string Subject, string Period) Label(Request request, OrganizationSnapshot snapshot) => request switch
    {
        StatusRequest { SubjectText: null } s => ("overview", "-", PeriodLabel(s.Period)),
        StatusRequest s => ("status", SubjectLabel(QuestionReader.ResolveSubject(s.SubjectText, snapshot), snapshot), PeriodLabel(s.Period)),
        WhoOwnsRequest w => ("owner", SubjectLabel(QuestionReader.ResolveSubject(w.KpiText, snapshot, SubjectKind.Kpi), snapshot), "-"),
        MyRequest => ("my", "-", "-"),
        HelpRequest => ("help", "-", "-"),
        ReviewRequest r => (r.Work.ToString().ToLowerInvariant(), r.ScorecardText is null ? "-" : SubjectLabel(QuestionReader.ResolveSubject(r.ScorecardText, snapshot, SubjectKind.Scorecard), snapshot), "-"),
        QuestionRequest q => (IntentLabel(q.Interpretation), q.Interpretation.Subject is null ? "-" : SubjectLabel(q.Interpretation.Subject, snapshot), q.Interpretation.Asked?.ToString() ?? "-"),
        UnknownCommandRequest => ("command", "-", "-"),
        PeopleListRequest or PeopleAddRequest or PeopleRemoveRequest or RoleRequest or EditRequest => ("command", "-", "-"),
        UsageRequest u => ("usage", u.Command, "-"),
        _ => (request.GetType().Name, "-", "-"),
    };

    private static string PeriodLabel(Period? period) => period?.ToString() ?? "-";

    private static string IntentLabel(Interpretation question) => question.Intent switch
    {
        QuestionIntent.Status => "status",
        QuestionIntent.Trend => "trend",
        QuestionIntent.WhoOwns => "owner",
        QuestionIntent.Red when question.OrAmber => "offtrack",
        QuestionIntent.Red => (question.StatusFilter ?? Status.Red) switch
        {
            Status.Amber => "amber",
            Status.Green => "green",
            _ => "red",
        },
        QuestionIntent.StrategyMap => "map",
        QuestionIntent.MyDue => "my",
        QuestionIntent.Help => "help",
        QuestionIntent.Greeting => "greeting",
        QuestionIntent.Agenda => "agenda",
        QuestionIntent.Digest => "digest",
        QuestionIntent.Overview => "overview",
        _ => "none",
    };

    /// <summary>
    /// A KPI as scorecard/key; an objective as objective:scorecard/key; a scorecard as
    /// scorecard:key; the perspectives an answer covers as perspective:kind when they are all of
    /// that kind in the organization, perspective:scorecard/kind when one.
    /// </summary>
    private static string SubjectLabel(SubjectMatch match, OrganizationSnapshot snapshot)
    {
        if (match.Verdict == MatchVerdict.Ambiguous)
        {
            return "ask";
        }

        if (match.Best is not { } subject)
        {
            return "none";
        }

        var scorecard = snapshot.FindScorecard(subject.ScorecardId)!;
        switch (subject.Kind)
        {
            case SubjectKind.Kpi:
                return $"{scorecard.Key}/{snapshot.FindKpi(subject.Id)!.Key}";
            case SubjectKind.Objective:
                return $"objective:{scorecard.Key}/{snapshot.FindObjective(subject.Id)!.Key}";
            case SubjectKind.Perspective:
                var covered = match.Candidates.Where(c => c.Subject.Kind == SubjectKind.Perspective).Select(c => snapshot.FindPerspective(c.Subject.Id)!).ToList();
                var kind = covered[0].Kind;
                var ofKind = snapshot.Scorecards.SelectMany(s => s.Perspectives).Where(p => p.Kind == kind).Select(p => p.Id).ToHashSet();
                var kindName = KindLabel(kind);
                if (covered.Count == 1)
                {
                    return $"perspective:{scorecard.Key}/{kindName}";
                }

                return covered.All(p => p.Kind == kind) && ofKind.SetEquals(covered.Select(p => p.Id))
                    ? $"perspective:{kindName}"
                    : "perspective:" + string.Join('+', covered.Select(p => $"{snapshot.FindScorecard(p.ScorecardId)!.Key}/{KindLabel(p.Kind)}").Order(StringComparer.Ordinal));
            default:
                return $"scorecard:{scorecard.Key}";
        }
    }

    private static string KindLabel(PerspectiveKind kind) => kind switch
    {
        PerspectiveKind.Financial => "financial",
        PerspectiveKind.Customer => "customer",
        PerspectiveKind.InternalProcess => "internal_process",
        PerspectiveKind.LearningAndGrowth => "learning_and_growth",
        _ => "custom",
    };
}
