namespace ScorecardBot.Core.Model;

/// <summary>How a KPI's values over a quarter or year make one value.</summary>
public enum Aggregation
{
    /// <summary>The mean of the periods' values (rates, percentages, scores).</summary>
    Average = 0,

    /// <summary>The total (revenue, incidents, hires).</summary>
    Sum = 1,

    /// <summary>The last period's value (headcount, backlog, year-to-date figures).</summary>
    Last = 2,
}
