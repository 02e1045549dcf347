using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Conversation;

/// <summary>
/// Who may change what. Owners (or their delegates) report their own KPIs; a scorecard's manager
/// and anyone with the scorecard-manager or admin role runs the scorecard (owners, targets,
/// windows, digests, actions); viewers only ask. The engine checks first so it can explain; the
/// stores check again against their own data so no door bypasses it. A null answer means allowed;
/// otherwise the text says who can and whom to ask.
/// </summary>
public static class ScorecardPermissions
{
    public static bool CanManage(Person person, Scorecard scorecard) =>
        person.IsActive && (person.Role >= Role.ScorecardManager || scorecard.ManagerId == person.Id);

    public static bool CanReport(Person person, Scorecard scorecard, Kpi kpi) =>
        person.IsActive && (kpi.OwnerId == person.Id || kpi.DelegateId == person.Id || CanManage(person, scorecard));

    /// <summary>Refusal for a manager-only change ("assign owners", "set targets", …), naming whom to ask.</summary>
    public static string? RequireManager(Person person, Scorecard scorecard, string what, string? askName) =>
        CanManage(person, scorecard) ? null : ManagerOnly(what, askName);

    public static string ManagerOnly(string what, string? askName) =>
        $"Only a scorecard manager or admin can {what}." + (askName is null ? string.Empty : $" Ask {askName}.");

    /// <summary>Who presents a KPI in the review: whoever may report it, and the delegate of an owner away on <paramref name="day"/>.</summary>
    public static bool CanPresent(Person person, Scorecard scorecard, Kpi kpi, IEnumerable<Absence> absences, DateOnly day) =>
        CanReport(person, scorecard, kpi) ||
        (person.IsActive && kpi.OwnerId is { } owner && absences.Any(a => a.PersonId == owner && a.DelegateId == person.Id && a.Covers(day)));

    public static string? RequirePresenter(Person person, Scorecard scorecard, Kpi kpi, IEnumerable<Absence> absences, DateOnly day, string? askName) =>
        CanPresent(person, scorecard, kpi, absences, day)
            ? null
            : $"Only the owner of {kpi.Name}, the one who presents for them or a scorecard manager can give its pre-read." + (askName is null ? string.Empty : $" Ask {askName}.");

    public static string? RequireReporter(Person person, Scorecard scorecard, Kpi kpi, string? ownerName, string? askName) =>
        CanReport(person, scorecard, kpi)
            ? null
            : $"Only the owner of {kpi.Name}" + (ownerName is null ? string.Empty : $" ({ownerName})") +
              ", their delegate or a scorecard manager can report its actual." + (askName is null ? string.Empty : $" Ask {askName}.");

    /// <summary>The owner may hand reporting to a delegate; managers may too.</summary>
    public static string? RequireDelegator(Person person, Scorecard scorecard, Kpi kpi, string? askName) =>
        kpi.OwnerId == person.Id || CanManage(person, scorecard)
            ? null
            : $"Only the owner of {kpi.Name} or a scorecard manager can set its delegate." + (askName is null ? string.Empty : $" Ask {askName}.");

    public static string? RequireActionCloser(Person person, Scorecard scorecard, ReviewAction action, string? askName) =>
        action.OwnerId == person.Id || CanManage(person, scorecard)
            ? null
            : $"Only the action's owner or a scorecard manager can close action {action.Number}." + (askName is null ? string.Empty : $" Ask {askName}.");

    /// <summary>Whom to send someone who may not do a thing: the scorecard's manager, else an admin.</summary>
    public static Person? WhomToAsk(Scorecard? scorecard, IEnumerable<Person> people)
    {
        var list = people as IReadOnlyCollection<Person> ?? [.. people];
        return (scorecard?.ManagerId is { } managerId ? list.FirstOrDefault(p => p.Id == managerId && p.IsActive) : null)
            ?? list.Where(p => p.IsActive && p.Role == Role.Admin).OrderBy(p => p.Name, StringComparer.Ordinal).FirstOrDefault()
            ?? list.Where(p => p.IsActive && p.Role == Role.ScorecardManager).OrderBy(p => p.Name, StringComparer.Ordinal).FirstOrDefault();
    }
}
