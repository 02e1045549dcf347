using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Conversation.Seams;

/// <summary>The status colour of a value against its target, and whether a KPI is getting better.</summary>
public interface IKpiStatusEvaluator
{
    Status StatusOf(Kpi kpi, Target? target, decimal? value);

    TrendDirection TrendOf(Kpi kpi, decimal? current, decimal? previous);
}
