using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Conversation.Grammar;
using ScorecardBot.Core.Conversation.Matching;
using ScorecardBot.Data.Tests.AsCode;
using ScorecardBot.Data.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ScorecardBot.Data.Tests.Stores;

/// <summary>
/// The phrasing set over the real sample scorecards: both samples are imported from YAML (with
/// their actuals) into SQLite, read back through the store's snapshot, and every question of
/// sample-phrasings.tsv is read against its organization. Correct: intent and subject as
/// expected. Wrong: a definite answer that differs; asking "which one?" or "nothing matches" is
/// never wrong, only not correct.
/// </summary>
public sealed class SamplePhrasingTests(SqliteTestDatabase database, ITestOutputHelper output) : IClassFixture<SqliteTestDatabase>
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task SamplePhrasings_AreReadCorrectly_AtLeast95Percent_AndWrongAtMost1Percent()
    {
        var snapshots = await database.SampleSnapshotsAsync("manufacturing", "logistics");

        var rows = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Stores", "sample-phrasings.tsv"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t'))
            .ToList();
        Assert.True(rows.Count >= 150, $"the phrasing set has only {rows.Count} questions");

        int correct = 0, wrong = 0;
        foreach (var row in rows)
        {
            var (sample, question, intent, subject) = (row[0], row[1], row[2], row[3]);
            var snapshot = snapshots[sample];
            var (gotIntent, gotSubject) = Label(TurnReader.Read(question, new GrammarContext(snapshot, Now)), snapshot);
            var isCorrect = gotIntent == intent && gotSubject == subject;
            var isWrong = !isCorrect && gotSubject is not ("ask" or "none") && gotIntent != "usage";
            correct += isCorrect ? 1 : 0;
            wrong += isWrong ? 1 : 0;
            if (!isCorrect)
            {
                output.WriteLine("   nearest: " + string.Join("; ", snapshot.Matcher.Nearest(Core.Conversation.Matching.TextTokens.Words(question), null, 3).Select(c => $"{c.Subject.Name} {c.Score}")));
                output.WriteLine($"{(isWrong ? "WRONG" : "miss ")}  [{sample}] {question,-45} expected {intent} {subject}, got {gotIntent} {gotSubject}");
            }
        }

        var accuracy = (double)correct / rows.Count;
        var wrongRate = (double)wrong / rows.Count;
        var line = $"Sample phrasing accuracy: {correct}/{rows.Count} correct = {accuracy:P1}; wrong answers: {wrong} = {wrongRate:P1}";
        output.WriteLine(line);
        Console.WriteLine(line);
        Assert.True(accuracy >= 0.95, $"accuracy {accuracy:P1} is below 95 %");
        Assert.True(wrongRate <= 0.01, $"wrong answers {wrongRate:P1} are above 1 %");
    }

    private static (string Intent, string Subject) Label(Request request, OrganizationSnapshot snapshot) => request switch
    {
        StatusRequest { SubjectText: null } => ("overview", "-"),
        StatusRequest s => ("status", SubjectLabel(QuestionReader.ResolveSubject(s.SubjectText, snapshot), snapshot)),
        WhoOwnsRequest w => ("owner", SubjectLabel(QuestionReader.ResolveSubject(w.KpiText, snapshot, SubjectKind.Kpi), snapshot)),
        MyRequest => ("my", "-"),
        HelpRequest => ("help", "-"),
        ReviewRequest r => (r.Work.ToString().ToLowerInvariant(), r.ScorecardText is null ? "-" : SubjectLabel(QuestionReader.ResolveSubject(r.ScorecardText, snapshot, SubjectKind.Scorecard), snapshot)),
        QuestionRequest q => (q.Interpretation.Intent switch
        {
            QuestionIntent.Status => "status",
            QuestionIntent.Trend => "trend",
            QuestionIntent.WhoOwns => "owner",
            QuestionIntent.Red => "red",
            QuestionIntent.StrategyMap => "map",
            QuestionIntent.MyDue => "my",
            QuestionIntent.Help => "help",
            QuestionIntent.Agenda => "agenda",
            QuestionIntent.Digest => "digest",
            QuestionIntent.Overview => "overview",
            _ => "none",
        }, q.Interpretation.Subject is null ? "-" : SubjectLabel(q.Interpretation.Subject, snapshot)),
        UsageRequest u => ("usage", u.Command),
        _ => (request.GetType().Name, "-"),
    };

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
        return subject.Kind switch
        {
            SubjectKind.Kpi => $"{scorecard.Key}/{snapshot.FindKpi(subject.Id)!.Key}",
            SubjectKind.Objective => $"objective:{scorecard.Key}/{snapshot.FindObjective(subject.Id)!.Key}",
            SubjectKind.Perspective => $"perspective:{subject.Name.ToLowerInvariant()}",
            _ => $"scorecard:{scorecard.Key}",
        };
    }
}
