using ScorecardBot.Core.Conversation.Matching;
using ScorecardBot.Core.Model;

namespace ScorecardBot.Core.Conversation.Grammar;

/// <summary>What a turn asks for, once read from a command, a question or a card action.</summary>
internal abstract record Request;

internal sealed record HelpRequest(string? Command) : Request;

/// <summary><c>status [scorecard|perspective|kpi] [period]</c>: the subject is resolved by the handler.</summary>
internal sealed record StatusRequest(string? SubjectText, Period? Period) : Request;

internal sealed record MyRequest : Request;

internal sealed record AssignRequest(string KpiText, PersonToken Person) : Request;

internal sealed record DelegateRequest(string KpiText, PersonToken Person) : Request;

internal sealed record TargetRequest(string KpiText, Period Period, string ValueText) : Request;

internal sealed record ActualRequest(string KpiText, Period? Period, string ValueText, string? Comment) : Request;

internal sealed record NoDataRequest(string KpiText, Period? Period, string Reason) : Request;

internal enum ReviewWork
{
    Remind = 0,
    Digest = 1,
    Agenda = 2,
    Map = 3,
    Lint = 4,
}

/// <summary><c>remind|digest|agenda|map|lint [scorecard]</c>.</summary>
internal sealed record ReviewRequest(ReviewWork Work, string? ScorecardText) : Request;

internal sealed record ActionAddRequest(string Text, PersonToken Owner, DateOnly Due) : Request;

internal sealed record ActionDoneRequest(int Number) : Request;

internal sealed record WindowRequest(bool Open, string? ScorecardText) : Request;

/// <summary><c>cycle [quarterly] [scorecard] "2nd Tuesday 10:00" [settings]</c>: a new review cycle for a scorecard.</summary>
internal sealed record CycleRequest(string? ScorecardText, ReviewKind Kind, Rhythm.CycleSettings Settings) : Request;

internal sealed record WhoOwnsRequest(string KpiText) : Request;

/// <summary>A command word with arguments that do not fit: answer with its usage and what was wrong.</summary>
internal sealed record UsageRequest(string Command, string Problem) : Request;

/// <summary>
/// Words shaped like a command ("people add Ana", "kpi delete scrap") whose command word is none of
/// ours: answered "I don't know the command X", never read as a question about X.
/// </summary>
internal sealed record UnknownCommandRequest(string Command) : Request;

/// <summary>A question in plain words, already interpreted.</summary>
internal sealed record QuestionRequest(Interpretation Interpretation) : Request;

/// <summary>
/// A person named in a command: a Slack mention (&lt;@U123|ana&gt;), a Teams mention (&lt;at&gt;Ana Costa&lt;/at&gt;),
/// "@Ana" or "@Ana Costa", or an e-mail address.
/// </summary>
internal sealed record PersonToken(PersonTokenKind Kind, string Value, string Raw);

internal enum PersonTokenKind
{
    SlackUser = 0,
    TeamsMention = 1,
    Name = 2,
    Email = 3,
}

internal enum QuestionIntent
{
    /// <summary>How a KPI (or objective, perspective, scorecard) is doing.</summary>
    Status = 0,
    /// <summary>Whether a KPI is improving.</summary>
    Trend = 1,
    WhoOwns = 2,
    /// <summary>What is red (or amber, or off track).</summary>
    Red = 3,
    StrategyMap = 4,
    /// <summary>What the person still has to report.</summary>
    MyDue = 5,
    Help = 6,
    Agenda = 7,
    Digest = 8,
    /// <summary>How everything is doing: no subject named.</summary>
    Overview = 9,
    /// <summary>Words that are neither a command nor a question we understand.</summary>
    Unknown = 10,
    /// <summary>"hi", "thanks", a bare "?": a short greeting with what to ask, not a status table.</summary>
    Greeting = 11,
    /// <summary>Whether a KPI will meet its target ("will we hit the retention target", "forecast NPS").</summary>
    Forecast = 12,
}

/// <summary>
/// A question's intent, what it is about (if anything), and the period it names: <see cref="Asked"/>
/// is the span (and the span to compare with) as asked; <see cref="Period"/> the one period an
/// answer about a single period speaks of (the span's last).
/// </summary>
/// <param name="StatusFilter">For <see cref="QuestionIntent.Red"/>: the status listed (red when null).</param>
/// <param name="OrAmber">For <see cref="QuestionIntent.Red"/>: amber KPIs are listed with the red ones ("amber or red", "not on track").</param>
/// <param name="SubjectText">The words that named the subject, for "There is no KPI called ...".</param>
internal sealed record Interpretation(QuestionIntent Intent, SubjectMatch? Subject, Period? Period, Status? StatusFilter = null, bool OrAmber = false, string? SubjectText = null)
{
    /// <summary>The period words as a span with its comparison ("this quarter vs last", "last 3 months", "YTD"); null when none were named.</summary>
    public Periods.AskedPeriod? Asked { get; init; }
}
