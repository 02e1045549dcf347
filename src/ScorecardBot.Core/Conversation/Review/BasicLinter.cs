using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Conversation.Review;

/// <summary>The hygiene checks every scorecard needs: owners, targets, KPIs per objective, recent actuals.</summary>
internal sealed class BasicLinter : IScorecardLinter
{
    public IReadOnlyList<LintFinding> Lint(OrganizationSnapshot snapshot, Scorecard scorecard, Period period)
    {
        var findings = new List<LintFinding>();
        foreach (var objective in scorecard.Objectives.OrderBy(o => o.Order))
        {
            if (!scorecard.Kpis.Exists(k => k.ObjectiveId == objective.Id))
            {
                findings.Add(new LintFinding("objective-without-kpi", $"Objective \"{objective.Name}\" has no KPI."));
            }
        }

        foreach (var perspective in scorecard.Perspectives.OrderBy(p => p.Order))
        {
            if (!scorecard.Objectives.Exists(o => o.PerspectiveId == perspective.Id))
            {
                findings.Add(new LintFinding("perspective-without-objective", $"Perspective \"{perspective.Name}\" has no objective."));
            }
        }

        foreach (var kpi in scorecard.Kpis.OrderBy(k => k.Order))
        {
            if (snapshot.FindPerson(kpi.OwnerId) is not { IsActive: true })
            {
                findings.Add(new LintFinding("kpi-without-owner", $"{kpi.Name} has no active owner.", kpi.Id));
            }

            if (!kpi.Targets.Exists(t => t.Period == period))
            {
                findings.Add(new LintFinding("kpi-without-target", $"{kpi.Name} has no target for {period}.", kpi.Id));
            }

            var recent = Enumerable.Range(0, 3).Select(period.AddPeriods).ToList();
            if (kpi.Frequency == Frequency.Monthly && period.Kind == PeriodKind.Month && !kpi.Actuals.Exists(a => recent.Contains(a.Period)))
            {
                findings.Add(new LintFinding("kpi-stale", $"{kpi.Name} has no actual in the last three months.", kpi.Id));
            }
        }

        return findings;
    }
}
