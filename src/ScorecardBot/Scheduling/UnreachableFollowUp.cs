using Microsoft.EntityFrameworkCore;
using ScorecardBot.Core.Conversation;
using ScorecardBot.Core.Delivery;
using ScorecardBot.Core.Model;
using ScorecardBot.Core.Periods;
using ScorecardBot.Core.Review;
using ScorecardBot.Core.Rhythm;
using ScorecardBot.Data;
using ScorecardBot.Data.Outbox;

namespace ScorecardBot.Scheduling;

/// <summary>
/// Delivery that never fails silently: a prompt, reminder or escalation that the platform refused
/// for good because the person cannot be reached (Teams blocks the bot or it is not installed for
/// them, Slack's Messages tab is off, the account is a bot) is posted in the scorecard's team
/// channel with the person mentioned — the card or the button to answer included — and the
/// scorecard manager is told privately who cannot be reached and why. The person is marked
/// unreachable on that platform, so the dispatcher stops trying them there (no retry storm)
/// until they write to the bot or install it.
/// </summary>
/// <remarks>
/// Runs after the review rhythm, in its own transaction per organization. Each undelivered row is
/// taken by a conditional update (<see cref="OutboxMessage.FollowedUpAt"/>), and the posts have
/// keys derived from it, so two instances or a rerun never post one twice.
/// </remarks>
internal sealed class UnreachableFollowUp(OutboxWriter writer, TimeProvider time, ILogger<UnreachableFollowUp> logger, Bindings.ReachabilityMarks? reachability = null)
{
    /// <summary>Kinds of direct messages that are worth the channel's attention when they cannot be delivered.</summary>
    private static readonly string[] FollowedKinds = ["prompt", "reminder", "escalation"];

    /// <summary>Notices themselves are never followed up (a notice about a notice would loop).</summary>
    private static readonly string[] NoticeKinds = [UnreachableNotes.NoticeKind, UnreachableNotes.NotPostedKind, UnreachableNotes.ExpiredKind];

    /// <returns>Messages written (channel posts and notices).</returns>
    public async Task<int> RunAsync(ScorecardDbContext db, Organization organization, CancellationToken cancellationToken) =>
        await DirectMessagesAsync(db, organization, cancellationToken)
        + await NotPostedAsync(db, organization, cancellationToken)
        + await ExpiredAsync(db, organization, cancellationToken);

    /// <summary>
    /// Messages whose deadline passed before they could be sent (the bot was down for days, the
    /// platform kept failing until the meeting): the scorecard manager is told once, in one message
    /// per scorecard, what was not sent and why. Nothing is sent late.
    /// </summary>
    private async Task<int> ExpiredAsync(ScorecardDbContext db, Organization organization, CancellationToken cancellationToken)
    {
        var expired = await db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.OrganizationId == organization.Id && m.Status == OutboxStatus.Expired && m.FollowedUpAt == null
                && m.Platform != Platform.Webhook && !NoticeKinds.Contains(m.Kind))
            .OrderBy(m => m.Id)
            .Take(500)
            .ToListAsync(cancellationToken);
        var (taken, written) = await TellManagersAsync(db, organization, expired, (group, scorecard, people, calendar) => new ManagerNotice(
            UnreachableNotes.ExpiredNotice(scorecard, group.Select(r => DescribeExpired(r, scorecard, people, calendar)).Distinct().ToList()),
            $"expired:{scorecard.Id}:{group.Min(r => r.Id)}",
            UnreachableNotes.ExpiredKind,
            new HashSet<(Platform, string?)>()), cancellationToken);
        if (taken > 0)
        {
            logger.LogWarning(
                "{Count} message(s) of organization {OrganizationId} expired before they could be sent; the scorecard manager was told",
                taken, organization.Id);
        }

        return written;
    }

    /// <summary>What one scorecard's manager is told, and the channels that must not carry it (they refused).</summary>
    private sealed record ManagerNotice(Message Message, string Key, string Kind, IReadOnlySet<(Platform, string?)> Failed);

    /// <summary>
    /// Takes the rows (of two instances following up at once, one takes each row) and writes, in
    /// the same transaction, one notice per scorecard to its manager (or its channels when there is
    /// no manager to reach). Returns how many rows were taken and how many notices written.
    /// </summary>
    private async Task<(int Taken, int Written)> TellManagersAsync(
        ScorecardDbContext db, Organization organization, IReadOnlyList<OutboxMessage> candidates,
        Func<IGrouping<Guid, OutboxMessage>, Scorecard, IReadOnlyDictionary<Guid, Person>, FiscalCalendar, ManagerNotice> notice,
        CancellationToken cancellationToken)
    {
        if (candidates.Count == 0)
        {
            return (0, 0);
        }

        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var taken = await TakeAsync(db.Set<OutboxMessage>(), candidates, now, cancellationToken);
        var (scorecards, people) = await ScorecardsAndPeopleAsync(db, organization, cancellationToken);
        var marks = await db.Set<UnreachablePerson>().AsNoTracking().Where(u => u.OrganizationId == organization.Id).ToListAsync(cancellationToken);
        var calendar = FiscalCalendar.For(organization);
        var entries = new List<OutboxEntry>();
        foreach (var group in taken.GroupBy(r => ScorecardOf(r.Key)))
        {
            if (!scorecards.TryGetValue(group.Key, out var scorecard))
            {
                continue;
            }

            var told = notice(group, scorecard, people, calendar);
            entries.AddRange(ToManagerOrChannels(organization, scorecard, told.Message, told.Key, told.Kind, people, marks, told.Failed, now));
        }

        var written = await writer.AddManyAsync(db, entries, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (taken.Count, written);
    }

    /// <summary>A notice to the scorecard's manager, privately; to the scorecard's channels (but <paramref name="failed"/>) when there is no manager to reach.</summary>
    private static IEnumerable<OutboxEntry> ToManagerOrChannels(
        Organization organization, Scorecard scorecard, Message notice, string key, string kind, IReadOnlyDictionary<Guid, Person> people,
        IReadOnlyList<UnreachablePerson> marks, IReadOnlySet<(Platform, string?)> failed, DateTimeOffset now)
    {
        if (scorecard.ManagerId is { } managerId && people.TryGetValue(managerId, out var manager) && manager.IsActive)
        {
            var (platform, destination) = RhythmDestinations.ForPerson(managerId, manager, organization);
            if (!marks.Any(u => u.PersonId == managerId && u.Platform == platform))
            {
                yield return new OutboxEntry(new OutgoingMessage(organization.Id, platform, destination, notice, key), kind, now);
                yield break;
            }
        }

        foreach (var (channel, i) in RhythmDestinations.ForChannels(scorecard, organization)
                     .Where(c => !failed.Contains((c.Platform, c.Destination.ConversationId))).Select((c, i) => (c, i)))
        {
            yield return new OutboxEntry(
                new OutgoingMessage(organization.Id, channel.Platform, channel.Destination, notice, i == 0 ? key : $"{key}#{i}"),
                kind, now, key);
        }
    }

    private static NotPosted DescribeExpired(OutboxMessage row, Scorecard scorecard, IReadOnlyDictionary<Guid, Person> people, FiscalCalendar calendar)
    {
        var described = Describe(row, scorecard, people, calendar);
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        var when = row.ExpiresAt is { } deadline
            ? DayText.MomentWithYear(TimeZoneInfo.ConvertTime(deadline, calendar.TimeZone), culture)
            : "its moment";
        var why = row.Kind switch
        {
            "digest" or "escalation" or "reminder" or "window" => $"its meeting had started ({when}) before I could send it",
            "agenda" or "check" => $"its meeting was over ({when}) before I could send it",
            "prompt" => $"its due date had passed ({when}) before I could send it; the reminder asks instead",
            _ => $"its deadline ({when}) had passed before I could send it",
        };
        return described with { Why = why };
    }

    /// <summary>
    /// Channel posts (a digest, an agenda, a check, a fallback) that the platform refused for good,
    /// and direct messages refused because of the whole installation (a revoked token): the
    /// scorecard manager is told once what was not posted and why. Nothing is retried.
    /// </summary>
    private async Task<int> NotPostedAsync(ScorecardDbContext db, Organization organization, CancellationToken cancellationToken)
    {
        var dead = await db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.OrganizationId == organization.Id && m.Status == OutboxStatus.Dead && m.FollowedUpAt == null
                && m.Platform != Platform.Webhook && !NoticeKinds.Contains(m.Kind))
            .OrderBy(m => m.Id)
            .Take(500)
            .ToListAsync(cancellationToken);
        var notPosted = dead.Where(m => m.PersonId is null || (m.FailureCode is { } code && !DeliveryFailureCodes.MeansUnreachable(code) && DeliveryFailureCodes.MeansChannelProblem(code))).ToList();

        // No manager to tell directly: the scorecard's channels that did work hear it.
        var (taken, written) = await TellManagersAsync(db, organization, notPosted, (group, scorecard, people, calendar) => new ManagerNotice(
            UnreachableNotes.NotPostedNotice(scorecard, group.Select(r => Describe(r, scorecard, people, calendar)).Distinct().ToList()),
            $"notposted:{scorecard.Id}:{group.Min(r => r.Id)}",
            UnreachableNotes.NotPostedKind,
            group.Where(r => r.PersonId is null).Select(r => (r.Platform, r.ConversationId)).ToHashSet()), cancellationToken);
        if (taken > 0)
        {
            logger.LogWarning(
                "{Count} message(s) of organization {OrganizationId} could not be posted; the scorecard manager was told",
                taken, organization.Id);
        }

        return written;
    }

    /// <summary>Marks the rows followed up; of two instances following up at once, one takes each row.</summary>
    private static async Task<List<OutboxMessage>> TakeAsync(
        DbSet<OutboxMessage> rows, IEnumerable<OutboxMessage> candidates, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var taken = new List<OutboxMessage>();
        foreach (var row in candidates)
        {
            if (await rows.Where(m => m.Id == row.Id && m.FollowedUpAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.FollowedUpAt, now), cancellationToken) == 1)
            {
                taken.Add(row);
            }
        }

        return taken;
    }

    /// <summary>The organization's scorecards (with their channels) and people (with their accounts), by id.</summary>
    private static async Task<(Dictionary<Guid, Scorecard> Scorecards, Dictionary<Guid, Person> People)> ScorecardsAndPeopleAsync(
        ScorecardDbContext db, Organization organization, CancellationToken cancellationToken)
    {
        var scorecards = await db.Scorecards.AsNoTracking().Include(s => s.Channels)
            .Where(s => s.OrganizationId == organization.Id).ToDictionaryAsync(s => s.Id, cancellationToken);
        var people = await db.People.AsNoTracking().Include(p => p.Accounts)
            .Where(p => p.OrganizationId == organization.Id).ToDictionaryAsync(p => p.Id, cancellationToken);
        return (scorecards, people);
    }

    /// <summary>The scorecard a rhythm row (or a fallback of one, "fallback:{key}") belongs to.</summary>
    private static Guid ScorecardOf(string key)
    {
        var own = key.StartsWith("fallback:", StringComparison.Ordinal) ? key["fallback:".Length..] : key;
        return RhythmKeys.TryRead(own, out _, out var id, out _) ? id : Guid.Empty;
    }

    private static NotPosted Describe(OutboxMessage row, Scorecard scorecard, IReadOnlyDictionary<Guid, Person> people, FiscalCalendar calendar)
    {
        var fallback = row.Key.StartsWith("fallback:", StringComparison.Ordinal);
        var own = fallback ? row.Key["fallback:".Length..] : row.Key;
        var period = RhythmKeys.TryRead(own, out _, out _, out var p) ? $" for {calendar.Label(p, System.Globalization.CultureInfo.InvariantCulture)}" : "";
        var what = row.Kind switch
        {
            "fallback" => "a message for someone I can't reach directly",
            "check" => "the quarterly check" + period,
            "window" => "the note that collection is open" + period,
            var kind => $"the {kind}{period}",
        };
        var code = row.FailureCode ?? "unknown";
        var where = row.PersonId is { } person
            ? people.TryGetValue(person, out var someone) ? $"the chat with {someone.Name}" : "a direct chat"
            : scorecard.Channels.FirstOrDefault(c => c.Platform == row.Platform && c.ConversationId == row.ConversationId)?.Name ?? row.ConversationId ?? "the channel";
        var why = DeliveryFailureCodes.MeansChannelProblem(code)
            ? DeliveryFailureCodes.ExplainChannel(code, row.Platform)
            : $"{row.Platform} kept failing ({row.LastError})";
        return new NotPosted(what, where, row.Platform, why);
    }

    private async Task<int> DirectMessagesAsync(ScorecardDbContext db, Organization organization, CancellationToken cancellationToken)
    {
        var rows = db.Set<OutboxMessage>();
        var dead = await rows.AsNoTracking()
            .Where(m => m.OrganizationId == organization.Id && m.Status == OutboxStatus.Dead && m.FollowedUpAt == null
                && m.PersonId != null && FollowedKinds.Contains(m.Kind))
            .OrderBy(m => m.Id)
            .Take(500)
            .ToListAsync(cancellationToken);
        var undelivered = dead.Where(m => m.FailureCode is { } code && DeliveryFailureCodes.MeansUnreachable(code)).ToList();
        if (undelivered.Count == 0)
        {
            return 0;
        }

        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var taken = await TakeAsync(rows, undelivered, now, cancellationToken);
        var (scorecards, people) = await ScorecardsAndPeopleAsync(db, organization, cancellationToken);
        var marks = await db.Set<UnreachablePerson>().Where(u => u.OrganizationId == organization.Id).ToListAsync(cancellationToken);

        var entries = new List<OutboxEntry>();
        foreach (var group in taken.GroupBy(r => RhythmKeys.TryRead(r.Key, out _, out var id, out _) ? id : Guid.Empty))
        {
            var scorecard = scorecards.GetValueOrDefault(group.Key);
            var channels = scorecard is null ? [] : RhythmDestinations.ForChannels(scorecard, organization).ToList();
            var told = new List<UnreachableOwner>();
            foreach (var row in group)
            {
                if (!people.TryGetValue(row.PersonId!.Value, out var person))
                {
                    continue;
                }

                var code = row.FailureCode!;
                var owner = new UnreachableOwner(person, row.Platform, code);
                var mark = marks.FirstOrDefault(u => u.PersonId == person.Id && u.Platform == row.Platform);
                if (mark is null)
                {
                    mark = new UnreachablePerson { OrganizationId = organization.Id, PersonId = person.Id, Platform = row.Platform, Reason = code, Since = now };
                    db.Add(mark);
                    marks.Add(mark);
                }

                if (mark.ManagerToldAt is null && !told.Exists(t => t.Person.Id == person.Id))
                {
                    told.Add(owner with { Code = mark.Reason, Platform = mark.Platform });
                    mark.ManagerToldAt = now;
                }

                Message undeliveredMessage;
                try
                {
                    undeliveredMessage = MessageJson.Deserialize(row.PayloadJson);
                }
                catch (FormatException ex)
                {
                    logger.LogWarning(ex, "Undelivered message {Key} cannot be read back; only the manager is told", row.Key);
                    continue;
                }

                var post = UnreachableNotes.ChannelPost(owner, undeliveredMessage);
                entries.AddRange(channels.Select((c, i) => new OutboxEntry(
                    new OutgoingMessage(organization.Id, c.Platform, c.Destination, post, i == 0 ? $"fallback:{row.Key}" : $"fallback:{row.Key}#{i}"),
                    "fallback", now, $"fallback:{row.Key}", ExpiresAt: row.ExpiresAt)));
            }

            if (told.Count > 0 && scorecard is not null)
            {
                entries.AddRange(Notice(organization, scorecard, told, people, marks, channels, group.Min(r => r.Id), now));
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        var written = await writer.AddManyAsync(db, entries, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        reachability?.Invalidate();
        logger.LogWarning(
            "{Count} message(s) of organization {OrganizationId} could not reach their recipient; posted in the team channel and told the manager",
            taken.Count, organization.Id);
        return written;
    }

    /// <summary>To the scorecard's manager, privately; to the team channel when the manager cannot be reached either.</summary>
    private static IEnumerable<OutboxEntry> Notice(
        Organization organization, Scorecard scorecard, IReadOnlyList<UnreachableOwner> told, IReadOnlyDictionary<Guid, Person> people,
        IReadOnlyList<UnreachablePerson> marks, IReadOnlyList<(Platform Platform, Destination Destination)> channels, long firstRowId, DateTimeOffset now)
    {
        var notice = UnreachableNotes.ManagerNotice(scorecard, told, channels.Count == 0 ? null : RhythmDestinations.ChannelNames(scorecard, organization));
        var key = $"unreachable:{scorecard.Id}:{firstRowId}";
        if (scorecard.ManagerId is { } managerId && people.TryGetValue(managerId, out var manager) && manager.IsActive)
        {
            var (platform, destination) = RhythmDestinations.ForPerson(managerId, manager, organization);
            if (!marks.Any(u => u.PersonId == managerId && u.Platform == platform))
            {
                yield return new OutboxEntry(new OutgoingMessage(organization.Id, platform, destination, notice, key), UnreachableNotes.NoticeKind, now);
                yield break;
            }
        }

        foreach (var (channel, i) in channels.Select((c, i) => (c, i)))
        {
            yield return new OutboxEntry(
                new OutgoingMessage(organization.Id, channel.Platform, channel.Destination, notice, i == 0 ? key : $"{key}#{i}"),
                UnreachableNotes.NoticeKind, now, key);
        }
    }
}
