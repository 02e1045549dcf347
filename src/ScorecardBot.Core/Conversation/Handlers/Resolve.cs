using ScorecardBot.Core.Conversation.Grammar;
using ScorecardBot.Core.Conversation.Matching;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Conversation.Handlers;

/// <summary>Turns the words of a command into a KPI, a person or a scorecard of the organization, or into the reply that explains why not.</summary>
internal static class Resolve
{
    public static (Kpi? Kpi, TurnResult? Reply) Kpi(TurnContext context, string text, string command)
    {
        var trimmed = text.Trim().Trim('"');
        var byKey = context.Snapshot.Kpis.Where(k =>
            string.Equals(k.Key, trimmed, StringComparison.OrdinalIgnoreCase) ||
            string.Equals($"{context.Snapshot.ScorecardOf(k).Key}/{k.Key}", trimmed, StringComparison.OrdinalIgnoreCase) ||
            string.Equals(k.Name, trimmed, StringComparison.OrdinalIgnoreCase)).ToList();
        if (byKey.Count == 1)
        {
            return (byKey[0], null);
        }

        var match = context.Snapshot.Matcher.Match(trimmed, SubjectKind.Kpi);
        return match.Verdict switch
        {
            MatchVerdict.Found => (context.Snapshot.FindKpi(match.Best!.Id), null),
            MatchVerdict.Ambiguous => (null, Replies.Choose(match, trimmed,
                $"Repeat the command with the KPI's key, e.g. {command} {string.Join(" or ", match.Candidates.Take(3).Select(c => $"{context.Snapshot.ScorecardOf(context.Snapshot.FindKpi(c.Subject.Id)!).Key}/{context.Snapshot.FindKpi(c.Subject.Id)!.Key}"))}.")),
            _ => (null, Replies.NothingMatches(trimmed, context.Snapshot.Matcher.Nearest(TextTokens.Words(trimmed), SubjectKind.Kpi, 3))),
        };
    }

    public static (Person? Person, TurnResult? Reply) Person(TurnContext context, PersonToken token)
    {
        var snapshot = context.Snapshot;
        Person? found = null;
        List<Person> several = [];
        switch (token.Kind)
        {
            case PersonTokenKind.SlackUser:
                found = snapshot.FindPersonByAccount(Platform.Slack, token.Value);
                break;
            case PersonTokenKind.Email:
                found = snapshot.FindPersonByEmail(token.Value);
                break;
            case PersonTokenKind.TeamsMention:
                var mentioned = context.Turn.Mentions.FirstOrDefault(m =>
                    string.Equals(m.Text, token.Raw, StringComparison.OrdinalIgnoreCase) ||
                    string.Equals(m.Name, token.Value, StringComparison.OrdinalIgnoreCase));
                found = mentioned is null ? null : snapshot.FindPersonByAccount(Platform.Teams, mentioned.PlatformUserId);
                if (found is null)
                {
                    (found, several) = ByName(snapshot, token.Value);
                }

                break;
            default:
                (found, several) = ByName(snapshot, token.Value);
                break;
        }

        if (found is { IsActive: true })
        {
            return (found, null);
        }

        if (several.Count > 1)
        {
            return (null, TurnResult.Of(Message.Text(
                $"Several people match \"{token.Value}\": {string.Join(", ", several.Select(p => $"{p.Name} ({p.Email})"))}. Use the e-mail address.", Replies.NotFoundKind)));
        }

        return (null, TurnResult.Of(Message.Text(
            $"I don't know {token.Raw} in {snapshot.Organization.Name}. Use their e-mail address, or ask an admin to add them.", Replies.NotFoundKind)));
    }

    /// <summary>
    /// The scorecard a command is about: named in it, else the one whose team channel this is,
    /// else the only one, else the only one the person manages. Otherwise ask.
    /// </summary>
    public static (Scorecard? Scorecard, TurnResult? Reply) Scorecard(TurnContext context, string? text, string command)
    {
        var snapshot = context.Snapshot;
        if (!string.IsNullOrWhiteSpace(text))
        {
            var byKey = snapshot.Scorecards.FirstOrDefault(s => string.Equals(s.Key, text.Trim(), StringComparison.OrdinalIgnoreCase));
            if (byKey is not null)
            {
                return (byKey, null);
            }

            var match = snapshot.Matcher.Match(text, SubjectKind.Scorecard);
            return match.Verdict switch
            {
                MatchVerdict.Found => (snapshot.FindScorecard(match.Best!.Id), null),
                MatchVerdict.Ambiguous => (null, Replies.Choose(match, text)),
                _ => (null, TurnResult.Of(Message.Text(
                    $"There is no scorecard called \"{text}\". Scorecards: {string.Join(", ", snapshot.Scorecards.Select(s => s.Key))}.", Replies.NotFoundKind))),
            };
        }

        var byChannel = snapshot.Scorecards.Where(s => s.Channels.Exists(c => c.ConversationId == context.Turn.Conversation.ConversationId)).ToList();
        if (byChannel.Count == 1)
        {
            return (byChannel[0], null);
        }

        if (snapshot.Scorecards.Count == 1)
        {
            return (snapshot.Scorecards[0], null);
        }

        var managed = snapshot.Scorecards.Where(s => s.ManagerId == context.Person.Id).ToList();
        if (managed.Count == 1)
        {
            return (managed[0], null);
        }

        if (snapshot.Scorecards.Count == 0)
        {
            return (null, TurnResult.Of(Message.Text("This organization has no scorecard yet.", Replies.NotFoundKind)));
        }

        return (null, TurnResult.Of(Message.Text(
            $"Which scorecard? Say {string.Join(" or ", snapshot.Scorecards.Select(s => $"{command} {s.Key}"))}.", Replies.ChooseKind)));
    }

    private static (Person? Found, List<Person> Several) ByName(OrganizationSnapshot snapshot, string name)
    {
        var wanted = name.Trim().TrimStart('@').Replace('.', ' ').Replace('_', ' ');
        var active = snapshot.People.Where(p => p.IsActive).ToList();
        var exact = active.Where(p => string.Equals(p.Name, wanted, StringComparison.OrdinalIgnoreCase)).ToList();
        if (exact.Count == 1)
        {
            return (exact[0], exact);
        }

        var local = active.Where(p => string.Equals(p.Email.Split('@')[0].Replace('.', ' '), wanted, StringComparison.OrdinalIgnoreCase)).ToList();
        if (local.Count == 1)
        {
            return (local[0], local);
        }

        var first = active.Where(p => string.Equals(p.Name.Split(' ')[0], wanted, StringComparison.OrdinalIgnoreCase)).ToList();
        return first.Count == 1 ? (first[0], first) : (null, first.Count > 1 ? first : exact);
    }
}
