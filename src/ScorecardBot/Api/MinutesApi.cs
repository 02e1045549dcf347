using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Meetings;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Api;

/// <summary>
/// The minutes of a scorecard's review meetings (<c>review start</c> … <c>review end</c> in the
/// team channel): decisions, actions with owners and due dates, parked items, who presented. Only
/// the calling key's organization's.
/// </summary>
internal static class MinutesApi
{
    public static void Map(RouteGroupBuilder group) =>
        group.MapGet("/scorecards/{id}/minutes", ListAsync).WithName("ListMeetingMinutes")
            .WithSummary("The minutes of a scorecard's (by id or key) ended review meetings, newest first; take is how many (1-200, default 12).");

    internal static async Task<Results<Ok<MinutesListResponse>, ProblemHttpResult>> ListAsync(
        string id, int? take, HttpContext http, IScorecardReadModel readModel, IMeetingStore meetings, CancellationToken cancellationToken)
    {
        if (take is < 1 or > 200)
        {
            return ApiProblems.BadRequest($"take={take} is out of range: ask for 1 to 200 meetings.");
        }

        var snapshot = await ScorecardsApi.SnapshotAsync(http, readModel, cancellationToken);
        var scorecard = Guid.TryParse(id, out var guid)
            ? snapshot.FindScorecard(guid)
            : snapshot.Scorecards.FirstOrDefault(s => string.Equals(s.Key, id, StringComparison.OrdinalIgnoreCase));
        if (scorecard is null)
        {
            return ApiProblems.NotFound($"There is no scorecard \"{id}\" in this organization. GET /api/v1/scorecards lists them.");
        }

        var found = await meetings.MinutesAsync(snapshot.Organization.Id, scorecard.Id, take ?? 12, cancellationToken);
        string? Name(Guid? person) => snapshot.FindPerson(person)?.Name;
        var minutes = found.Where(r => r.Meeting is not null).Select(r =>
        {
            var m = r.Meeting!;
            var items = m.Items;
            string ItemTitle(int i) => i >= 0 && i < items.Count ? items[i].Title : "General";
            return new MeetingMinutes(
                m.Id, m.Period.ToString(), m.StartedAt, Name(m.StartedById), m.ClosedAt, m.ClosedById is null ? null : Name(m.ClosedById), m.ClosedById is null,
                [.. m.Notes.Where(n => n.Kind == MeetingNoteKind.Decision).OrderBy(n => n.At).Select(n => new MinutesDecision(ItemTitle(n.Item), n.Text ?? string.Empty, Name(n.PersonId), n.At))],
                [.. (r.Actions ?? []).OrderBy(a => a.Number).Select(a => new MinutesAction(a.Number, a.Text, Name(a.OwnerId), a.Due, a.Status.ToString()))],
                [.. m.Notes.Where(n => n.Kind == MeetingNoteKind.Parked).OrderBy(n => n.Item).Select(n => ItemTitle(n.Item))],
                [.. m.Notes.Where(n => n.Kind == MeetingNoteKind.Presented).OrderBy(n => n.Item).Select(n => new MinutesPresenter(ItemTitle(n.Item), Name(n.PersonId)))],
                [.. items.Skip(m.Position).Select(i => i.Title)]);
        }).ToList();
        return TypedResults.Ok(new MinutesListResponse(scorecard.Id, scorecard.Key, minutes));
    }
}

[Description("The minutes of a scorecard's ended review meetings, newest first.")]
public sealed record MinutesListResponse(Guid ScorecardId, string ScorecardKey, IReadOnlyList<MeetingMinutes> Meetings);

[Description("One review meeting: the period reviewed, who opened and ended it (or that it closed itself at the end of the review day), and what it recorded.")]
public sealed record MeetingMinutes(
    Guid Id, string Period, DateTimeOffset StartedAt, string? StartedBy, DateTimeOffset? ClosedAt, string? ClosedBy, bool ClosedAtDayEnd,
    IReadOnlyList<MinutesDecision> Decisions, IReadOnlyList<MinutesAction> Actions, IReadOnlyList<string> Parked,
    IReadOnlyList<MinutesPresenter> Presented, IReadOnlyList<string> NotReached);

public sealed record MinutesDecision(string Item, string Text, string? RecordedBy, DateTimeOffset At);

[Description("A review action agreed in the meeting; Status is its status now (Open, Done, ...).")]
public sealed record MinutesAction(int Number, string Text, string? Owner, DateOnly? Due, string Status);

public sealed record MinutesPresenter(string Item, string? Presenter);
