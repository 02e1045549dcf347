using ScorecardBot.Core.Conversation.Answers;
using ScorecardBot.Core.Conversation.Submission;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Conversation.Review;

/// <summary>
/// Reminds now: each person (the delegate where there is one) with unreported KPIs gets one prompt
/// card with all of them; someone away today is not reminded, their absence's delegate is instead.
/// </summary>
internal sealed class PromptReminders(IProactiveMessenger messenger) : IReminderTrigger
{
    public async Task<IReadOnlyList<Person>> RemindAsync(OrganizationSnapshot snapshot, Scorecard scorecard, Period period, CancellationToken cancellationToken, DateOnly? today = null)
    {
        var reminded = new List<Person>();
        var late = scorecard.Kpis
            .Where(k => !k.FedByApi && ReportingPeriod.IsMissing(k, period))
            .GroupBy(k => k.DelegateId ?? k.OwnerId)
            .Where(g => g.Key is not null);
        foreach (var group in late)
        {
            if (snapshot.FindPerson(group.Key) is not { IsActive: true } person)
            {
                continue;
            }

            if (today is { } day && snapshot.Absences.FirstOrDefault(a => a.PersonId == person.Id && a.Covers(day)) is { } away)
            {
                if (snapshot.FindPerson(away.DelegateId) is not { IsActive: true } stand)
                {
                    continue;
                }

                person = stand;
            }

            var card = PromptCards.For(snapshot, [.. group.OrderBy(k => k.Order).Select(k => new PromptItem(k, period))]);
            await messenger.SendToPersonAsync(snapshot.Organization.Id, person.Id, card with { Summary = "Reminder: " + card.Summary }, cancellationToken);
            reminded.Add(person);
        }

        return reminded;
    }
}
