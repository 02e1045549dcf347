using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Conversation.Seams;

/// <summary>
/// Reads the periods people type ("2026-10", "Oct", "last month", "Q3", "this quarter") relative
/// to today in the organization's time zone and fiscal calendar. Null when the words are no period.
/// </summary>
public interface IPeriodReader
{
    Period? Read(string text, Organization organization, DateTimeOffset now);
}
