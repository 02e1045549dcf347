using System.Globalization;
using ScorecardBot.Core.Conversation.Answers;
using ScorecardBot.Core.Conversation.Grammar;
using ScorecardBot.Core.Conversation.Matching;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Conversation.Handlers;

/// <summary>Answers questions: how a KPI or group is doing, whether it improves, what is red, who owns what. Anyone in the organization may ask.</summary>
internal static class AskHandler
{
    public static TurnResult Question(TurnContext context, Interpretation question, string text) => question.Intent switch
    {
        QuestionIntent.Red => Red(context, question.Subject, question.Period, question.StatusFilter ?? Model.Status.Red, question.OrAmber),
        QuestionIntent.Overview => Overview(context, question.Period),
        QuestionIntent.WhoOwns => WhoOwns(context, question.Subject!, text),
        QuestionIntent.Forecast => About(context, question.Subject, question.Period, trend: false, text, question.SubjectText, forecast: true),
        _ => About(context, question.Subject, question.Period, question.Intent == QuestionIntent.Trend, text, question.SubjectText, asked: question.Asked),
    };

    public static TurnResult Status(TurnContext context, StatusRequest request)
    {
        if (request.SubjectText is null)
        {
            return Overview(context, request.Period);
        }

        return About(context, QuestionReader.ResolveSubject(request.SubjectText, context.Snapshot), request.Period, trend: false, request.SubjectText,
            asked: request.Period is { } period ? Periods.AskedPeriod.Of(period) : null);
    }

    public static TurnResult WhoOwns(TurnContext context, string kpiText) =>
        WhoOwns(context, QuestionReader.ResolveSubject(kpiText, context.Snapshot, SubjectKind.Kpi), kpiText);

    /// <param name="words">The question as typed.</param>
    /// <param name="subjectWords">The words of it that named the subject, when the grammar read them apart.</param>
    /// <param name="asked">The period words as a span and the span compared with, when the question named any.</param>
    public static TurnResult About(TurnContext context, SubjectMatch? match, Period? period, bool trend, string words, string? subjectWords = null, bool forecast = false,
        Periods.AskedPeriod? asked = null)
    {
        if (match is null || match.Verdict == MatchVerdict.None)
        {
            var named = string.IsNullOrWhiteSpace(subjectWords) ? words : subjectWords;
            return Replies.NothingMatches(named.Trim().TrimEnd('?'), match?.Candidates ?? []);
        }

        if (match.Verdict == MatchVerdict.Ambiguous)
        {
            return Replies.Choose(match, null);
        }

        return Subject(context, match, period, trend, words, forecast, asked);
    }

    public static TurnResult Subject(TurnContext context, SubjectMatch match, Period? period, bool trend, string? question = null, bool forecast = false,
        Periods.AskedPeriod? asked = null)
    {
        var snapshot = context.Snapshot;
        var subject = match.Best!;
        var services = context.Services;
        switch (subject.Kind)
        {
            case SubjectKind.Kpi:
                var kpi = snapshot.FindKpi(subject.Id)!;

                // "Q3", "YTD", "last 3 months", "this quarter vs last": the KPI over the span by its rule. A trend over a span is the trend up to its end.
                if (asked is { } span && !forecast && (!trend || span.Comparison is not null) && SpanAnswer.Applies(kpi, span))
                {
                    return TurnResult.Of(SpanAnswer.Build(snapshot, kpi, span, context.Now, services.Charts));
                }

                var reading = KpiReading.For(snapshot, kpi, period, context.ReportingMonth);
                // The period being reported now, when it has no value yet: said beside the older value, not left out.
                var latest = ReportingPeriod.For(kpi, snapshot, context.Now);
                var missing = period is null || reading.Period >= latest ? Outstanding.Latest(snapshot, kpi, context.Now) : null;
                return TurnResult.Of(KpiAnswer.Build(snapshot, reading, services.Charts, trend, question, forecast,
                    missing is null ? null : Outstanding.Sentence(snapshot, missing, context.Now)));
            case SubjectKind.Objective:
                var objective = snapshot.FindObjective(subject.Id)!;
                var home = snapshot.FindScorecard(subject.ScorecardId)!;
                return Group(context, $"Objective: {objective.Name}",
                    [new GroupAnswer.Section($"{objective.Name} ({home.Name})", [.. Readings.OfObjective(home, objective)])], period, "objective", asked);
            case SubjectKind.Perspective:
                // A perspective of the same name in several scorecards is answered for each of them.
                var sections = match.Candidates.Where(c => c.Subject.Kind == SubjectKind.Perspective)
                    .Select(c => (Scorecard: snapshot.FindScorecard(c.Subject.ScorecardId)!, Perspective: snapshot.FindPerspective(c.Subject.Id)!))
                    .Select(p => new GroupAnswer.Section($"{p.Perspective.Name} ({p.Scorecard.Name})", snapshot.KpisOf(p.Scorecard, p.Perspective)))
                    .ToList();
                return Group(context, $"{subject.Name} perspective", sections, period, "scorecard", asked);
            default:
                var scorecard = snapshot.FindScorecard(subject.Id)!;
                return Group(context, scorecard.Name,
                    [.. scorecard.Perspectives.OrderBy(p => p.Order).Select(p => new GroupAnswer.Section(p.Name, snapshot.KpisOf(scorecard, p)))], period, "perspective", asked);
        }
    }

    public static TurnResult Overview(TurnContext context, Period? period)
    {
        var snapshot = context.Snapshot;
        if (snapshot.Scorecards.Count == 0)
        {
            return TurnResult.Of(Message.Text("This organization has no scorecard yet.", Replies.NotFoundKind));
        }

        if (snapshot.KpiList.Count > Paging.GroupRows)
        {
            return WholeOrganization(context, period);
        }

        var sections = snapshot.Scorecards.Select(s => new GroupAnswer.Section(s.Name, [.. s.Kpis.OrderBy(k => k.Order)])).ToList();
        return Group(context, snapshot.Organization.Name, sections, period, "scorecard");
    }

    /// <summary>
    /// The status of a large organization, summed up per scorecard from the snapshot's board of
    /// the period (each scorecard's KPIs are together in it), so no KPI is read on the question.
    /// </summary>
    private static TurnResult WholeOrganization(TurnContext context, Period? period)
    {
        var snapshot = context.Snapshot;
        var scope = snapshot.KpiList;
        var (at, collecting) = Speaks(context, period, scope);
        var board = snapshot.Board(at);
        var sections = new List<GroupAnswer.Section>(snapshot.Scorecards.Count);
        var start = 0;
        foreach (var scorecard in snapshot.Scorecards)
        {
            var count = scorecard.Kpis.Count;
            sections.Add(new GroupAnswer.Section(scorecard.Name, scorecard.Kpis, board.Slice(start, count), board.SummaryOf(start, count)));
            start += count;
        }

        var worst = board.WorstWith(Model.Status.Red).Concat(board.WorstWith(Model.Status.Amber)).Take(10).Select(i => board[i]).ToList();
        var message = GroupAnswer.Build(snapshot, snapshot.Organization.Name, sections, at, "scorecard", worst, board.SummaryOf(0, scope.Count));
        return TurnResult.Of(WithOutstanding(context, message, scope, collecting));
    }

    /// <summary>A group's status for the period it speaks of, with what is still outstanding.</summary>
    /// <param name="asked">The question's period words: a span ("this quarter", "Q3", "YTD") makes each KPI one value over it by its own rule.</param>
    private static TurnResult Group(TurnContext context, string heading, IReadOnlyList<GroupAnswer.Section> sections, Period? period, string noun, Periods.AskedPeriod? asked = null)
    {
        if (asked is { } span && GroupSpanAnswer.Applies(span))
        {
            return TurnResult.Of(GroupSpanAnswer.Build(context.Snapshot, heading, sections, span, context.Now, noun));
        }

        var scope = sections.SelectMany(s => s.Kpis).Distinct().ToList();
        var (at, collecting) = Speaks(context, period, scope);
        if (scope.Count > Paging.GroupRows)
        {
            // A large group reads its KPIs from the organization's board of the period.
            var board = context.Snapshot.Board(at);
            sections = [.. sections.Select(s => s with { Readings = [.. s.Kpis.Select(k => context.Snapshot.IndexOf(k) is var i and >= 0 ? board[i] : KpiReading.For(context.Snapshot, k, at))] })];
        }

        var message = GroupAnswer.Build(context.Snapshot, heading, sections, at, noun);
        return TurnResult.Of(WithOutstanding(context, message, scope, collecting));
    }

    /// <param name="orAmber">Amber KPIs are listed with the red ones ("amber or red", "not on track").</param>
    public static TurnResult Red(TurnContext context, SubjectMatch? filter, Period? period, Status wanted, bool orAmber = false)
    {
        var snapshot = context.Snapshot;
        IEnumerable<Kpi> scope = snapshot.KpiList;
        var scopeName = string.Empty;
        if (filter is { Verdict: MatchVerdict.Found, Best: { } subject })
        {
            scopeName = " in " + Replies.Describe(subject);
            var scorecard = snapshot.FindScorecard(subject.ScorecardId)!;
            scope = subject.Kind switch
            {
                SubjectKind.Scorecard => scorecard.Kpis,
                SubjectKind.Perspective => filter.Candidates
                    .Where(c => c.Subject.Kind == SubjectKind.Perspective)
                    .SelectMany(c => snapshot.KpisOf(snapshot.FindScorecard(c.Subject.ScorecardId)!, snapshot.FindPerspective(c.Subject.Id)!)),
                SubjectKind.Objective => Readings.OfObjective(scorecard, snapshot.FindObjective(subject.Id)!),
                _ => [snapshot.FindKpi(subject.Id)!],
            };
            if (subject.Kind == SubjectKind.Perspective)
            {
                var names = filter.Candidates.Where(c => c.Subject.Kind == SubjectKind.Perspective).Select(c => c.Subject.Name).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
                scopeName = names.Count == 1 ? $" in the {subject.Name} perspective" : $" in the {string.Join(" and ", names)} perspectives";
            }
        }

        var kpis = scope as IReadOnlyCollection<Kpi> ?? [.. scope];
        var (at, collecting) = Speaks(context, period, kpis);
        var culture = context.Culture;
        var readings = Listed(snapshot, kpis, at, wanted, orAmber);
        var colour = orAmber ? "red or amber" : ValueText.Status(wanted).ToLowerInvariant();
        var when = ValueText.Period(at, culture);
        if (readings.Count == 0)
        {
            return TurnResult.Of(WithOutstanding(context, Message.Text($"Nothing is {colour}{scopeName} in {when}.", "red"), kpis, collecting));
        }

        // A long list shows the KPIs furthest off target and says where the rest are.
        var shown = readings.Count <= Paging.Rows ? readings
            : (ReferenceEquals(kpis, snapshot.KpiList) ? Worst(snapshot.Board(at), wanted, orAmber) : null) ?? Paging.Worst(readings, Paging.Rows);
        var rows = shown.Select(r => Readings.Row(snapshot, r) with { Note = r.Actual?.Comment }).ToList();
        var summary = $"{readings.Count} {(readings.Count == 1 ? "KPI is" : "KPIs are")} {colour}{scopeName} in {when}: " +
            (shown.Count < readings.Count ? $"the {shown.Count} furthest off target: " : string.Empty) +
            string.Join("; ", shown.Select(r => $"{r.Kpi.Name} ({snapshot.ScorecardOf(r.Kpi).Name}) {Readings.Format(snapshot, r.Value, r.Kpi)} vs {(r.Target is null ? "no target" : Readings.Format(snapshot, r.Target.Value, r.Kpi))}, owner {r.Owner?.Name ?? "none"}")) + ".";
        var heading = orAmber ? "Red or amber" : ValueText.Status(wanted);
        var blocks = new List<Block> { new Heading($"{heading}{scopeName} — {when}"), new KpiTable(rows) };
        if (shown.Count < readings.Count)
        {
            var more = More(snapshot, readings, shown, colour);
            blocks.Add(Paragraph.Of(more));
            summary += " " + more;
        }

        return TurnResult.Of(WithOutstanding(context, new Message(blocks, summary) { Kind = "red" }, kpis, collecting));
    }

    /// <summary>
    /// The KPIs of the scope with the status asked for, red before amber, else in the scope's order.
    /// The whole organization is read from the snapshot's board of the period, built once.
    /// </summary>
    private static List<KpiReading> Listed(OrganizationSnapshot snapshot, IReadOnlyCollection<Kpi> kpis, Period at, Status wanted, bool orAmber)
    {
        if (!ReferenceEquals(kpis, snapshot.KpiList))
        {
            return Readings.Of(snapshot, kpis, at).Where(r => r.Status == wanted || (orAmber && r.Status == Model.Status.Amber))
                .OrderBy(r => r.Status == Model.Status.Red ? 0 : 1).ToList();
        }

        var board = snapshot.Board(at);
        IEnumerable<int> positions = board.With(wanted);
        if (orAmber && wanted != Model.Status.Amber)
        {
            positions = positions.Concat(board.With(Model.Status.Amber)).Order();
        }

        return positions.Select(i => board[i]).OrderBy(r => r.Status == Model.Status.Red ? 0 : 1).ToList();
    }

    /// <summary>The organization's KPIs of a long list furthest off target, from the board's severity order (red before amber).</summary>
    private static List<KpiReading>? Worst(PeriodBoard board, Status wanted, bool orAmber)
    {
        IEnumerable<int> positions = board.WorstWith(wanted);
        if (orAmber && wanted != Model.Status.Amber)
        {
            if (wanted != Model.Status.Red)
            {
                return null;
            }

            positions = positions.Concat(board.WorstWith(Model.Status.Amber));
        }

        return [.. positions.Take(Paging.Rows).Select(i => board[i])];
    }

    /// <summary>
    /// "And 2,975 more red: Berlin 31, Munich 29, … Ask “what's red in Berlin” to see one scorecard's." —
    /// the rest of a long list counted where it is, by scorecard (within one scorecard, by objective).
    /// </summary>
    private static string More(OrganizationSnapshot snapshot, List<KpiReading> readings, List<KpiReading> shown, string colour)
    {
        var rest = readings.Count - shown.Count;
        var byScorecard = readings.Select(r => snapshot.ScorecardOf(r.Kpi).Name).Distinct().Take(2).Count() > 1;
        var groups = readings
            .GroupBy(r => byScorecard ? snapshot.ScorecardOf(r.Kpi).Name : snapshot.ObjectiveOf(r.Kpi)?.Name ?? "no objective")
            .Select(g => (Name: g.Key, Count: g.Count()))
            .OrderByDescending(g => g.Count)
            .ToList();
        var named = groups.Take(5).Select(g => $"{g.Name} {g.Count.ToString("N0", CultureInfo.InvariantCulture)}");
        var others = groups.Count > 5 ? $" and {groups.Count - 5} more {(byScorecard ? "scorecards" : "objectives")}" : string.Empty;
        var kind = byScorecard ? "scorecard" : "objective";
        return $"And {rest.ToString("N0", CultureInfo.InvariantCulture)} more {colour} ({string.Join(", ", named)}{others}). " +
            $"Ask “what's {colour} in {groups[0].Name}” to see one {kind}'s list.";
    }

    /// <summary>
    /// The period a status or red list speaks of, and the month whose missing actuals it names.
    /// Asked for no period, or for a month that cannot be reported yet ("what's red this month"):
    /// the month being reported; while its review has not been held and actuals of it are still
    /// outstanding, the last reviewed month instead (the one before), so that "nothing is red"
    /// is never said of a month with hardly a value in it. A month asked for by name names its own
    /// missing actuals.
    /// </summary>
    private static (Period At, Period? Collecting) Speaks(TurnContext context, Period? period, IReadOnlyCollection<Kpi> scope)
    {
        var month = context.ReportingMonth;
        if (period is { } p && !(p.Kind == PeriodKind.Month && p > month))
        {
            return (p, p.Kind == PeriodKind.Month ? p : null);
        }

        var snapshot = context.Snapshot;
        if (ReportingPeriod.IsOpen(snapshot, month, context.Now) && Missing(snapshot, scope, month).Missing.Count > 0)
        {
            return (month.Previous, month);
        }

        return (month, month);
    }

    /// <summary>The message with a line naming what is still outstanding for <paramref name="month"/> in the scope, if anything is.</summary>
    private static Message WithOutstanding(TurnContext context, Message message, IReadOnlyCollection<Kpi> scope, Period? month)
    {
        if (month is not { } m)
        {
            return message;
        }

        var snapshot = context.Snapshot;
        var (missing, of) = Missing(snapshot, scope, m);
        if (Outstanding.Summary(snapshot, missing, of, m, context.Now) is not { } line)
        {
            return message;
        }

        return message with { Blocks = [.. message.Blocks, Paragraph.Of(line, TextTone.Warning)], Summary = $"{message.Summary} {line}" };
    }

    /// <summary>The scope's KPIs missing for the review of <paramref name="month"/>, and how many report for it; the whole organization's once per snapshot.</summary>
    private static (IReadOnlyList<MissingActual> Missing, int Of) Missing(OrganizationSnapshot snapshot, IReadOnlyCollection<Kpi> scope, Period month)
    {
        if (ReferenceEquals(scope, snapshot.KpiList))
        {
            var all = snapshot.OutstandingOf(month);
            return (all.All, all.Reporting);
        }

        if (scope.Count > Paging.GroupRows)
        {
            // A large scope (a perspective in every scorecard) looks its KPIs up in the organization's, in its own order.
            var all = snapshot.OutstandingOf(month);
            var missing = new List<MissingActual>();
            var of = 0;
            foreach (var kpi in scope)
            {
                var index = snapshot.IndexOf(kpi);
                if (index < 0)
                {
                    continue;
                }

                of += all.Reports(index) ? 1 : 0;
                if (all[index] is { } m)
                {
                    missing.Add(m);
                }
            }

            return (missing, of);
        }

        return (Outstanding.In(snapshot, scope, month), scope.Count(k => Outstanding.PeriodFor(snapshot, k, month) is not null));
    }

    private static TurnResult WhoOwns(TurnContext context, SubjectMatch match, string words)
    {
        if (match.Verdict != MatchVerdict.Found)
        {
            return About(context, match, null, trend: false, words);
        }

        var snapshot = context.Snapshot;
        var kpi = snapshot.FindKpi(match.Best!.Id)!;
        var owner = snapshot.FindPerson(kpi.OwnerId);
        var delegatePerson = snapshot.FindPerson(kpi.DelegateId);
        if (owner is null)
        {
            return TurnResult.Of(Message.Text($"{kpi.Name} ({snapshot.ScorecardOf(kpi).Name}) has no owner yet. A scorecard manager can assign one: assign {kpi.Key} @person.", "owner"));
        }

        var inlines = new List<Inline> { Review.Mentions.Of(owner), new Run($" owns {kpi.Name} ({snapshot.ScorecardOf(kpi).Name}).") };
        var summary = $"{owner.Name} owns {kpi.Name} ({snapshot.ScorecardOf(kpi).Name}).";
        if (delegatePerson is not null)
        {
            inlines.Add(new Run(" "));
            inlines.Add(Review.Mentions.Of(delegatePerson));
            inlines.Add(new Run(" reports it as delegate."));
            summary += $" {delegatePerson.Name} reports it as delegate.";
        }

        return TurnResult.Of(new Message([new Paragraph(inlines)], summary) { Kind = "owner" });
    }
}
