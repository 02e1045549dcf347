using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Conversation.Grammar;
using ScorecardBot.Core.Conversation.Matching;
using Xunit.Abstractions;

namespace ScorecardBot.Core.Tests.Conversation;

/// <summary>
/// Reads every question of phrasings.tsv against the two sample scorecards and scores the
/// reading: correct when intent and subject are as expected; wrong only when a definite answer
/// (a subject found, or a subject-less intent) differs from what was expected. Asking "which
/// one?" or saying "nothing matches" is never counted wrong, only not correct.
/// </summary>
public sealed class PhrasingAccuracyTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Phrasings_AreReadCorrectly_AtLeast95Percent_AndWrongAtMost1Percent()
    {
        var sample = new SampleOrganization();
        var snapshot = (await sample.Store.GetAsync(sample.Organization.Id, CancellationToken.None))!;
        var context = new GrammarContext(snapshot, SampleOrganization.Now);
        var rows = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Conversation", "phrasings.tsv"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t'))
            .ToList();
        Assert.True(rows.Count >= 150, $"the phrasing set has only {rows.Count} questions");

        int correct = 0, wrong = 0;
        foreach (var row in rows)
        {
            var (question, intent, subject) = (row[0], row[1], row[2]);
            var (gotIntent, gotSubject) = Label(TurnReader.Read(question, context), snapshot);
            var isCorrect = gotIntent == intent && gotSubject == subject;
            var isWrong = !isCorrect && gotSubject is not ("ask" or "none") && gotIntent != "usage";
            correct += isCorrect ? 1 : 0;
            wrong += isWrong ? 1 : 0;
            if (!isCorrect)
            {
                output.WriteLine($"{(isWrong ? "WRONG" : "miss ")}  {question,-50} expected {intent} {subject}, got {gotIntent} {gotSubject}");
            }
        }

        var accuracy = (double)correct / rows.Count;
        var wrongRate = (double)wrong / rows.Count;
        output.WriteLine($"Phrasing accuracy: {correct}/{rows.Count} correct = {accuracy:P1}; wrong answers: {wrong} = {wrongRate:P1}");
        Console.WriteLine($"Phrasing accuracy: {correct}/{rows.Count} correct = {accuracy:P1}; wrong answers: {wrong} = {wrongRate:P1}");
        Assert.True(accuracy >= 0.95, $"accuracy {accuracy:P1} is below 95 %");
        Assert.True(wrongRate <= 0.01, $"wrong answers {wrongRate:P1} are above 1 %");
    }

    internal static (string Intent, string Subject) Label(Request request, OrganizationSnapshot snapshot) => request switch
    {
        StatusRequest { SubjectText: null } => ("overview", "-"),
        StatusRequest s => ("status", SubjectLabel(QuestionReader.ResolveSubject(s.SubjectText, snapshot), snapshot)),
        WhoOwnsRequest w => ("owner", SubjectLabel(QuestionReader.ResolveSubject(w.KpiText, snapshot, SubjectKind.Kpi), snapshot)),
        MyRequest => ("my", "-"),
        HelpRequest => ("help", "-"),
        ReviewRequest r => (r.Work.ToString().ToLowerInvariant(), r.ScorecardText is null ? "-" : SubjectLabel(QuestionReader.ResolveSubject(r.ScorecardText, snapshot, SubjectKind.Scorecard), snapshot)),
        QuestionRequest q => (IntentLabel(q.Interpretation.Intent), q.Interpretation.Subject is null ? "-" : SubjectLabel(q.Interpretation.Subject, snapshot)),
        UsageRequest u => ("usage", u.Command),
        _ => (request.GetType().Name, "-"),
    };

    private static string IntentLabel(QuestionIntent intent) => intent switch
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
